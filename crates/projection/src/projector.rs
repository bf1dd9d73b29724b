//! The interface the registry and the CLI drive projections through.
//!
//! Each target crate exposes a plain `project(view, options)` function; a
//! `Projector` fixes the options and names the target, so a registry can run
//! "every projection" without depending on each target crate.

use crate::Output;
use std::fmt;
use uda_upper::ModelView;

/// A projection to one target with fixed options.
pub trait Projector: Send + Sync {
    /// The target's name, as recorded in mappings (`graphql`, `sql-postgres`, ...).
    fn target(&self) -> &str;

    /// Projects the root model of `view`.
    fn project(&self, view: &ModelView<'_>) -> Result<Output, ProjectionError>;
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
