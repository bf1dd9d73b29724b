//! The hook through which graphs that are not domain models are checked
//! against their governing model.
//!
//! Domain models are validated by `uda_upper::Loader` against Upper. A
//! container representation is governed by the system model that defines its
//! root element's class (e.g. `ontologies/graphql.ttl`), and a set of mappings
//! by the mapping model; checking those needs a conformance engine (SHACL
//! shapes derived from the governing model, being built in `uda-project-shacl`).
//! Until it lands, [`AcceptAll`] is the default: the registry still records
//! the governing model of every graph in the catalog.

use crate::GraphKind;
use oxigraph::model::Graph;
use uda_upper::ModelView;

/// A graph about to be accepted, and the model that governs it.
pub struct ConformanceCheck<'a> {
    /// The name of the version graph it will be stored as.
    pub graph_name: &'a str,
    pub kind: GraphKind,
    pub graph: &'a Graph,
    /// The projection target it came from.
    pub target: &'a str,
    /// The IRI of the governing model.
    pub governing_model: &'a str,
    /// The governing model with its imports resolved.
    pub governing: &'a ModelView<'a>,
}

/// Checks graphs that are not domain models against their governing model.
pub trait Conformance: Send + Sync {
    /// The ways `check.graph` does not conform; empty when it conforms.
    fn check(&self, check: &ConformanceCheck<'_>) -> Vec<String>;
}

/// Accepts every graph: the default until a conformance engine is plugged in
/// with [`Registry::with_conformance`](crate::Registry::with_conformance).
#[derive(Debug, Clone, Copy, Default)]
pub struct AcceptAll;

impl Conformance for AcceptAll {
    fn check(&self, _: &ConformanceCheck<'_>) -> Vec<String> {
        Vec::new()
    }
}
