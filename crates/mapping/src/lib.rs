#![doc = include_str!("../README.md")]

mod check;
mod container;
mod read;

pub use check::{check, Code, Diagnostic};
pub use container::System;
pub use read::{
    read, ConceptMapping, FieldMapping, Located, Mapping, Mappings, Ref, MAX_STATEMENTS,
    NETFLIX_MAP_NS,
};
