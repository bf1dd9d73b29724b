//! Every generated schema checked by pyiceberg, the Python Iceberg library,
//! with `tests/tools/check_pyiceberg.py`: parsed, a table created from it in
//! a SQL catalog on SQLite (with its ids and identifier fields unchanged),
//! a row written and read back; and a second version of the studio model
//! evolving the tables created from the first in place, keeping every id
//! uda assigned. Needs `python3` with pyiceberg, SQLAlchemy and pyarrow
//! (scripts/setup installs them in the venv `~/.cache/uda/venv`, which
//! scripts/test puts first on PATH); without them the test fails, it does
//! not skip.

mod common;

use common::{example, project_text, studio_v2, DOMAINS};
use std::path::{Path, PathBuf};
use std::process::Command;
use uda_projection::Output;

fn require_pyiceberg() {
    let probe = Command::new("python3")
        .args(["-c", "import pyiceberg.catalog.sql, pyarrow"])
        .output();
    match probe {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!(
            "pyiceberg is not installed for python3 (run scripts/setup, then put ~/.cache/uda/venv/bin first on PATH; scripts/test does both):\n{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!("python3 cannot be run ({e}); the Iceberg tests need python3 with pyiceberg"),
    }
}

/// Writes the files of `output` under `dir` and gives their paths.
fn write(dir: &Path, output: &Output) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("mkdir");
    output
        .files
        .iter()
        .map(|f| {
            let path = dir.join(&f.name);
            std::fs::write(&path, &f.text).expect("write");
            path
        })
        .collect()
}

/// Runs the checker: `command` on `warehouse` with `args`.
fn check(command: &str, warehouse: &Path, args: &[&str], files: &[PathBuf]) {
    require_pyiceberg();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/check_pyiceberg.py");
    let stdout = uda_testkit::tool_output(
        &format!("pyiceberg {command}"),
        Command::new("python3")
            .arg(script)
            .arg(command)
            .arg(warehouse)
            .args(args)
            .args(files),
    );
    assert!(
        stdout.contains(&format!("{} schemas, 0 problems", files.len())),
        "{stdout}"
    );
}

#[test]
fn example_tables_are_created_written_and_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for domain in DOMAINS {
        files.extend(write(&dir.path().join(domain), &example(domain)));
    }
    assert!(files.len() >= 10, "{files:?}");
    check("create", &dir.path().join("warehouse"), &[], &files);
}

#[test]
fn synthetic_tables_parse_and_are_created() {
    let text = uda_testkit::synthetic_model(100);
    let output = project_text(&text, "https://example.org/synthetic", None);
    assert_eq!(output.files.len(), 100);
    let dir = tempfile::tempdir().expect("tempdir");
    let files = write(&dir.path().join("files"), &output);
    check(
        "create",
        &dir.path().join("warehouse"),
        &["--no-data"],
        &files,
    );
}

#[test]
fn a_second_version_evolves_the_tables_in_place_keeping_every_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let warehouse = dir.path().join("warehouse");
    let v1 = example("studio");
    check(
        "create",
        &warehouse,
        &[],
        &write(&dir.path().join("v1"), &v1),
    );
    let v2 = project_text(
        &studio_v2(),
        "https://example.org/studio",
        Some(&v1.mappings.to_graph()),
    );
    check(
        "evolve",
        &warehouse,
        &[],
        &write(&dir.path().join("v2"), &v2),
    );
}
