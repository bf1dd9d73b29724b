#![doc = include_str!("../README.md")]

mod error;
mod expr;
mod keywords;
mod options;
mod order;
mod plan;
mod record;
mod render;
mod schema;
mod types;
mod vocab;

pub use error::SqlError;
pub use options::{Dialect, EnumStyle, Inheritance, SqlOptions, UnknownDialect};
pub use vocab::NS as SQL_NS;

use uda_projection::{Output, SchemaFile};
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
