#![doc = include_str!("../README.md")]

mod files;
mod import;
mod names;
mod projector;
mod recorder;
mod triples;

pub use files::{file_component, file_path, UnsafeFileName};
pub use import::{Coordinates, ImportWarning, Imported};
pub use names::{package_name, Case, Names};
pub use projector::{ProjectionError, Projector};
pub use recorder::{write_turtle, Output, Recorder, SchemaFile, MAP_NS, MODEL_TURTLE_PREFIXES};
pub use triples::Triples;
