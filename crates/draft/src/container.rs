//! Reading a container representation by its vocabulary: elements of a
//! class, their names, literal and node values, and their parts.

use crate::DraftError;
use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedNode, NamedOrBlankNodeRef, TermRef};
use std::collections::BTreeMap;

pub(crate) const MAP: &str = "https://w3id.org/uda/mapping#";

/// Names longer than this are refused: no container language needs them, and
/// every drafted term repeats its name as IRI and label.
pub const MAX_NAME_LENGTH: usize = 1024;

pub(crate) struct Container<'g> {
    graph: &'g Graph,
    /// Each element's parts (the subjects of `map:partOf` arcs to it), by IRI.
    parts: BTreeMap<NamedNode, Vec<NamedNode>>,
}

pub(crate) fn iri(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}

impl<'g> Container<'g> {
    pub(crate) fn new(graph: &'g Graph) -> Self {
        let part_of = iri(MAP, "partOf");
        let mut parts: BTreeMap<NamedNode, Vec<NamedNode>> = BTreeMap::new();
        for t in graph.triples_for_predicate(&part_of) {
            if let (NamedOrBlankNodeRef::NamedNode(child), TermRef::NamedNode(parent)) =
                (t.subject, t.object)
            {
                parts
                    .entry(parent.into_owned())
                    .or_default()
                    .push(child.into_owned());
            }
        }
        for children in parts.values_mut() {
            children.sort();
        }
        Self { graph, parts }
    }

    /// Every element typed `class`, by IRI.
    pub(crate) fn of_type(&self, class: &NamedNode) -> Vec<NamedNode> {
        let mut all: Vec<NamedNode> = self
            .graph
            .subjects_for_predicate_object(rdf::TYPE, class)
            .filter_map(|s| match s {
                NamedOrBlankNodeRef::NamedNode(n) => Some(n.into_owned()),
                NamedOrBlankNodeRef::BlankNode(_) => None,
            })
            .collect();
        all.sort();
        all
    }

    pub(crate) fn is_a(&self, node: &NamedNode, class: &NamedNode) -> bool {
        self.graph
            .contains(oxrdf::TripleRef::new(node, rdf::TYPE, class))
    }

    /// The parts of `node` typed `class`, by IRI.
    pub(crate) fn parts(&self, node: &NamedNode, class: &NamedNode) -> Vec<NamedNode> {
        self.parts
            .get(node)
            .map(|all| {
                all.iter()
                    .filter(|p| self.is_a(p, class))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The element's `map:name`, refused beyond [`MAX_NAME_LENGTH`].
    pub(crate) fn name(&self, node: &NamedNode) -> Result<String, DraftError> {
        let name = self.string(node, &iri(MAP, "name")).unwrap_or_default();
        if name.len() > MAX_NAME_LENGTH {
            return Err(DraftError::NameTooLong {
                element: node.as_str().to_owned(),
                length: name.len(),
            });
        }
        Ok(name)
    }

    /// A literal value's lexical form (the least, if the graph holds several).
    pub(crate) fn string(&self, node: &NamedNode, predicate: &NamedNode) -> Option<String> {
        self.graph
            .objects_for_subject_predicate(node, predicate)
            .filter_map(|o| match o {
                TermRef::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .min()
    }

    pub(crate) fn boolean(&self, node: &NamedNode, predicate: &NamedNode) -> bool {
        self.string(node, predicate)
            .is_some_and(|v| v == "true" || v == "1")
    }

    pub(crate) fn integer(&self, node: &NamedNode, predicate: &NamedNode) -> Option<i64> {
        self.string(node, predicate).and_then(|v| v.parse().ok())
    }

    /// The node values of `predicate`, by IRI.
    pub(crate) fn nodes(&self, node: &NamedNode, predicate: &NamedNode) -> Vec<NamedNode> {
        let mut all: Vec<NamedNode> = self
            .graph
            .objects_for_subject_predicate(node, predicate)
            .filter_map(|o| match o {
                TermRef::NamedNode(n) => Some(n.into_owned()),
                _ => None,
            })
            .collect();
        all.sort();
        all
    }

    pub(crate) fn node(&self, node: &NamedNode, predicate: &NamedNode) -> Option<NamedNode> {
        self.nodes(node, predicate).into_iter().next()
    }
}
