//! `uda map check` end to end: a hand-written mapping from the studio example
//! to a legacy schema nobody generated (crates/mapping's fixtures), the
//! container read as `uda import` reads it, so the mapping names the IRIs
//! `uda import` prints.

use std::path::PathBuf;
use uda_testsuite::*;

/// The base `uda import --system sql-postgres legacy.sql --name legacy`
/// names the legacy schema's elements under, run in the fixtures directory.
const IMPORTED: &str = "https://w3id.org/uda/container/sql-postgres/legacy.sql/legacy";

fn fixtures() -> PathBuf {
    repo().join("crates/mapping/tests/fixtures")
}

/// `uda map check` of the fixture `name`, rewritten to the imported IRIs.
fn check(name: &str, extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("tmp");
    let text = std::fs::read_to_string(fixtures().join(name)).expect("fixture");
    let mapping = write(
        dir.path(),
        name,
        &text.replace("https://example.org/legacy", IMPORTED),
    );
    let model = repo().join("ontologies/examples/studio.ttl");
    let mut args = vec![
        "map",
        "check",
        mapping.to_str().expect("UTF-8 path"),
        "--model",
        model.to_str().expect("UTF-8 path"),
        "--system",
        "sql-postgres",
        "legacy.sql",
        "--name",
        "legacy",
    ];
    args.extend(extra);
    uda_command()
        .current_dir(fixtures())
        .args(&args)
        .output()
        .expect("run uda")
}

#[test]
fn a_hand_written_mapping_to_an_imported_schema_checks_clean() {
    let o = check("clean.ttl", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("0 error(s), 0 warning(s)"),
        "{}",
        stderr(&o)
    );
    // The IRIs are the ones `uda import` prints for the same sources.
    let o = uda_command()
        .current_dir(fixtures())
        .args([
            "import",
            "--system",
            "sql-postgres",
            "legacy.sql",
            "--name",
            "legacy",
        ])
        .output()
        .expect("run uda");
    assert!(
        stdout(&o).contains(&format!("<{IMPORTED}/talent/full_name>")),
        "{}",
        stdout(&o)
    );
}

#[test]
fn mapping_errors_are_located_and_refused() {
    let o = check("m004-incompatible-datatype.ttl", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("m004-incompatible-datatype.ttl:"), "{err}");
    assert!(err.contains("error[M004]"), "{err}");

    let o = check("m001-unknown-field.ttl", &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let problems: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(problems[0]["code"], "M001", "{problems}");
    assert!(
        problems[0]["location"]
            .as_str()
            .is_some_and(|l| l.contains("m001-unknown-field.ttl:")),
        "{problems}"
    );

    // A warning alone is no failure.
    let o = check("w002-required-to-nullable.ttl", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("W002"), "{}", stderr(&o));
}

#[test]
fn suggested_mappings_are_turtle_that_map_check_reads() {
    let dir = tempfile::tempdir().expect("tmp");
    let model = repo().join("ontologies/examples/studio.ttl");
    let model = model.to_str().expect("UTF-8 path");
    let o = uda_command()
        .current_dir(fixtures())
        .args([
            "map",
            "suggest",
            model,
            "--system",
            "sql-postgres",
            "legacy.sql",
            "--name",
            "legacy",
        ])
        .output()
        .expect("run uda");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let draft = stdout(&o);
    // `studios` realizes Studio, its `label` holds the name: with scores and reasons.
    assert!(
        draft.contains(&format!(
            "# score 1.00: same words: `Studio` and `studios`\n\
             <https://example.org/studio/mappings/legacy#Studio> a map:Mapping ;\n    \
             map:toDataAsset <{IMPORTED}/studios>"
        )),
        "{draft}"
    );
    assert!(
        draft.contains(&format!(
            "map:fieldMapping [ map:toField <{IMPORTED}/studios/label> ; map:fromProperty <https://example.org/studio#name> ]"
        )),
        "{draft}"
    );
    // The draft reads as a mapping: what `uda map check` says is about the
    // mappings (a key the names did not find), not the file.
    let file = write(dir.path(), "draft.ttl", &draft);
    let o = uda_command()
        .current_dir(fixtures())
        .args([
            "map",
            "check",
            file.to_str().expect("UTF-8 path"),
            "--model",
            model,
            "--system",
            "sql-postgres",
            "legacy.sql",
            "--name",
            "legacy",
        ])
        .output()
        .expect("run uda");
    assert!(
        stderr(&o).contains("2 mapping(s) checked"),
        "{}",
        stderr(&o)
    );
}
