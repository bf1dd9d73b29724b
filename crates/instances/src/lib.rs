//! Instance data of a domain model, moved between RDF and the containers the
//! model is projected to, through the projections' mappings only: no code
//! knows a particular model. See the README.
#![doc = include_str!("../README.md")]

mod instances;
mod literal;
mod mapped;
mod normal;
pub mod sql;

use std::fmt;

pub use instances::{key_class, mint};
pub use literal::{canonical_literal, Cell};
pub use mapped::Mapped;
pub use normal::{isomorphic, normalize};

/// A model's mappings cannot be read as a plan: an element missing, or a
/// layout this crate does not invert yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    /// The domain term or container element concerned.
    pub at: String,
    pub message: String,
}

impl PlanError {
    pub(crate) fn new(at: &str, message: impl Into<String>) -> Self {
        Self {
            at: at.to_owned(),
            message: message.into(),
        }
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}> {}", self.at, self.message)
    }
}

impl std::error::Error for PlanError {}

/// Data that cannot be moved: where (a subject, a table row) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub at: String,
    pub message: String,
}

impl DataError {
    pub(crate) fn new(at: String, message: String) -> Self {
        Self { at, message }
    }

    /// This error, located inside `self` (a table row).
    pub(crate) fn with(self, inner: DataError) -> Self {
        Self {
            at: format!("{}: {}", self.at, inner.at),
            message: inner.message,
        }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.at, self.message)
    }
}

impl std::error::Error for DataError {}
