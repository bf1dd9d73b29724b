//! The terms of the SQL system model (`ontologies/sql.ttl`) used in
//! container representations.

/// The namespace of the SQL system model.
pub const NS: &str = "https://w3id.org/uda/sql#";

uda_upper::iri_constants! { "https://w3id.org/uda/sql#", pub const {
    SCHEMA = "Schema";
    TABLE = "Table";
    COLUMN = "Column";
    PRIMARY_KEY = "PrimaryKey";
    FOREIGN_KEY = "ForeignKey";
    KEY_PART = "KeyPart";
    CHECK = "Check";
    ENUM_TYPE = "EnumType";
    ENUM_LABEL = "EnumLabel";
    ALLOWED_VALUE = "AllowedValue";
    DIALECT = "dialect";
    REQUIRES = "requires";
    COMMENT = "comment";
    POSITION = "position";
    DATA_TYPE = "dataType";
    NOT_NULL = "notNull";
    USES_ENUM_TYPE = "enumType";
    REFERENCED_TABLE = "referencedTable";
    ADDED_LATER = "addedLater";
    EXPRESSION = "expression";
    KEY_COLUMN = "column";
    REFERENCES = "references";
    DEFAULT = "default";
    UNIQUE = "Unique";
    INDEX = "Index";
    IS_UNIQUE = "unique";
    VIEW = "View";
    DEFINITION = "definition";
    VIEW_COLUMN = "ViewColumn";
    RESULT_TYPE = "resultType";
}}

#[cfg(test)]
mod tests {
    #[test]
    fn terms_are_in_the_namespace() {
        assert!(super::TABLE.as_str().starts_with(super::NS));
    }
}
