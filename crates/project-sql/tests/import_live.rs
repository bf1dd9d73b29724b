//! Live import: the DDL of every test model (with the models it imports),
//! run in a real PostgreSQL and SQLite database and read back from the
//! database's catalog, gives the graph importing the same DDL files gives
//! (which `import_ddl.rs` shows is the graph the projection recorded),
//! except for what the engine does not keep, each difference named here.

mod common;

use common::engines::Postgres;
use common::import::{assert_same, turtle};
use common::{chain, option_sets, MODELS};
use oxrdf::TripleRef;
use std::time::Instant;
use uda_project_sql::{
    import_ddl, import_postgres, import_sqlite, project, Dialect, ImportOptions, SqlOptions,
};
use uda_projection::Imported;
use uda_upper::{Loader, RdfFormat};

const SQL: &str = "https://w3id.org/uda/sql#";

fn options<'a>(base: &'a str) -> ImportOptions<'a> {
    ImportOptions {
        base,
        schema_name: "live",
        requires: &[],
    }
}

/// The graph as triples, with what the engine normalizes or drops taken
/// out or rewritten on both sides.
fn normalized(imported: &Imported, dialect: Dialect) -> Vec<String> {
    let edit = |t: TripleRef<'_>| -> Option<String> {
        let p = t.predicate.as_str().strip_prefix(SQL).unwrap_or("");
        match (dialect, p) {
            // PostgreSQL rewrites check expressions (`c IN (...)` becomes
            // `c = ANY (ARRAY[...])`): their allowed values are compared.
            (Dialect::Postgres, "expression") => None,
            // How a foreign key was added (in CREATE TABLE or ALTER TABLE)
            // is DDL order, which the database does not keep.
            (Dialect::Postgres, "addedLater") => None,
            // `--` comments are not statements: SQLite keeps none of them.
            (Dialect::Sqlite, "comment") => None,
            // NUMERIC(p) is NUMERIC(p,0), which PostgreSQL reports.
            (Dialect::Postgres, "dataType") => Some(
                t.to_string()
                    .replace("NUMERIC(1000)\"", "NUMERIC(1000,0)\""),
            ),
            _ => Some(t.to_string()),
        }
    };
    turtle(&imported.container, &edit)
}

fn postgres_live(setup: &[(String, String)], base: &str) -> Imported {
    let (_db, mut client) = Postgres::new().temp_db();
    let mut tx = client.transaction().expect("a transaction");
    for (name, script) in setup {
        tx.batch_execute(script)
            .unwrap_or_else(|e| panic!("PostgreSQL rejects {name}: {e}"));
    }
    tx.commit().expect("committed");
    import_postgres(&mut client, "public", &options(base)).expect("the live schema imports")
}

fn sqlite_live(setup: &[(String, String)], base: &str) -> Imported {
    let dir = std::env::temp_dir().join(format!("uda-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!(
        "{}.sqlite",
        setup.len() * 7919 + setup.iter().map(|s| s.1.len()).sum::<usize>()
    ));
    let _ = std::fs::remove_file(&path);
    {
        let mut conn = rusqlite::Connection::open(&path).expect("a SQLite file");
        // One transaction: a commit (and its sync to disk) per CREATE TABLE
        // is most of the time otherwise.
        let tx = conn.transaction().expect("a transaction");
        for (name, script) in setup {
            tx.execute_batch(script)
                .unwrap_or_else(|e| panic!("SQLite rejects {name}: {e}"));
        }
        tx.commit().expect("committed");
    }
    let imported = import_sqlite(&path, &options(base)).expect("the live database imports");
    let _ = std::fs::remove_file(&path);
    imported
}

fn from_ddl(setup: &[(String, String)], dialect: Dialect, base: &str) -> Imported {
    import_ddl(setup, dialect, &options(base)).expect("the DDL imports")
}

fn check(dialect: Dialect, what: &str, setup: &[(String, String)]) {
    let base = "https://example.org/live";
    let live = match dialect {
        Dialect::Postgres => postgres_live(setup, base),
        _ => sqlite_live(setup, base),
    };
    let ddl = from_ddl(setup, dialect, base);
    assert!(live.warnings.is_empty(), "{what}: {:?}", live.warnings);
    assert!(
        live.container.len() > 30,
        "{what}: a real schema ({} triples)",
        live.container.len()
    );
    assert_same(
        what,
        &normalized(&ddl, dialect),
        &normalized(&live, dialect),
    );
}

fn check_models(dialect: Dialect) {
    for options in option_sets(dialect) {
        for model in MODELS {
            let setup: Vec<(String, String)> = chain(model, &options)
                .into_iter()
                .map(|(d, text)| (format!("{d}.{dialect}.sql"), text))
                .collect();
            check(dialect, &format!("{model} ({options:?})"), &setup);
        }
    }
}

#[test]
fn postgres_reads_back_what_the_ddl_says() {
    check_models(Dialect::Postgres);
}

#[test]
fn sqlite_reads_back_what_the_ddl_says() {
    check_models(Dialect::Sqlite);
}

fn synthetic(classes: usize, dialect: Dialect) -> Vec<(String, String)> {
    let loaded = Loader::new()
        .input_text(
            "synthetic.ttl",
            uda_testkit::synthetic_model(classes),
            RdfFormat::Turtle,
        )
        .load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let view = loaded
        .models
        .view("https://example.org/synthetic")
        .expect("synthetic model");
    let out = project(&view, &SqlOptions::new(dialect)).expect("projects");
    vec![("synthetic.sql".to_owned(), out.files[0].text.clone())]
}

#[test]
fn synthetic_models_read_back_live() {
    for (classes, dialect) in [
        (100, Dialect::Postgres),
        (1000, Dialect::Postgres),
        (100, Dialect::Sqlite),
        (1000, Dialect::Sqlite),
    ] {
        let start = Instant::now();
        check(
            dialect,
            &format!("{classes} classes, {dialect}"),
            &synthetic(classes, dialect),
        );
        eprintln!("{classes} classes, {dialect}: {:?}", start.elapsed());
    }
}
