//! IRIs of the Iceberg system model (`ontologies/iceberg.ttl`) used in container representations and mappings.

/// The namespace of the Iceberg system model.
pub const NS: &str = "https://w3id.org/uda/iceberg#";

uda_upper::iri_constants! { "https://w3id.org/uda/iceberg#", pub const {
    SCHEMA = "Schema";
    TABLE = "Table";
    FIELD = "Field";
    FILE = "file";
    SCHEMA_ID = "schemaId";
    LAST_COLUMN_ID = "lastColumnId";
    IDENTIFIER_FIELD = "identifierField";
    DOC = "doc";
    TABLE_KIND = "tableKind";
    ENTITY_TABLE = "EntityTable";
    EXTENSION_TABLE = "ExtensionTable";
    FIELD_ID = "fieldId";
    POSITION = "position";
    TYPE = "type";
    REQUIRED = "required";
    ID_KEY = "idKey";
    SCHEMA_HASH = "schemaHash";
}}
