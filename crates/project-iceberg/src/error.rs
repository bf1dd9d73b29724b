//! What can stop an Iceberg projection.

/// Why a domain model could not be projected to Iceberg. A validated model
/// only meets [`IcebergError::KeyCycle`] and [`IcebergError::Earlier`]; the
/// others guard against models that were not validated instead of panicking.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IcebergError {
    /// A relationship points at a keyed class without a primary key, so there
    /// is nothing to hold in the reference.
    #[error("<{class}> has no primary key, so a relationship to it cannot be written as its key fields (needed by <{property}>)")]
    MissingKey { class: String, property: String },
    /// A primary key refers back to its own class through relationships, so
    /// the struct of its key fields would contain itself.
    #[error("the primary key of <{class}> refers back to it through relationships ({}); its Iceberg key struct would contain itself", .path.join(" -> "))]
    KeyCycle { class: String, path: Vec<String> },
    /// A property's datatype or target is not in the model or its imports.
    #[error("<{property}> refers to <{target}>, which is not a datatype, class or enumeration of the model or its imports")]
    Dangling { property: String, target: String },
    /// The earlier mappings (of the model's previous version) say something
    /// about an Iceberg element that cannot be read.
    #[error("the earlier mappings cannot be read: <{subject}>: {message}")]
    Earlier { subject: String, message: String },
}
