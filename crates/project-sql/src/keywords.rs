//! Which names must be quoted in each dialect, and the identifiers built from names.
//!
//! Generated names are lower-case snake case, so an unquoted name means the
//! same as a quoted one in every dialect; quoting is needed only where the
//! name is a keyword the dialect does not accept as a table or column name.

use crate::Dialect;
use sqlparser::ast::{Ident, ObjectName};

/// PostgreSQL's reserved and type/function-name keywords
/// (`pg_get_keywords()` categories `R` and `T`), which cannot name a column.
#[rustfmt::skip]
const POSTGRES: &[&str] = &[
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
    "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
    "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable",
    "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze",
    "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
    "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
    "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
    "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
    "session_user", "similar", "some", "symmetric", "table", "tablesample", "then", "to",
    "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where",
    "window", "with",
];

/// Every SQLite keyword (<https://sqlite.org/lang_keywords.html>): SQLite
/// accepts many of them as names through a fallback, but documents quoting
/// as the only reliable way.
#[rustfmt::skip]
const SQLITE: &[&str] = &[
    "abort", "action", "add", "after", "all", "alter", "always", "analyze", "and", "as", "asc",
    "attach", "autoincrement", "before", "begin", "between", "by", "cascade", "case", "cast",
    "check", "collate", "column", "commit", "conflict", "constraint", "create", "cross", "current",
    "current_date", "current_time", "current_timestamp", "database", "default", "deferrable",
    "deferred", "delete", "desc", "detach", "distinct", "do", "drop", "each", "else", "end",
    "escape", "except", "exclude", "exclusive", "exists", "explain", "fail", "filter", "first",
    "following", "for", "foreign", "from", "full", "generated", "glob", "group", "groups", "having",
    "if", "ignore", "immediate", "in", "index", "indexed", "initially", "inner", "insert",
    "instead", "intersect", "into", "is", "isnull", "join", "key", "last", "left", "like", "limit",
    "match", "materialized", "natural", "no", "not", "nothing", "notnull", "null", "nulls", "of",
    "offset", "on", "or", "order", "others", "outer", "over", "partition", "plan", "pragma",
    "preceding", "primary", "query", "raise", "range", "recursive", "references", "regexp",
    "reindex", "release", "rename", "replace", "restrict", "returning", "right", "rollback", "row",
    "rows", "savepoint", "select", "set", "table", "temp", "temporary", "then", "ties", "to",
    "transaction", "trigger", "unbounded", "union", "unique", "update", "using", "vacuum", "values",
    "view", "virtual", "when", "where", "window", "with", "without",
];

/// DuckDB's reserved and type/function-name keywords (`duckdb_keywords()`
/// categories `reserved` and `type_function`).
#[rustfmt::skip]
const DUCKDB: &[&str] = &[
    "all", "analyse", "analyze", "and", "anti", "any", "array", "as", "asc", "asof", "asymmetric",
    "at", "authorization", "binary", "both", "by", "case", "cast", "check", "collate", "collation",
    "column", "columns", "concurrently", "constraint", "create", "cross", "default", "deferrable",
    "desc", "describe", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
    "foreign", "freeze", "from", "full", "generated", "glob", "group", "having", "ilike", "in",
    "initially", "inner", "intersect", "into", "is", "isnull", "join", "lambda", "lateral",
    "leading", "left", "like", "limit", "map", "natural", "not", "notnull", "null", "offset", "on",
    "only", "or", "order", "outer", "overlaps", "pivot", "pivot_longer", "pivot_wider", "placing",
    "positional", "primary", "qualify", "references", "returning", "right", "select", "semi",
    "show", "similar", "some", "struct", "summarize", "symmetric", "table", "tablesample", "then",
    "to", "trailing", "true", "try_cast", "tuple", "union", "unique", "unpack", "unpivot", "using",
    "variadic", "verbose", "when", "where", "window", "with",
];

/// Words sqlparser's parser reads as something else than a name in some
/// dialect (a literal, `trim(...)`, an interval, a subquery keyword): quoted
/// in every dialect, so that the DDL parses back as it was written.
#[rustfmt::skip]
const SQLPARSER: &[&str] = &[
    "all", "any", "check", "constraint", "current_catalog", "current_date", "current_time",
    "current_timestamp", "current_user", "distinct", "exists", "false", "foreign", "interval",
    "localtime", "localtimestamp", "not", "null", "primary", "returning", "select", "session_user",
    "some", "trim", "true", "unique", "user", "with",
];

/// The keywords `dialect` does not accept as an unquoted table or column name.
fn reserved(dialect: Dialect) -> &'static [&'static str] {
    match dialect {
        Dialect::Postgres => POSTGRES,
        Dialect::Sqlite => SQLITE,
        Dialect::DuckDb => DUCKDB,
    }
}

/// The identifier for a generated name, double-quoted where it is reserved.
pub(crate) fn ident(name: &str, dialect: Dialect) -> Ident {
    if reserved(dialect).contains(&name) || SQLPARSER.contains(&name) {
        Ident::with_quote('"', name)
    } else {
        Ident::new(name)
    }
}

/// A one-part object name (tables and types live in the session's default schema).
pub(crate) fn object_name(name: &str, dialect: Dialect) -> ObjectName {
    ObjectName::from(vec![ident(name, dialect)])
}
