//! Canonical form and content hash of a graph (RDFC-1.0).
//!
//! The hash is the identity of a version's content: two serializations of the
//! same graph (any syntax, any triple order, any blank node labels) hash the
//! same, so re-registering an unchanged model writes nothing.
//!
//! RDFC-1.0 is exponential on graphs of many blank nodes that only their
//! position in a symmetric pattern tells apart (a complete graph of blank
//! nodes): a few dozen triples can keep it busy for hours. sophia_c14n's
//! implementation bounds that work (a recursion depth and a number of
//! indistinguishable nodes it will permute) and fails instead of running
//! away; oxigraph's has no bound. So sophia computes the canonical blank node
//! labels, and the triples keep their oxrdf form (and serialization, which the
//! hash is computed from).

use oxigraph::model::{
    BlankNode, Graph, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef, Triple, TripleRef,
};
use sha2::{Digest, Sha256};
use sophia_api::term::{BnodeId, IriRef, LanguageTag, SimpleTerm};
use sophia_api::MownStr;
use sophia_c14n::rdfc10::relabel_with;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

/// How deep RDFC-1.0's "hash N-degree quads" may recurse, per blank node of
/// the graph (sophia's default).
const DEPTH_FACTOR: f32 = 1.0;
/// The most blank nodes with the same neighbourhood that RDFC-1.0 may try
/// every order of (sophia's default: 6! = 720 orders at most per step).
const PERMUTATION_LIMIT: usize = 6;

/// A graph in canonical form.
#[derive(Debug, Clone)]
pub(crate) struct Canonical {
    /// The triples, with canonical blank node labels (`c14n0`...), in the
    /// order of their N-Triples lines.
    pub triples: Vec<Triple>,
    /// `sha256:` and the hex SHA-256 of the sorted canonical N-Quads lines.
    pub hash: String,
}

/// Canonicalization would take more work than its bounds allow; the text says
/// which bound and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TooComplex(pub String);

/// Canonicalizes a graph and hashes it.
pub(crate) fn canonicalize<'a>(
    triples: impl IntoIterator<Item = TripleRef<'a>>,
) -> Result<Canonical, TooComplex> {
    let triples: HashSet<TripleRef<'a>> = triples.into_iter().collect();
    let labels = canonical_labels(&triples)?;
    let relabel = |b: &str| BlankNode::new_unchecked(labels.get(b).map_or(b, String::as_str));
    let mut canonical: Vec<(String, Triple)> = triples
        .iter()
        .map(|t| {
            let subject = match t.subject {
                NamedOrBlankNodeRef::BlankNode(b) => relabel(b.as_str()).into(),
                other => other.into_owned(),
            };
            let object = match t.object {
                TermRef::BlankNode(b) => relabel(b.as_str()).into(),
                other => other.into_owned(),
            };
            let triple = Triple::new(subject, t.predicate.into_owned(), object);
            // The canonical N-Quads line of a triple in the default graph.
            (format!("{triple} .\n"), triple)
        })
        .collect();
    // The canonical N-Quads document is its lines in code point order.
    canonical.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut hasher = Sha256::new();
    for (line, _) in &canonical {
        hasher.update(line.as_bytes());
    }
    let mut hash = String::from("sha256:");
    for byte in hasher.finalize() {
        let _ = write!(hash, "{byte:02x}");
    }
    Ok(Canonical {
        triples: canonical.into_iter().map(|(_, t)| t).collect(),
        hash,
    })
}

/// Canonicalizes an owned graph.
pub(crate) fn canonicalize_graph(graph: &Graph) -> Result<Canonical, TooComplex> {
    canonicalize(graph.iter())
}

/// The canonical label of every blank node of `triples` (none to compute
/// when there is no blank node).
fn canonical_labels(
    triples: &HashSet<TripleRef<'_>>,
) -> Result<HashMap<String, String>, TooComplex> {
    let has_blank = triples.iter().any(|t| {
        matches!(t.subject, NamedOrBlankNodeRef::BlankNode(_))
            || matches!(t.object, TermRef::BlankNode(_))
    });
    if !has_blank {
        return Ok(HashMap::new());
    }
    let dataset: BTreeSet<([SimpleTerm<'_>; 3], Option<SimpleTerm<'_>>)> = triples
        .iter()
        .map(|t| {
            (
                [
                    simple(t.subject.into()),
                    simple(t.predicate.into()),
                    simple(t.object),
                ],
                None,
            )
        })
        .collect();
    let (_, labels) =
        relabel_with::<sophia_c14n::hash::Sha256, _>(&dataset, DEPTH_FACTOR, PERMUTATION_LIMIT)
            .map_err(|e| {
                TooComplex(format!(
                    "RDFC-1.0 permutes at most {PERMUTATION_LIMIT} blank nodes with the same neighbourhood and recurses at most {DEPTH_FACTOR} × the number of blank nodes deep: {e}"
                ))
            })?;
    Ok(labels
        .into_iter()
        .map(|(from, to)| (from.to_string(), to.as_str().to_owned()))
        .collect())
}

/// An oxrdf term as a sophia term, borrowing its text.
fn simple(term: TermRef<'_>) -> SimpleTerm<'_> {
    match term {
        TermRef::NamedNode(n) => SimpleTerm::Iri(IriRef::new_unchecked(MownStr::from(n.as_str()))),
        TermRef::BlankNode(b) => {
            SimpleTerm::BlankNode(BnodeId::new_unchecked(MownStr::from(b.as_str())))
        }
        TermRef::Literal(l) => match l.language() {
            Some(language) => SimpleTerm::LiteralLanguage(
                MownStr::from(l.value()),
                LanguageTag::new_unchecked(MownStr::from(language)),
                None,
            ),
            None => SimpleTerm::LiteralDatatype(
                MownStr::from(l.value()),
                IriRef::new_unchecked(MownStr::from(l.datatype().as_str())),
            ),
        },
    }
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
        let a = canonicalize_graph(&graph("x1", true)).expect("canonical");
        let b = canonicalize_graph(&graph("other", false)).expect("canonical");
        assert_eq!(a.hash, b.hash);
        assert!(a.hash.starts_with("sha256:") && a.hash.len() == 7 + 64);
        // Relabelled triples canonicalize back to the same hash.
        let relabelled = relabel(&a.triples, "https://ex.org/g");
        assert_eq!(
            canonicalize(relabelled.iter().map(Triple::as_ref))
                .expect("canonical")
                .hash,
            a.hash
        );
        assert_ne!(relabelled, a.triples);
    }
}
