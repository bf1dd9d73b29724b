//! The exit status of `uda`: 0 success, 1 the input is invalid or refused, 2 a
//! usage error, 3 a runtime failure (network, store, I/O), as `--help` says.

use std::fs::File;
use std::process::Stdio;
use uda_testsuite::*;

fn code(args: &[&str]) -> Option<i32> {
    uda(args).status.code()
}

#[test]
fn help_documents_the_exit_status() {
    let help = stdout(&uda(&["--help"]));
    for line in [
        "0  success",
        "1  the input is invalid",
        "2  usage error",
        "3  runtime failure",
        "UDA_SERVER",
        "UDA_DATA",
    ] {
        assert!(help.contains(line), "{line:?} is not in --help:\n{help}");
    }
}

#[test]
fn success_is_0_and_an_invalid_model_is_1() {
    assert_eq!(
        code(&["validate", "ontologies/examples/studio.ttl"]),
        Some(0)
    );
    assert_eq!(
        code(&["validate", "crates/upper/tests/invalid/bad-count.ttl"]),
        Some(1)
    );
    assert_eq!(
        code(&[
            "generate",
            "--target",
            "sql",
            "crates/upper/tests/invalid/bad-count.ttl"
        ]),
        Some(1)
    );
}

#[test]
fn usage_errors_are_2() {
    for args in [
        vec!["validate"],
        vec![
            "validate",
            "--no-such-flag",
            "ontologies/examples/studio.ttl",
        ],
        vec!["validate", "no/such/file.ttl"],
        vec![
            "validate",
            "-I",
            "no/such/dir",
            "ontologies/examples/studio.ttl",
        ],
        vec![
            "generate",
            "--target",
            "cobol",
            "ontologies/examples/studio.ttl",
        ],
        vec![
            "generate",
            "--target",
            "all",
            "ontologies/examples/studio.ttl",
        ],
        vec!["models", "--data", "no/such/dir"],
        vec!["query", "--data", "no/such/dir", "ASK {}"],
        vec!["query", "-f", "no/such/file.rq"],
        vec!["query", "-f", "x.rq", "ASK {}"],
        vec![
            "register",
            "--server",
            "not a url",
            "ontologies/examples/studio.ttl",
        ],
        vec!["register", "--token", "t", "ontologies/examples/studio.ttl"],
        vec!["validate", "-", "-"],
        vec!["completions", "tcsh"],
    ] {
        let o = uda(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty(), "{args:?} says nothing");
    }
}

#[test]
fn runtime_failures_are_3() {
    // Nothing listens on the discard port.
    let o = uda(&["models", "--server", "http://127.0.0.1:9"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot reach the server"),
        "{}",
        stderr(&o)
    );

    // A data directory held by a running server.
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let _server = Served::start(&data, &[]);
    let o = uda_on(&data, &["models"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("in use by another process"),
        "{}",
        stderr(&o)
    );

    // Output that cannot be written.
    let out = tmp.path().join("generated");
    std::fs::write(&out, "a file where a directory should be").expect("write");
    let o = uda(&[
        "generate",
        "--target",
        "all",
        "--out",
        out.to_str().expect("UTF-8 path"),
        "ontologies/examples/studio.ttl",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
}

#[test]
fn output_that_cannot_be_written_is_3_and_a_closed_pipe_is_not_an_error() {
    let full = File::options()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let o = uda_on(&data, &["register", "ontologies/examples/studio.ttl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = uda_command()
        .args([
            "query",
            "--data",
            data.to_str().expect("UTF-8"),
            "SELECT * { ?s ?p ?o }",
        ])
        .stdout(Stdio::from(full))
        .output()
        .expect("run uda");
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot write the output"),
        "{}",
        stderr(&o)
    );

    // A reader that stops reading (as `| head -1` does): uda stops quietly.
    let mut child = uda_command()
        .args([
            "query",
            "--data",
            data.to_str().expect("UTF-8"),
            "SELECT * { ?s ?p ?o }",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn uda");
    drop(child.stdout.take());
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}
