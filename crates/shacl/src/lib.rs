#![doc = include_str!("../README.md")]
// The crate's purpose (a SHACL Core validator) is documented in README.md,
// which doubles as the crate documentation and a compiled doctest.

mod error;
mod path;
mod rdf;
mod report;
mod shapes;
mod validator;
mod values;
mod vocab;

pub use error::ShapesError;
pub use path::Path;
pub use report::{ValidationReport, ValidationResult};
pub use shapes::ShapesGraph;
pub use validator::validate;

/// IRI of the uda `uniqueKey` constraint parameter.
pub const UDASH_UNIQUE_KEY: &str = "https://w3id.org/uda/shacl#uniqueKey";
/// IRI of the constraint component reported for `udash:uniqueKey` violations.
pub const UDASH_UNIQUE_KEY_COMPONENT: &str =
    "https://w3id.org/uda/shacl#UniqueKeyConstraintComponent";
