//! The registry commands a user expects (`models`, `versions`, `show`,
//! `set-compatibility`, `verify`, `delete`, `register --dry-run`), on a data
//! directory and through a server: the same registry gives the same output
//! either way.

use serde_json::Value;
use std::path::Path;
use std::process::Output;
use uda_testsuite::*;

const FILES: [&str; 2] = [
    "ontologies/examples/studio.ttl",
    "ontologies/examples/marketing.ttl",
];

fn json(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// `uda ARGS --server URL`.
fn on_server(url: &str, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--server", url]);
    uda(&all)
}

/// A data directory with the studio and marketing examples registered.
fn registered(data: &Path) {
    let mut args = vec!["register"];
    args.extend(FILES);
    let o = uda_on(data, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// The fields of a `models` row that differ between two registries (when and by whom).
fn without_time_and_principal(mut rows: Value) -> Value {
    for row in rows.as_array_mut().into_iter().flatten() {
        if let Some(row) = row.as_object_mut() {
            row.remove("created_at");
            row.remove("principal");
        }
    }
    rows
}

#[test]
fn models_versions_and_show_read_the_same_from_a_directory_and_a_server() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let local = tmp.path().join("local");
    registered(&local);
    let served = tmp.path().join("served");
    registered(&served);
    let server = Served::start(&served, &[]);
    let url = server.url.as_str();

    let here = json(&uda_on(&local, &["models", "--format", "json"]));
    let there = json(&on_server(url, &["models", "--format", "json"]));
    assert_eq!(
        without_time_and_principal(here.clone()),
        without_time_and_principal(there)
    );
    let rows = here.as_array().expect("a list");
    assert_eq!(rows.len(), 2, "{here}");
    assert_eq!(rows[0]["iri"], "https://example.org/marketing");
    assert_eq!(rows[0]["domain"], "marketing");
    assert_eq!(rows[1]["domain"], "studio");
    assert_eq!(rows[1]["version"], 1);
    assert_eq!(rows[1]["compatibility"], "BACKWARD");
    assert!(rows[1]["hash"]
        .as_str()
        .is_some_and(|h| h.starts_with("sha256:")));
    let system = json(&uda_on(&local, &["models", "--system", "--format", "json"]));
    assert!(
        system.as_array().is_some_and(|s| s.len() > 2),
        "uda's own models: {system}"
    );

    let table = stdout(&uda_on(&local, &["models"]));
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("DOMAIN"), "{table}");
    assert!(lines[1].starts_with("------"), "{table}");
    assert!(
        lines[3].starts_with("studio ") && lines[3].contains("<https://example.org/studio>"),
        "{table}"
    );

    // A second version, then its history.
    let v2 = write(
        tmp.path(),
        "studio.ttl",
        &edited(&example("studio"), &[REQUIRED_SYNOPSIS]),
    );
    let v2 = v2.to_str().expect("UTF-8 path");
    for register in [
        uda_on(&local, &["register", "--compatibility", "NONE", v2]),
        on_server(url, &["register", "--compatibility", "NONE", v2]),
    ] {
        assert_eq!(register.status.code(), Some(0), "{}", stderr(&register));
    }
    let here = json(&uda_on(&local, &["versions", "studio", "--format", "json"]));
    let there = json(&on_server(url, &["versions", "studio", "--format", "json"]));
    let numbers = |v: &Value| -> Vec<(u64, bool, String)> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                (
                    r["version"].as_u64().unwrap_or(0),
                    r["current"].as_bool().unwrap_or(false),
                    r["hash"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(numbers(&here), numbers(&there));
    assert_eq!(
        numbers(&here)
            .iter()
            .map(|(n, current, _)| (*n, *current))
            .collect::<Vec<_>>(),
        [(1, false), (2, true)]
    );
    let table = stdout(&uda_on(&local, &["versions", "studio"]));
    assert!(table.starts_with("VERSION  CURRENT"), "{table}");

    // The Turtle of a version: byte-identical from both, and it is the model.
    for spec in ["studio", "studio@1", "https://example.org/studio@current"] {
        let here = uda_on(&local, &["show", spec]);
        let there = on_server(url, &["show", spec]);
        assert_eq!(here.status.code(), Some(0), "{spec}: {}", stderr(&here));
        assert_eq!(stdout(&here), stdout(&there), "{spec}");
    }
    let v1 = write(
        tmp.path(),
        "v1.ttl",
        &stdout(&uda_on(&local, &["show", "studio@1"])),
    );
    let o = uda(&[
        "diff",
        "ontologies/examples/studio.ttl",
        v1.to_str().expect("path"),
    ]);
    assert!(
        stdout(&o).contains(": 0 changes"),
        "version 1 as shown is the example: {}",
        stdout(&o)
    );
    assert_ne!(
        stdout(&uda_on(&local, &["show", "studio@1"])),
        stdout(&uda_on(&local, &["show", "studio@2"]))
    );
}

#[test]
fn show_prints_a_projection_as_generate_prints_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    registered(&data);
    let server = Served::start(&data.with_file_name("served"), &[]);
    let o = on_server(&server.url, &["register", "ontologies/examples/studio.ttl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for (target, dialect) in [
        ("graphql", "postgres"),
        ("graphql-federation", "postgres"),
        ("avro", "postgres"),
        ("sql", "postgres"),
        ("sql", "sqlite"),
        ("sql", "duckdb"),
        ("shacl", "postgres"),
        ("jsonschema", "postgres"),
        ("protobuf", "postgres"),
    ] {
        let generated = uda(&[
            "generate",
            "--target",
            target,
            "--dialect",
            dialect,
            "ontologies/examples/studio.ttl",
        ]);
        assert_eq!(generated.status.code(), Some(0), "{}", stderr(&generated));
        let args = ["show", "studio", "--target", target, "--dialect", dialect];
        let shown = uda_on(&data, &args);
        assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
        assert_eq!(stdout(&shown), stdout(&generated), "{target} {dialect}");
        let remote = on_server(&server.url, &args);
        assert_eq!(
            stdout(&remote),
            stdout(&generated),
            "{target} {dialect} (server)"
        );
    }
}

#[test]
fn unknown_models_and_versions_are_refused_alike_here_and_there() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    registered(&data);
    let server = Served::start(&data.with_file_name("served"), &[]);
    for args in [
        vec!["show", "nowhere"],
        vec!["show", "studio@7"],
        vec!["versions", "nowhere"],
        vec!["delete", "nowhere"],
        vec!["set-compatibility", "nowhere", "FULL"],
    ] {
        let here = uda_on(&data, &args);
        assert_eq!(here.status.code(), Some(1), "{args:?}: {}", stderr(&here));
        assert!(
            stderr(&here).contains("error: "),
            "{args:?}: {}",
            stderr(&here)
        );
        let there = on_server(&server.url, &args);
        assert_eq!(
            there.status.code(),
            Some(1),
            "{args:?} (server): {}",
            stderr(&there)
        );
    }
    let o = uda_on(&data, &["show", "studio@x"]);
    assert_eq!(o.status.code(), Some(2), "not a version number");
}

#[test]
fn set_compatibility_delete_and_verify_work_here_and_there() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    registered(&data);
    let served = tmp.path().join("served");
    registered(&served);
    let server = Served::start(&served, &[]);
    let url = server.url.as_str();

    let here = json(&uda_on(
        &data,
        &["set-compatibility", "studio", "FULL", "--format", "json"],
    ));
    let there = json(&on_server(
        url,
        &["set-compatibility", "studio", "FULL", "--format", "json"],
    ));
    assert_eq!(here, there);
    assert_eq!(here["compatibility"], "FULL");
    let o = uda_on(&data, &["set-compatibility", "studio", "FORWARD"]);
    assert_eq!(
        stdout(&o),
        "new versions of <https://example.org/studio> are checked under FORWARD\n"
    );
    let models = json(&uda_on(&data, &["models", "--format", "json"]));
    assert_eq!(models[1]["compatibility"], "FORWARD");
    let o = uda_on(&data, &["set-compatibility", "studio", "SIDEWAYS"]);
    assert_eq!(o.status.code(), Some(2), "not a mode");

    for o in [uda_on(&data, &["verify"]), on_server(url, &["verify"])] {
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stdout(&o), "");
        assert!(
            stderr(&o).contains("the registry is sound"),
            "{}",
            stderr(&o)
        );
    }
    let report = json(&on_server(url, &["verify", "--format", "json"]));
    assert_eq!(report, serde_json::json!({ "sound": true, "problems": [] }));

    // Deleting what another model imports is refused; the importer goes first.
    for o in [
        uda_on(&data, &["delete", "studio"]),
        on_server(url, &["delete", "studio"]),
    ] {
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
        assert!(stderr(&o).contains("marketing"), "{}", stderr(&o));
    }
    let here = json(&uda_on(&data, &["delete", "marketing", "--format", "json"]));
    let there = json(&on_server(
        url,
        &["delete", "marketing", "--format", "json"],
    ));
    assert_eq!(here, there);
    assert_eq!(here["model"], "https://example.org/marketing");
    assert_eq!(here["last_version"], 1);
    let o = on_server(url, &["models", "--deleted", "--format", "json"]);
    assert_eq!(json(&o)[0]["deleted"], true);
    let o = uda_on(
        &data,
        &["delete", "--principal", "x", "--server", url, "studio"],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "a server records the token's name"
    );
    for o in [uda_on(&data, &["verify"]), on_server(url, &["verify"])] {
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
}

#[test]
fn verify_reports_a_damaged_store_and_exits_1() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    registered(&data);
    add_stray_graph(&data);
    let o = uda_on(&data, &["verify", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(report["sound"], false);
    assert!(
        report["problems"][0]
            .as_str()
            .is_some_and(|p| p.contains("has no catalog entry")),
        "{report}"
    );
}

/// Writes a graph nobody catalogued straight into the store of `data`, as a bug
/// or a hand edit would (no command of uda writes one).
fn add_stray_graph(data: &Path) {
    use uda_registry::oxigraph::model::{Literal, NamedNode, Quad};
    let registry = uda_registry::Registry::open(data).expect("open the data directory");
    let node = |iri: &str| NamedNode::new_unchecked(iri);
    let quad = Quad::new(
        node("https://example.org/stray"),
        node("https://example.org/p"),
        Literal::new_simple_literal("x"),
        node("https://example.org/stray-graph"),
    );
    registry.store().insert(&quad).expect("insert");
}

#[test]
fn a_dry_run_checks_everything_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    // Against no data directory: none is created.
    let mut args = vec!["register", "--dry-run", "--format", "json"];
    args.extend(FILES);
    let report = json(&uda_on(&data, &args));
    assert!(!data.exists(), "a dry run created the data directory");
    assert_eq!(report[0]["status"], "would register");
    assert_eq!(report[1]["status"], "would register");
    assert_eq!(report[1]["version"], 1);

    registered(&data);
    let before = stdout(&uda_on(&data, &["query", "--format", "csv", ALL_QUADS]));
    let v2 = write(
        tmp.path(),
        "studio.ttl",
        &edited(&example("studio"), &[REQUIRED_SYNOPSIS]),
    );
    let v2 = v2.to_str().expect("UTF-8 path");
    // Refused under BACKWARD, as a real registration would be.
    let o = uda_on(&data, &["register", "--dry-run", v2]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("incompatible under BACKWARD"),
        "{}",
        stderr(&o)
    );
    // Allowed under NONE: reported, with its changes, and not written.
    let o = uda_on(
        &data,
        &["register", "--dry-run", "--compatibility", "NONE", v2],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("would register <https://example.org/studio> version 2"),
        "{out}"
    );
    assert!(out.contains("synopsis"), "{out}");
    let after = stdout(&uda_on(&data, &["query", "--format", "csv", ALL_QUADS]));
    assert_eq!(before, after, "a dry run changed the store");

    // Through a server: the same report, the server's store unchanged.
    let server = Served::start(&tmp.path().join("served"), &[]);
    let o = on_server(&server.url, &["register", "ontologies/examples/studio.ttl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = on_server(
        &server.url,
        &["register", "--dry-run", "--compatibility", "NONE", v2],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), out);
    let versions = json(&on_server(
        &server.url,
        &["versions", "studio", "--format", "json"],
    ));
    assert_eq!(versions.as_array().map(Vec::len), Some(1), "{versions}");
}

const ALL_QUADS: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }";
