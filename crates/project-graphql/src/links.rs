//! The `@link` directives of a schema (the core schema specification that
//! Apollo Federation v2 uses): which directive names they bring in, and
//! which of them are Apollo Federation's. The import reads them from the
//! SDL, the projection from the links it writes, so both recognize the
//! Federation directives alike.

use apollo_compiler::ast::{Directive, Value};
use apollo_compiler::Schema;
use std::collections::{HashMap, HashSet};

/// Where the Apollo Federation specifications live; a link to one makes the
/// schema a subgraph.
const FEDERATION_URL: &str = "https://specs.apollo.dev/federation/";

#[derive(Debug, Default)]
pub(crate) struct Links {
    /// Directive names made available unqualified by `import:`.
    imported: HashSet<String>,
    /// Namespaces (`federation`): their directives are `@federation__key`.
    namespaces: Vec<String>,
    /// The linked Federation specification's URL, if any.
    federation_url: Option<String>,
    /// Federation: the name here of each directive imported from the specification.
    federation_names: HashMap<String, String>,
    /// Federation: the namespace of the specification's other directives.
    federation_namespace: Option<String>,
}

impl Links {
    /// The links of a schema (its definition's and extensions' directives).
    pub fn of(schema: &Schema) -> Self {
        Self::of_directives(schema.schema_definition.directives.iter().map(|d| &***d))
    }

    /// The links among the directives applied to a schema.
    pub fn of_directives<'d>(directives: impl IntoIterator<Item = &'d Directive>) -> Self {
        let mut links = Links::default();
        for link in directives.into_iter().filter(|d| d.name == "link") {
            let Some(url) = link
                .specified_argument_by_name("url")
                .and_then(|v| v.as_str())
            else {
                continue;
            };
            let federation = url.starts_with(FEDERATION_URL);
            if federation && links.federation_url.is_none() {
                links.federation_url = Some(url.to_owned());
            }
            let namespace = link
                .specified_argument_by_name("as")
                .and_then(|v| v.as_str())
                .map_or_else(|| default_namespace(url), str::to_owned);
            for (spec_name, local) in imports(link) {
                if federation {
                    links
                        .federation_names
                        .insert(local.clone(), spec_name.clone());
                }
                links.imported.insert(local);
            }
            if federation && links.federation_namespace.is_none() {
                links.federation_namespace = Some(namespace.clone());
            }
            links.namespaces.push(namespace);
        }
        links
    }

    /// Whether a `@link` brings in the directive `name` (or `@link` itself).
    pub fn names(&self, name: &str) -> bool {
        (name == "link" && !self.namespaces.is_empty())
            || self.imported.contains(name)
            || self
                .namespaces
                .iter()
                .any(|ns| qualified(name, ns).is_some())
    }

    /// The URL of the Federation specification the schema links to.
    pub fn federation(&self) -> Option<&str> {
        self.federation_url.as_deref()
    }

    /// The Federation directive (`key`, `shareable`, …) that `name` is in
    /// this schema, if any.
    pub fn federation_directive<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        self.federation_url.as_ref()?;
        match self.federation_names.get(name) {
            Some(spec) => Some(spec),
            None => qualified(name, self.federation_namespace.as_deref()?),
        }
    }
}

/// The directive `name` names in `namespace` (`federation__key`: `key`).
fn qualified<'a>(name: &'a str, namespace: &str) -> Option<&'a str> {
    name.strip_prefix(namespace)?.strip_prefix("__")
}

/// A link's `import:` list, as (name in the specification, name here), both
/// without `@`: `"@key"` or `{name: "@key", as: "@entityKey"}`. Imported
/// types (no `@`) are not directives and are skipped.
fn imports(link: &Directive) -> Vec<(String, String)> {
    let Some(items) = link
        .specified_argument_by_name("import")
        .and_then(|v| v.as_list())
    else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match &**item {
            Value::String(name) => Some((name.clone(), name.clone())),
            Value::Object(fields) => {
                let field = |wanted: &str| {
                    fields
                        .iter()
                        .find(|(n, _)| n == wanted)
                        .and_then(|(_, v)| v.as_str())
                        .map(str::to_owned)
                };
                let name = field("name")?;
                Some((name.clone(), field("as").unwrap_or(name)))
            }
            _ => None,
        })
        .filter_map(|(spec, local)| {
            Some((
                spec.strip_prefix('@')?.to_owned(),
                local.strip_prefix('@')?.to_owned(),
            ))
        })
        .collect()
}

/// The namespace of a linked specification: the name in its URL, before the
/// version (`federation` in `https://specs.apollo.dev/federation/v2.3`).
fn default_namespace(url: &str) -> String {
    let mut segments = url.trim_end_matches('/').rsplit('/');
    let last = segments.next().unwrap_or_default();
    let is_version = last.starts_with('v') && last[1..].contains('.');
    let name = if is_version {
        segments.next().unwrap_or_default()
    } else {
        last
    };
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_come_from_the_url() {
        assert_eq!(
            default_namespace("https://specs.apollo.dev/federation/v2.3"),
            "federation"
        );
        assert_eq!(default_namespace("https://w3id.org/uda/iri/v1.0"), "iri");
        assert_eq!(default_namespace("https://example.org/spec"), "spec");
    }

    #[test]
    fn federation_directives_are_recognized_imported_renamed_or_namespaced() {
        let sdl = r#"
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
                                import: ["@key", {name: "@shareable", as: "@share"}])
            type Query { a: Int }
        "#;
        let schema = Schema::builder()
            .adopt_orphan_extensions()
            .parse(sdl, "t.graphql")
            .build()
            .expect("builds");
        let links = Links::of(&schema);
        assert_eq!(
            links.federation(),
            Some("https://specs.apollo.dev/federation/v2.3")
        );
        assert_eq!(links.federation_directive("key"), Some("key"));
        assert_eq!(links.federation_directive("share"), Some("shareable"));
        assert_eq!(links.federation_directive("shareable"), None);
        assert_eq!(
            links.federation_directive("federation__external"),
            Some("external")
        );
        assert!(links.names("link") && links.names("share") && links.names("federation__tag"));
        assert!(!links.names("udaUri"));
    }
}
