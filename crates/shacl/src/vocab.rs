//! IRIs of the SHACL vocabulary (and of the uda extension) used by the parser,
//! the validator and the report writer, as ready-made `NamedNodeRef`s.

/// The SHACL namespace, <http://www.w3.org/ns/shacl#>.
pub(crate) mod sh {
    use oxrdf::NamedNodeRef;

    pub(crate) const NAMESPACE: &str = "http://www.w3.org/ns/shacl#";

    macro_rules! sh_terms {
        ($($name:ident = $local:literal),* $(,)?) => {
            $(pub(crate) const $name: NamedNodeRef<'static> =
                NamedNodeRef::new_unchecked(concat!("http://www.w3.org/ns/shacl#", $local));)*
        };
    }

    sh_terms! {
        NODE_SHAPE = "NodeShape",
        PROPERTY_SHAPE = "PropertyShape",
        VALIDATION_REPORT = "ValidationReport",
        VALIDATION_RESULT = "ValidationResult",
        VIOLATION = "Violation",

        IRI = "IRI",
        BLANK_NODE = "BlankNode",
        LITERAL = "Literal",
        BLANK_NODE_OR_IRI = "BlankNodeOrIRI",
        BLANK_NODE_OR_LITERAL = "BlankNodeOrLiteral",
        IRI_OR_LITERAL = "IRIOrLiteral",

        TARGET_CLASS = "targetClass",
        TARGET_NODE = "targetNode",
        TARGET_SUBJECTS_OF = "targetSubjectsOf",
        TARGET_OBJECTS_OF = "targetObjectsOf",

        PATH = "path",
        INVERSE_PATH = "inversePath",
        ALTERNATIVE_PATH = "alternativePath",
        ZERO_OR_MORE_PATH = "zeroOrMorePath",
        ONE_OR_MORE_PATH = "oneOrMorePath",
        ZERO_OR_ONE_PATH = "zeroOrOnePath",

        SEVERITY = "severity",
        MESSAGE = "message",
        DEACTIVATED = "deactivated",

        CLASS = "class",
        DATATYPE = "datatype",
        NODE_KIND = "nodeKind",
        MIN_COUNT = "minCount",
        MAX_COUNT = "maxCount",
        MIN_EXCLUSIVE = "minExclusive",
        MIN_INCLUSIVE = "minInclusive",
        MAX_EXCLUSIVE = "maxExclusive",
        MAX_INCLUSIVE = "maxInclusive",
        MIN_LENGTH = "minLength",
        MAX_LENGTH = "maxLength",
        PATTERN = "pattern",
        FLAGS = "flags",
        LANGUAGE_IN = "languageIn",
        UNIQUE_LANG = "uniqueLang",
        EQUALS = "equals",
        DISJOINT = "disjoint",
        LESS_THAN = "lessThan",
        LESS_THAN_OR_EQUALS = "lessThanOrEquals",
        NOT = "not",
        AND = "and",
        OR = "or",
        XONE = "xone",
        NODE = "node",
        PROPERTY = "property",
        QUALIFIED_VALUE_SHAPE = "qualifiedValueShape",
        QUALIFIED_MIN_COUNT = "qualifiedMinCount",
        QUALIFIED_MAX_COUNT = "qualifiedMaxCount",
        QUALIFIED_VALUE_SHAPES_DISJOINT = "qualifiedValueShapesDisjoint",
        CLOSED = "closed",
        IGNORED_PROPERTIES = "ignoredProperties",
        HAS_VALUE = "hasValue",
        IN = "in",

        CONFORMS = "conforms",
        RESULT = "result",
        FOCUS_NODE = "focusNode",
        RESULT_PATH = "resultPath",
        VALUE = "value",
        SOURCE_SHAPE = "sourceShape",
        SOURCE_CONSTRAINT_COMPONENT = "sourceConstraintComponent",
        RESULT_SEVERITY = "resultSeverity",
        RESULT_MESSAGE = "resultMessage",

        CLASS_CC = "ClassConstraintComponent",
        DATATYPE_CC = "DatatypeConstraintComponent",
        NODE_KIND_CC = "NodeKindConstraintComponent",
        MIN_COUNT_CC = "MinCountConstraintComponent",
        MAX_COUNT_CC = "MaxCountConstraintComponent",
        MIN_EXCLUSIVE_CC = "MinExclusiveConstraintComponent",
        MIN_INCLUSIVE_CC = "MinInclusiveConstraintComponent",
        MAX_EXCLUSIVE_CC = "MaxExclusiveConstraintComponent",
        MAX_INCLUSIVE_CC = "MaxInclusiveConstraintComponent",
        MIN_LENGTH_CC = "MinLengthConstraintComponent",
        MAX_LENGTH_CC = "MaxLengthConstraintComponent",
        PATTERN_CC = "PatternConstraintComponent",
        LANGUAGE_IN_CC = "LanguageInConstraintComponent",
        UNIQUE_LANG_CC = "UniqueLangConstraintComponent",
        EQUALS_CC = "EqualsConstraintComponent",
        DISJOINT_CC = "DisjointConstraintComponent",
        LESS_THAN_CC = "LessThanConstraintComponent",
        LESS_THAN_OR_EQUALS_CC = "LessThanOrEqualsConstraintComponent",
        NOT_CC = "NotConstraintComponent",
        AND_CC = "AndConstraintComponent",
        OR_CC = "OrConstraintComponent",
        XONE_CC = "XoneConstraintComponent",
        NODE_CC = "NodeConstraintComponent",
        PROPERTY_CC = "PropertyConstraintComponent",
        QUALIFIED_MIN_COUNT_CC = "QualifiedMinCountConstraintComponent",
        QUALIFIED_MAX_COUNT_CC = "QualifiedMaxCountConstraintComponent",
        CLOSED_CC = "ClosedConstraintComponent",
        HAS_VALUE_CC = "HasValueConstraintComponent",
        IN_CC = "InConstraintComponent",
    }
}

/// The uda SHACL extension namespace, <https://w3id.org/uda/shacl#>.
pub(crate) mod udash {
    use oxrdf::NamedNodeRef;

    pub(crate) const UNIQUE_KEY: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://w3id.org/uda/shacl#uniqueKey");
    pub(crate) const UNIQUE_KEY_CC: NamedNodeRef<'static> =
        NamedNodeRef::new_unchecked("https://w3id.org/uda/shacl#UniqueKeyConstraintComponent");
}

/// Compact form of an IRI for error messages: `sh:minCount` reads better
/// than the full IRI, and the two prefixes are unambiguous here.
pub(crate) fn qname(iri: oxrdf::NamedNodeRef<'_>) -> String {
    if let Some(local) = iri.as_str().strip_prefix(sh::NAMESPACE) {
        format!("sh:{local}")
    } else if let Some(local) = iri.as_str().strip_prefix("https://w3id.org/uda/shacl#") {
        format!("udash:{local}")
    } else {
        iri.to_string()
    }
}
