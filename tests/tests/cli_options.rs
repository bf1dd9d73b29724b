//! What every command takes: `--format json`, `--quiet`, `--color`, models and
//! queries from standard input or files, `UDA_DATA` and `UDA_SERVER`, and
//! shell completions.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};
use uda_testsuite::*;

/// `uda ARGS` with `input` on standard input.
fn uda_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = uda_command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn uda");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input.as_bytes()).expect("write stdin");
    drop(stdin);
    child.wait_with_output().expect("wait")
}

fn register_studio(data: &Path) {
    let o = uda_on(data, &["register", "ontologies/examples/studio.ttl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn every_reporting_command_speaks_json() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let d = data.to_str().expect("UTF-8 path");
    let out = tmp.path().join("out");
    let out = out.to_str().expect("UTF-8 path");
    let studio = "ontologies/examples/studio.ttl";
    let commands: Vec<Vec<&str>> = vec![
        vec!["validate", studio],
        vec!["register", "--data", d, studio],
        vec!["register", "--data", d, "--dry-run", studio],
        vec!["models", "--data", d],
        vec!["versions", "--data", d, "studio"],
        vec!["diff", studio, studio],
        vec!["set-compatibility", "--data", d, "studio", "FULL"],
        vec!["verify", "--data", d],
        vec!["generate", "--target", "all", "--out", out, studio],
        vec!["query", "--data", d, "ASK { ?s ?p ?o }"],
    ];
    for args in commands {
        let mut all = args.clone();
        all.extend(["--format", "json"]);
        let o = uda(&all);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let parsed: Result<Value, _> = serde_json::from_str(&stdout(&o));
        assert!(
            parsed.is_ok(),
            "{args:?} did not print JSON: {}",
            stdout(&o)
        );
    }
    let written: Value = serde_json::from_str(&stdout(&uda(&[
        "generate", "--target", "all", "--out", out, "--format", "json", studio,
    ])))
    .expect("JSON");
    assert!(
        written["files"].as_array().is_some_and(|f| f.len() > 7),
        "every file written: {written}"
    );
}

#[test]
fn quiet_keeps_the_output_and_errors_and_drops_the_rest() {
    let valid = uda(&["validate", "ontologies/examples/studio.ttl"]);
    assert!(
        stderr(&valid).contains("1 model valid"),
        "{}",
        stderr(&valid)
    );
    let quiet = uda(&["--quiet", "validate", "ontologies/examples/studio.ttl"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(stderr(&quiet), "");
    // Errors still show, after the subcommand too.
    let o = uda(&["validate", "-q", "crates/upper/tests/invalid/bad-count.ttl"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error["), "{}", stderr(&o));

    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let o = uda_on(&data, &["-q", "register", "ontologies/examples/studio.ttl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "", "no status line");
    // What was asked for is printed all the same.
    let o = uda_on(&data, &["-q", "query", "ASK { ?s ?p ?o }"]);
    assert_eq!(stdout(&o), "true\n");
    let o = uda(&[
        "-q",
        "generate",
        "--target",
        "graphql",
        "ontologies/examples/studio.ttl",
    ]);
    assert!(stdout(&o).contains("type "), "{}", stdout(&o));
}

#[test]
fn color_is_chosen_by_the_flag_the_terminal_and_no_color() {
    let invalid = "crates/upper/tests/invalid/bad-count.ttl";
    let escape = "\u{1b}[";
    // Piped: no colour unless asked.
    let o = uda(&["validate", invalid]);
    assert!(!stderr(&o).contains(escape), "{}", stderr(&o));
    let o = uda(&["--color", "always", "validate", invalid]);
    assert!(stderr(&o).contains(escape), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("\u{1b}[31m"),
        "errors in red: {:?}",
        stderr(&o)
    );
    let o = uda(&["--color", "never", "validate", invalid]);
    assert!(!stderr(&o).contains(escape));
    assert_eq!(
        uda(&["--color", "sometimes", "validate", invalid])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn models_and_queries_come_from_standard_input_and_files() {
    let studio = example("studio");
    let o = uda_with_stdin(&["validate", "-"], &studio);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let broken = studio.replacen("studio:Work", "studio:Work ;;", 1);
    let o = uda_with_stdin(&["validate", "-"], &broken);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("--> <stdin>:"),
        "located in <stdin>: {}",
        stderr(&o)
    );
    let o = uda_with_stdin(&["generate", "--target", "graphql", "-"], &studio);
    let from_file = uda(&[
        "generate",
        "--target",
        "graphql",
        "ontologies/examples/studio.ttl",
    ]);
    assert_eq!(stdout(&o), stdout(&from_file));

    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let d = data.to_str().expect("UTF-8 path");
    let o = uda_with_stdin(&["register", "--data", d, "-"], &studio);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("registered <https://example.org/studio> version 1"));

    let query = "PREFIX upper: <https://w3id.org/uda/upper#>\nSELECT ?d WHERE { <https://example.org/studio> upper:domain ?d }\n";
    let file = write(tmp.path(), "domain.rq", query);
    let o = uda(&[
        "query",
        "--data",
        d,
        "--format",
        "csv",
        "-f",
        file.to_str().expect("path"),
    ]);
    assert_eq!(stdout(&o), "d\r\nstudio\r\n", "{}", stderr(&o));
    let o = uda_with_stdin(
        &["query", "--data", d, "--format", "csv", "--file", "-"],
        query,
    );
    assert_eq!(stdout(&o), "d\r\nstudio\r\n", "{}", stderr(&o));
}

#[test]
fn the_environment_names_the_registry_and_flags_win() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    register_studio(&data);
    let in_env = |vars: &[(&str, &str)], args: &[&str]| {
        let mut command = uda_command();
        command.args(args);
        for (k, v) in vars {
            command.env(k, v);
        }
        command.output().expect("run uda")
    };
    let d = data.to_str().expect("UTF-8 path");
    let o = in_env(
        &[("UDA_DATA", d)],
        &["versions", "studio", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let server = Served::start(&tmp.path().join("served"), &[]);
    // UDA_SERVER wins over UDA_DATA: the server has no models.
    let both = [("UDA_DATA", d), ("UDA_SERVER", server.url.as_str())];
    let o = in_env(&both, &["models", "--format", "json"]);
    assert_eq!(stdout(&o).trim(), "[]", "{}", stderr(&o));
    // A flag wins over both.
    let o = in_env(&both, &["models", "--format", "json", "--data", d]);
    assert!(
        stdout(&o).contains("https://example.org/studio"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn completions_cover_every_command_in_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let o = uda(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        for command in [
            "validate",
            "import",
            "register",
            "set-compatibility",
            "completions",
        ] {
            assert!(script.contains(command), "{shell} misses {command}");
        }
    }
    // bash can load it.
    let script = stdout(&uda(&["completions", "bash"]));
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = write(tmp.path(), "uda.bash", &script);
    let o = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("source {} && complete -p uda", path.display()))
        .output()
        .expect("bash");
    assert!(stdout(&o).contains("uda"), "{}{}", stdout(&o), stderr(&o));
}
