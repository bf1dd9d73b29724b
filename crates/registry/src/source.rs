//! What registration reads: the model source, and what a graph declares.

use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    Graph, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef, Triple,
};
use uda_upper::{vocab as upper, Diagnostic, Document, RdfFormat};

/// A model to register: its text, the name diagnostics give it, its syntax.
#[derive(Debug, Clone)]
pub struct ModelSource {
    /// How diagnostics name the source (usually its file name).
    pub name: String,
    pub bytes: Vec<u8>,
    pub format: RdfFormat,
}

impl ModelSource {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>, format: RdfFormat) -> Self {
        Self {
            name: name.into(),
            bytes: bytes.into(),
            format,
        }
    }

    /// A model written in Turtle.
    pub fn turtle(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self::new(name, text.into().into_bytes(), RdfFormat::Turtle)
    }

    /// Parses the source as registration does: diagnostics name it after
    /// `name`, and relative IRIs resolve against a base derived from it, so
    /// they mean the same to every reader of the source.
    pub fn parse(&self) -> Result<Document, Vec<Diagnostic>> {
        let name = source_name(&self.name);
        Document::parse(
            name.as_str().into(),
            &self.bytes,
            self.format,
            &uda_upper::source_iri(&name),
        )
    }
}

/// N-Triples text of `triples`, in a stable order.
pub(crate) fn ntriples(triples: &[Triple]) -> String {
    let mut lines: Vec<String> = triples.iter().map(|t| format!("{t} .\n")).collect();
    lines.sort_unstable();
    lines.concat()
}

/// The domain model a graph declares (the first by IRI, as the Loader picks).
pub(crate) fn declared_model(graph: &Graph) -> Option<String> {
    graph
        .subjects_for_predicate_object(rdf::TYPE, upper::DOMAIN_MODEL)
        .filter_map(|s| match s {
            NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .min()
}

pub(crate) fn declared_imports(graph: &Graph, model: &str) -> Vec<String> {
    let Ok(m) = NamedNode::new(model) else {
        return Vec::new();
    };
    graph
        .objects_for_subject_predicate(&m, upper::IMPORTS)
        .filter_map(|o| match o {
            TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect()
}

pub(crate) fn declared_imports_in(triples: &[Triple], model: &str) -> Vec<String> {
    triples
        .iter()
        .filter(|t| matches!(&t.subject, NamedOrBlankNode::NamedNode(s) if s.as_str() == model))
        .filter(|t| t.predicate.as_ref() == upper::IMPORTS)
        .filter_map(|t| match &t.object {
            Term::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect()
}

/// A source name usable in the base IRI the Loader derives from it.
pub(crate) fn source_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_whitespace() || "<>\"{}|\\^`".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    if cleaned.is_empty() {
        "input".to_owned()
    } else {
        cleaned
    }
}

pub(crate) fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(&|_, _| None))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_names_are_iri_safe() {
        assert_eq!(source_name("my model.ttl"), "my_model.ttl");
        assert_eq!(source_name(""), "input");
    }

    #[test]
    fn a_source_named_with_a_space_and_a_percent_sign_parses() {
        let text = "@prefix upper: <https://w3id.org/uda/upper#> .\n\
                    <https://example.org/p> a upper:DomainModel ; upper:domain \"p\" .\n";
        let source = ModelSource::turtle("my models/50% done.ttl", text);
        let document = source.parse().expect("the base IRI is percent-encoded");
        assert_eq!(document.graph().len(), 2);
    }
}
