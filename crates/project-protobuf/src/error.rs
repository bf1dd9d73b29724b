//! What can stop a Protobuf projection.

/// Why a domain model could not be projected to Protobuf. A validated model
/// meets none of these but [`ProtobufError::NumbersExhausted`] after half a
/// billion versions' worth of retired fields; the others guard against
/// models that were not validated, or a bug, instead of panicking.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProtobufError {
    /// A relationship points at a keyed class without a primary key, so there
    /// is nothing to carry in its key message.
    #[error("<{class}> has no primary key, so a relationship to it cannot be written as a key message (needed by <{property}>)")]
    MissingKey { class: String, property: String },
    /// A property's datatype or target is not in the model or its imports.
    #[error("<{property}> refers to <{target}>, which is not a datatype, class or enumeration of the model or its imports")]
    Dangling { property: String, target: String },
    /// Every number a message or enum may use has been given out.
    #[error("{name} has used every number Protobuf allows (up to {max}); numbers of removed members are never given again")]
    NumbersExhausted { name: String, max: u32 },
}
