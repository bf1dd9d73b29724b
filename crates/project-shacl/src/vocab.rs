//! IRIs of the SHACL vocabulary and of the SHACL system model
//! (`ontologies/shacl.ttl`) that the projection writes.

use oxrdf::NamedNodeRef;

/// The SHACL namespace.
pub(crate) const SH: &str = "http://www.w3.org/ns/shacl#";
/// The uda SHACL namespace: the `udash:uniqueKey` extension understood by
/// `uda-shacl`, and the classes of the SHACL system model.
pub(crate) const UDASH: &str = "https://w3id.org/uda/shacl#";

macro_rules! terms {
    ($ns:literal: $($name:ident = $local:literal;)*) => {
        $(pub(crate) const $name: NamedNodeRef<'static> =
            NamedNodeRef::new_unchecked(concat!($ns, $local));)*
    };
}

pub(crate) mod sh {
    use super::NamedNodeRef;
    terms! { "http://www.w3.org/ns/shacl#":
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
    }
}

pub(crate) mod udash {
    use super::NamedNodeRef;
    terms! { "https://w3id.org/uda/shacl#":
        UNIQUE_KEY = "uniqueKey";
        SHAPES_GRAPH = "ShapesGraph";
        ALLOWED_VALUE = "AllowedValue";
    }
}
