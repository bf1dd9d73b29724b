#![doc = include_str!("../README.md")]

mod container;
mod datatypes;
mod error;
mod import;
mod naming;
mod projector;
mod render;
mod vocab;

pub use datatypes::DEFAULT_DECIMAL;
pub use error::AvroError;
pub use import::{import, import_with, ImportDiagnostic, ImportError, ImportOptions};
pub use projector::{project, AvroOptions, TimestampPrecision};
pub use render::{files_to_json_array, to_json_array};
pub use vocab::NS as AVRO_NS;
