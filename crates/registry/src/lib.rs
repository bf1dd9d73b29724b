#![doc = include_str!("../README.md")]

mod ahead;
mod bootstrap;
mod canon;
mod catalog;
mod conformance;
mod container_diff;
mod containers;
mod dependents;
mod discovery;
mod error;
mod index;
mod insertions;
mod listing;
mod maintenance;
mod mapping_sets;
mod names;
mod projecting;
mod query;
mod reading;
mod register;
mod registry;
mod search;
mod source;
mod system;
mod union;

pub use catalog::{CatalogEntry, GraphKind};
pub use conformance::{Conformance, ConformanceCheck, GoverningShapesCheck};
pub use containers::ContainerInfo;
pub use discovery::{Coverage, CoverageItem, Realization};
pub use error::{BrokenMapping, Conflict, DependentFailure, RegistryError, Rejection};
pub use index::{index_graph, IDX_NS, INDEX_GRAPH_PREFIX, VOCABULARY_GRAPH};
pub use maintenance::Deleted;
pub use names::{
    container_graph, existing_container_graph, mappings_graph, version_graph, CATALOG_GRAPH,
    CAT_NS, CONTAINER_GRAPH_PREFIX, FORMAT_VERSION,
};
/// The store and SPARQL types the registry's API uses.
pub use oxigraph;
pub use query::{Dataset, QueryOptions};
pub use reading::{LoadedVersion, ModelInfo, VersionInfo};
pub use register::{Outcome, RegisterOptions, Registered, WriteCheck};
pub use registry::Registry;
pub use search::{SearchHit, SearchOptions};
pub use source::ModelSource;
pub use system::SYSTEM_MODELS;
/// The semantic diff and compatibility modes, from `uda-diff`.
pub use uda_diff::{
    describe_projections, diff, diff_with_projections, Breaks, Change, ChangeKind,
    CompatibilityMode, ModelDiff, ProjectionChange, ProjectionGraphs,
};
pub use uda_search::{Match, QueryError};
