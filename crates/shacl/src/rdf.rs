//! Small helpers over oxrdf graphs shared by the parser and the validator:
//! term classification that does not depend on oxrdf's optional RDF 1.2
//! variants, subject conversion, and strict RDF list reading.

use std::collections::HashSet;

use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedOrBlankNodeRef, Term, TermRef};

/// Returns the term as a triple subject, or `None` for literals (which can
/// never be subjects, so they simply have no outgoing edges).
pub(crate) fn as_subject(term: TermRef<'_>) -> Option<NamedOrBlankNodeRef<'_>> {
    match term {
        TermRef::NamedNode(n) => Some(n.into()),
        TermRef::BlankNode(b) => Some(b.into()),
        _ => None,
    }
}

/// Objects of `(subject, predicate, ?)`, empty for a literal subject.
pub(crate) fn objects<'g>(
    graph: &'g Graph,
    subject: TermRef<'_>,
    predicate: oxrdf::NamedNodeRef<'_>,
) -> Vec<TermRef<'g>> {
    match as_subject(subject) {
        Some(s) => graph.objects_for_subject_predicate(s, predicate).collect(),
        None => Vec::new(),
    }
}

/// Reads the RDF list starting at `head`. Errors describe the defect
/// (cycle, missing or repeated `rdf:first`/`rdf:rest`) in words suitable for
/// a [`ShapesError`](crate::ShapesError) message.
pub(crate) fn read_list<'g>(
    graph: &'g Graph,
    head: TermRef<'g>,
) -> Result<Vec<TermRef<'g>>, String> {
    let mut members = Vec::new();
    let mut visited: HashSet<TermRef<'g>> = HashSet::new();
    let mut node = head;
    loop {
        if node == rdf::NIL.into() {
            return Ok(members);
        }
        if !visited.insert(node) {
            return Err(format!("the RDF list starting at {head} is cyclic"));
        }
        let firsts = objects(graph, node, rdf::FIRST);
        let rests = objects(graph, node, rdf::REST);
        match (firsts.as_slice(), rests.as_slice()) {
            ([first], [rest]) => {
                members.push(*first);
                node = *rest;
            }
            ([], _) | (_, []) => {
                return Err(format!(
                    "{node} is not a well-formed RDF list node (expected rdf:first and rdf:rest, or rdf:nil)"
                ))
            }
            _ => {
                return Err(format!(
                    "the RDF list node {node} has more than one rdf:first or rdf:rest"
                ))
            }
        }
    }
}

/// Whether the node is the head of an RDF list (including the empty list).
pub(crate) fn is_list(graph: &Graph, node: TermRef<'_>) -> bool {
    node == rdf::NIL.into() || !objects(graph, node, rdf::FIRST).is_empty()
}

/// A total order on terms used only to make outputs (keys, messages)
/// deterministic; the string form is unambiguous across term kinds.
pub(crate) fn sort_terms(terms: &mut [Term]) {
    terms.sort_by_cached_key(|t| t.to_string());
}
