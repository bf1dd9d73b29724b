//! Checking data against a model: the shapes of the model and of every model
//! it builds on, in one shapes graph, and the taxonomy the data is read with.
//!
//! This is the one engine behind `uda check-data` (instance data against a
//! domain model) and behind the conformance of a model to its governing
//! model (a domain model's graph against Upper's shapes, a mappings graph
//! against the mapping model's shapes).

use oxrdf::vocab::rdfs;
use oxrdf::{BlankNode, Graph, NamedNode, NamedOrBlankNode, Term, Triple, TripleRef};
use std::collections::HashMap;
use uda_shacl::{validate, ShapesGraph, ValidationReport};
use uda_upper::ModelView;

use crate::shapes::shapes_of;
use crate::{ShaclError, ShaclOptions};

/// The shapes that data governed by a model must conform to: the shapes of
/// the root model of a view and of every model it imports (Upper included),
/// parsed once, ready to validate any number of data graphs.
#[derive(Debug, Clone)]
pub struct GoverningShapes {
    graph: Graph,
    taxonomy: Graph,
    shapes: ShapesGraph,
}

/// The `rdfs:subClassOf` triples of every class of `view`'s models: what
/// instance data is read with, since SHACL looks for them in the data graph.
pub fn taxonomy(view: &ModelView<'_>) -> Graph {
    let mut taxonomy = Graph::new();
    for class in view.classes() {
        if let Some(parent) = &class.parent {
            taxonomy.insert(&Triple::new(
                NamedNode::new_unchecked(&class.iri),
                rdfs::SUB_CLASS_OF,
                NamedNode::new_unchecked(parent),
            ));
        }
    }
    taxonomy
}

impl GoverningShapes {
    /// The shapes of `view`'s root model and of all its imports. With
    /// `options.closed`, a class's closed shape allows the properties that
    /// any model of the view adds to it.
    pub fn new(view: &ModelView<'_>, options: &ShaclOptions) -> Result<Self, ShaclError> {
        let graphs = view
            .models()
            .iter()
            .map(|model| shapes_of(view, model, options).map(|output| output.container))
            .collect::<Result<Vec<_>, _>>()?;
        let graph = merge(&graphs);
        let taxonomy = taxonomy(view);
        let shapes = ShapesGraph::from_graph(&graph)?;
        Ok(Self {
            graph,
            taxonomy,
            shapes,
        })
    }

    /// Validates `data`, read together with the taxonomy of the models (an
    /// instance of `studio:Film` is an instance of `studio:Work`): SHACL
    /// looks for `rdfs:subClassOf` in the data graph, which need not say it.
    pub fn validate(&self, data: &Graph) -> ValidationReport {
        if self.taxonomy.iter().all(|t| data.contains(t)) {
            return validate(&self.shapes, data);
        }
        let mut data = data.clone();
        data.extend(self.taxonomy.iter());
        validate(&self.shapes, &data)
    }

    /// The shapes graph: the union of the shapes graphs of the models.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// The `rdfs:subClassOf` triples of every class of the models.
    pub fn taxonomy(&self) -> &Graph {
        &self.taxonomy
    }

    /// The parsed shapes.
    pub fn shapes(&self) -> &ShapesGraph {
        &self.shapes
    }
}

/// The RDF merge of `graphs` (each a [`Graph`] or a projection's
/// [`Triples`](uda_projection::Triples)): their union, with the blank nodes
/// of each graph kept apart from those of the others (two files may both use
/// `_:b0` for different nodes; shapes graphs reuse labels such as
/// `_:AnyInteger`).
pub fn merge<'g, G>(graphs: impl IntoIterator<Item = &'g G>) -> Graph
where
    G: 'g + ?Sized,
    &'g G: IntoIterator<Item = TripleRef<'g>>,
{
    let mut out = Graph::new();
    for graph in graphs {
        let mut fresh: HashMap<BlankNode, BlankNode> = HashMap::new();
        let mut rename = |b: &BlankNode| fresh.entry(b.clone()).or_default().clone();
        for triple in graph {
            let triple = triple.into_owned();
            let subject = match triple.subject {
                NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::BlankNode(rename(&b)),
                other => other,
            };
            let object = match triple.object {
                Term::BlankNode(b) => Term::BlankNode(rename(&b)),
                other => other,
            };
            out.insert(&Triple::new(subject, triple.predicate, object));
        }
    }
    out
}
