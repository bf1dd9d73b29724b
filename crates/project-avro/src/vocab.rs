//! IRIs of the Avro system model (`ontologies/avro.ttl`) used in container representations.

use oxrdf::NamedNodeRef;

/// The namespace of the Avro system model.
pub const NS: &str = "https://w3id.org/uda/avro#";

macro_rules! terms {
    ($($name:ident = $local:literal;)*) => {
        $(pub const $name: NamedNodeRef<'static> =
            NamedNodeRef::new_unchecked(concat!("https://w3id.org/uda/avro#", $local));)*
    };
}

terms! {
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
}
