//! The HTTP side of a real server: health, the index page, unknown routes and methods, the body
//! limit, and graceful shutdown with a request in flight.

mod common;

use common::TestServer;
use std::time::Duration;
use uda_server::Limits;

#[test]
fn health_and_index() {
    let server = TestServer::start();
    let r = server.get("/health", &[]);
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "ok");

    let r = server.get("/", &[]);
    assert_eq!(r.status, 200);
    assert!(r.content_type.starts_with("text/html"));
    assert!(r.body.contains("href=\"/graphql\""), "{}", r.body);
    assert!(r.body.contains("href=\"/sparql\""), "{}", r.body);
}

#[test]
fn unknown_routes_and_methods_get_a_message() {
    let server = TestServer::start();
    let r = server.get("/nowhere?x=1", &[]);
    assert_eq!(r.status, 404);
    assert!(r.content_type.starts_with("text/plain"));
    assert!(r.body.contains("no such route: GET /nowhere"), "{}", r.body);

    let r = server.post("/health", "application/json", "{}", &[]);
    assert_eq!(r.status, 405);
    assert!(
        r.body.contains("/health does not answer POST"),
        "{}",
        r.body
    );
}

#[test]
fn bodies_over_the_limit_get_413_and_are_not_processed() {
    let server = TestServer::start_with(
        None,
        Limits {
            max_body_bytes: 1024,
            ..Limits::default()
        },
    );
    let before = server.registry.quad_count().expect("count");
    let big_query = format!("ASK {{}} # {}", "x".repeat(4096));
    let big_json = serde_json::json!({
        "query": "mutation($s: String!) { registerDomainModel(source: $s) { version } }",
        "variables": { "s": format!("# {}", "x".repeat(4096)) },
    });
    for r in [
        server.post(
            "/sparql",
            "application/sparql-query",
            big_query.clone(),
            &[],
        ),
        server.post(
            "/sparql",
            "application/x-www-form-urlencoded",
            format!("query={big_query}"),
            &[],
        ),
        server.post_json("/graphql", &big_json, None),
    ] {
        assert_eq!(r.status, 413, "{}", r.body);
        assert!(
            r.body.contains("larger than the limit of 1024 bytes"),
            "{}",
            r.body
        );
    }
    assert_eq!(server.registry.quad_count().expect("count"), before);
    // Under the limit, the same endpoint answers.
    let r = server.post("/sparql", "application/sparql-query", "ASK {}", &[]);
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn shutdown_lets_the_request_in_flight_finish() {
    let server = TestServer::start_with(
        None,
        Limits {
            query_timeout: Duration::from_secs(2),
            ..Limits::default()
        },
    );
    server.register_example("studio");
    let url = server.url.clone();
    // A query that runs until the time limit stops it: in flight for about two seconds.
    let in_flight = std::thread::spawn(move || {
        common::post(
            &format!("{url}/sparql"),
            "application/sparql-query",
            common::SLOW_QUERY,
            &[],
        )
    });
    // Let the request reach the server before shutdown starts.
    std::thread::sleep(Duration::from_millis(500));
    let url = server.url.clone();
    server.stop().expect("serve ended cleanly");
    let answer = in_flight.join().expect("client thread");
    // The answer is complete: the time limit's error, sent after shutdown was asked for.
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert!(
        answer.body.contains("ran longer than the limit"),
        "{}",
        answer.body
    );
    // And the server is gone.
    assert!(std::net::TcpStream::connect(url.trim_start_matches("http://")).is_err());
}
