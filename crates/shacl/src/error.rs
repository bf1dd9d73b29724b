//! The error returned when a shapes graph cannot be turned into shapes.

use oxrdf::Term;

/// A shapes graph that is not well-formed SHACL, with the shape (or path
/// node) at fault so that the author can find it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed shape {shape}: {message}")]
pub struct ShapesError {
    shape: Term,
    message: String,
}

impl ShapesError {
    pub(crate) fn new(shape: impl Into<Term>, message: impl Into<String>) -> Self {
        Self {
            shape: shape.into(),
            message: message.into(),
        }
    }

    /// The shape (IRI or blank node) that is malformed; for
    /// [`Path::from_graph`](crate::Path::from_graph), the path node.
    pub fn shape(&self) -> &Term {
        &self.shape
    }

    /// What is wrong with it.
    pub fn message(&self) -> &str {
        &self.message
    }
}
