//! The terms of the GraphQL system model (`ontologies/graphql.ttl`) used in
//! container representations.

/// Namespace of the GraphQL system model.
pub const NS: &str = "https://w3id.org/uda/graphql#";

uda_upper::iri_constants! { "https://w3id.org/uda/graphql#", pub const {
    SCHEMA = "Schema";
    OBJECT_TYPE = "ObjectType";
    INTERFACE_TYPE = "InterfaceType";
    ENUM_TYPE = "EnumType";
    SCALAR_TYPE = "ScalarType";
    FIELD = "Field";
    ARGUMENT = "Argument";
    ENUM_VALUE = "EnumValue";
    FEDERATION = "federation";
    FEDERATION_VERSION = "federationVersion";
    DESCRIPTION = "description";
    IMPLEMENTS = "implements";
    KEY = "key";
    RESOLVABLE = "resolvable";
    INTERFACE_OBJECT = "interfaceObject";
    SHAREABLE = "shareable";
    SPECIFIED_BY = "specifiedBy";
    TERM_IRI = "termIri";
    TYPE = "type";
    OF_TYPE = "ofType";
    DEFAULT_VALUE = "defaultValue";
    QUERY_TYPE = "queryType";
    MUTATION_TYPE = "mutationType";
    SUBSCRIPTION_TYPE = "subscriptionType";
    UNION_TYPE = "UnionType";
    INPUT_OBJECT_TYPE = "InputObjectType";
    INPUT_FIELD = "InputField";
    MEMBER = "member";
    DIRECTIVE_DEFINITION = "DirectiveDefinition";
    REPEATABLE = "repeatable";
    LOCATION = "location";
    DIRECTIVE_APPLICATION = "DirectiveApplication";
    DIRECTIVE = "directive";
    DEFINITION = "definition";
    DIRECTIVE_ARGUMENT = "DirectiveArgument";
    VALUE = "value";
}}

#[cfg(test)]
mod tests {
    #[test]
    fn namespace_matches_the_terms() {
        assert!(super::SCHEMA.as_str().starts_with(super::NS));
    }
}
