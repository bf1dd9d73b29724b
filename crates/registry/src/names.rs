//! How the registry names its graphs, and the catalog vocabulary.
//!
//! Every name is derived from the artifact's own IRI so that a graph name says
//! what it holds without a catalog lookup; the crate README documents the scheme.

use oxigraph::model::NamedNode;
use uda_projection::Coordinates;

/// The name of the one catalog graph.
pub const CATALOG_GRAPH: &str = "https://w3id.org/uda/registry/catalog";
/// The namespace of the catalog vocabulary (`ontologies/catalog.ttl`).
pub const CAT_NS: &str = "https://w3id.org/uda/catalog#";
/// The IRI of the catalog model.
pub const CATALOG_MODEL: &str = "https://w3id.org/uda/catalog";
/// The IRI of the mapping model.
pub const MAPPING_MODEL: &str = "https://w3id.org/uda/mapping";
/// IRIs under this prefix belong to uda itself: only bootstrap writes them.
pub const RESERVED_PREFIX: &str = "https://w3id.org/uda/";
/// The layout version of a data directory written by this uda. Bump it (and
/// teach [`crate::Registry::open`] to migrate or refuse) whenever the naming
/// scheme or the catalog vocabulary changes incompatibly.
pub const FORMAT_VERSION: u64 = 1;

/// The IRI an artifact's derived names start with: its IRI without a trailing
/// `#` or `/`, so that `https://ex.org/m#` and `https://ex.org/m/` give
/// `https://ex.org/m/version/1`, not `https://ex.org/m#/version/1`.
fn stem(iri: &str) -> &str {
    iri.trim_end_matches(['#', '/'])
}

/// The graph holding version `n` of the artifact whose current graph is `artifact`.
pub fn version_graph(artifact: &str, n: u64) -> String {
    format!("{}/version/{n}", stem(artifact))
}

/// The current graph of the container representation of `model` projected to `target`.
pub fn container_graph(model: &str, target: &str) -> String {
    format!("{}/projection/{}/container", stem(model), segment(target))
}

/// The current graph of the mappings of `model` projected to `target`.
pub fn mappings_graph(model: &str, target: &str) -> String {
    format!("{}/projection/{}/mappings", stem(model), segment(target))
}

/// The prefix of the current graph names of existing containers (see
/// [`existing_container_graph`]).
pub const CONTAINER_GRAPH_PREFIX: &str = "https://w3id.org/uda/registry/container/";

/// The current graph of an existing container: its base IRI
/// ([`Coordinates::base_iri`], `https://w3id.org/uda/container/{system}/{location}/{name}`)
/// moved under [`CONTAINER_GRAPH_PREFIX`]. The container's elements are
/// named under the base IRI, with any name as a path segment, so a graph
/// named under it could be an element's IRI too (a table named `version`);
/// under the registry's own prefix it never is.
pub fn existing_container_graph(coordinates: &Coordinates) -> String {
    let base = coordinates.base_iri();
    let rest = base
        .strip_prefix("https://w3id.org/uda/container/")
        .unwrap_or(&base);
    format!("{CONTAINER_GRAPH_PREFIX}{rest}")
}

/// Keeps a target name usable as one IRI path segment.
fn segment(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.~".contains(c) {
                c.to_string()
            } else {
                let mut buf = [0u8; 4];
                c.encode_utf8(&mut buf)
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect()
            }
        })
        .collect()
}

/// A term of the catalog vocabulary.
pub fn cat(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{CAT_NS}{local}"))
}

/// An IRI known to be valid (built from validated IRIs and fixed text).
pub fn iri(value: &str) -> NamedNode {
    NamedNode::new_unchecked(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_derived_from_the_artifact() {
        assert_eq!(
            version_graph("https://ex.org/m", 3),
            "https://ex.org/m/version/3"
        );
        assert_eq!(
            version_graph("https://ex.org/m#", 1),
            "https://ex.org/m/version/1"
        );
        assert_eq!(
            container_graph("https://ex.org/m", "sql-postgres"),
            "https://ex.org/m/projection/sql-postgres/container"
        );
        assert_eq!(
            version_graph(&mappings_graph("https://ex.org/m", "a b"), 2),
            "https://ex.org/m/projection/a%20b/mappings/version/2"
        );
        let at = Coordinates {
            system: "sql-sqlite".into(),
            location: "/data/shop.db".into(),
            name: "main".into(),
        };
        assert_eq!(
            version_graph(&existing_container_graph(&at), 2),
            "https://w3id.org/uda/registry/container/sql-sqlite/%2Fdata%2Fshop.db/main/version/2"
        );
    }
}
