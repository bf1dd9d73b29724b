//! `uda serve` as a process (start, requests, SIGTERM, clean exit) and `uda query --server`
//! against it, in every output format.

use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;
use uda_testsuite::*;

fn register(url: &str, name: &str, token: Option<&str>) -> serde_json::Value {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let mut request = agent.post(format!("{url}/graphql"));
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let body = serde_json::json!({
        "query": "mutation($s: String!) { registerDomainModel(source: $s) { version } }",
        "variables": { "s": example(name) },
    });
    let mut response = request.send_json(&body).expect("POST /graphql");
    response.body_mut().read_json().expect("JSON")
}

fn query(url: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["query", "--server", url];
    all.extend(args);
    uda(&all)
}

const DOMAINS: &str = "PREFIX upper: <https://w3id.org/uda/upper#> SELECT ?model ?domain WHERE { ?model a upper:DomainModel ; upper:domain ?domain . FILTER(STRSTARTS(STR(?model), \"https://example.org/\")) } ORDER BY ?domain";

#[test]
fn serve_answers_queries_and_stops_cleanly_on_sigterm() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let server = Served::start(&data, &[]);

    let health = ureq::get(format!("{}/health", server.url))
        .call()
        .expect("health")
        .body_mut()
        .read_to_string()
        .expect("body");
    assert!(health.contains("\"ok\""), "{health}");
    let registered = register(&server.url, "studio", None);
    assert_eq!(
        registered["data"]["registerDomainModel"]["version"], 1,
        "{registered}"
    );
    register(&server.url, "onepiece", None);

    let o = query(&server.url, &[DOMAINS]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let table = stdout(&o);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["model", "domain"]
    );
    assert!(
        lines[2].starts_with("<https://example.org/onepiece>"),
        "{table}"
    );
    assert!(
        lines[3].starts_with("<https://example.org/studio>"),
        "{table}"
    );
    assert_eq!(lines[4], "(2 rows)");

    let o = query(&server.url, &["--format", "json", DOMAINS]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json["results"]["bindings"][1]["domain"]["value"], "studio");

    let o = query(&server.url, &["--format", "csv", DOMAINS]);
    assert_eq!(
        stdout(&o).lines().collect::<Vec<_>>(),
        [
            "model,domain",
            "https://example.org/onepiece,onepiece",
            "https://example.org/studio,studio"
        ]
    );
    let o = query(&server.url, &["--format", "tsv", DOMAINS]);
    assert_eq!(
        stdout(&o).lines().collect::<Vec<_>>(),
        [
            "?model\t?domain",
            "<https://example.org/onepiece>\t\"onepiece\"",
            "<https://example.org/studio>\t\"studio\""
        ]
    );
    let o = query(&server.url, &["ASK { <https://example.org/studio> ?p ?o }"]);
    assert_eq!(stdout(&o).trim(), "true");

    let construct = "CONSTRUCT { <https://example.org/studio> ?p ?o } WHERE { <https://example.org/studio> ?p ?o }";
    let o = query(&server.url, &["--format", "ntriples", construct]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let nt = stdout(&o);
    assert!(
        nt.contains(
            "<https://example.org/studio> <https://w3id.org/uda/upper#domain> \"studio\" ."
        ),
        "{nt}"
    );
    let o = query(&server.url, &["--format", "csv", construct]);
    assert_eq!(stdout(&o).lines().next(), Some("subject,predicate,object"));

    // Refusals exit 1 with the server's message.
    let o = query(&server.url, &["INSERT DATA { <urn:a> <urn:b> <urn:c> }"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("SPARQL Update is not allowed"),
        "{}",
        stderr(&o)
    );
    let o = query(&server.url, &["SELECT nonsense"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("400"), "{}", stderr(&o));

    // The data directory is the server's while it runs: a runtime failure.
    let o = uda_on(&data, &["query", "ASK {}"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("in use by another process"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("--server"), "{}", stderr(&o));

    let (code, rest) = server.terminate();
    assert_eq!(code, Some(0), "{rest}");
    assert!(rest.contains("SIGTERM"), "{rest}");
    // One log line per request, never a header.
    assert!(
        rest.is_empty() || !rest.to_lowercase().contains("authorization"),
        "{rest}"
    );

    // Stopped: the directory is free, and holds what was registered.
    let o = uda_on(&data, &["query", "--format", "csv", DOMAINS]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 3, "{}", stdout(&o));
}

#[test]
fn query_sends_the_token_when_reads_are_closed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let tokens = tmp.path().join("tokens.toml");
    std::fs::write(
        &tokens,
        "reads = \"token\"\n\n[[token]]\nsecret = \"reader-secret\"\ndomains = [\"studio\"]\n",
    )
    .expect("write tokens");
    let server = Served::start(
        &tmp.path().join("data"),
        &["--tokens", tokens.to_str().expect("UTF-8")],
    );
    let o = query(&server.url, &["ASK {}"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("401"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--token"), "{}", stderr(&o));

    let o = query(&server.url, &["--token", "reader-secret", "ASK {}"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "true");

    let o = Command::new(uda_binary())
        .args(["query", "--server", &server.url, "ASK {}"])
        .env("UDA_TOKEN", "reader-secret")
        .output()
        .expect("uda");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let (code, rest) = server.terminate();
    assert_eq!(code, Some(0), "{rest}");
    assert!(
        !rest.contains("reader-secret"),
        "tokens are never logged: {rest}"
    );
}

#[test]
fn serve_refuses_a_bad_tokens_file_with_its_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let tokens = tmp.path().join("tokens.toml");
    std::fs::write(
        &tokens,
        "[[token]]\nsecret = \"x\"\ndomans = [\"studio\"]\n",
    )
    .expect("write");
    let o = uda(&[
        "serve",
        "--bind",
        "127.0.0.1:0",
        "--data",
        tmp.path().join("data").to_str().expect("UTF-8"),
        "--tokens",
        tokens.to_str().expect("UTF-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&format!("{}:3:", tokens.display())), "{err}");
    assert!(err.contains("domans"), "{err}");
    // Nothing was started or created.
    assert!(!tmp.path().join("data").exists());
}

/// A query that runs for hours on any store: only a time limit or a cancellation stops it.
const ENDLESS_QUERY: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . FILTER(STR(?i) = CONCAT(STR(?c), STR(?f), \"x\")) }";

#[test]
fn sigterm_stops_waiting_for_a_runaway_request_after_the_grace() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let server = Served::start(
        &tmp.path().join("data"),
        &["--query-timeout", "3600", "--shutdown-grace", "1"],
    );
    let url = format!("{}/sparql", server.url);
    std::thread::spawn(move || {
        // The server closes the connection at the end of its grace: no answer to read.
        let _ = ureq::post(&url)
            .header("content-type", "application/sparql-query")
            .send(ENDLESS_QUERY);
    });
    std::thread::sleep(Duration::from_secs(1));
    let (done, exited) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(server.terminate());
    });
    // Without the grace, the server would wait for the query: an hour.
    let (code, rest) = exited
        .recv_timeout(Duration::from_secs(60))
        .expect("uda serve did not exit after its shutdown grace");
    assert_eq!(code, Some(0), "{rest}");
    assert!(rest.contains("stopping without them"), "{rest}");
}
