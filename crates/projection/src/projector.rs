//! The interface the registry and the CLI drive projections through.
//!
//! Each target crate exposes a plain `project(view, options)` function; a
//! `Projector` fixes the options and names the target, so a registry can run
//! "every projection" without depending on each target crate.
//!
//! Some targets must keep identifiers across versions of a model (Protobuf
//! field numbers, Iceberg field ids): they read what they recorded for the
//! version before, in its mappings graph, through [`Projector::project_after`].
//! The mappings are the one place such a record belongs: `uda generate
//! --mappings` writes them, the registry stores them with every version.

use crate::Output;
use oxrdf::Graph;
use std::fmt;
use uda_upper::ModelView;

/// A projection to one target with fixed options.
pub trait Projector: Send + Sync {
    /// The target's name, as recorded in mappings (`graphql`, `sql-postgres`, ...).
    fn target(&self) -> &str;

    /// Projects the root model of `view`.
    fn project(&self, view: &ModelView<'_>) -> Result<Output, ProjectionError>;

    /// Projects the root model of `view` as the next version after the one
    /// whose mappings are `earlier`. The graph may hold other targets'
    /// mappings too (a `--target all` file); a target reads only its own
    /// mapping set. Targets without identifiers to keep ignore it.
    fn project_after(
        &self,
        view: &ModelView<'_>,
        earlier: Option<&Graph>,
    ) -> Result<Output, ProjectionError> {
        let _ = earlier;
        self.project(view)
    }
}

/// A projection that could not be made, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectionError {
    pub target: String,
    pub message: String,
}

impl fmt::Display for ProjectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot project to {}: {}", self.target, self.message)
    }
}

impl std::error::Error for ProjectionError {}
