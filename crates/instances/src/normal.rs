//! The normal form of instance data, what a round trip through any
//! container gives back, and graph isomorphism to compare with it.

use std::collections::HashMap;

use oxrdf::dataset::CanonicalizationAlgorithm;
use oxrdf::{Graph, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef, Triple};
use uda_upper::ModelView;

use crate::instances::{Instances, RDF_TYPE};
use crate::literal::canonical_literal;
use crate::DataError;

/// The normal form of `graph`, data of the model `view`: every keyed
/// instance named by the IRI minted from its key under `base`, typed with
/// its most specific class only; every literal of a property in the
/// canonical form of the property's datatype (`"3700000.00"` of an
/// `xsd:decimal` is `"3700000"`, an `xsd:integer` `1` of an `xsd:long`
/// property is `"1"^^xsd:long`); nested values blank nodes without a type.
/// Triples about anything else are left out: no container holds them.
pub fn normalize(view: &ModelView<'_>, graph: &Graph, base: &str) -> Result<Graph, Vec<DataError>> {
    let labels = HashMap::new();
    let instances = Instances::new(view, graph, &labels)?;
    let mut names: HashMap<NamedOrBlankNodeRef<'_>, NamedOrBlankNode> = HashMap::new();
    let mut errors = Vec::new();
    for (s, _) in instances.all() {
        match instances.minted(base, s) {
            Ok(n) => {
                names.insert(s, n);
            }
            Err(e) => errors.push(e),
        }
    }
    let rename = |t: TermRef<'_>| -> Term {
        match t {
            TermRef::NamedNode(n) => names
                .get(&NamedOrBlankNodeRef::NamedNode(n))
                .map_or_else(|| t.into_owned(), |m| m.clone().into()),
            TermRef::BlankNode(b) => names
                .get(&NamedOrBlankNodeRef::BlankNode(b))
                .map_or_else(|| t.into_owned(), |m| m.clone().into()),
            other => other.into_owned(),
        }
    };
    let mut out = Graph::new();
    for t in graph {
        let keyed = instances.class_of(t.subject);
        if keyed.is_none() && !matches!(t.subject, NamedOrBlankNodeRef::BlankNode(_)) {
            continue;
        }
        let subject = match rename(t.subject.into()) {
            Term::NamedNode(n) => NamedOrBlankNode::from(n),
            Term::BlankNode(b) => b.into(),
            _ => continue,
        };
        if t.predicate == RDF_TYPE {
            if let Some(class) = keyed {
                out.insert(&Triple::new(
                    subject,
                    RDF_TYPE,
                    NamedNodeRef::new_unchecked(&class.iri),
                ));
            }
            continue;
        }
        let Some(p) = view.property(t.predicate.as_str()) else {
            continue;
        };
        let object = match (view.datatype(p), t.object) {
            (Some(d), TermRef::Literal(l)) => match canonical_literal(l, d.builtin) {
                Ok(l) => l.into(),
                Err(e) => {
                    errors.push(DataError::new(
                        t.subject.to_string(),
                        format!("{}: {e}", p.iri),
                    ));
                    continue;
                }
            },
            (_, o) => rename(o),
        };
        out.insert(&Triple::new(subject, t.predicate.into_owned(), object));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Whether two graphs are isomorphic: equal once their blank nodes are
/// named canonically.
pub fn isomorphic(a: &Graph, b: &Graph) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a, mut b) = (a.clone(), b.clone());
    a.canonicalize(CanonicalizationAlgorithm::Unstable);
    b.canonicalize(CanonicalizationAlgorithm::Unstable);
    a == b
}
