//! IRIs of the SHACL vocabulary and of the SHACL system model
//! (`ontologies/shacl.ttl`) that the projection writes.

/// The SHACL namespace.
pub(crate) const SH: &str = "http://www.w3.org/ns/shacl#";
/// The uda SHACL namespace: the `udash:uniqueKey` extension understood by
/// `uda-shacl`, and the classes of the SHACL system model.
pub(crate) const UDASH: &str = "https://w3id.org/uda/shacl#";

pub(crate) mod sh {
    uda_upper::iri_constants! { "http://www.w3.org/ns/shacl#", pub(crate) const {
        NODE_SHAPE = "NodeShape";
        PROPERTY_SHAPE = "PropertyShape";
        TARGET_CLASS = "targetClass";
        PROPERTY = "property";
        PATH = "path";
        ZERO_OR_MORE_PATH = "zeroOrMorePath";
        NAME = "name";
        DESCRIPTION = "description";
        DATATYPE = "datatype";
        MIN_COUNT = "minCount";
        MAX_COUNT = "maxCount";
        CLASS = "class";
        NODE = "node";
        NODE_KIND = "nodeKind";
        IRI = "IRI";
        BLANK_NODE_OR_IRI = "BlankNodeOrIRI";
        IN = "in";
        OR = "or";
        HAS_VALUE = "hasValue";
        CLOSED = "closed";
        IGNORED_PROPERTIES = "ignoredProperties";
        PATTERN = "pattern";
        MIN_LENGTH = "minLength";
        MAX_LENGTH = "maxLength";
        MIN_INCLUSIVE = "minInclusive";
        MAX_INCLUSIVE = "maxInclusive";
        MIN_EXCLUSIVE = "minExclusive";
        MAX_EXCLUSIVE = "maxExclusive";
    }}
}

pub(crate) mod udash {
    uda_upper::iri_constants! { "https://w3id.org/uda/shacl#", pub(crate) const {
        UNIQUE_KEY = "uniqueKey";
        SHAPES_GRAPH = "ShapesGraph";
        ALLOWED_VALUE = "AllowedValue";
    }}
}
