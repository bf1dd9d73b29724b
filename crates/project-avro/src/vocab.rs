//! IRIs of the Avro system model (`ontologies/avro.ttl`) used in container representations.

/// The namespace of the Avro system model.
pub const NS: &str = "https://w3id.org/uda/avro#";

uda_upper::iri_constants! { "https://w3id.org/uda/avro#", pub const {
    SCHEMA = "Schema";
    NAMESPACE = "Namespace";
    RECORD = "Record";
    ENUM = "Enum";
    FIELD = "Field";
    SYMBOL = "Symbol";
    FULL_NAME = "fullName";
    DOC = "doc";
    RECORD_KIND = "recordKind";
    FILE = "file";
    KEY_FIELD = "keyField";
    POSITION = "position";
    TYPE = "type";
    DEFAULT = "default";
    LOGICAL_TYPE = "logicalType";
    NAMED_TYPE = "namedType";
    ENTITY_RECORD = "EntityRecord";
    NESTED_RECORD = "NestedRecord";
    REFERENCE_RECORD = "ReferenceRecord";
    EXTENSION_RECORD = "ExtensionRecord";
    VALUE_RECORD = "ValueRecord";
    FIXED = "Fixed";
    SIZE = "size";
    PRECISION = "precision";
    SCALE = "scale";
    ALIAS = "alias";
    CUSTOM_ATTRIBUTES = "customAttributes";
    ORDER = "order";
    DEFAULT_SYMBOL = "defaultSymbol";
}}
