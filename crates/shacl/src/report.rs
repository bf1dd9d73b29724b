//! Validation reports: the in-memory result of [`validate`](crate::validate)
//! and its standard SHACL RDF form (`sh:ValidationReport`), as a graph or as
//! Turtle.

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{BlankNode, Graph, Literal, NamedNode, Term, Triple};
use oxttl::TurtleSerializer;

use crate::path::Path;
use crate::vocab::sh;

/// The outcome of validating a data graph against a shapes graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationReport {
    /// `true` iff there are no results, whatever their severity (SHACL §3.6.1).
    pub conforms: bool,
    /// One entry per validation result, grouped by shape, then by focus
    /// node in target order.
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
        for triple in &self.triples() {
            graph.insert(triple);
        }
        graph
    }

    /// The report serialized as Turtle with the `sh:`, `rdf:` and `xsd:`
    /// prefixes, the report first and each result followed by its path.
    pub fn to_turtle(&self) -> String {
        match write_turtle(&self.triples()) {
            Ok(text) => text,
            // Writing into memory cannot fail for I/O reasons, and every
            // term comes from valid oxrdf values; keep the failure visible
            // in the output all the same rather than panic.
            Err(e) => format!("# could not serialize the validation report: {e}\n"),
        }
    }

    /// The report triples in reading order (the Turtle serializer groups
    /// consecutive triples by subject but does not reorder them).
    fn triples(&self) -> Vec<Triple> {
        let mut out = Vec::new();
        let report = BlankNode::default();
        out.push(Triple::new(
            report.clone(),
            rdf::TYPE,
            sh::VALIDATION_REPORT,
        ));
        let conforms =
            Literal::new_typed_literal(if self.conforms { "true" } else { "false" }, xsd::BOOLEAN);
        out.push(Triple::new(report.clone(), sh::CONFORMS, conforms));
        let nodes: Vec<BlankNode> = self.results.iter().map(|_| BlankNode::default()).collect();
        for node in &nodes {
            out.push(Triple::new(report.clone(), sh::RESULT, node.clone()));
        }
        for (result, node) in self.results.iter().zip(nodes) {
            out.push(Triple::new(node.clone(), rdf::TYPE, sh::VALIDATION_RESULT));
            out.push(Triple::new(
                node.clone(),
                sh::FOCUS_NODE,
                result.focus_node.clone(),
            ));
            let mut path_triples = Vec::new();
            if let Some(path) = &result.result_path {
                let path = path.to_triples(&mut path_triples);
                out.push(Triple::new(node.clone(), sh::RESULT_PATH, path));
            }
            if let Some(value) = &result.value {
                out.push(Triple::new(node.clone(), sh::VALUE, value.clone()));
            }
            out.push(Triple::new(
                node.clone(),
                sh::SOURCE_SHAPE,
                result.source_shape.clone(),
            ));
            out.push(Triple::new(
                node.clone(),
                sh::SOURCE_CONSTRAINT_COMPONENT,
                result.source_constraint_component.clone(),
            ));
            out.push(Triple::new(
                node.clone(),
                sh::RESULT_SEVERITY,
                result.severity.clone(),
            ));
            for message in &result.messages {
                out.push(Triple::new(
                    node.clone(),
                    sh::RESULT_MESSAGE,
                    message.clone(),
                ));
            }
            out.extend(path_triples);
        }
        out
    }
}

fn write_turtle(triples: &[Triple]) -> std::io::Result<String> {
    let serializer = TurtleSerializer::new()
        .with_prefix("sh", sh::NAMESPACE)
        .and_then(|s| s.with_prefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"))
        .and_then(|s| s.with_prefix("xsd", "http://www.w3.org/2001/XMLSchema#"))
        .map_err(std::io::Error::other)?;
    let mut writer = serializer.for_writer(Vec::new());
    for triple in triples {
        writer.serialize_triple(triple)?;
    }
    let bytes = writer.finish()?;
    String::from_utf8(bytes).map_err(std::io::Error::other)
}
