//! SQL: a plan of what fills each table of a model's SQL projection, and
//! the conversion of RDF instance data to its rows and back.

mod convert;
mod describe;
mod plan;

pub use convert::{from_rows, to_rows, Tables};
pub use describe::ColumnSource;
pub use plan::{Column, Holds, SqlPlan, TablePlan};
