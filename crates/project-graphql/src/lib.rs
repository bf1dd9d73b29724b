#![doc = include_str!("../README.md")]

mod describe;
mod directives;
mod import;
mod keys;
mod links;
mod plan;
mod render;
mod scalars;
mod vocab;

use uda_projection::Output;
use uda_upper::{ModelView, Property, PropertyKind};

pub use import::{import, ImportError, LocatedError};
pub use render::FEDERATION_SPEC;
pub use vocab::NS;

/// The mapping target name of a plain schema.
pub const TARGET: &str = "graphql";
/// The mapping target name of an Apollo Federation subgraph.
pub const TARGET_FEDERATION: &str = "graphql-federation";

/// How to project.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GraphqlOptions {
    /// Write an Apollo Federation v2 subgraph of the model's own types
    /// instead of a self-contained schema.
    pub federation: bool,
}

/// Why a model could not be projected. A model that passed validation only
/// fails on the first variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GraphqlError {
    /// A key that reaches its own class again through relationships has no
    /// finite set of arguments or key fields.
    #[error("the key of <{class}> leads back to <{class}> through relationships; a key must end in attributes or enumerations")]
    RecursiveKey { class: String },
    #[error("<{property}> points at <{target}>, which is neither a class nor an enumeration of the model or its imports")]
    UnknownTarget { property: String, target: String },
    #[error("the datatype <{datatype}> of <{property}> is neither built in nor a datatype of the model or its imports")]
    UnknownDatatype { property: String, datatype: String },
    /// Federation: the subgraph refers to an entity interface of another
    /// subgraph (as an `@interfaceObject`) and to one of its implementations,
    /// which Federation forbids in one subgraph.
    #[error(
        "the subgraph refers both to <{interface}>, an entity interface of another subgraph, and to its subclass <{implementation}>; \
         Federation forbids defining an implementation next to an @interfaceObject: refer to one of them only, or project without federation"
    )]
    InterfaceObjectConflict {
        interface: String,
        implementation: String,
    },
    #[error("<{class}> is not a class of the model or its imports")]
    UnknownClass { class: String },
    #[error("`{name}` is not a valid GraphQL name")]
    InvalidName { name: String },
    /// A bug in this crate: please report it.
    #[error("internal error of the GraphQL projection: {detail}")]
    Internal { detail: String },
}

impl GraphqlError {
    pub(crate) fn unknown_target(property: &Property) -> Self {
        GraphqlError::UnknownTarget {
            property: property.iri.clone(),
            target: value_term(property).to_owned(),
        }
    }

    pub(crate) fn unknown_datatype(property: &Property) -> Self {
        GraphqlError::UnknownDatatype {
            property: property.iri.clone(),
            datatype: value_term(property).to_owned(),
        }
    }

    pub(crate) fn unknown_class(class: &str) -> Self {
        GraphqlError::UnknownClass {
            class: class.to_owned(),
        }
    }

    pub(crate) fn internal(detail: String) -> Self {
        GraphqlError::Internal { detail }
    }
}

/// What a property's values are: its datatype or its target class.
fn value_term(property: &Property) -> &str {
    match &property.kind {
        PropertyKind::Relationship { class } => class,
        PropertyKind::Attribute { datatype } => datatype,
    }
}

/// Projects the model `view` is of to GraphQL SDL: one file,
/// `{domain}.graphql`, or `{domain}.subgraph.graphql` with
/// [`federation`](GraphqlOptions::federation), with its container
/// representation (in the vocabulary of `ontologies/graphql.ttl`) and its
/// mappings. The same model always gives the same bytes.
pub fn project(view: &ModelView<'_>, options: &GraphqlOptions) -> Result<Output, GraphqlError> {
    let plan = plan::Plan::new(view, options.federation)?;
    let domain = &view.root().domain;
    let (target, file) = if options.federation {
        (TARGET_FEDERATION, format!("{domain}.subgraph.graphql"))
    } else {
        (TARGET, format!("{domain}.graphql"))
    };
    render::render(view, &plan, target, file)
}
