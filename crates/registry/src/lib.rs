#![doc = include_str!("../README.md")]

mod canon;
mod catalog;
mod conformance;
mod error;
mod listing;
mod names;
mod query;
mod registry;
mod search;
mod system;
mod union;

pub use catalog::{CatalogEntry, GraphKind};
pub use conformance::{Conformance, ConformanceCheck, GoverningShapesCheck};
pub use error::{Conflict, DependentFailure, RegistryError, Rejection};
pub use names::{
    container_graph, mappings_graph, version_graph, CATALOG_GRAPH, CAT_NS, FORMAT_VERSION,
};
/// The store and SPARQL types the registry's API uses.
pub use oxigraph;
pub use query::{Dataset, QueryOptions};
pub use registry::{
    Deleted, LoadedVersion, ModelInfo, ModelSource, Outcome, RegisterOptions, Registered, Registry,
    VersionInfo, WriteCheck,
};
pub use search::{SearchField, SearchHit};
pub use system::SYSTEM_MODELS;
/// The semantic diff and compatibility modes, from `uda-diff`.
pub use uda_diff::{
    describe_projections, diff, diff_with_projections, Breaks, Change, ChangeKind,
    CompatibilityMode, ModelDiff, ProjectionChange, ProjectionGraphs,
};
