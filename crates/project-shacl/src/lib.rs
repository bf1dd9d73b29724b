#![doc = include_str!("../README.md")]
// The mapping choices are documented in README.md, which is the crate
// documentation; each module says what it is for.

mod datatypes;
mod governing;
mod shapes;
mod vocab;

pub use governing::{merge, taxonomy, GoverningShapes};

use uda_projection::Output;
use uda_shacl::{ShapesError, ShapesGraph};
use uda_upper::ModelView;

/// The target name recorded in mappings (`map:target "shacl"`) and the
/// path segment of shape IRIs (`{model}/shacl/WorkShape`).
pub const TARGET: &str = "shacl";

/// How to project.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShaclOptions {
    /// Close the node shapes of classes (`sh:closed true`): instances may
    /// use only the properties of their class and `rdf:type`.
    pub closed: bool,
}

/// Why a model could not be projected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShaclError {
    /// A term the model uses is defined neither by it nor by its imports (a
    /// model that validated never has one).
    #[error("<{term}>, used by <{used_by}>, is not defined by the model or its imports")]
    Unresolved { term: String, used_by: String },
    /// The shapes are not valid SHACL; in practice, a datatype's pattern
    /// that SHACL's regular expressions cannot read.
    #[error("the shapes are not valid SHACL: {0}")]
    Shapes(#[from] ShapesError),
}

/// Projects the root model of `view` to SHACL: one `{domain}.shacl.ttl`
/// file, whose graph is also the container representation, and the
/// mappings from every class, property, enumeration and enumeration value
/// of the model to the shapes realizing them.
pub fn project(view: &ModelView<'_>, options: &ShaclOptions) -> Result<Output, ShaclError> {
    let output = shapes::shapes_of(view, view.root(), options)?;
    // The shapes must be usable as they are: SHACL's own well-formedness
    // rules (uda-shacl rejects malformed shapes, such as a bad pattern).
    ShapesGraph::from_graph(&output.container.to_graph())?;
    Ok(output)
}
