#![doc = include_str!("../README.md")]

mod bundle;
mod datatypes;
mod error;
mod naming;
mod projector;
mod vocab;

pub use bundle::bundle;
pub use error::JsonSchemaError;
pub use projector::{project, JsonSchemaOptions, DIALECT};
pub use vocab::NS as JSONSCHEMA_NS;
