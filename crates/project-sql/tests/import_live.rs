//! Live import: the DDL of every test model, run in a real database and read
//! back from the database's catalog, gives the graph the projection recorded,
//! except for what the engine rewrites or does not keep, each difference
//! named here (and in the README).
//!
//! In PostgreSQL each model of a chain of imports runs in its own schema
//! (those it imports on the search path), and is imported with their live
//! imports as required schemas, so that even references across models are
//! compared. SQLite has one schema per database, and foreign keys cannot
//! cross databases: a model that imports others is compared with the import
//! of the same DDL files, which `import_ddl.rs` compares with the projection.

mod common;

use common::engines::Postgres;
use common::import::{assert_same, base, required, turtle};
use common::{chain, iri, loaded, option_sets, output, MODELS};
use oxrdf::TripleRef;
use std::path::Path;
use std::time::Instant;
use uda_project_sql::{
    import_ddl, import_postgres, import_sqlite, project, Dialect, ImportOptions, SqlOptions,
};
use uda_projection::{Imported, Output, Triples};
use uda_upper::{Loader, RdfFormat};

const SQL: &str = "https://w3id.org/uda/sql#";

/// The graph as triples, with what the engine rewrites or drops taken out
/// or rewritten, on both sides.
fn normalized(triples: &Triples, dialect: Dialect) -> Vec<String> {
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
    turtle(triples, &edit)
}

fn assert_live(what: &str, expected: &Triples, live: &Imported, dialect: Dialect) {
    assert!(live.warnings.is_empty(), "{what}: {:?}", live.warnings);
    assert!(
        live.container.len() > 30,
        "{what}: a real schema ({} triples)",
        live.container.len()
    );
    assert_same(
        what,
        &normalized(expected, dialect),
        &normalized(&live.container, dialect),
    );
}

/// The options naming elements as the projection of `out`'s model does.
fn options_for<'a>(model: &'a str, base: &'a str, requires: &'a [Imported]) -> ImportOptions<'a> {
    let domain = loaded()
        .models
        .get(model)
        .map_or("synthetic", |m| m.domain.as_str());
    ImportOptions {
        base,
        schema_name: domain,
        requires,
    }
}

#[test]
fn postgres_reads_back_what_the_projection_recorded() {
    for options in option_sets(Dialect::Postgres) {
        for model in MODELS {
            let (_db, mut client) = Postgres::new().temp_db();
            let mut done: Vec<Imported> = Vec::new();
            let mut path: Vec<String> = Vec::new();
            for (domain, text) in chain(model, &options) {
                let what = format!("{model}: {domain} ({options:?})");
                path.insert(0, domain.clone());
                client
                    .batch_execute(&format!(
                        "CREATE SCHEMA {domain}; SET search_path TO {}",
                        path.join(", ")
                    ))
                    .expect("a schema");
                client
                    .batch_execute(&text)
                    .unwrap_or_else(|e| panic!("{what}: PostgreSQL rejects the DDL: {e}"));
                let out: Output = output(&domain, &options);
                let requires: Vec<Imported> = required(&out)
                    .iter()
                    .filter_map(|s| done.iter().find(|i| i.schema.as_str() == s).cloned())
                    .collect();
                let model_iri = iri(&domain);
                let base = base(&model_iri, Dialect::Postgres);
                let live = import_postgres(
                    &mut client,
                    &domain,
                    &options_for(&model_iri, &base, &requires),
                )
                .unwrap_or_else(|e| panic!("{what}: {e}"));
                assert_live(&what, &out.container, &live, Dialect::Postgres);
                done.push(live);
            }
        }
    }
}

/// Runs the DDL in a new SQLite file (in one transaction: a commit, and its
/// sync to disk, per statement is most of the time otherwise) and imports it.
fn sqlite_live(setup: &[(String, String)], options: &ImportOptions<'_>, dir: &Path) -> Imported {
    let path = dir.join("live.sqlite");
    let _ = std::fs::remove_file(&path);
    {
        let mut conn = rusqlite::Connection::open(&path).expect("a SQLite file");
        let tx = conn.transaction().expect("a transaction");
        for (name, script) in setup {
            tx.execute_batch(script)
                .unwrap_or_else(|e| panic!("SQLite rejects {name}: {e}"));
        }
        tx.commit().expect("committed");
    }
    import_sqlite(&path, options).expect("the live database imports")
}

fn temp_dir(what: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("uda-import-{what}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn sqlite_reads_back_what_the_projection_recorded() {
    let dir = temp_dir("models");
    for options in option_sets(Dialect::Sqlite) {
        for model in MODELS {
            let what = format!("{model} ({options:?})");
            let setup = chain(model, &options);
            let model_iri = iri(model);
            let base = base(&model_iri, Dialect::Sqlite);
            let import = options_for(&model_iri, &base, &[]);
            let live = sqlite_live(&setup, &import, &dir);
            let expected = if setup.len() == 1 {
                output(model, &options).container
            } else {
                import_ddl(&setup, Dialect::Sqlite, &import)
                    .expect("the DDL imports")
                    .container
            };
            assert_live(&what, &expected, &live, Dialect::Sqlite);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn synthetic(classes: usize, dialect: Dialect) -> Output {
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
    project(&view, &SqlOptions::new(dialect)).expect("projects")
}

#[test]
fn synthetic_models_read_back_live() {
    let model = "https://example.org/synthetic";
    let dir = temp_dir("synthetic");
    for (classes, dialect) in [
        (100, Dialect::Postgres),
        (1000, Dialect::Postgres),
        (100, Dialect::Sqlite),
        (1000, Dialect::Sqlite),
    ] {
        let what = format!("{classes} classes, {dialect}");
        let out = synthetic(classes, dialect);
        let setup = vec![("synthetic.sql".to_owned(), out.files[0].text.clone())];
        let base = base(model, dialect);
        let options = options_for(model, &base, &[]);
        let start = Instant::now();
        let live = match dialect {
            Dialect::Postgres => {
                let (_db, mut client) = Postgres::new().temp_db();
                let mut tx = client.transaction().expect("a transaction");
                tx.batch_execute(&setup[0].1)
                    .expect("PostgreSQL runs the DDL");
                tx.commit().expect("committed");
                let ran = start.elapsed();
                let live = import_postgres(&mut client, "public", &options).expect("imports");
                eprintln!(
                    "{what}: DDL run in {ran:?}, imported in {:?}",
                    start.elapsed() - ran
                );
                live
            }
            _ => sqlite_live(&setup, &options, &dir),
        };
        eprintln!("{what}: {:?} in all", start.elapsed());
        assert_live(&what, &out.container, &live, dialect);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
