//! IRIs of the JSON Schema system model (`ontologies/jsonschema.ttl`) used in container representations.

/// The namespace of the JSON Schema system model.
pub const NS: &str = "https://w3id.org/uda/jsonschema#";

uda_upper::iri_constants! { "https://w3id.org/uda/jsonschema#", pub const {
    SCHEMA_SET = "SchemaSet";
    SCHEMA = "Schema";
    DEFINITION = "Definition";
    PROPERTY = "Property";
    ENUM_VALUE = "EnumValue";
    ID = "id";
    CLOSED = "closed";
    ROOT = "root";
    EMBEDS = "embeds";
    TITLE = "title";
    DESCRIPTION = "description";
    DEFINITION_KIND = "definitionKind";
    EXTENDS = "extends";
    KEY_PROPERTY = "keyProperty";
    POSITION = "position";
    SCHEMA_TEXT = "schema";
    REQUIRED = "required";
    USES = "uses";
    CLASS_DEFINITION = "ClassDefinition";
    EXTENSION_DEFINITION = "ExtensionDefinition";
    KEY_DEFINITION = "KeyDefinition";
    ENUM_DEFINITION = "EnumDefinition";
    VALUE_DEFINITION = "ValueDefinition";
}}
