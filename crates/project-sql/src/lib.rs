#![doc = include_str!("../README.md")]

mod catalog;
mod ddl;
mod error;
mod expr;
mod keywords;
mod live_pg;
mod live_sqlite;
mod options;
mod order;
mod plan;
mod record;
mod render;
mod schema;
mod statements;
mod types;
mod vocab;

pub use catalog::{ImportError, ImportOptions, LocatedError};
pub use error::SqlError;
pub use options::{Dialect, EnumStyle, Inheritance, SqlOptions, UnknownDialect};
pub use vocab::NS as SQL_NS;

use std::path::Path;
use uda_projection::{Imported, Output, SchemaFile};
use uda_upper::ModelView;

/// Projects the view's root model to SQL DDL for `options.dialect`: one
/// file, `{domain}.{dialect}.sql`, with the container representation (in
/// the vocabulary of `ontologies/sql.ttl`) and the mappings.
///
/// Only the root model's own tables are created; tables of imported models
/// are referenced as existing, so their DDL must run first (the file's
/// header names it).
pub fn project(view: &ModelView<'_>, options: &SqlOptions) -> Result<Output, SqlError> {
    let schema = plan::plan(view, options)?;
    let file = SchemaFile {
        name: render::file_name(&schema.domain, options.dialect),
        text: render::render(&schema, options.dialect),
    };
    Ok(record::record(&schema, options.dialect, vec![file]))
}

/// Imports DDL files — `(label, text)` pairs, the label (a file path)
/// naming them in errors and warnings — written for `dialect`, read in
/// order as one schema, into a container representation in the vocabulary
/// of `ontologies/sql.ttl`.
///
/// Every statement that creates no table, view, index, key, check,
/// comment or enumeration type is an [`ImportWarning`](uda_projection::ImportWarning)
/// at its `file:line:column`. A file that does not parse, or a statement
/// about a table that does not exist, is an error: then nothing is imported
/// and [`ImportError`] lists every error.
pub fn import_ddl(
    sources: &[(String, String)],
    dialect: Dialect,
    options: &ImportOptions<'_>,
) -> Result<Imported, ImportError> {
    let catalog = ddl::read(sources, dialect)?;
    Ok(catalog::record(catalog, dialect, options))
}

/// Imports the PostgreSQL schema `schema` (e.g. `public`) of the database
/// `client` is connected to, read from the server's catalog, into a
/// container representation. Objects a container cannot hold (sequences,
/// functions, triggers, expression indexes) are warnings naming them.
pub fn import_postgres(
    client: &mut postgres::Client,
    schema: &str,
    options: &ImportOptions<'_>,
) -> Result<Imported, ImportError> {
    let catalog = live_pg::read(client, schema)?;
    Ok(catalog::record(catalog, Dialect::Postgres, options))
}

/// Imports the SQLite database at `path`, opened read-only, into a
/// container representation.
pub fn import_sqlite(path: &Path, options: &ImportOptions<'_>) -> Result<Imported, ImportError> {
    let catalog = live_sqlite::read(path)?;
    Ok(catalog::record(catalog, Dialect::Sqlite, options))
}
