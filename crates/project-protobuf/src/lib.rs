#![doc = include_str!("../README.md")]

mod datatypes;
mod error;
mod naming;
mod numbering;
mod projector;
mod record;
mod render;
mod vocab;

pub use error::ProtobufError;
pub use projector::{project, ProtobufOptions};
pub use vocab::NS as PROTOBUF_NS;
