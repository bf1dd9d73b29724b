#![doc = include_str!("../README.md")]
mod datatype;
mod diagnostic;
pub mod dialect;
mod document;
mod iri;
pub mod vocab;
pub use datatype::Builtin;
pub use diagnostic::{Code, Diagnostic, Location, Severity};
pub use document::{format_from_name, format_from_path, DialectUse, Document, MAX_BLANK_NODES};
pub use iri::{file_iri, source_iri, FileIriError};
mod build;
mod model;
mod view;
pub use model::{
    local_name, Class, ClassKind, Datatype, DomainModel, EnumValue, Enumeration, Extension, Facets,
    Localized, Property, PropertyKind, Text,
};
pub use view::{ModelSet, ModelView, ResolvedDatatype, Target};
mod list;
pub use list::{read_list, ListError, MAX_LIST_LENGTH};
mod loader;
mod validate;
pub use loader::{Loaded, Loader};
pub use oxrdfio::RdfFormat;
