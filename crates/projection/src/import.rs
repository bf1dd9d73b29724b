//! What reading an existing schema produces: the other direction of a
//! projection. Each target crate's importer reads its format (SDL, `.avsc`,
//! DDL, a live database) into an [`Imported`] container representation,
//! written with the same [`Recorder`](crate::Recorder) naming as its
//! projection, so that importing what a projection generated gives back the
//! graph the projection recorded.

use crate::recorder::push_segment;
use crate::Triples;
use oxrdf::NamedNode;
use std::fmt;

/// Where an existing container lives: its system, its location and its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Coordinates {
    /// The target name of its system, as `uda_targets` spells it (`graphql`,
    /// `avro`, `sql-postgres`, …).
    pub system: String,
    /// Where it is: `postgresql://host:port/db/schema`, a file path, a topic.
    pub location: String,
    /// The container's name within its location.
    pub name: String,
}

impl Coordinates {
    /// The IRI every element of the container is named under (see
    /// [`Recorder::for_container`](crate::Recorder::for_container)):
    /// `https://w3id.org/uda/container/{system}/{location}/{name}`, each part
    /// one percent-encoded path segment, so re-importing the same container
    /// gives the same IRIs and distinct coordinates give distinct ones.
    pub fn base_iri(&self) -> String {
        let mut iri = String::from("https://w3id.org/uda/container/");
        push_segment(&mut iri, &self.system);
        iri.push('/');
        push_segment(&mut iri, &self.location);
        iri.push('/');
        push_segment(&mut iri, &self.name);
        iri
    }
}

/// Something an importer read but could not represent, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ImportWarning {
    /// `file:line:column`, or the database object's qualified name.
    pub location: String,
    pub message: String,
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: warning: {}", self.location, self.message)
    }
}

/// A container representation read from an existing schema.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The representation, in the vocabulary of the system's model.
    pub container: Triples,
    /// IRI of its root node (the schema).
    pub schema: NamedNode,
    /// What was read but not represented, in the order of the input.
    pub warnings: Vec<ImportWarning>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_name_one_segment_each() {
        let at = |location: &str, name: &str| Coordinates {
            system: "sql-postgres".into(),
            location: location.into(),
            name: name.into(),
        };
        assert_eq!(
            at("postgresql://db:5432/shop/public", "orders").base_iri(),
            "https://w3id.org/uda/container/sql-postgres/postgresql%3A%2F%2Fdb%3A5432%2Fshop%2Fpublic/orders"
        );
        // A `/` moved between location and name is another container.
        assert_ne!(at("a/b", "c").base_iri(), at("a", "b/c").base_iri());
    }
}
