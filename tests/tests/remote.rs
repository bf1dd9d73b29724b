//! `uda register --server URL`: registering through a real `uda serve` (spawned on a free
//! loopback port) reports and exits like registering in a data directory.

use serde_json::Value;
use std::process::Output;
use uda_testsuite::{
    edited, example, stderr, stdout, uda, uda_command, uda_on, write, Served, REQUIRED_SYNOPSIS,
};

/// `uda ARGS` with `UDA_TOKEN` set (or removed).
fn uda_with_token(token: Option<&str>, args: &[&str]) -> Output {
    let mut command = uda_command();
    command.args(args);
    if let Some(t) = token {
        command.env("UDA_TOKEN", t);
    }
    command.output().expect("run uda")
}

const FILES: [&str; 2] = [
    "ontologies/examples/marketing.ttl",
    "ontologies/examples/studio.ttl",
];

/// The JSON report without what differs from one registration to another (nothing should).
fn report(o: &Output) -> Vec<Value> {
    let mut reports: Vec<Value> = serde_json::from_str(&stdout(o))
        .unwrap_or_else(|e| panic!("not a JSON report ({e}): {}", stdout(o)));
    for r in &mut reports {
        // The same graphs, in the order each side lists them.
        if let Some(p) = r["projections"].as_array_mut() {
            p.sort_by_key(|v| v.as_str().unwrap_or_default().to_owned());
        }
    }
    reports
}

#[test]
fn registering_through_a_server_reports_like_a_data_directory() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let server = Served::start(&tmp.path().join("served"), &[]);
    let local = tmp.path().join("local");

    let mut args = vec!["register", "--format", "json"];
    args.extend(FILES);
    let direct = uda_on(&local, &args);
    args.extend(["--server", server.url.as_str()]);
    let remote = uda(&args);
    assert_eq!(remote.status.code(), Some(0), "{}", stderr(&remote));
    assert_eq!(direct.status.code(), Some(0), "{}", stderr(&direct));
    let (remote, direct) = (report(&remote), report(&direct));
    assert_eq!(remote, direct);
    assert_eq!(remote.len(), 2);
    assert_eq!(
        remote[0]["model"], "https://example.org/studio",
        "imports first"
    );
    assert_eq!(remote[0]["status"], "registered");
    // Ten targets, each a container and a mappings graph.
    assert_eq!(remote[1]["projections"].as_array().map(Vec::len), Some(20));

    // Again: unchanged, in the human format.
    let mut again = vec!["register", "--server", &server.url];
    again.extend(FILES);
    let o = uda(&again);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("unchanged <https://example.org/studio> version 1 (sha256:"),
        "{out}"
    );
    assert!(
        out.contains("unchanged <https://example.org/marketing> version 1"),
        "{out}"
    );
}

#[test]
fn refusals_through_a_server_exit_1_with_the_diagnostics() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let server = Served::start(&tmp.path().join("data"), &[]);
    let url = server.url.as_str();

    let bad = write(
        tmp.path(),
        "bad.ttl",
        &edited(
            &example("studio"),
            &[("upper:class studio:Studio", "upper:class studio:Nowhere")],
        ),
    );
    let bad = bad.to_str().expect("path");
    let o = uda(&["register", "--server", url, bad]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("error: {bad} was refused:")), "{err}");
    assert!(err.contains("error[U"), "the diagnostic code: {err}");
    assert!(
        err.contains(&format!("--> {bad}:")),
        "the file, line and column: {err}"
    );
    assert!(err.contains("studio#Nowhere"), "{err}");

    let o = uda(&[
        "register",
        "--server",
        url,
        "ontologies/examples/studio.ttl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v2 = write(
        tmp.path(),
        "studio.ttl",
        &edited(&example("studio"), &[REQUIRED_SYNOPSIS]),
    );
    let o = uda(&["register", "--server", url, v2.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("incompatible under BACKWARD"), "{err}");
    assert!(
        err.contains("property `studio:synopsis` became required"),
        "{err}"
    );

    // Accepted when the mode allows it, with the changes listed like a local registration.
    let o = uda(&[
        "register",
        "--server",
        url,
        "--compatibility",
        "none",
        v2.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("registered <https://example.org/studio> version 2"),
        "{out}"
    );
    assert!(
        out.contains("  - property `studio:synopsis` became required"),
        "{out}"
    );
}

#[test]
fn a_server_with_tokens_needs_one_from_the_flag_or_the_environment() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let tokens = write(
        tmp.path(),
        "tokens.toml",
        "[[token]]\nname = \"studio-team\"\nsecret = \"studio-secret\"\ndomains = [\"studio\"]\n",
    );
    let server = Served::start(
        &tmp.path().join("data"),
        &["--tokens", tokens.to_str().expect("UTF-8 path")],
    );
    let url = server.url.as_str();
    let studio = "ontologies/examples/studio.ttl";

    let o = uda_with_token(None, &["register", "--server", url, studio]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("--token or $UDA_TOKEN"),
        "{}",
        stderr(&o)
    );
    let o = uda_with_token(
        None,
        &["register", "--server", url, "--token", "wrong", studio],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("unknown token"), "{}", stderr(&o));

    let o = uda_with_token(
        None,
        &[
            "register",
            "--server",
            url,
            "--token",
            "studio-secret",
            studio,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("registered <https://example.org/studio> version 1"));
    let o = uda_with_token(
        Some("studio-secret"),
        &["register", "--server", url, studio],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("unchanged <https://example.org/studio> version 1"));

    // The token's name is the principal the catalog records.
    let q = "{ domainModel(model: \"studio\") { principal } }";
    let body = serde_json::json!({ "query": q }).to_string();
    let agent = ureq::Agent::new_with_defaults();
    let answer = agent
        .post(&format!("{url}/graphql"))
        .header("content-type", "application/json")
        .send(body)
        .expect("query")
        .body_mut()
        .read_to_string()
        .expect("answer");
    assert!(answer.contains("\"principal\":\"studio-team\""), "{answer}");
}

#[test]
fn an_unreachable_server_is_a_runtime_failure_and_a_bad_flag_a_usage_error() {
    let o = uda(&[
        "register",
        "--server",
        "http://127.0.0.1:9",
        "ontologies/examples/studio.ttl",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("cannot reach the server at http://127.0.0.1:9/graphql"),
        "{}",
        stderr(&o)
    );

    let o = uda(&[
        "register",
        "--server",
        "http://127.0.0.1:9",
        "--data",
        "x",
        "ontologies/examples/studio.ttl",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = uda(&["register", "--token", "t", "ontologies/examples/studio.ttl"]);
    assert_eq!(o.status.code(), Some(2), "--token without --server");
}
