//! Validation reports: the in-memory result of [`validate`](crate::validate)
//! and its standard SHACL RDF form (`sh:ValidationReport`), as a graph or as
//! Turtle.

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{BlankNode, Graph, Literal, NamedNode, Term, TripleRef};
use oxttl::TurtleSerializer;

use crate::path::Path;
use crate::vocab::sh;

/// The outcome of validating a data graph against a shapes graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationReport {
    /// `true` iff there are no results, whatever their severity (SHACL §3.6.1).
    pub conforms: bool,
    /// One entry per validation result, in a deterministic order.
    pub results: Vec<ValidationResult>,
}

/// One validation result (SHACL §3.6.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationResult {
    /// `sh:focusNode`.
    pub focus_node: Term,
    /// `sh:resultPath`: the path of the property shape, or the offending
    /// predicate for `sh:closed`.
    pub result_path: Option<Path>,
    /// `sh:value`: the value node at fault, when there is one.
    pub value: Option<Term>,
    /// `sh:sourceShape`.
    pub source_shape: Term,
    /// `sh:sourceConstraintComponent`.
    pub source_constraint_component: NamedNode,
    /// `sh:resultSeverity`: the shape's `sh:severity`, `sh:Violation` by default.
    pub severity: NamedNode,
    /// `sh:resultMessage`: the shape's `sh:message` values, or a generated
    /// English message when it has none.
    pub messages: Vec<Literal>,
}

impl ValidationReport {
    /// The report as a standard SHACL validation report graph.
    pub fn to_graph(&self) -> Graph {
        let mut graph = Graph::new();
        let report = BlankNode::default();
        graph.insert(TripleRef::new(&report, rdf::TYPE, sh::VALIDATION_REPORT));
        let conforms = Literal::new_typed_literal(if self.conforms { "true" } else { "false" }, xsd::BOOLEAN);
        graph.insert(TripleRef::new(&report, sh::CONFORMS, &conforms));
        for result in &self.results {
            let node = BlankNode::default();
            graph.insert(TripleRef::new(&report, sh::RESULT, &node));
            graph.insert(TripleRef::new(&node, rdf::TYPE, sh::VALIDATION_RESULT));
            graph.insert(TripleRef::new(&node, sh::FOCUS_NODE, &result.focus_node));
            if let Some(path) = &result.result_path {
                let path = path.to_graph(&mut graph);
                graph.insert(TripleRef::new(&node, sh::RESULT_PATH, &path));
            }
            if let Some(value) = &result.value {
                graph.insert(TripleRef::new(&node, sh::VALUE, value));
            }
            graph.insert(TripleRef::new(&node, sh::SOURCE_SHAPE, &result.source_shape));
            graph.insert(TripleRef::new(
                &node,
                sh::SOURCE_CONSTRAINT_COMPONENT,
                &result.source_constraint_component,
            ));
            graph.insert(TripleRef::new(&node, sh::RESULT_SEVERITY, &result.severity));
            for message in &result.messages {
                graph.insert(TripleRef::new(&node, sh::RESULT_MESSAGE, message));
            }
        }
        graph
    }

    /// The report graph serialized as Turtle with the `sh:`, `rdf:` and
    /// `xsd:` prefixes.
    pub fn to_turtle(&self) -> String {
        match write_turtle(&self.to_graph()) {
            Ok(text) => text,
            // Writing into memory cannot fail for I/O reasons, and every
            // term comes from valid oxrdf values; keep the failure visible
            // in the output all the same rather than panic.
            Err(e) => format!("# could not serialize the validation report: {e}\n"),
        }
    }
}

fn write_turtle(graph: &Graph) -> std::io::Result<String> {
    let serializer = TurtleSerializer::new()
        .with_prefix("sh", sh::NAMESPACE)
        .and_then(|s| s.with_prefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"))
        .and_then(|s| s.with_prefix("xsd", "http://www.w3.org/2001/XMLSchema#"))
        .map_err(std::io::Error::other)?;
    let mut writer = serializer.for_writer(Vec::new());
    for triple in graph {
        writer.serialize_triple(triple)?;
    }
    let bytes = writer.finish()?;
    String::from_utf8(bytes).map_err(std::io::Error::other)
}
