//! Projection targets as the command line names them (`--target sql --dialect
//! sqlite`), and schema text as it prints them: `uda generate` and `uda show`
//! print the same projection the same way, whether it was made here or by a server.

use crate::{usage, Failure};
use uda_project_sql::Dialect;
use uda_projection::SchemaFile;
use uda_targets::Target;

/// The names `--target` takes (`generate` also takes `all`).
pub const TARGET_NAMES: [&str; 8] = [
    "graphql",
    "graphql-federation",
    "avro",
    "sql",
    "shacl",
    "iceberg",
    "jsonschema",
    "protobuf",
];

/// `--dialect`'s parser.
pub fn parse_dialect(name: &str) -> Result<Dialect, String> {
    name.parse()
        .map_err(|e: uda_project_sql::UnknownDialect| e.to_string())
}

/// The target `name` means, `sql` taking `dialect`.
pub fn target(name: &str, dialect: Dialect) -> Result<Target, Failure> {
    match name {
        "sql" => Ok(Target::Sql(dialect)),
        name => name
            .parse()
            .map_err(|e: uda_targets::UnknownTarget| usage(e.to_string())),
    }
}

/// The target as the server's GraphQL API names it: a `ProjectionTarget` and,
/// for SQL, a `SqlDialect`.
pub fn graphql_target(target: Target) -> (String, Option<String>) {
    let name = target.to_string();
    match name.strip_prefix("sql-") {
        Some(dialect) => ("SQL".to_owned(), Some(dialect.to_ascii_uppercase())),
        None => (name.to_ascii_uppercase().replace('-', "_"), None),
    }
}

/// The schema text of `files`, all of one target. One file prints as it is;
/// Avro files print as one JSON array, itself a valid Avro schema (each named
/// type defined once); Iceberg files as one JSON object, each table's schema
/// under its file name; JSON Schema documents as one compound document (each
/// embedded under `$defs` with its `$id`); several files of another target
/// print one after the
/// other, each headed by a comment naming it.
pub fn schema_text(target: Target, files: &[&SchemaFile]) -> String {
    if target == Target::Avro {
        return uda_project_avro::files_to_json_array(files.iter().copied());
    }
    if target == Target::Iceberg {
        return uda_project_iceberg::files_to_json_object(files.iter().copied());
    }
    if target == Target::JsonSchema {
        return uda_project_jsonschema::bundle(files.iter().copied());
    }
    let comment = match target {
        Target::Sql(_) => "--",
        Target::Protobuf => "//",
        _ => "#",
    };
    let mut text = String::new();
    for file in files {
        if files.len() > 1 {
            text.push_str(&format!("{comment} {}\n", file.name));
        }
        text.push_str(&file.text);
        if !file.text.ends_with('\n') {
            text.push('\n');
        }
    }
    text
}
