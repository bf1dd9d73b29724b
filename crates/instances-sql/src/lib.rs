//! Rows planned by `uda-instances` written into live SQLite and PostgreSQL
//! databases, and read back, through each engine's client: SQLite prepared
//! statements in one transaction, PostgreSQL `COPY` in one transaction.
//! A load that fails part-way is rolled back: the database is left as it was.
#![doc = include_str!("../README.md")]

mod postgres;
mod sqlite;

use std::fmt;

pub use crate::postgres::{load_postgres, read_postgres};
pub use crate::sqlite::{load_sqlite, read_sqlite};

/// What went wrong in the database, and in which table.
#[derive(Debug)]
pub struct SqlError {
    pub table: String,
    pub message: String,
}

impl SqlError {
    fn new(table: &str, message: impl fmt::Display) -> Self {
        Self {
            table: table.to_owned(),
            message: message.to_string(),
        }
    }
}

impl fmt::Display for SqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.table.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "table {}: {}", self.table, self.message)
        }
    }
}

impl std::error::Error for SqlError {}

/// A table or column name as SQL writes it: always double-quoted, so that
/// reserved words and mixed case are names.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
