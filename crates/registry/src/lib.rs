#![doc = include_str!("../README.md")]

mod canon;
mod catalog;
mod compat;
mod conformance;
mod diff;
mod error;
mod listing;
mod names;
mod projdiff;
mod query;
mod registry;
mod search;
mod system;
mod union;

pub use catalog::{CatalogEntry, GraphKind};
pub use compat::{Breaks, CompatibilityMode};
pub use conformance::{Conformance, ConformanceCheck, GoverningShapesCheck};
pub use diff::{diff, Change, ChangeKind, ModelDiff, ProjectionChange};
pub use error::{Conflict, DependentFailure, RegistryError, Rejection};
pub use names::{
    container_graph, mappings_graph, version_graph, CATALOG_GRAPH, CAT_NS, FORMAT_VERSION,
};
/// The store and SPARQL types the registry's API uses.
pub use oxigraph;
pub use projdiff::{describe_projections, ProjectionGraphs};
pub use query::{Dataset, QueryOptions};
pub use registry::{
    Deleted, LoadedVersion, ModelInfo, ModelSource, Outcome, RegisterOptions, Registered, Registry,
    VersionInfo, WriteCheck,
};
pub use search::{SearchField, SearchHit};
pub use system::SYSTEM_MODELS;

use uda_projection::Projector;
use uda_upper::ModelView;

/// The changes from `old` to `new` ([`diff`]), with what each does to the
/// schemas of every projector, found by projecting both sides. A projector
/// that fails on either side is left out of the descriptions.
pub fn diff_with_projections(
    old: &ModelView<'_>,
    new: &ModelView<'_>,
    projectors: &[Box<dyn Projector>],
) -> Vec<Change> {
    let mut changes = diff(old, new);
    let project = |view: &ModelView<'_>| -> Vec<ProjectionGraphs> {
        projectors
            .iter()
            .filter_map(|p| {
                p.project(view)
                    .ok()
                    .map(|o| ProjectionGraphs::from_output(p.target(), &o))
            })
            .collect()
    };
    describe_projections(&mut changes, &project(old), &project(new));
    changes
}
