//! The real databases: a PostgreSQL server (`scripts/pg.sh`), SQLite in
//! memory (rusqlite, bundled), and DuckDB in memory through its Python
//! package (`tests/tools/duckdb_exec.py`). Each runs DDL, then steps whose
//! outcome it reports with the error class the driver exposes.

use super::rows::{Expect, Step};
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How a statement ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Ok,
    Failed(Failure),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Failure {
    pub class: Class,
    /// The constraint, table and column the engine names, when it does.
    pub constraint: Option<String>,
    pub table: Option<String>,
    pub column: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Class {
    NotNull,
    ForeignKey,
    Check,
    Unique,
    /// A value the column's type rejects (an enumeration label that is not one).
    BadValue,
    #[default]
    Other,
}

pub trait Engine {
    fn name(&self) -> &'static str;
    /// Runs the DDL scripts in order (panicking on an error), then every step.
    fn run(&mut self, setup: &[String], steps: &[Step]) -> Vec<Outcome>;
}

/// Whether an outcome is what a step expects; engines that do not name the
/// violated constraint (or table, or column) are not held to it.
pub fn agrees(expect: &Expect, outcome: &Outcome) -> bool {
    let named = |given: &Option<String>, wanted: &str| given.as_deref().is_none_or(|g| g == wanted);
    match (expect, outcome) {
        (Expect::Ok, Outcome::Ok) => true,
        (_, Outcome::Ok) | (Expect::Ok, _) => false,
        (Expect::NotNull { table, column }, Outcome::Failed(f)) => {
            f.class == Class::NotNull && named(&f.table, table) && named(&f.column, column)
        }
        (Expect::ForeignKey { table, name }, Outcome::Failed(f)) => {
            f.class == Class::ForeignKey && named(&f.constraint, name) && named(&f.table, table)
        }
        (Expect::Check { table, name }, Outcome::Failed(f)) => {
            f.class == Class::Check && named(&f.constraint, name) && named(&f.table, table)
        }
        (Expect::Unique { table, name }, Outcome::Failed(f)) => {
            f.class == Class::Unique && named(&f.constraint, name) && named(&f.table, table)
        }
        (Expect::BadEnum, Outcome::Failed(f)) => f.class == Class::BadValue,
    }
}

// ---------------------------------------------------------------- PostgreSQL

pub struct Postgres {
    conn: String,
}

impl Postgres {
    /// The server named by `UDA_TEST_PG`, by default the one `scripts/pg.sh` starts.
    pub fn new() -> Self {
        let conn = std::env::var("UDA_TEST_PG")
            .unwrap_or_else(|_| "host=127.0.0.1 port=55432 user=postgres".into());
        Self { conn }
    }

    /// The connection string of database `name`, for a client program (pg_dump).
    pub fn conninfo(&self, name: &str) -> String {
        format!("{} dbname={name}", self.conn)
    }

    pub fn connect(&self, extra: &str) -> postgres::Client {
        let conn = format!("{} {extra}", self.conn);
        postgres::Client::connect(&conn, postgres::NoTls).unwrap_or_else(|e| {
            panic!(
                "PostgreSQL is not reachable with `{conn}`: {e}\n\
                 Start the test server with `scripts/pg.sh` (or point UDA_TEST_PG at one)."
            )
        })
    }
}

impl Postgres {
    /// A new database, dropped with the guard, and a client connected to it.
    pub fn temp_db(&self) -> (TempDb, postgres::Client) {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "uda_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let mut admin = self.connect("dbname=postgres");
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        let client = self.connect(&format!("dbname={name}"));
        (TempDb { admin, name }, client)
    }
}

/// A database created for one test and dropped when the test ends, even on panic.
pub struct TempDb {
    admin: postgres::Client,
    name: String,
}

impl TempDb {
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = self.admin.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
    }
}

fn postgres_failure(e: &postgres::Error) -> Failure {
    let Some(db) = e.as_db_error() else {
        return Failure {
            message: e.to_string(),
            ..Failure::default()
        };
    };
    let class = match db.code().code() {
        "23502" => Class::NotNull,
        "23503" => Class::ForeignKey,
        "23514" => Class::Check,
        "23505" => Class::Unique,
        "22P02" => Class::BadValue,
        _ => Class::Other,
    };
    Failure {
        class,
        constraint: db.constraint().map(str::to_owned),
        table: db.table().map(str::to_owned),
        column: db.column().map(str::to_owned),
        message: db.message().to_owned(),
    }
}

impl Engine for Postgres {
    fn name(&self) -> &'static str {
        "PostgreSQL"
    }

    fn run(&mut self, setup: &[String], steps: &[Step]) -> Vec<Outcome> {
        let (_db, mut client) = self.temp_db();
        for script in setup {
            if let Err(e) = client.batch_execute(script) {
                panic!(
                    "PostgreSQL rejects the DDL: {}\n{script}",
                    postgres_failure(&e).message
                );
            }
        }
        steps
            .iter()
            .map(|s| match client.batch_execute(&s.sql) {
                Ok(()) => Outcome::Ok,
                Err(e) => Outcome::Failed(postgres_failure(&e)),
            })
            .collect()
    }
}

// ---------------------------------------------------------------- SQLite

pub struct Sqlite;

fn sqlite_failure(e: &rusqlite::Error) -> Failure {
    use rusqlite::ffi;
    let message = e.to_string();
    let rusqlite::Error::SqliteFailure(err, _) = e else {
        return Failure {
            message,
            ..Failure::default()
        };
    };
    let after = |prefix: &str| message.strip_prefix(prefix).map(str::to_owned);
    let mut f = Failure {
        message: message.clone(),
        ..Failure::default()
    };
    match err.extended_code {
        ffi::SQLITE_CONSTRAINT_NOTNULL => {
            f.class = Class::NotNull;
            // "NOT NULL constraint failed: table.column"
            if let Some((t, c)) = after("NOT NULL constraint failed: ")
                .and_then(|s| s.split_once('.').map(|(t, c)| (t.to_owned(), c.to_owned())))
            {
                f.table = Some(t);
                f.column = Some(c);
            }
        }
        ffi::SQLITE_CONSTRAINT_CHECK => {
            f.class = Class::Check;
            f.constraint = after("CHECK constraint failed: ");
        }
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => f.class = Class::ForeignKey,
        ffi::SQLITE_CONSTRAINT_PRIMARYKEY | ffi::SQLITE_CONSTRAINT_UNIQUE => {
            f.class = Class::Unique;
            f.table = after("UNIQUE constraint failed: ")
                .and_then(|s| s.split_once('.').map(|(t, _)| t.to_owned()));
        }
        _ => {}
    }
    f
}

impl Engine for Sqlite {
    fn name(&self) -> &'static str {
        "SQLite"
    }

    fn run(&mut self, setup: &[String], steps: &[Step]) -> Vec<Outcome> {
        let conn = rusqlite::Connection::open_in_memory().expect("an in-memory SQLite database");
        conn.execute_batch("PRAGMA foreign_keys = ON")
            .expect("foreign keys on");
        for script in setup {
            if let Err(e) = conn.execute_batch(script) {
                panic!("SQLite rejects the DDL: {e}\n{script}");
            }
        }
        steps
            .iter()
            .map(|s| match conn.execute_batch(&s.sql) {
                Ok(()) => Outcome::Ok,
                Err(e) => Outcome::Failed(sqlite_failure(&e)),
            })
            .collect()
    }
}

// ---------------------------------------------------------------- DuckDB

pub struct DuckDb;

/// The script that runs SQL in DuckDB.
pub fn duckdb_script() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tools/duckdb_exec.py")
}

/// Runs `python3 duckdb_exec.py args...` with `input` on stdin; panics with a
/// clear message when Python or its duckdb module is missing.
pub fn duckdb_exec(args: &[&str], input: &str) -> std::process::Output {
    let mut child = Command::new("python3")
        .arg(duckdb_script())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run python3 for the DuckDB tests: {e}"));
    let mut stdin = child.stdin.take().expect("stdin is piped");
    stdin
        .write_all(input.as_bytes())
        .expect("write to duckdb_exec.py");
    drop(stdin);
    let output = child.wait_with_output().expect("duckdb_exec.py runs");
    if output.status.code() == Some(3) {
        panic!(
            "the DuckDB tests need python3 with the duckdb module (run scripts/setup, then put ~/.cache/uda/venv/bin first on PATH; scripts/test does both)\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    output
}

fn duckdb_failure(error: &str, message: &str) -> Failure {
    let mut f = Failure {
        message: message.to_owned(),
        ..Failure::default()
    };
    if error == "ConversionException" {
        f.class = Class::BadValue;
    } else if let Some(rest) = message.split("NOT NULL constraint failed: ").nth(1) {
        f.class = Class::NotNull;
        // DuckDB quotes names that are keywords of any kind.
        let unquote = |s: &str| s.trim_matches('"').to_owned();
        if let Some((t, c)) = rest.trim().split_once('.') {
            f.table = Some(unquote(t));
            f.column = Some(unquote(c));
        }
    } else if message.contains("CHECK constraint failed") {
        f.class = Class::Check;
    } else if message.contains("foreign key constraint") {
        f.class = Class::ForeignKey;
    } else if message.contains("violates primary key constraint") {
        f.class = Class::Unique;
    }
    f
}

impl Engine for DuckDb {
    fn name(&self) -> &'static str {
        "DuckDB"
    }

    fn run(&mut self, setup: &[String], steps: &[Step]) -> Vec<Outcome> {
        let plan = serde_json::json!({
            "setup": setup,
            "steps": steps.iter().map(|s| s.sql.as_str()).collect::<Vec<_>>(),
        });
        let output = duckdb_exec(&["--steps"], &plan.to_string());
        assert!(
            output.status.success(),
            "DuckDB rejects the DDL: {}\n{}",
            String::from_utf8_lossy(&output.stderr),
            setup.join("\n")
        );
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|line| {
                let v: serde_json::Value =
                    serde_json::from_str(line).expect("a JSON line per step");
                if v["ok"] == true {
                    Outcome::Ok
                } else {
                    let text = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
                    Outcome::Failed(duckdb_failure(&text("error"), &text("message")))
                }
            })
            .collect()
    }
}
