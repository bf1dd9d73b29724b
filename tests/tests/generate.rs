//! `uda generate` end to end: the real binary on the example files, no store, no server.

use uda_testsuite::*;

#[test]
fn sql_on_stdout_runs_in_sqlite() {
    let o = uda(&[
        "generate",
        "--target",
        "sql",
        "--dialect",
        "sqlite",
        "ontologies/examples/onepiece.ttl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let db = rusqlite::Connection::open_in_memory().expect("sqlite");
    db.execute_batch("PRAGMA foreign_keys = ON;")
        .expect("pragma");
    db.execute_batch(&stdout(&o)).expect("the DDL runs");
    db.execute_batch("INSERT INTO devil_fruit VALUES ('Gomu Gomu', 'Paramecia');")
        .expect("a valid row");
    assert!(
        db.execute_batch("INSERT INTO devil_fruit VALUES ('Mera Mera', 'Citrus');")
            .is_err(),
        "enum CHECK"
    );
}

#[test]
fn avro_on_stdout_is_one_json_array() {
    let o = uda(&[
        "generate",
        "--target",
        "avro",
        "ontologies/examples/onepiece.ttl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let schemas: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let names: Vec<&str> = schemas
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(
        names.contains(&"Character") && names.contains(&"DevilFruit"),
        "{names:?}"
    );
}

#[test]
fn all_targets_and_mappings_go_to_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let mappings = dir.path().join("mappings.ttl");
    let o = uda(&[
        "generate",
        "--target",
        "all",
        "-I",
        "ontologies/examples",
        "--out",
        out.to_str().expect("path"),
        "--mappings",
        mappings.to_str().expect("path"),
        "ontologies/examples/marketing.ttl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for file in [
        "graphql/marketing.graphql",
        "graphql-federation/marketing.subgraph.graphql",
        "avro/org.example.marketing.Campaign.avsc",
        "avro/org.example.marketing.FilmMarketing.avsc",
        "sql-postgres/marketing.postgres.sql",
        "sql-sqlite/marketing.sqlite.sql",
        "sql-duckdb/marketing.duckdb.sql",
        "shacl/marketing.shacl.ttl",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    let turtle = std::fs::read(&mappings).expect("mappings written");
    let graph: Vec<_> = oxttl::TurtleParser::new()
        .for_slice(&turtle)
        .collect::<Result<_, _>>()
        .expect("mappings are valid Turtle");
    let realized = |iri: &str| {
        graph.iter().any(|t| {
            t.subject.to_string() == format!("<{iri}>")
                && t.predicate.as_str() == "https://w3id.org/uda/mapping#realizedBy"
        })
    };
    assert!(realized("https://example.org/marketing#Campaign"));
    assert!(
        realized("https://example.org/marketing#tagline"),
        "the extension property is mapped"
    );
}

#[test]
fn output_is_byte_identical_across_runs() {
    for target in ["graphql", "graphql-federation", "avro", "sql", "shacl"] {
        let a = uda(&[
            "generate",
            "--target",
            target,
            "ontologies/examples/studio.ttl",
        ]);
        let b = uda(&[
            "generate",
            "--target",
            target,
            "ontologies/examples/studio.ttl",
        ]);
        assert_eq!(a.status.code(), Some(0), "{target}: {}", stderr(&a));
        assert!(!a.stdout.is_empty(), "{target}");
        assert_eq!(a.stdout, b.stdout, "{target}");
    }
}

#[test]
fn invalid_models_fail_with_their_diagnostics() {
    let o = uda(&[
        "generate",
        "--target",
        "graphql",
        "crates/upper/tests/invalid/missing-key.ttl",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "nothing generated");
    assert!(stderr(&o).contains("error[U062]"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_two() {
    for args in [
        vec![
            "generate",
            "--target",
            "all",
            "ontologies/examples/onepiece.ttl",
        ],
        vec![
            "generate",
            "--target",
            "cobol",
            "ontologies/examples/onepiece.ttl",
        ],
        vec![
            "generate",
            "--target",
            "sql",
            "--dialect",
            "oracle",
            "ontologies/examples/onepiece.ttl",
        ],
        vec!["generate", "ontologies/examples/onepiece.ttl"],
    ] {
        let o = uda(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}
