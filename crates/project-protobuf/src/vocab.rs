//! IRIs of the Protobuf system model (`ontologies/protobuf.ttl`) used in
//! container representations and mappings.

/// The namespace of the Protobuf system model.
pub const NS: &str = "https://w3id.org/uda/protobuf#";

uda_upper::iri_constants! { "https://w3id.org/uda/protobuf#", pub const {
    FILE = "File";
    FILE_NAME = "fileName";
    IMPORT = "import";
    MESSAGE = "Message";
    ENUM = "Enum";
    FIELD = "Field";
    ENUM_VALUE = "EnumValue";
    FULL_NAME = "fullName";
    COMMENT = "comment";
    RESERVED_NUMBER = "reservedNumber";
    RESERVED_NAME = "reservedName";
    MESSAGE_KIND = "messageKind";
    KEY_FIELD = "keyField";
    ONEOF = "oneof";
    NUMBER = "number";
    TYPE = "type";
    LABEL = "label";
    POSITION = "position";
    TYPE_ELEMENT = "typeElement";
    ENTITY_MESSAGE = "EntityMessage";
    NESTED_MESSAGE = "NestedMessage";
    KEY_MESSAGE = "KeyMessage";
    EXTENSION_MESSAGE = "ExtensionMessage";
    CHOICE_MESSAGE = "ChoiceMessage";
    VALUE_MESSAGE = "ValueMessage";
}}

/// The mapping vocabulary's terms the projection reads back from earlier mappings.
pub mod map {
    uda_upper::iri_constants! { "https://w3id.org/uda/mapping#", pub const {
        NAME = "name";
        PART_OF = "partOf";
        CONTAINER = "container";
        TARGET = "target";
        REALIZED_BY = "realizedBy";
    }}
}
