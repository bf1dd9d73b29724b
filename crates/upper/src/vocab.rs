//! IRIs of the Upper vocabulary, as constants the rest of the crate matches on.
//!
//! The set of terms, their kinds and cardinalities are read from
//! `ontologies/upper.ttl` at run time; these constants exist only for the terms
//! the Rust code gives a meaning to (building typed models, semantic checks).

/// The Upper namespace.
pub const NS: &str = "https://w3id.org/uda/upper#";
/// The IRI of the Upper domain model itself.
pub const MODEL: &str = "https://w3id.org/uda/upper";

/// Declares IRI constants of one vocabulary: `iri_constants! { "https://…#", pub const { NAME = "local"; } }`
/// gives `pub const NAME: NamedNodeRef<'static>` for `https://…#local`. Every crate naming the
/// terms of a system model or of SHACL uses it (the crate must depend on `oxrdf`).
#[macro_export]
macro_rules! iri_constants {
    ($ns:literal, $vis:vis const { $($name:ident = $local:literal;)* }) => {
        $($vis const $name: ::oxrdf::NamedNodeRef<'static> =
            ::oxrdf::NamedNodeRef::new_unchecked(concat!($ns, $local));)*
    };
}

iri_constants! { "https://w3id.org/uda/upper#", pub const {
    TERM = "Term";
    DOMAIN_MODEL = "DomainModel";
    CLASS = "Class";
    DIRECT_CLASS = "DirectClass";
    NESTED_CLASS = "NestedClass";
    ENUMERATION = "Enumeration";
    ENUM_VALUE = "EnumValue";
    PROPERTY_CLASS = "Property";
    ATTRIBUTE = "Attribute";
    RELATIONSHIP = "Relationship";
    DATATYPE_CLASS = "Datatype";
    IRI = "iri";
    DOMAIN = "domain";
    IMPORTS = "imports";
    ONE_OF = "oneOf";
    DATATYPE = "datatype";
    CLASS_PROP = "class";
    PROPERTY = "property";
    PRIMARY_KEY = "primaryKey";
    MIN_COUNT = "minCount";
    MAX_COUNT = "maxCount";
    ORDERED = "ordered";
    SUB_CLASS_OF = "subClassOf";
    LABEL = "label";
    DESCRIPTION = "description";
    BASE_TYPE = "baseType";
    PATTERN = "pattern";
    MIN_LENGTH = "minLength";
    MAX_LENGTH = "maxLength";
    MIN_INCLUSIVE = "minInclusive";
    MAX_INCLUSIVE = "maxInclusive";
    MIN_EXCLUSIVE = "minExclusive";
    MAX_EXCLUSIVE = "maxExclusive";
    PRECISION = "precision";
    SCALE = "scale";
}}

/// The text of `ontologies/upper.ttl`, compiled in so that every tool has the
/// metamodel without a file on disk.
pub const UPPER_TTL: &str = include_str!("../../../ontologies/upper.ttl");
