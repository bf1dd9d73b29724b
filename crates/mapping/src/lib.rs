#![doc = include_str!("../README.md")]

mod check;
mod container;
mod read;
mod suggest;
mod write;

pub use check::{check, Code, Diagnostic};
pub use container::System;
pub use read::{
    read, ConceptMapping, FieldMapping, Located, Mapping, MappingSet, Mappings, Ref,
    MAX_STATEMENTS, NETFLIX_MAP_NS,
};
pub use suggest::{suggest, to_turtle, FieldSuggestion, Suggestion, THRESHOLD};
pub use write::{read_graph, to_graph};
