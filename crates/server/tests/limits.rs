//! The limits every GraphQL request is held to (a time limit, the evaluation slots it shares
//! with SPARQL queries) and the bound on a graceful shutdown, on a real server.

mod common;

use common::{Response, TestServer};
use serde_json::{json, Value};
use std::sync::mpsc;
use std::time::Duration;
use uda_server::Limits;

/// A query that runs for hours on any store (every triple of pairs of pairs of quads): only a
/// time limit or a cancellation stops it.
const ENDLESS_QUERY: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . FILTER(STR(?i) = CONCAT(STR(?c), STR(?f), \"x\")) }";

const REGISTER: &str =
    "mutation($s: String!) { registerDomainModel(source: $s) { version changed } }";

fn graphql(server: &TestServer, query: &str, variables: Value) -> Response {
    server.post_json(
        "/graphql",
        &json!({ "query": query, "variables": variables }),
        None,
    )
}

fn code(response: &Response) -> Value {
    response.json()["errors"][0]["extensions"]["code"].clone()
}

#[test]
fn a_graphql_request_past_the_time_limit_gets_422_and_a_registration_writes_nothing() {
    let server = TestServer::start_with(
        None,
        Limits {
            // Far less than validating, checking and projecting a model of 600 classes takes.
            graphql_timeout: Duration::from_millis(200),
            max_concurrent_queries: 1,
            ..Limits::default()
        },
    );
    let model = uda_testkit::synthetic_model(600);
    let r = graphql(&server, REGISTER, json!({ "s": model }));
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(code(&r), "TIMEOUT", "{}", r.body);
    let message = r.json()["errors"][0]["message"].clone();
    assert!(
        message
            .as_str()
            .is_some_and(|m| m.contains("--graphql-timeout")),
        "{message}"
    );
    // The registration keeps the only slot until it has really stopped: once a query gets
    // through, it is over, and it wrote nothing.
    let mut answered = None;
    for _ in 0..600 {
        let r = graphql(&server, "{ domainModels { iri } }", json!({}));
        if r.status == 200 {
            answered = Some(r);
            break;
        }
        assert_eq!(r.status, 503, "{}", r.body);
    }
    let answered = answered.expect("the timed-out registration never gave its slot back");
    assert_eq!(answered.json()["data"]["domainModels"], json!([]));
    assert!(
        server.registry.model("synthetic").is_err(),
        "a registration past its time limit was written"
    );
}

#[test]
fn a_graphql_request_finding_every_slot_busy_gets_503() {
    let server = TestServer::start_with(
        None,
        Limits {
            query_timeout: Duration::from_secs(6),
            graphql_timeout: Duration::from_millis(500),
            max_concurrent_queries: 1,
            ..Limits::default()
        },
    );
    std::thread::scope(|scope| {
        // Holds the only slot (shared with GraphQL) until its own limit, 6 s.
        let slow =
            scope.spawn(|| server.post("/sparql", "application/sparql-query", ENDLESS_QUERY, &[]));
        std::thread::sleep(Duration::from_millis(2000));
        let r = graphql(&server, "{ domainModels { iri } }", json!({}));
        assert_eq!(r.status, 503, "{}", r.body);
        assert_eq!(code(&r), "BUSY", "{}", r.body);
        assert!(r.body.contains("--max-concurrent-queries"), "{}", r.body);
        assert_eq!(slow.join().expect("slow query").status, 422);
    });
}

#[test]
fn shutdown_stops_waiting_for_a_runaway_request_after_the_grace() {
    let server = TestServer::start_with(
        None,
        Limits {
            query_timeout: Duration::from_secs(3600),
            shutdown_grace: Duration::from_secs(1),
            ..Limits::default()
        },
    );
    let url = format!("{}/sparql", server.url);
    // Runs for an hour unless something stops it; its answer never comes.
    std::thread::spawn(move || {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent();
        // The connection is closed at the end of the grace: no answer to read.
        let _ = agent
            .post(&url)
            .header("content-type", "application/sparql-query")
            .send(ENDLESS_QUERY);
    });
    std::thread::sleep(Duration::from_millis(1000));
    let (done, stopped) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(server.stop());
    });
    // Without the grace, `serve` would wait for the query: an hour.
    let served = stopped
        .recv_timeout(Duration::from_secs(60))
        .expect("the server did not stop after its shutdown grace");
    served.expect("serve ended with an error");
}
