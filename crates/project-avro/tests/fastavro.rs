//! Every generated schema checked by fastavro, the Python Avro library, with
//! `tests/tools/check_fastavro.py`: parsed, and used to write and read back a
//! sample record. Needs `python3` with `fastavro` (scripts/setup installs it
//! in the venv `~/.cache/uda/venv`, which scripts/test puts first on PATH);
//! without it the test fails, it does not skip.

mod common;

use common::{edge, example, money, DOMAINS};
use std::path::{Path, PathBuf};
use std::process::Command;
use uda_project_avro::{to_json_array, AvroOptions, TimestampPrecision};

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/check_fastavro.py")
}

fn require_fastavro() {
    let probe = Command::new("python3")
        .args(["-c", "import fastavro"])
        .output();
    match probe {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!(
            "fastavro is not installed for python3 (run scripts/setup, then put ~/.cache/uda/venv/bin first on PATH; scripts/test does both):\n{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!("python3 cannot be run ({e}); the Avro tests need python3 with fastavro"),
    }
}

/// Writes `outputs` (label, output) under a temporary directory and runs the
/// checker on every file, the JSON array of each output, and the JSON array of
/// all of them together.
fn check(outputs: Vec<(String, uda_projection::Output)>) {
    require_fastavro();
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut paths = Vec::new();
    for (label, output) in &outputs {
        let sub = dir.path().join(label);
        std::fs::create_dir_all(&sub).expect("mkdir");
        for file in &output.files {
            let path = sub.join(&file.name);
            std::fs::write(&path, &file.text).expect("write");
            paths.push(path);
        }
        let array = sub.join("all.json");
        std::fs::write(&array, to_json_array([output])).expect("write");
        paths.push(array);
    }
    let together = dir.path().join("together.json");
    std::fs::write(&together, to_json_array(outputs.iter().map(|(_, o)| o))).expect("write");
    paths.push(together);
    let stdout = uda_testkit::tool_output(
        "fastavro",
        Command::new("python3").arg(script()).args(&paths),
    );
    assert!(
        stdout.contains(&format!("{} files", paths.len())),
        "{stdout}"
    );
}

#[test]
fn fastavro_parses_and_round_trips_every_example() {
    check(
        DOMAINS
            .iter()
            .map(|d| (d.to_string(), example(d)))
            .collect(),
    );
}

#[test]
fn fastavro_parses_and_round_trips_the_edge_cases() {
    check(vec![
        ("micros".to_owned(), edge(&AvroOptions::default())),
        (
            "millis".to_owned(),
            edge(&AvroOptions::default().with_timestamps(TimestampPrecision::Millis)),
        ),
    ]);
}

#[test]
fn fastavro_parses_a_nested_type_shared_by_three_records() {
    check(vec![("money".to_owned(), money())]);
}
