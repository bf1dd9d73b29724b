//! The options of the SQL projection: which database, how enumerations and
//! taxonomies are represented.

use std::fmt;
use std::str::FromStr;

/// The SQL database the DDL is written for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dialect {
    /// PostgreSQL (tested against 15).
    #[default]
    Postgres,
    /// SQLite 3 (with `PRAGMA foreign_keys = ON`).
    Sqlite,
    /// DuckDB.
    DuckDb,
}

impl Dialect {
    /// Every dialect, in a stable order.
    pub const ALL: [Dialect; 3] = [Dialect::Postgres, Dialect::Sqlite, Dialect::DuckDb];

    /// The dialect's short name: `postgres`, `sqlite` or `duckdb`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Sqlite => "sqlite",
            Dialect::DuckDb => "duckdb",
        }
    }

    /// The mapping target name: `sql-postgres`, `sql-sqlite` or `sql-duckdb`.
    pub fn target(self) -> &'static str {
        match self {
            Dialect::Postgres => "sql-postgres",
            Dialect::Sqlite => "sql-sqlite",
            Dialect::DuckDb => "sql-duckdb",
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A dialect name that is not `postgres`, `sqlite` or `duckdb`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown SQL dialect `{0}`; expected postgres, sqlite or duckdb")]
pub struct UnknownDialect(pub String);

impl FromStr for Dialect {
    type Err = UnknownDialect;

    /// Accepts the short names, case-insensitively, and the usual aliases
    /// `postgresql`, `pg`, `sqlite3`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" | "pg" => Ok(Dialect::Postgres),
            "sqlite" | "sqlite3" => Ok(Dialect::Sqlite),
            "duckdb" => Ok(Dialect::DuckDb),
            _ => Err(UnknownDialect(s.to_owned())),
        }
    }
}

/// How enumerations are represented.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum EnumStyle {
    /// A text column with `CHECK (col IN ('Drama', ...))`: portable, and
    /// adding a value is a constraint change, not a type change.
    #[default]
    Check,
    /// A `CREATE TYPE genre AS ENUM ('Drama', ...)` type per enumeration.
    /// PostgreSQL syntax, which DuckDB shares; SQLite has no enum types and
    /// falls back to [`EnumStyle::Check`] (recorded as a note).
    PostgresEnum,
}

/// How a taxonomy (`upper:subClassOf`) is represented.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Inheritance {
    /// A table per class; a subclass table's key is also a foreign key to
    /// its parent's table, so a documentary is a row in `documentary`,
    /// `film` and `work`.
    #[default]
    TablePerClass,
    /// One table per taxonomy root holding the columns of every class in
    /// it, with a `kind` discriminator column.
    SingleTable,
}

/// Options of [`project`](crate::project).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SqlOptions {
    pub dialect: Dialect,
    pub enum_style: EnumStyle,
    pub inheritance: Inheritance,
}

impl SqlOptions {
    /// The default options for `dialect`.
    pub fn new(dialect: Dialect) -> Self {
        Self {
            dialect,
            ..Self::default()
        }
    }
}
