//! `uda register --mapping` end to end: the studio model and a legacy schema
//! nobody generated (crates/mapping's fixtures) registered, a hand-written
//! mapping between them registered, checked and catalogued; and new versions
//! of either end refused when they break it, unless under NONE.

use std::path::{Path, PathBuf};
use uda_testsuite::*;

/// The root element of the legacy schema registered with `--location legacy
/// --name legacy`, and the base its elements are named under.
const BASE: &str = "https://w3id.org/uda/container/sql-postgres/legacy/legacy";
const MAPPING: &str = "https://example.org/mappings";

fn fixtures() -> PathBuf {
    repo().join("crates/mapping/tests/fixtures")
}

/// The fixture `name` as a registrable mapping: its IRIs those of the
/// registered legacy schema, with a set naming both ends.
fn mapping(dir: &Path, name: &str) -> PathBuf {
    let text = std::fs::read_to_string(fixtures().join(name)).expect("fixture");
    let set = format!(
        "@prefix map: <https://w3id.org/uda/mapping#> .\n\
         <{MAPPING}> a map:MappingSet ;\n    map:domainModel <https://example.org/studio> ;\n    \
         map:container <{BASE}/schema> .\n"
    );
    let text = text.replace("https://example.org/legacy", BASE);
    write(dir, name, &format!("{set}{text}"))
}

/// `uda register --container` of `ddl` as the legacy schema, with `extra` options.
fn register_legacy(data: &Path, dir: &Path, ddl: &str, extra: &[&str]) -> std::process::Output {
    let file = write(dir, "legacy.sql", ddl);
    let file = file.to_str().expect("UTF-8 path");
    let mut args = vec![
        "register",
        "--container",
        file,
        "--system",
        "sql-postgres",
        "--name",
        "legacy",
        "--location",
        "legacy",
    ];
    args.extend(extra);
    uda_on(data, &args)
}

fn legacy_ddl() -> String {
    std::fs::read_to_string(fixtures().join("legacy.sql")).expect("legacy.sql")
}

/// A registry holding the studio model, the legacy schema and the clean mapping.
fn registered(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    let studio = repo().join("ontologies/examples/studio.ttl");
    let o = uda_on(&data, &["register", studio.to_str().expect("UTF-8 path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = register_legacy(&data, dir, &legacy_ddl(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let clean = mapping(dir, "clean.ttl");
    let o = uda_on(
        &data,
        &["register", "--mapping", clean.to_str().expect("UTF-8 path")],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("registered <{MAPPING}> version 1")),
        "{}",
        stdout(&o)
    );
    data
}

fn query(data: &Path, sparql: &str) -> String {
    let o = uda_on(data, &["query", "--format", "json", sparql]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn a_mapping_is_checked_catalogued_and_stored_in_uda_vocabulary() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = registered(dir.path());

    // Catalogued: its kind, the versions it connects, who registered it.
    let answer = query(
        &data,
        &format!(
            "PREFIX cat: <https://w3id.org/uda/catalog#>
             SELECT ?connects WHERE {{ GRAPH <https://w3id.org/uda/registry/catalog> {{
               <{MAPPING}> cat:kind cat:Mapping ; cat:principal ?who ; cat:connects ?connects }} }}
             ORDER BY ?connects"
        ),
    );
    assert!(
        answer.contains("https://example.org/studio/version/1"),
        "{answer}"
    );
    assert!(
        answer.contains(
            "https://w3id.org/uda/registry/container/sql-postgres/legacy/legacy/version/1"
        ),
        "{answer}"
    );
    // Netflix's vocabulary is stored as uda's.
    let answer = query(
        &data,
        &format!(
            "ASK {{ GRAPH <{MAPPING}/version/1> {{
               <{MAPPING}/people> a <https://w3id.org/uda/mapping#Mapping> }} }}"
        ),
    );
    assert!(answer.contains("true"), "{answer}");

    // Its versions are listed, and shown, under its IRI.
    let o = uda_on(&data, &["versions", MAPPING]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .lines()
            .any(|l| l.starts_with("1 ") && l.contains('*')),
        "{}",
        stdout(&o)
    );
    let o = uda_on(&data, &["show", MAPPING]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("MappingSet"), "{}", stdout(&o));

    // Trace follows the registered mapping from the concept to the legacy
    // column it maps by hand, and back.
    let o = uda_on(
        &data,
        &[
            "trace",
            "--format",
            "json",
            "https://example.org/studio#birthDate",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("{BASE}/talent/born")) && stdout(&o).contains(MAPPING),
        "{}",
        stdout(&o)
    );
    let o = uda_on(
        &data,
        &[
            "trace",
            "--inverse",
            "--format",
            "json",
            &format!("{BASE}/talent/born"),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("https://example.org/studio#birthDate"),
        "{}",
        stdout(&o)
    );

    // The same mapping again writes nothing.
    let clean = mapping(dir.path(), "clean.ttl");
    let o = uda_on(
        &data,
        &["register", "--mapping", clean.to_str().expect("UTF-8 path")],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("unchanged"), "{}", stdout(&o));
}

#[test]
fn a_mapping_with_errors_is_refused_located_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = registered(dir.path());
    let before = query(
        &data,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    );

    let bad = mapping(dir.path(), "m001-unknown-field.ttl");
    let o = uda_on(
        &data,
        &["register", "--mapping", bad.to_str().expect("UTF-8 path")],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    // file:line:column (the set's four lines come first), the code, both IRIs.
    assert!(err.contains("m001-unknown-field.ttl:18:23:"), "{err}");
    assert!(err.contains("error[M001]"), "{err}");
    assert!(
        err.contains("<https://example.org/studio#personId>"),
        "{err}"
    );
    assert!(
        err.contains(&format!("<{BASE}/talent/talent_number>")),
        "{err}"
    );
    assert_eq!(
        query(
            &data,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        ),
        before
    );

    // An end that is not registered.
    let text = std::fs::read_to_string(&bad).expect("read");
    let elsewhere = write(
        dir.path(),
        "elsewhere.ttl",
        &text.replace(
            &format!("{BASE}/schema"),
            "https://w3id.org/uda/container/avro/x/y/schema",
        ),
    );
    let o = uda_on(
        &data,
        &[
            "register",
            "--mapping",
            elsewhere.to_str().expect("UTF-8 path"),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("elsewhere.ttl:4:"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("is not the root element of a registered container"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_container_version_dropping_a_mapped_column_is_refused_unless_under_none() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = registered(dir.path());
    let dropped = edited(&legacy_ddl(), &[("    email TEXT,\n", "")]);
    let o = register_legacy(&data, dir.path(), &dropped, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("breaks registered mappings"), "{err}");
    assert!(err.contains(&format!("<{MAPPING}>")), "{err}");
    assert!(err.contains("error[M001]"), "{err}");
    assert!(err.contains(&format!("<{BASE}/talent/email>")), "{err}");

    let o = register_legacy(&data, dir.path(), &dropped, &["--compatibility", "NONE"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("version 2"), "{}", stdout(&o));
}

#[test]
fn a_model_version_dropping_a_mapped_property_is_refused_unless_under_none() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = registered(dir.path());
    let studio = edited(
        &example("studio"),
        &[(
            "studio:photo , studio:awards , studio:e-mail .",
            "studio:photo , studio:awards .",
        )],
    );
    let studio = write(dir.path(), "studio.ttl", &studio);
    let studio = studio.to_str().expect("UTF-8 path");
    let o = uda_on(&data, &["register", studio]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("breaks registered mappings"), "{err}");
    assert!(err.contains(&format!("<{MAPPING}>")), "{err}");
    assert!(err.contains("<https://example.org/studio#e-mail>"), "{err}");

    let o = uda_on(&data, &["register", studio, "--compatibility", "NONE"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn suggestions_from_a_registered_model_to_a_registered_container() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = registered(dir.path());
    let o = uda_on(&data, &["map", "suggest", "studio", "legacy"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let draft = stdout(&o);
    assert!(
        draft.contains(&format!("map:container <{BASE}/schema>")),
        "{draft}"
    );
    assert!(
        draft.contains(&format!("map:toDataAsset <{BASE}/studios>")),
        "{draft}"
    );
    let o = uda_on(&data, &["map", "suggest", "studio", "nowhere"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no registered container is named `nowhere`"),
        "{}",
        stderr(&o)
    );
}
