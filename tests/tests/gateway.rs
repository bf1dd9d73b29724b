//! uda in a federated supergraph, with real Apollo tools on loopback: `uda serve` (reads closed
//! to tokens) and a second subgraph written here as another team would (Apollo Server with
//! `@apollo/subgraph`: an on-call rota on every `Class`, an owner on `DomainModel`) are composed
//! by `@apollo/composition` from their `_service { sdl }`, and an Apollo Gateway serves the
//! supergraph, forwarding `Authorization`. Queries through the gateway join uda's fields with
//! the other subgraph's; 200 classes cost uda one request (its log says so).
//!
//! The node tools are in `crates/server/tests/tools` (`scripts/setup` installs them).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use uda_testsuite::*;

const WRITER: &str = "writer-secret";
const READER: &str = "reader-secret";
const STUDIO: &str = "https://example.org/studio";
const SYNTHETIC: &str = "https://example.org/synthetic";
const GHOST: &str = "https://example.org/nowhere#Ghost";
const CLASSES: usize = 200;

fn tools() -> PathBuf {
    let tools = repo().join("crates/server/tests/tools");
    assert!(
        tools.join("node_modules/@apollo/gateway").is_dir(),
        "the node test tools are not installed: run `npm ci --prefix crates/server/tests/tools` \
         from the repository root (scripts/setup does)"
    );
    tools
}

/// A node script of the tools that serves on loopback until dropped.
struct NodeServer {
    child: Child,
    /// What it printed after `listening on `.
    url: String,
}

impl NodeServer {
    fn start(script: &str, args: &[&Path]) -> NodeServer {
        let mut child = Command::new("node")
            .arg(script)
            .args(args)
            .current_dir(tools())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run node ({e}): node 20 or later is needed"));
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let url = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(120))
                .unwrap_or_else(|_| panic!("{script} printed no `listening on` line"));
            if let Some(url) = line.strip_prefix("listening on ") {
                break url.to_owned();
            }
        };
        NodeServer { child, url }
    }
}

impl Drop for NodeServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `query` posted to `url`, with `Authorization: Bearer TOKEN` when given: the JSON answer.
fn post(url: &str, query: &str, token: Option<&str>) -> serde_json::Value {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let mut request = agent.post(url);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    request
        .send_json(serde_json::json!({ "query": query }))
        .expect("POST")
        .body_mut()
        .read_json()
        .expect("a JSON answer")
}

fn register(server: &Served, file: &Path) {
    let o = uda(&[
        "register",
        "--server",
        &server.url,
        "--token",
        WRITER,
        file.to_str().expect("UTF-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// `node supergraph.mjs uda=… ownership=…`, with this Authorization.
fn compose(uda: &str, ownership: &str, authorization: Option<&str>) -> std::process::Output {
    let mut command = Command::new("node");
    command
        .arg("supergraph.mjs")
        .arg(format!("uda={uda}/graphql"))
        .arg(format!("ownership={ownership}"))
        .current_dir(tools())
        .env_remove("SUBGRAPH_AUTHORIZATION");
    if let Some(value) = authorization {
        command.env("SUBGRAPH_AUTHORIZATION", value);
    }
    command.output().expect("node supergraph.mjs")
}

#[test]
fn a_gateway_joins_uda_entities_with_another_subgraph() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let tokens = write(
        tmp.path(),
        "tokens.toml",
        &format!(
            "reads = \"token\"\n\n[[token]]\nsecret = \"{WRITER}\"\ndomains = [\"*\"]\n\n\
             [[token]]\nsecret = \"{READER}\"\ndomains = []\n"
        ),
    );
    let server = Served::start(
        &tmp.path().join("data"),
        &["--tokens", tokens.to_str().expect("UTF-8")],
    );
    register(&server, &repo().join("ontologies/examples/studio.ttl"));
    let synthetic = write(
        tmp.path(),
        "synthetic.ttl",
        &uda_testkit::synthetic_model(CLASSES),
    );
    register(&server, &synthetic);

    // The other team's data: rotas for two studio classes, every synthetic class, and a class
    // uda does not have.
    let mut rotas = serde_json::Map::new();
    rotas.insert(format!("{STUDIO}#Work"), "works: weekly".into());
    rotas.insert(format!("{STUDIO}#Film"), "films: daily".into());
    for i in 0..CLASSES {
        rotas.insert(format!("{SYNTHETIC}#C{i}"), format!("rota {i}").into());
    }
    rotas.insert(GHOST.to_owned(), "nobody".into());
    let data = serde_json::json!({ "rotas": rotas, "owners": { STUDIO: "studio team" } });
    let data = write(tmp.path(), "ownership.json", &data.to_string());
    let ownership = NodeServer::start("ownership.mjs", &[&data]);

    // Composition reads uda's schema as a gateway does, with a token since reads are closed.
    let refused = compose(&server.url, &ownership.url, None);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("UNAUTHORIZED"),
        "{}",
        stderr(&refused)
    );
    let composed = compose(
        &server.url,
        &ownership.url,
        Some(&format!("Bearer {READER}")),
    );
    assert_eq!(composed.status.code(), Some(0), "{}", stderr(&composed));
    let supergraph = write(tmp.path(), "supergraph.graphql", &stdout(&composed));
    assert!(
        stdout(&composed).contains("onCall: String @join__field(graph: OWNERSHIP)"),
        "{}",
        stdout(&composed)
    );
    let gateway = NodeServer::start("gateway.mjs", &[&supergraph]);

    // A model with its classes, and the other subgraph's field on the model and on each class.
    let query = "{ domainModel(model: \"studio\") { iri domain version owner \
                 classes { iri label onCall } } }";
    let answer = post(&gateway.url, query, Some(READER));
    assert!(answer.get("errors").is_none(), "{answer}");
    let model = &answer["data"]["domainModel"];
    assert_eq!(model["domain"], "studio", "{answer}");
    assert_eq!(model["owner"], "studio team", "{answer}");
    let classes = model["classes"].as_array().expect("classes");
    assert_eq!(classes.len(), 11, "{answer}");
    let class = |local: &str| {
        classes
            .iter()
            .find(|c| c["iri"] == format!("{STUDIO}#{local}"))
            .unwrap_or_else(|| panic!("no class {local}: {answer}"))
    };
    assert_eq!(
        class("Work"),
        &serde_json::json!({ "iri": format!("{STUDIO}#Work"), "label": "Work", "onCall": "works: weekly" })
    );
    assert_eq!(class("Film")["onCall"], "films: daily");
    assert_eq!(class("Person")["label"], "Person");
    assert_eq!(class("Person")["onCall"], serde_json::Value::Null);

    // Without the token, the gateway's request to uda is refused like any other read.
    let refused = post(&gateway.url, query, None);
    assert_eq!(
        refused["data"]["domainModel"],
        serde_json::Value::Null,
        "{refused}"
    );
    assert!(
        refused["errors"].to_string().contains("UNAUTHORIZED"),
        "{refused}"
    );

    // Every class with a rota, starting from the other subgraph: uda resolves them all in one
    // `_entities` request; the class it does not have has no label, and no error says why.
    server.requests_logged();
    let answer = post(
        &gateway.url,
        "{ classesOnCall { iri onCall label } }",
        Some(READER),
    );
    let logged = server.requests_logged();
    assert!(answer.get("errors").is_none(), "{answer}");
    let on_call = answer["data"]["classesOnCall"]
        .as_array()
        .expect("classesOnCall");
    assert_eq!(on_call.len(), CLASSES + 3, "{answer}");
    let found = |iri: &str| {
        on_call
            .iter()
            .find(|c| c["iri"] == iri)
            .unwrap_or_else(|| panic!("no {iri}: {answer}"))
    };
    assert_eq!(
        found(GHOST),
        &serde_json::json!({ "iri": GHOST, "onCall": "nobody", "label": null })
    );
    assert_eq!(found(&format!("{STUDIO}#Work"))["label"], "Work");
    for i in 0..CLASSES {
        let class = found(&format!("{SYNTHETIC}#C{i}"));
        assert_eq!(class["onCall"], format!("rota {i}"));
        // Every tenth class but one extends the previous without a label of its own.
        let label = if i % 10 == 1 {
            serde_json::Value::Null
        } else {
            format!("Class {i}").into()
        };
        assert_eq!(class["label"], label, "C{i}");
    }
    assert_eq!(
        logged
            .iter()
            .filter(|l| l.contains("method=POST path=/graphql"))
            .count(),
        1,
        "uda's log: {logged:#?}"
    );
}
