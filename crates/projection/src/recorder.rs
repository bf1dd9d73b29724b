//! Recording the container representation and the mappings of a projection.

use crate::{ImportWarning, Imported, Triples};
use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Literal, LiteralRef, NamedNode, NamedNodeRef, TripleRef};
use oxttl::TurtleSerializer;
use std::fmt::Write as _;
use std::ops::Range;
use uda_upper::{local_name, vocab};

/// The mapping vocabulary's namespace (`ontologies/mapping.ttl`).
pub const MAP_NS: &str = "https://w3id.org/uda/mapping#";

/// One file of schema text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaFile {
    /// A file name, relative to the output directory (e.g. `onepiece.graphql`).
    pub name: String,
    pub text: String,
}

/// What a projection produces.
#[derive(Debug, Clone)]
pub struct Output {
    /// The schema text, in one file or several (Avro: one per top-level record).
    pub files: Vec<SchemaFile>,
    /// The container representation, in the vocabulary of the target's system model.
    pub container: Triples,
    /// The mappings from domain elements to container elements.
    pub mappings: Triples,
    /// IRI of the container representation's root node (the schema).
    pub schema: NamedNode,
    /// IRI of the mapping set node.
    pub mapping_set: NamedNode,
}

/// The mapping vocabulary's terms the recorder writes.
mod map {
    uda_upper::iri_constants! { "https://w3id.org/uda/mapping#", pub const {
        NAME = "name";
        PART_OF = "partOf";
        MAPPING_SET = "MappingSet";
        DOMAIN_MODEL = "domainModel";
        CONTAINER = "container";
        TARGET = "target";
        REALIZED_BY = "realizedBy";
        ORIGINAL_NAME = "originalName";
        NOTE = "note";
    }}
}

/// Builds the container and mapping graphs of one projection of one model.
#[derive(Debug)]
pub struct Recorder {
    base: String,
    container: Triples,
    mappings: Triples,
    /// The name of every container element, for [`Recorder::realizes`]: the
    /// container's number of its name, by the number of its IRI.
    names: Vec<Option<usize>>,
    schema: NamedNode,
    mapping_set: NamedNode,
}

impl Recorder {
    /// Starts recording the projection of `model_iri` to `target` (e.g.
    /// `graphql`, `sql-postgres`). `schema_class` is the system model's class
    /// of the root node (e.g. `gql:Schema`), `schema_name` its name.
    pub fn new(
        model_iri: &str,
        target: &str,
        schema_class: NamedNodeRef<'_>,
        schema_name: &str,
    ) -> Self {
        let base = format!("{}/{target}", model_iri.trim_end_matches(['#', '/']));
        let mut recorder = Self::for_container(&base, schema_class, schema_name);
        let schema = recorder.schema.clone();
        let set = recorder.mapping_set.as_ref();
        let m = &mut recorder.mappings;
        m.insert(TripleRef::new(set, rdf::TYPE, map::MAPPING_SET));
        m.insert(TripleRef::new(
            set,
            map::DOMAIN_MODEL,
            NamedNodeRef::new_unchecked(model_iri),
        ));
        m.insert(TripleRef::new(set, map::CONTAINER, &schema));
        m.insert(TripleRef::new(
            set,
            map::TARGET,
            LiteralRef::new_simple_literal(target),
        ));
        recorder.realizes(model_iri, &schema);
        recorder
    }

    /// Starts recording a container representation alone, with no
    /// mappings: what an importer reads from an existing schema. Elements are
    /// named under `base` exactly as [`Recorder::new`] names them under
    /// `{model IRI}/{target}`, so importing a projection's own output under
    /// that base gives the graph the projection recorded; an existing
    /// container's base is [`Coordinates::base_iri`](crate::Coordinates::base_iri).
    pub fn for_container(base: &str, schema_class: NamedNodeRef<'_>, schema_name: &str) -> Self {
        let base = base.trim_end_matches(['#', '/']).to_owned();
        let schema = NamedNode::new_unchecked(format!("{base}/schema"));
        let mapping_set = NamedNode::new_unchecked(format!("{base}/mappings"));
        let mut recorder = Self {
            base,
            container: Triples::default(),
            mappings: Triples::default(),
            names: Vec::new(),
            schema: schema.clone(),
            mapping_set,
        };
        recorder.link(&schema, rdf::TYPE, schema_class);
        recorder.string(&schema, map::NAME, schema_name);
        recorder
    }

    /// Finishes an import started with [`Recorder::for_container`].
    pub fn finish_import(mut self, warnings: Vec<ImportWarning>) -> Imported {
        self.container.seal();
        Imported {
            container: self.container,
            schema: self.schema,
            warnings,
        }
    }

    /// The root node of the container representation.
    pub fn schema(&self) -> &NamedNode {
        &self.schema
    }

    /// Adds a container element of `class` named `name`, part of `parent`.
    /// Its IRI is the parent's IRI (or the base, for parts of the schema)
    /// followed by `/name`, so it is stable and unique where names are.
    pub fn element(
        &mut self,
        parent: &NamedNode,
        class: NamedNodeRef<'_>,
        name: &str,
    ) -> NamedNode {
        let prefix = if *parent == self.schema {
            self.base.as_str()
        } else {
            parent.as_str()
        };
        let mut iri = String::with_capacity(prefix.len() + 1 + name.len());
        iri.push_str(prefix);
        iri.push('/');
        push_segment(&mut iri, name);
        let iri = NamedNode::new_unchecked(iri);
        self.link(&iri, rdf::TYPE, class);
        self.string(&iri, map::NAME, name);
        self.link(&iri, map::PART_OF, parent);
        // The first name given to an IRI is the one `realizes` compares with.
        let (iri_id, name_id) = (
            self.container.intern(iri.as_str()),
            self.container.intern(name),
        );
        if self.names.len() <= iri_id {
            self.names.resize(iri_id + 1, None);
        }
        self.names[iri_id].get_or_insert(name_id);
        iri
    }

    /// States a literal property of a container element.
    pub fn literal(
        &mut self,
        element: &NamedNode,
        predicate: NamedNodeRef<'_>,
        value: impl Into<Literal>,
    ) {
        self.container
            .insert(TripleRef::new(element, predicate, value.into().as_ref()));
    }

    /// States a string property of a container element.
    pub fn string(&mut self, element: &NamedNode, predicate: NamedNodeRef<'_>, value: &str) {
        self.container.insert(TripleRef::new(
            element,
            predicate,
            LiteralRef::new_simple_literal(value),
        ));
    }

    /// States a boolean property of a container element.
    pub fn boolean(&mut self, element: &NamedNode, predicate: NamedNodeRef<'_>, value: bool) {
        let value = if value { "true" } else { "false" };
        self.container.insert(TripleRef::new(
            element,
            predicate,
            LiteralRef::new_typed_literal(value, xsd::BOOLEAN),
        ));
    }

    /// States a link between two container elements (or to any IRI).
    pub fn link<'a>(
        &mut self,
        element: &NamedNode,
        predicate: NamedNodeRef<'_>,
        object: impl Into<NamedNodeRef<'a>>,
    ) {
        self.container
            .insert(TripleRef::new(element, predicate, object.into()));
    }

    /// States any other triple of the container representation, such as the
    /// blank-node structures of SHACL shapes.
    pub fn statement<'a>(&mut self, triple: impl Into<TripleRef<'a>>) {
        self.container.insert(triple.into());
    }

    /// Records that the domain element `domain_iri` is realized by `element`.
    /// When the element's name differs from the domain element's local name,
    /// the original name is recorded too.
    pub fn realizes(&mut self, domain_iri: &str, element: &NamedNode) {
        self.realizes_partly(domain_iri, element);
        let original = local_name(domain_iri);
        let name = self
            .container
            .lookup(element.as_str())
            .and_then(|id| self.names.get(id).copied().flatten());
        let named_differently = name.is_some_and(|name| self.container.resolve(name) != original);
        if named_differently && element != &self.schema {
            self.mappings.insert(TripleRef::new(
                element,
                map::ORIGINAL_NAME,
                LiteralRef::new_simple_literal(original),
            ));
        }
    }

    /// Records that `element` realizes the domain element `domain_iri` in
    /// part (a flattened SQL column realizes the relationship it was reached
    /// through): the `map:realizedBy` arc alone, as the element is not named
    /// after it.
    pub fn realizes_partly(&mut self, domain_iri: &str, element: &NamedNode) {
        self.mappings.insert(TripleRef::new(
            NamedNodeRef::new_unchecked(domain_iri),
            map::REALIZED_BY,
            element,
        ));
    }

    /// States a literal about a container element in the mappings graph, not
    /// the container: what a target keeps for the model's next version (an
    /// Iceberg field id and what it was allocated on), which
    /// [`Projector::project_after`](crate::Projector::project_after) reads back.
    pub fn mapping_literal(
        &mut self,
        element: &NamedNode,
        predicate: NamedNodeRef<'_>,
        value: impl Into<Literal>,
    ) {
        self.mappings
            .insert(TripleRef::new(element, predicate, value.into().as_ref()));
    }

    /// Records what the target could not express about `element`, and how it was represented.
    pub fn note(&mut self, element: &NamedNode, text: &str) {
        self.mappings.insert(TripleRef::new(
            element,
            map::NOTE,
            LiteralRef::new_simple_literal(text),
        ));
    }

    /// States a triple of the mappings beyond realizations and notes: what a
    /// target must know again when it projects the next version (Protobuf
    /// field numbers), read back through [`crate::Projector::project_after`].
    pub fn mapping<'a>(&mut self, triple: impl Into<TripleRef<'a>>) {
        self.mappings.insert(triple.into());
    }

    /// Finishes the projection with its schema text.
    pub fn finish(mut self, files: Vec<SchemaFile>) -> Output {
        self.container.seal();
        self.mappings.seal();
        Output {
            files,
            container: self.container,
            mappings: self.mappings,
            schema: self.schema,
            mapping_set: self.mapping_set,
        }
    }
}

/// Appends `name` to `iri` as one IRI path segment: unreserved ASCII as it
/// is, every other byte of its UTF-8 percent-encoded, so distinct names give
/// distinct segments.
pub(crate) fn push_segment(iri: &mut String, name: &str) {
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            iri.push(char::from(b));
        } else {
            let _ = write!(iri, "%{b:02X}");
        }
    }
}

/// The prefixes a stored model version's Turtle is written with, by the server
/// (`DomainModel.turtle`) and the command line (`uda show`) alike.
pub const MODEL_TURTLE_PREFIXES: [(&str, &str); 2] = [
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// Serializes a set of triples (a [`Triples`] or an [`oxrdf::Graph`]) as Turtle,
/// sorted by their N-Triples text, so the text is byte-identical for equal
/// sets. Blank nodes are written as they are: the graphs recorded here have
/// none but SHACL's, whose labels are fixed.
pub fn write_turtle<'a, T>(triples: T, prefixes: &[(&str, &str)]) -> String
where
    T: IntoIterator<Item = TripleRef<'a>>,
{
    // The N-Triples text of every triple, written one after another into one
    // buffer (a large graph has hundreds of thousands), and where each is.
    let mut text = String::new();
    let mut triples: Vec<(Range<usize>, TripleRef<'a>)> = triples
        .into_iter()
        .map(|t| {
            let start = text.len();
            let _ = write!(text, "{t}");
            (start..text.len(), t)
        })
        .collect();
    let key = |(range, _): &(Range<usize>, TripleRef<'a>)| &text[range.clone()];
    triples.sort_unstable_by(|a, b| key(a).cmp(key(b)));
    // Equal text means equal triples; a set given twice is written once.
    triples.dedup_by(|a, b| key(a) == key(b));
    let mut serializer = TurtleSerializer::new();
    for (prefix, iri) in prefixes
        .iter()
        .chain(&[("upper", vocab::NS), ("map", MAP_NS)])
    {
        serializer = match serializer.clone().with_prefix(*prefix, *iri) {
            Ok(s) => s,
            Err(_) => serializer,
        };
    }
    let mut writer = serializer.for_writer(Vec::new());
    for (_, t) in &triples {
        // Writing to a Vec cannot fail.
        let _ = writer.serialize_triple(*t);
    }
    let bytes = writer.finish().unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::push_segment;

    fn segment(name: &str) -> String {
        let mut iri = String::new();
        push_segment(&mut iri, name);
        iri
    }

    #[test]
    fn segments_encode_every_byte_of_other_characters() {
        assert_eq!(segment("Work_1-a.b~"), "Work_1-a.b~");
        assert_eq!(segment("a b/c"), "a%20b%2Fc");
        assert_eq!(segment("é"), "%C3%A9");
        // U+00E9 and U+01E9 share their low byte: their segments must differ.
        assert_ne!(segment("\u{e9}"), segment("\u{1e9}"));
    }
}
