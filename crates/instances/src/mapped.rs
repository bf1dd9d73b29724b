//! The mappings and container representations of a model's projections,
//! indexed both ways: what realizes a domain term, and what a container
//! element realizes, with each element's kind, name, parent and position.

use std::collections::{BTreeSet, HashMap};

use oxrdf::{Graph, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use uda_projection::Output;

const MAP: &str = "https://w3id.org/uda/mapping#";
const RDF_TYPE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

/// The mappings and containers of one target, for a model and the models it imports.
pub struct Mapped {
    container: Graph,
    /// Domain term → the container elements realizing it, sorted.
    realized_by: HashMap<String, BTreeSet<String>>,
    /// Container element → the domain terms it realizes.
    realizes: HashMap<String, BTreeSet<String>>,
}

impl Mapped {
    /// Indexes the outputs of one target's projection of a model and of each
    /// model it imports (whose elements the model's container refers to).
    pub fn new<'a>(outputs: impl IntoIterator<Item = &'a Output>) -> Self {
        let mut container = Graph::new();
        let mut realized_by: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut realizes: HashMap<String, BTreeSet<String>> = HashMap::new();
        let realized = format!("{MAP}realizedBy");
        for output in outputs {
            for t in output.container.to_graph().iter() {
                container.insert(t);
            }
            for t in output.mappings.to_graph().iter() {
                if t.predicate.as_str() != realized {
                    continue;
                }
                let (NamedOrBlankNodeRef::NamedNode(term), TermRef::NamedNode(element)) =
                    (t.subject, t.object)
                else {
                    continue;
                };
                realized_by
                    .entry(term.as_str().to_owned())
                    .or_default()
                    .insert(element.as_str().to_owned());
                realizes
                    .entry(element.as_str().to_owned())
                    .or_default()
                    .insert(term.as_str().to_owned());
            }
        }
        Self {
            container,
            realized_by,
            realizes,
        }
    }

    /// The container elements realizing domain term `term`.
    pub fn realized_by(&self, term: &str) -> impl Iterator<Item = &str> {
        self.realized_by
            .get(term)
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    /// Whether container element `element` realizes domain term `term`.
    pub fn realizes(&self, element: &str, term: &str) -> bool {
        self.realizes
            .get(element)
            .is_some_and(|terms| terms.contains(term))
    }

    /// Whether `element` is an instance of the container class `class` (a full IRI).
    pub fn is_a(&self, element: &str, class: &str) -> bool {
        self.container.contains(oxrdf::TripleRef::new(
            NamedNodeRef::new_unchecked(element),
            RDF_TYPE,
            NamedNodeRef::new_unchecked(class),
        ))
    }

    /// The elements whose `map:partOf` is `parent`, of class `class`, by their position
    /// (`position` a full IRI), then IRI.
    pub fn parts(&self, parent: &str, class: &str, position: Option<&str>) -> Vec<String> {
        let part_of = NamedNode::new_unchecked(format!("{MAP}partOf"));
        let mut parts: Vec<(i64, String)> = self
            .container
            .subjects_for_predicate_object(&part_of, NamedNodeRef::new_unchecked(parent))
            .filter_map(|s| match s {
                NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str().to_owned()),
                NamedOrBlankNodeRef::BlankNode(_) => None,
            })
            .filter(|e| self.is_a(e, class))
            .map(|e| {
                let at = position
                    .and_then(|p| self.literal(&e, p))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(i64::MAX);
                (at, e)
            })
            .collect();
        parts.sort();
        parts.into_iter().map(|(_, e)| e).collect()
    }

    /// The element's `map:name`.
    pub fn name(&self, element: &str) -> Option<String> {
        self.literal(element, &format!("{MAP}name"))
    }

    /// The lexical form of the one literal value of `predicate` (a full IRI) on `element`.
    pub fn literal(&self, element: &str, predicate: &str) -> Option<String> {
        match self.container.object_for_subject_predicate(
            NamedNodeRef::new_unchecked(element),
            NamedNodeRef::new_unchecked(predicate),
        )? {
            TermRef::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        }
    }

    /// The one IRI value of `predicate` (a full IRI) on `element`.
    pub fn link(&self, element: &str, predicate: &str) -> Option<String> {
        match self.container.object_for_subject_predicate(
            NamedNodeRef::new_unchecked(element),
            NamedNodeRef::new_unchecked(predicate),
        )? {
            TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        }
    }
}
