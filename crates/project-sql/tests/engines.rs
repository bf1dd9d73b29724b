//! The DDL of every test model runs in PostgreSQL, SQLite and DuckDB, with
//! every option set: the imported models' DDL first, then one row per table
//! that satisfies every constraint, and, for each NOT NULL column, foreign
//! key, CHECK, enumeration type and primary key, a row the engine must reject
//! for exactly that reason.

mod common;

use common::engines::{agrees, DuckDb, Engine, Postgres, Sqlite};
use common::rows::steps;
use common::{chain, option_sets, parse, Db, MODELS};
use uda_project_sql::{Dialect, SqlOptions};

fn check(engine: &mut dyn Engine, options: &SqlOptions) {
    let mut problems = Vec::new();
    for model in MODELS {
        let ddl = chain(model, options);
        let dbs: Vec<Db> = ddl
            .iter()
            .map(|(_, text)| Db::from_statements(&parse(text, options.dialect)))
            .collect();
        let steps = steps(&dbs, options.dialect);
        let setup: Vec<String> = ddl.into_iter().map(|(_, text)| text).collect();
        let outcomes = engine.run(&setup, &steps);
        assert_eq!(
            outcomes.len(),
            steps.len(),
            "{}: one outcome per step",
            engine.name()
        );
        for (step, outcome) in steps.iter().zip(&outcomes) {
            if !agrees(&step.expect, outcome) {
                problems.push(format!(
                    "{model}: {}\n    expected {:?}\n    got {outcome:?}",
                    step.sql, step.expect
                ));
            }
        }
        assert!(
            steps
                .iter()
                .filter(|s| s.expect != common::rows::Expect::Ok)
                .count()
                > 0,
            "{model}: no violation was tried"
        );
    }
    assert!(
        problems.is_empty(),
        "{} ({options:?}) disagrees on {} step(s):\n{}",
        engine.name(),
        problems.len(),
        problems.join("\n")
    );
}

fn check_all(engine: &mut dyn Engine, dialect: Dialect) {
    for options in option_sets(dialect) {
        check(engine, &options);
    }
}

#[test]
fn postgres_accepts_the_ddl_and_enforces_every_constraint() {
    check_all(&mut Postgres::new(), Dialect::Postgres);
}

#[test]
fn sqlite_accepts_the_ddl_and_enforces_every_constraint() {
    check_all(&mut Sqlite, Dialect::Sqlite);
}

#[test]
fn duckdb_accepts_the_ddl_and_enforces_every_constraint() {
    check_all(&mut DuckDb, Dialect::DuckDb);
}
