//! Valid, stable, collision-free names for one scope of a target language.

use heck::{ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// The letter case a target uses for a kind of name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `MovieTitle` (GraphQL types, Avro records).
    Pascal,
    /// `movieTitle` (GraphQL fields).
    Camel,
    /// `movie_title` (SQL).
    Snake,
    /// `MOVIE_TITLE` (GraphQL and Avro enum values).
    ScreamingSnake,
    /// The name as written, only made valid.
    AsIs,
}

/// Hands out names within one scope. Names are made of ASCII letters, digits
/// and `_`, never start with a digit, avoid the target's reserved words
/// (compared case-insensitively when the target folds case), and never
/// collide with a name already handed out in the scope.
#[derive(Debug, Clone)]
pub struct Names {
    reserved: &'static [&'static str],
    fold_case: bool,
    taken: BTreeSet<String>,
}

impl Names {
    /// A scope for a target with these reserved words. `fold_case` is true for
    /// targets where `Title` and `title` are the same name (SQL).
    pub fn new(reserved: &'static [&'static str], fold_case: bool) -> Self {
        Self {
            reserved,
            fold_case,
            taken: BTreeSet::new(),
        }
    }

    fn key(&self, name: &str) -> String {
        if self.fold_case {
            name.to_lowercase()
        } else {
            name.to_owned()
        }
    }

    fn is_reserved(&self, name: &str) -> bool {
        self.reserved.iter().any(|r| {
            if self.fold_case {
                r.eq_ignore_ascii_case(name)
            } else {
                *r == name
            }
        })
    }

    /// Reserves `name` exactly (e.g. a name the target itself defines).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(self.key(name));
    }

    /// Whether `name` is already handed out or reserved.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(&self.key(name))
    }

    /// A name for `wanted` in `case`, made valid and unique in this scope.
    pub fn claim(&mut self, wanted: &str, case: Case) -> String {
        let base = valid(wanted, case);
        let base = if self.is_reserved(&base) {
            format!("{base}_")
        } else {
            base
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.is_taken(&name) || self.is_reserved(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(self.key(&name));
        name
    }
}

/// `wanted` in `case`, with only ASCII letters, digits and `_`, not starting with a digit.
pub fn valid(wanted: &str, case: Case) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let cased = match case {
        Case::Pascal => cleaned.to_upper_camel_case(),
        Case::Camel => cleaned.to_lower_camel_case(),
        Case::Snake => cleaned.to_snake_case(),
        Case::ScreamingSnake => cleaned.to_snake_case().to_uppercase(),
        Case::AsIs => cleaned,
    };
    let cased = if cased.is_empty() {
        "_".to_owned()
    } else {
        cased
    };
    if cased.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{cased}")
    } else {
        cased
    }
}

/// The reversed host of a model's IRI followed by its domain, e.g.
/// `org.example.studio` for `https://example.org/studio` with domain
/// `studio`: the Java-package convention code generators expect (Avro
/// namespaces, Protobuf packages). IRIs
/// without a host (`urn:`) give the domain alone.
pub fn package_name(iri: &str, domain: &str) -> String {
    let host = iri
        .split_once("://")
        .and_then(|(_, rest)| rest.split(['/', '?', '#']).next())
        .map(|authority| authority.rsplit('@').next().unwrap_or(authority))
        .map(|host| host.split(':').next().unwrap_or(host))
        .unwrap_or("");
    host.split('.')
        .rev()
        .filter(|s| !s.is_empty() && *s != "www")
        .chain(std::iter::once(domain))
        .map(|segment| valid(segment, Case::Snake))
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_and_unique() {
        let mut names = Names::new(&["select", "order"], true);
        assert_eq!(names.claim("Order", Case::Snake), "order_");
        assert_eq!(names.claim("first-name", Case::Snake), "first_name");
        assert_eq!(names.claim("first.name", Case::Snake), "first_name_2");
        assert_eq!(names.claim("3d", Case::Snake), "_3d");
        assert_eq!(names.claim("title", Case::AsIs), "title");
        assert_eq!(names.claim("Title", Case::AsIs), "Title_2");
    }

    #[test]
    fn case_sensitive_scopes_keep_case_variants_apart() {
        let mut names = Names::new(&["type"], false);
        assert_eq!(names.claim("title", Case::AsIs), "title");
        assert_eq!(names.claim("Title", Case::AsIs), "Title");
        assert_eq!(names.claim("type", Case::AsIs), "type_");
        assert_eq!(names.claim("movieTitle", Case::Pascal), "MovieTitle");
        assert_eq!(names.claim("paramecia", Case::ScreamingSnake), "PARAMECIA");
    }

    #[test]
    fn namespaces_reverse_the_host_and_end_with_the_domain() {
        assert_eq!(
            package_name("https://example.org/studio", "studio"),
            "org.example.studio"
        );
        assert_eq!(
            package_name("https://www.my-site.co.uk:8443/x#", "Film Studio"),
            "uk.co.my_site.film_studio"
        );
        assert_eq!(
            package_name("http://user@10.0.0.1/m", "m"),
            "_1._0._0._10.m"
        );
        assert_eq!(package_name("urn:example:studio", "studio"), "studio");
        assert_eq!(
            package_name("https://w3id.org/uda/upper", "upper"),
            "org.w3id.upper"
        );
    }
}
