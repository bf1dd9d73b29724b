//! How graphs that are not domain models are checked against their governing
//! model before they are accepted.
//!
//! Domain models are validated by `uda_upper::Loader` against Upper. A
//! container representation is governed by the system model that defines its
//! root element's class (e.g. `ontologies/graphql.ttl`), and a set of mappings
//! by the mapping model. [`GoverningShapesCheck`], the default, validates them
//! with the SHACL shapes of the governing model (`uda-project-shacl`), the
//! same engine `uda check-data` runs on instance data.

use crate::GraphKind;
use oxigraph::model::Graph;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use uda_project_shacl::{GoverningShapes, ShaclOptions};
use uda_upper::ModelView;

/// A graph about to be accepted, and the model that governs it.
pub struct ConformanceCheck<'a> {
    /// The name of the version graph it will be stored as.
    pub graph_name: &'a str,
    pub kind: GraphKind,
    pub graph: &'a Graph,
    /// Statements the graph is read with but that are not part of it: for a
    /// container, the containers of the models it imports (whose types or
    /// tables it refers to); for mappings, the container elements they link
    /// and the class taxonomy of the container's system model.
    pub context: &'a Graph,
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

/// Validates a graph (with its context) against the SHACL shapes of its
/// governing model. The shapes of each governing model are built once: there
/// are only the system models and the mapping model.
#[derive(Debug, Default)]
pub struct GoverningShapesCheck {
    shapes: Mutex<HashMap<String, Arc<GoverningShapes>>>,
}

impl GoverningShapesCheck {
    fn shapes(&self, check: &ConformanceCheck<'_>) -> Result<Arc<GoverningShapes>, String> {
        // A poisoned cache still holds only complete entries.
        let mut cache = self.shapes.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(shapes) = cache.get(check.governing_model) {
            return Ok(shapes.clone());
        }
        let shapes = GoverningShapes::new(check.governing, &ShaclOptions::default())
            .map(Arc::new)
            .map_err(|e| {
                format!(
                    "the shapes of <{}> cannot be built: {e}",
                    check.governing_model
                )
            })?;
        cache.insert(check.governing_model.to_owned(), shapes.clone());
        Ok(shapes)
    }
}

impl Conformance for GoverningShapesCheck {
    fn check(&self, check: &ConformanceCheck<'_>) -> Vec<String> {
        let shapes = match self.shapes(check) {
            Ok(shapes) => shapes,
            Err(problem) => return vec![problem],
        };
        let report = if check.context.is_empty() {
            shapes.validate(check.graph)
        } else {
            let mut data = check.graph.clone();
            data.extend(check.context.iter());
            shapes.validate(&data)
        };
        let mut problems: Vec<String> = report
            .results
            .iter()
            .map(|r| {
                let path = r
                    .result_path
                    .as_ref()
                    .map(|p| format!(" {p}"))
                    .unwrap_or_default();
                let messages: Vec<&str> = r.messages.iter().map(|m| m.value()).collect();
                format!(
                    "{}{path}: {} ({})",
                    r.focus_node,
                    messages.join("; "),
                    r.source_constraint_component
                )
            })
            .collect();
        problems.sort();
        problems
    }
}
