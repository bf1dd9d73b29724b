//! What can stop a JSON Schema projection.

/// Why a domain model could not be projected to JSON Schema. A validated
/// model only meets [`JsonSchemaError::KeyCycle`]; the others guard against
/// models that were not validated, or a bug, instead of panicking.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JsonSchemaError {
    /// A relationship points at a keyed class without a primary key, so there
    /// is nothing to carry in the reference.
    #[error("<{class}> has no primary key, so a relationship to it cannot be written as a reference (needed by <{property}>)")]
    MissingKey { class: String, property: String },
    /// A primary key refers back to its own class through relationships, so
    /// its key object would have to contain itself.
    #[error("the primary key of <{class}> refers back to it through relationships ({}); its JSON Schema key object would contain itself", .path.join(" -> "))]
    KeyCycle { class: String, path: Vec<String> },
    /// A property's datatype or target is not in the model or its imports.
    #[error("<{property}> refers to <{target}>, which is not a datatype, class or enumeration of the model or its imports")]
    Dangling { property: String, target: String },
    /// A schema could not be serialized as JSON.
    #[error("the schema {name} could not be written as JSON: {source}")]
    Json {
        name: String,
        #[source]
        source: serde_json::Error,
    },
}
