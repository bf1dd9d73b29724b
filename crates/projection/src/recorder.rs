//! Recording the container representation and the mappings of a projection.

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Graph, Literal, NamedNode, NamedNodeRef, Triple};
use oxttl::TurtleSerializer;
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
    pub container: Graph,
    /// The mappings from domain elements to container elements.
    pub mappings: Graph,
    /// IRI of the container representation's root node (the schema).
    pub schema: NamedNode,
    /// IRI of the mapping set node.
    pub mapping_set: NamedNode,
}

fn map(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{MAP_NS}{local}"))
}

/// Builds the container and mapping graphs of one projection of one model.
#[derive(Debug)]
pub struct Recorder {
    base: String,
    container: Graph,
    mappings: Graph,
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
        let schema = NamedNode::new_unchecked(format!("{base}/schema"));
        let mapping_set = NamedNode::new_unchecked(format!("{base}/mappings"));
        let mut recorder = Self {
            base,
            container: Graph::new(),
            mappings: Graph::new(),
            schema: schema.clone(),
            mapping_set: mapping_set.clone(),
        };
        recorder.container.insert(&Triple::new(
            schema.clone(),
            rdf::TYPE,
            schema_class.into_owned(),
        ));
        recorder.container.insert(&Triple::new(
            schema.clone(),
            map("name"),
            Literal::new_simple_literal(schema_name),
        ));
        let m = &mut recorder.mappings;
        m.insert(&Triple::new(
            mapping_set.clone(),
            rdf::TYPE,
            map("MappingSet"),
        ));
        m.insert(&Triple::new(
            mapping_set.clone(),
            map("domainModel"),
            NamedNode::new_unchecked(model_iri),
        ));
        m.insert(&Triple::new(
            mapping_set.clone(),
            map("container"),
            schema.clone(),
        ));
        m.insert(&Triple::new(
            mapping_set.clone(),
            map("target"),
            Literal::new_simple_literal(target),
        ));
        recorder.realizes(model_iri, &schema);
        recorder
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
        let iri = NamedNode::new_unchecked(format!("{prefix}/{}", encode_segment(name)));
        self.container
            .insert(&Triple::new(iri.clone(), rdf::TYPE, class.into_owned()));
        self.container.insert(&Triple::new(
            iri.clone(),
            map("name"),
            Literal::new_simple_literal(name),
        ));
        self.container
            .insert(&Triple::new(iri.clone(), map("partOf"), parent.clone()));
        iri
    }

    /// States a literal property of a container element.
    pub fn literal(
        &mut self,
        element: &NamedNode,
        predicate: NamedNodeRef<'_>,
        value: impl Into<Literal>,
    ) {
        self.container.insert(&Triple::new(
            element.clone(),
            predicate.into_owned(),
            value.into(),
        ));
    }

    /// States a string property of a container element.
    pub fn string(&mut self, element: &NamedNode, predicate: NamedNodeRef<'_>, value: &str) {
        self.literal(element, predicate, Literal::new_simple_literal(value));
    }

    /// States a boolean property of a container element.
    pub fn boolean(&mut self, element: &NamedNode, predicate: NamedNodeRef<'_>, value: bool) {
        self.literal(
            element,
            predicate,
            Literal::new_typed_literal(value.to_string(), xsd::BOOLEAN),
        );
    }

    /// States a link between two container elements (or to any IRI).
    pub fn link(&mut self, element: &NamedNode, predicate: NamedNodeRef<'_>, object: &NamedNode) {
        self.container.insert(&Triple::new(
            element.clone(),
            predicate.into_owned(),
            object.clone(),
        ));
    }

    /// Records that the domain element `domain_iri` is realized by `element`.
    /// When the element's name differs from the domain element's local name,
    /// the original name is recorded too.
    pub fn realizes(&mut self, domain_iri: &str, element: &NamedNode) {
        let domain = NamedNode::new_unchecked(domain_iri);
        self.mappings
            .insert(&Triple::new(domain, map("realizedBy"), element.clone()));
        let original = local_name(domain_iri);
        let named_differently = self
            .container
            .object_for_subject_predicate(element, map("name").as_ref())
            .is_some_and(|n| matches!(n, oxrdf::TermRef::Literal(l) if l.value() != original));
        if named_differently && element != &self.schema {
            self.mappings.insert(&Triple::new(
                element.clone(),
                map("originalName"),
                Literal::new_simple_literal(original),
            ));
        }
    }

    /// Records what the target could not express about `element`, and how it was represented.
    pub fn note(&mut self, element: &NamedNode, text: &str) {
        self.mappings.insert(&Triple::new(
            element.clone(),
            map("note"),
            Literal::new_simple_literal(text),
        ));
    }

    /// Finishes the projection with its schema text.
    pub fn finish(self, files: Vec<SchemaFile>) -> Output {
        Output {
            files,
            container: self.container,
            mappings: self.mappings,
            schema: self.schema,
            mapping_set: self.mapping_set,
        }
    }
}

/// Keeps a name usable as one IRI path segment.
fn encode_segment(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.~".contains(c) {
                c.to_string()
            } else {
                format!("%{:02X}", c as u32 & 0xff)
            }
        })
        .collect()
}

/// Serializes `graph` as Turtle with its triples sorted, so the text is
/// byte-identical for equal graphs. Blank nodes are written as they are: the
/// graphs recorded here have none.
pub fn write_turtle(graph: &Graph, prefixes: &[(&str, &str)]) -> String {
    let mut triples: Vec<Triple> = graph.iter().map(|t| t.into_owned()).collect();
    triples.sort_by_cached_key(|t| t.to_string());
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
    for t in &triples {
        // Writing to a Vec cannot fail.
        let _ = writer.serialize_triple(t);
    }
    let bytes = writer.finish().unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}
