#![doc = include_str!("../README.md")]

mod names;
mod projector;
mod recorder;
mod triples;

pub use names::{Case, Names};
pub use projector::{ProjectionError, Projector};
pub use recorder::{write_turtle, Output, Recorder, SchemaFile, MAP_NS};
pub use triples::Triples;
