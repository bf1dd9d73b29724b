#![doc = include_str!("../README.md")]

mod names;
mod recorder;

pub use names::{Case, Names};
pub use recorder::{write_turtle, Output, Recorder, SchemaFile, MAP_NS};
