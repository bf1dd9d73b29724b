//! Why a model cannot be projected to SQL.

/// A model the SQL projection cannot represent. Validated models only fail
/// on the structures named here, which Upper allows but SQL tables cannot hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SqlError {
    /// A datatype, class or enumeration the view cannot resolve.
    #[error("<{iri}> is not defined by the model or its imports")]
    Unresolved { iri: String },
    /// A primary key member whose columns could be NULL or hold several values.
    #[error(
        "the primary key of <{class}> includes <{property}>, which reaches an optional or many-valued \
         property; key columns must be single-valued and NOT NULL"
    )]
    UnkeyableMember { class: String, property: String },
    /// A nested class that contains itself.
    #[error(
        "nested class <{class}> contains itself through <{property}>; nested values are flattened into \
         columns and child tables, which cannot recurse: make <{class}> an upper:DirectClass"
    )]
    RecursiveNesting { class: String, property: String },
    /// A keyed class without a primary key, own or inherited.
    #[error("direct class <{class}> has no primary key, own or inherited")]
    MissingKey { class: String },
    /// Primary keys made of relationships that lead back to the same class.
    #[error("the primary key of <{class}> refers back to <{class}> through its key relationships")]
    KeyCycle { class: String },
    /// A range facet that is not a decimal number (it would be written into the DDL as is).
    #[error("datatype <{datatype}> has the bound `{value}`, which is not a decimal number")]
    BadFacet { datatype: String, value: String },
}
