//! `uda move` as a user runs it: the example data into a SQLite database
//! (tables created by the move), back into RDF, and from that database into
//! a second one and back; non-conforming data is refused with the SHACL
//! report and writes nothing.

use std::path::{Path, PathBuf};
use std::process::Output;

use oxrdf::Graph;
use uda_testsuite::*;

fn path(p: &Path) -> String {
    p.to_str().expect("UTF-8 path").to_owned()
}

fn examples() -> PathBuf {
    repo().join("ontologies/examples")
}

/// `uda move --model marketing.ttl -I examples ARGS...`
fn uda_move(args: &[String]) -> Output {
    let mut all = vec![
        "move".to_owned(),
        "--model".into(),
        path(&examples().join("marketing.ttl")),
        "-I".into(),
        path(&examples()),
    ];
    all.extend_from_slice(args);
    uda(&all.iter().map(String::as_str).collect::<Vec<_>>())
}

fn graph(file: &Path) -> Graph {
    let text = std::fs::read(file).expect("written");
    oxttl::NTriplesParser::new()
        .for_slice(&text)
        .map(|t| t.expect("N-Triples"))
        .collect()
}

fn tables(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .expect("sqlite")
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .expect("counts")
}

fn data(name: &str) -> String {
    format!("rdf:{}", path(&examples().join("data").join(name)))
}

#[test]
fn the_example_data_moves_to_sqlite_and_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let one = dir.path().join("one.sqlite");
    let two = dir.path().join("two.sqlite");
    let sqlite = |db: &Path| format!("sql-sqlite:{}", path(db));
    let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    let out = uda_move(&args(&[
        "--from",
        &data("studio.ttl"),
        "--from",
        &data("marketing.ttl"),
        "--to",
        &sqlite(&one),
        "--create-tables",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("rows written"), "{}", stderr(&out));

    let first = dir.path().join("first.nt");
    let out = uda_move(&args(&[
        "--from",
        &sqlite(&one),
        "--to",
        &format!("rdf:{}", path(&first)),
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    let read = graph(&first);
    assert!(read.len() > 100, "{} triples", read.len());

    // SQL to SQL, then back: the same graph, byte for byte.
    let out = uda_move(&args(&[
        "--from",
        &sqlite(&one),
        "--to",
        &sqlite(&two),
        "--create-tables",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    let second = dir.path().join("second.nt");
    let out = uda_move(&args(&[
        "--from",
        &sqlite(&two),
        "--to",
        &format!("rdf:{}", path(&second)),
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&first).expect("first"),
        std::fs::read(&second).expect("second")
    );

    // What was read moves again, and reads back the same.
    let three = dir.path().join("three.sqlite");
    let out = uda_move(&args(&[
        "--from",
        &format!("rdf:{}", path(&first)),
        "--to",
        &sqlite(&three),
        "--create-tables",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn non_conforming_data_is_refused_with_the_report_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bad.sqlite");
    let out = uda_move(&[
        "--from".into(),
        data("studio-violations.ttl"),
        "--to".into(),
        format!("sql-sqlite:{}", path(&db)),
        "--create-tables".into(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("violation: ex:untitled, studio:title"),
        "{err}"
    );
    assert!(err.contains("does not conform"), "{err}");
    assert!(!db.exists() || tables(&db) == 0, "the database was written");
}

#[test]
fn a_failed_load_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db.sqlite");
    let to = format!("sql-sqlite:{}", path(&db));
    let load = |create: bool| {
        let mut a = vec![
            "--from".to_owned(),
            data("studio.ttl"),
            "--to".into(),
            to.clone(),
        ];
        if create {
            a.push("--create-tables".into());
        }
        uda_move(&a)
    };
    assert!(load(true).status.success());
    let before = std::fs::read(&db).expect("db");
    // The same rows again: primary keys refuse them part-way.
    let out = load(false);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&db).expect("db"), before);
}

#[test]
fn uda_plan_says_what_fills_each_column() {
    let studio = path(&examples().join("studio.ttl"));
    let plan =
        |from: &str, to: &str| uda(&["plan", "--model", &studio, "--from", from, "--to", to]);
    let out = plan("rdf:data.ttl", "sql-sqlite:db.sqlite");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for line in [
        "studio.headquarters_city <- headquarters / city (xsd:string)",
        "credit.work_work_id <- key value 1 of each Credit",
        "work_produced_by.produced_by_studio_id <- producedBy, key value 1 of the Studio it refers to (key lookup)",
        "studio_offices.position <- the value's number among its owner's values of offices (in sorted order)",
        "work_localized_titles.localized_titles_lang <- localizedTitles, its language tag",
    ] {
        assert!(text.lines().any(|l| l == line), "no line {line:?} in\n{text}");
    }
    let out = plan("sql-sqlite:db.sqlite", "sql-postgres:host=localhost");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("film.runtime <- film.runtime: runtime (xsd:duration)\n"),
        "{text}"
    );
    assert!(
        text.contains("cannot move: an xsd:dateTime with a time zone"),
        "{text}"
    );
}

/// SQLite to PostgreSQL and back to RDF gives what SQLite gives: the move
/// across engines goes through the two plans alone.
#[test]
fn data_moves_from_sqlite_to_postgres() {
    let conn = std::env::var("UDA_TEST_PG")
        .unwrap_or_else(|_| "host=127.0.0.1 port=55432 user=postgres".into());
    let name = format!("uda_move_{}", std::process::id());
    let mut admin = postgres::Client::connect(&format!("{conn} dbname=postgres"), postgres::NoTls)
        .unwrap_or_else(|e| {
            panic!("PostgreSQL is not reachable with `{conn}`: {e}; start it with scripts/pg.sh")
        });
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .expect("drops");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("creates");
    let pg = format!("sql-postgres:{conn} dbname={name}");

    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("onepiece.sqlite");
    let sqlite = format!("sql-sqlite:{}", path(&db));
    let model = path(&examples().join("onepiece.ttl"));
    let run = |from: &str, to: &str, create: bool| {
        let mut args = vec!["move", "--model", &model, "--from", from, "--to", to];
        if create {
            args.push("--create-tables");
        }
        let out = uda(&args);
        assert!(out.status.success(), "{from} to {to}: {}", stderr(&out));
    };
    run(&data("onepiece.ttl"), &sqlite, true);
    run(&sqlite, &pg, true);
    let (a, b) = (dir.path().join("a.nt"), dir.path().join("b.nt"));
    run(&sqlite, &format!("rdf:{}", path(&a)), false);
    run(&pg, &format!("rdf:{}", path(&b)), false);
    let text = std::fs::read_to_string(&a).expect("a");
    assert!(text.contains("onepiece"), "{text}");
    assert_eq!(text, std::fs::read_to_string(&b).expect("b"));
    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
}
