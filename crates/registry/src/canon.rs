//! Canonical form and content hash of a graph (RDFC-1.0).
//!
//! The hash is the identity of a version's content: two serializations of the
//! same graph (any syntax, any triple order, any blank node labels) hash the
//! same, so re-registering an unchanged model writes nothing.

use oxigraph::model::dataset::{CanonicalizationAlgorithm, CanonicalizationHashAlgorithm};
use oxigraph::model::{
    BlankNode, Dataset, Graph, GraphNameRef, NamedOrBlankNode, QuadRef, Term, Triple,
};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// A graph in canonical form.
#[derive(Debug, Clone)]
pub(crate) struct Canonical {
    /// The triples, with canonical blank node labels (`c14n0`...).
    pub triples: Vec<Triple>,
    /// `sha256:` and the hex SHA-256 of the sorted canonical N-Quads lines.
    pub hash: String,
}

/// Canonicalizes `graph` and hashes it.
pub(crate) fn canonicalize<'a>(
    triples: impl IntoIterator<Item = oxigraph::model::TripleRef<'a>>,
) -> Canonical {
    let mut dataset = Dataset::new();
    for t in triples {
        dataset.insert(QuadRef::new(
            t.subject,
            t.predicate,
            t.object,
            GraphNameRef::DefaultGraph,
        ));
    }
    dataset.canonicalize(CanonicalizationAlgorithm::Rdfc10 {
        hash_algorithm: CanonicalizationHashAlgorithm::Sha256,
    });
    // The canonical N-Quads document is its lines in code point order.
    let mut lines: Vec<String> = dataset.iter().map(|q| format!("{q} .\n")).collect();
    lines.sort_unstable();
    let mut hasher = Sha256::new();
    for line in &lines {
        hasher.update(line.as_bytes());
    }
    let mut hash = String::from("sha256:");
    for byte in hasher.finalize() {
        let _ = write!(hash, "{byte:02x}");
    }
    let triples = dataset
        .iter()
        .map(|q| {
            Triple::new(
                q.subject.into_owned(),
                q.predicate.into_owned(),
                q.object.into_owned(),
            )
        })
        .collect();
    Canonical { triples, hash }
}

/// Canonicalizes an owned graph.
pub(crate) fn canonicalize_graph(graph: &Graph) -> Canonical {
    canonicalize(graph.iter())
}

/// Gives the blank nodes of `triples` labels unique to the graph `graph_name`.
///
/// Blank node labels are global in a store: two models that both have a
/// canonical `_:c14n0` would otherwise share one node across their graphs.
pub(crate) fn relabel(triples: &[Triple], graph_name: &str) -> Vec<Triple> {
    let digest = Sha256::digest(graph_name.as_bytes());
    let mut prefix = String::from("u");
    for byte in digest.iter().take(8) {
        let _ = write!(prefix, "{byte:02x}");
    }
    let rename = |b: &BlankNode| BlankNode::new_unchecked(format!("{prefix}_{}", b.as_str()));
    triples
        .iter()
        .map(|t| {
            let subject = match &t.subject {
                NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::BlankNode(rename(b)),
                other => other.clone(),
            };
            let object = match &t.object {
                Term::BlankNode(b) => Term::BlankNode(rename(b)),
                other => other.clone(),
            };
            Triple::new(subject, t.predicate.clone(), object)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    fn graph(label: &str, order: bool) -> Graph {
        let s = NamedNode::new_unchecked("https://ex.org/s");
        let p = NamedNode::new_unchecked("https://ex.org/p");
        let b = BlankNode::new_unchecked(label);
        let a = Triple::new(s.clone(), p.clone(), b.clone());
        let c = Triple::new(b, p, Literal::new_simple_literal("x"));
        let mut g = Graph::new();
        if order {
            g.insert(&a);
            g.insert(&c);
        } else {
            g.insert(&c);
            g.insert(&a);
        }
        g
    }

    #[test]
    fn hash_ignores_blank_labels_and_order() {
        let a = canonicalize_graph(&graph("x1", true));
        let b = canonicalize_graph(&graph("other", false));
        assert_eq!(a.hash, b.hash);
        assert!(a.hash.starts_with("sha256:") && a.hash.len() == 7 + 64);
        // Relabelled triples canonicalize back to the same hash.
        let relabelled = relabel(&a.triples, "https://ex.org/g");
        assert_eq!(
            canonicalize(relabelled.iter().map(Triple::as_ref)).hash,
            a.hash
        );
        assert_ne!(relabelled, a.triples);
    }
}
