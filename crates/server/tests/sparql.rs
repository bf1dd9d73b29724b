//! The SPARQL 1.1 Protocol endpoint of a real server over a real registry: every way to send a
//! query, every result format (parsed back), datasets, and every refusal.

mod common;

use common::{Response, TestServer};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use uda_registry::oxigraph::io::{RdfFormat, RdfParser};
use uda_registry::oxigraph::model::Triple;
use uda_registry::oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use uda_server::Limits;

const UPPER: &str = "PREFIX upper: <https://w3id.org/uda/upper#>\n";

/// The domains of the registered domain models, the example query of most tests.
fn domains_query() -> String {
    format!(
        "{UPPER}SELECT ?model ?domain WHERE {{ ?model a upper:DomainModel ; upper:domain ?domain }} ORDER BY ?domain"
    )
}

/// A server holding the three examples.
fn examples_server(limits: Limits) -> TestServer {
    let server = TestServer::start_with(None, limits);
    for name in ["onepiece", "studio", "marketing"] {
        server.register_example(name);
    }
    server
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// How a query is sent: the three ways of the protocol.
#[derive(Debug, Clone, Copy)]
enum Via {
    Get,
    PostForm,
    PostQuery,
}

fn send(server: &TestServer, via: Via, query: &str, accept: &str) -> Response {
    let headers = [("accept", accept)];
    match via {
        Via::Get => server.get(&format!("/sparql?query={}", encode(query)), &headers),
        Via::PostForm => server.post(
            "/sparql",
            "application/x-www-form-urlencoded",
            form(&[("query", query)]),
            &headers,
        ),
        Via::PostQuery => server.post("/sparql", "application/sparql-query", query, &headers),
    }
}

fn ok(response: Response) -> Response {
    assert_eq!(response.status, 200, "{}", response.body);
    response
}

/// The rows of SPARQL results in any parseable format (JSON, XML, TSV), each value as N-Triples
/// term text, with the variables.
fn parse_solutions(body: &str, format: QueryResultsFormat) -> (Vec<String>, Vec<Vec<String>>) {
    match QueryResultsParser::from_format(format)
        .for_slice(body)
        .unwrap_or_else(|e| panic!("{format:?} results do not parse: {e}\n{body}"))
    {
        SliceQueryResultsParserOutput::Solutions(solutions) => {
            let variables: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            let rows = solutions
                .map(|s| {
                    let s = s.expect("solution");
                    s.values()
                        .iter()
                        .map(|v| v.as_ref().map(ToString::to_string).unwrap_or_default())
                        .collect()
                })
                .collect();
            (variables, rows)
        }
        SliceQueryResultsParserOutput::Boolean(b) => panic!("expected solutions, got {b}"),
    }
}

fn parse_boolean(body: &str, format: QueryResultsFormat) -> bool {
    match QueryResultsParser::from_format(format)
        .for_slice(body)
        .unwrap_or_else(|e| panic!("{format:?} results do not parse: {e}\n{body}"))
    {
        SliceQueryResultsParserOutput::Boolean(b) => b,
        SliceQueryResultsParserOutput::Solutions(_) => panic!("expected a boolean"),
    }
}

/// The triples of an RDF document, as N-Triples lines with every blank node written `_:b`
/// (formats label blank nodes differently).
fn parse_graph(body: &str, format: RdfFormat) -> BTreeSet<String> {
    let show = |term: String| {
        if term.starts_with("_:") {
            "_:b".to_owned()
        } else {
            term
        }
    };
    RdfParser::from_format(format)
        .for_slice(body)
        .map(|q| {
            let t = Triple::from(
                q.unwrap_or_else(|e| panic!("{format:?} does not parse: {e}\n{body}")),
            );
            format!(
                "{} {} {}",
                show(t.subject.to_string()),
                t.predicate,
                show(t.object.to_string())
            )
        })
        .collect()
}

#[test]
fn select_in_every_format_by_every_way_of_sending() {
    let server = examples_server(Limits::default());
    let query = domains_query();
    let expected = vec![
        vec![
            "<https://example.org/marketing>".to_owned(),
            "\"marketing\"".to_owned(),
        ],
        vec![
            "<https://example.org/onepiece>".to_owned(),
            "\"onepiece\"".to_owned(),
        ],
        vec![
            "<https://example.org/studio>".to_owned(),
            "\"studio\"".to_owned(),
        ],
    ];
    for via in [Via::Get, Via::PostForm, Via::PostQuery] {
        let json = ok(send(
            &server,
            via,
            &query,
            "application/sparql-results+json",
        ));
        assert!(
            json.content_type
                .starts_with("application/sparql-results+json"),
            "{via:?}"
        );
        let value = json.json();
        assert_eq!(
            value["head"]["vars"],
            serde_json::json!(["model", "domain"])
        );
        let (vars, rows) = parse_solutions(&json.body, QueryResultsFormat::Json);
        assert_eq!(vars, ["model", "domain"]);
        // The system models have domains too: the examples are among the rows, in order.
        let examples: Vec<Vec<String>> = rows
            .into_iter()
            .filter(|r| r[0].starts_with("<https://example.org/"))
            .collect();
        assert_eq!(examples, expected, "{via:?}");

        let xml = ok(send(&server, via, &query, "application/sparql-results+xml"));
        assert!(xml
            .content_type
            .starts_with("application/sparql-results+xml"));
        let (_, xml_rows) = parse_solutions(&xml.body, QueryResultsFormat::Xml);
        let (_, json_rows) = parse_solutions(&json.body, QueryResultsFormat::Json);
        assert_eq!(xml_rows, json_rows, "{via:?}");

        let tsv = ok(send(&server, via, &query, "text/tab-separated-values"));
        assert!(tsv.content_type.starts_with("text/tab-separated-values"));
        assert_eq!(tsv.body.lines().next(), Some("?model\t?domain"));
        let (_, tsv_rows) = parse_solutions(&tsv.body, QueryResultsFormat::Tsv);
        assert_eq!(tsv_rows, json_rows, "{via:?}");

        let csv = ok(send(&server, via, &query, "text/csv"));
        assert!(csv.content_type.starts_with("text/csv"));
        let lines: Vec<&str> = csv.body.lines().collect();
        assert_eq!(lines[0], "model,domain");
        assert!(
            lines.contains(&"https://example.org/studio,studio"),
            "{}",
            csv.body
        );
        assert_eq!(lines.len(), json_rows.len() + 1);
    }
}

#[test]
fn accept_negotiation_follows_q_values_and_defaults_to_json() {
    let server = examples_server(Limits::default());
    let query = domains_query();
    for (accept, expected) in [
        ("*/*", "application/sparql-results+json"),
        (
            "text/csv;q=0.5, application/sparql-results+xml",
            "application/sparql-results+xml",
        ),
        ("text/*", "text/csv"),
        ("application/json", "application/sparql-results+json"),
        (
            "text/html, text/tab-separated-values;q=0.1",
            "text/tab-separated-values",
        ),
    ] {
        let r = ok(send(&server, Via::Get, &query, accept));
        assert!(
            r.content_type.starts_with(expected),
            "{accept}: {}",
            r.content_type
        );
    }
    // No Accept header at all.
    let r = ok(server.post("/sparql", "application/sparql-query", query, &[]));
    assert!(r
        .content_type
        .starts_with("application/sparql-results+json"));
}

#[test]
fn ask_in_every_format() {
    let server = examples_server(Limits::default());
    let yes = "ASK { <https://example.org/studio> ?p ?o }";
    let no = "ASK { <https://example.org/nothing> ?p ?o }";
    for (query, expected) in [(yes, true), (no, false)] {
        let json = ok(send(
            &server,
            Via::Get,
            query,
            "application/sparql-results+json",
        ));
        assert_eq!(json.json()["boolean"], expected);
        let xml = ok(send(
            &server,
            Via::PostForm,
            query,
            "application/sparql-results+xml",
        ));
        assert_eq!(parse_boolean(&xml.body, QueryResultsFormat::Xml), expected);
        let tsv = ok(send(
            &server,
            Via::PostQuery,
            query,
            "text/tab-separated-values",
        ));
        assert_eq!(parse_boolean(&tsv.body, QueryResultsFormat::Tsv), expected);
        let csv = ok(send(&server, Via::Get, query, "text/csv"));
        assert_eq!(csv.body.trim(), expected.to_string());
    }
}

#[test]
fn construct_and_describe_in_every_rdf_format() {
    let server = examples_server(Limits::default());
    let construct = format!(
        "{UPPER}CONSTRUCT {{ ?c a upper:DirectClass ; upper:label ?l }} WHERE {{ ?c a upper:DirectClass ; upper:label ?l . FILTER(STRSTARTS(STR(?c), \"https://example.org/studio#\")) }}"
    );
    let count = format!(
        "{UPPER}SELECT (COUNT(*) AS ?n) WHERE {{ ?c a upper:DirectClass ; upper:label ?l . FILTER(STRSTARTS(STR(?c), \"https://example.org/studio#\")) }}"
    );
    let n: usize = ok(send(&server, Via::Get, &count, "application/json")).json()["results"]
        ["bindings"][0]["n"]["value"]
        .as_str()
        .and_then(|v| v.parse().ok())
        .expect("count");
    assert!(n > 3, "studio has keyed classes with labels");

    let describe = "DESCRIBE <https://example.org/studio#Film>";
    for (via, query) in [(Via::Get, construct.as_str()), (Via::PostQuery, describe)] {
        let mut graphs = Vec::new();
        for (accept, format) in [
            ("text/turtle", RdfFormat::Turtle),
            ("application/n-triples", RdfFormat::NTriples),
            ("application/rdf+xml", RdfFormat::RdfXml),
            (
                "application/ld+json",
                RdfFormat::from_media_type("application/ld+json").expect("JSON-LD"),
            ),
        ] {
            let r = ok(send(&server, via, query, accept));
            assert!(r.content_type.starts_with(accept), "{}", r.content_type);
            graphs.push(parse_graph(&r.body, format));
        }
        assert!(!graphs[0].is_empty());
        for g in &graphs[1..] {
            assert_eq!(g, &graphs[0], "every format holds the same graph");
        }
        if query == construct {
            assert_eq!(graphs[0].len(), 2 * n);
        } else {
            assert!(graphs[0]
                .iter()
                .any(|t| t.starts_with("<https://example.org/studio#Film> ")));
        }
    }
    // No Accept: Turtle.
    let r = ok(server.post("/sparql", "application/sparql-query", describe, &[]));
    assert!(
        r.content_type.starts_with("text/turtle"),
        "{}",
        r.content_type
    );
}

#[test]
fn default_graph_is_the_current_versions_and_old_versions_are_named_graphs() {
    let server = examples_server(Limits::default());
    let studio = common::example("studio");
    let relabelled = studio.replace(
        "upper:label \"Studio\" ;",
        "upper:label \"Studio, second edition\" ;",
    );
    assert_ne!(studio, relabelled);
    server.register_turtle("studio.ttl", &relabelled);

    let labels =
        format!("{UPPER}SELECT ?label WHERE {{ <https://example.org/studio> upper:label ?label }}");
    let (_, rows) = parse_solutions(
        &ok(send(&server, Via::Get, &labels, "application/json")).body,
        QueryResultsFormat::Json,
    );
    assert_eq!(
        rows,
        [["\"Studio, second edition\""]],
        "only the current version"
    );

    let in_graphs = format!(
        "{UPPER}SELECT ?g ?label WHERE {{ GRAPH ?g {{ <https://example.org/studio> upper:label ?label }} }} ORDER BY ?g"
    );
    let (_, rows) = parse_solutions(
        &ok(send(&server, Via::Get, &in_graphs, "application/json")).body,
        QueryResultsFormat::Json,
    );
    assert_eq!(
        rows,
        [
            ["<https://example.org/studio>", "\"Studio, second edition\""],
            ["<https://example.org/studio/version/1>", "\"Studio\""],
            [
                "<https://example.org/studio/version/2>",
                "\"Studio, second edition\""
            ],
        ]
    );

    // FROM NAMED in the query restricts GRAPH to what it names.
    let from_named = format!(
        "{UPPER}SELECT ?g ?label FROM NAMED <https://example.org/studio/version/1> WHERE {{ GRAPH ?g {{ ?m upper:label ?label }} }}"
    );
    let (_, rows) = parse_solutions(
        &ok(send(
            &server,
            Via::PostQuery,
            &from_named,
            "application/json",
        ))
        .body,
        QueryResultsFormat::Json,
    );
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| r[0] == "<https://example.org/studio/version/1>"));
}

#[test]
fn dataset_parameters_override_the_query_dataset() {
    let server = examples_server(Limits::default());
    let domains = format!(
        "{UPPER}SELECT ?d FROM <https://example.org/studio> WHERE {{ ?m upper:domain ?d }}"
    );

    // default-graph-uri: the default graph is exactly the onepiece graph, whatever FROM says.
    let url = format!(
        "/sparql?query={}&default-graph-uri={}",
        encode(&domains),
        encode("https://example.org/onepiece")
    );
    let (_, rows) = parse_solutions(&ok(server.get(&url, &[])).body, QueryResultsFormat::Json);
    assert_eq!(rows, [["\"onepiece\""]]);

    // The same as form parameters, with two default graphs merged.
    let body = form(&[
        ("query", domains.as_str()),
        ("default-graph-uri", "https://example.org/onepiece"),
        ("default-graph-uri", "https://example.org/marketing"),
    ]);
    let r = ok(server.post("/sparql", "application/x-www-form-urlencoded", body, &[]));
    let (_, mut rows) = parse_solutions(&r.body, QueryResultsFormat::Json);
    rows.sort();
    assert_eq!(rows, [["\"marketing\""], ["\"onepiece\""]]);

    // named-graph-uri on a direct POST: GRAPH sees exactly those; the default graph is empty.
    let graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g";
    let url = format!(
        "/sparql?named-graph-uri={}&named-graph-uri={}",
        encode("https://example.org/studio"),
        encode("https://example.org/onepiece/version/1")
    );
    let r = ok(server.post(&url, "application/sparql-query", graphs, &[]));
    let (_, rows) = parse_solutions(&r.body, QueryResultsFormat::Json);
    assert_eq!(
        rows,
        [
            ["<https://example.org/onepiece/version/1>"],
            ["<https://example.org/studio>"]
        ]
    );
    let r = ok(server.post(&url, "application/sparql-query", "ASK { ?s ?p ?o }", &[]));
    assert_eq!(r.json()["boolean"], false);

    let bad = format!(
        "/sparql?query={}&default-graph-uri=not%20an%20iri",
        encode("ASK {}")
    );
    let r = server.get(&bad, &[]);
    assert_eq!(r.status, 400);
    assert!(r.body.contains("default-graph-uri"), "{}", r.body);
}

#[test]
fn updates_are_refused_and_change_nothing() {
    let server = examples_server(Limits::default());
    let before = server.registry.quad_count().expect("count");
    let update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }";
    let attempts = [
        server.post(
            "/sparql",
            "application/x-www-form-urlencoded",
            form(&[("update", update)]),
            &[],
        ),
        server.post("/sparql", "application/sparql-update", update, &[]),
        send(&server, Via::Get, update, "*/*"),
        send(&server, Via::PostQuery, "DROP ALL", "*/*"),
        send(&server, Via::PostForm, "CLEAR DEFAULT", "*/*"),
    ];
    for r in attempts {
        assert_eq!(r.status, 403, "{}", r.body);
        assert!(
            r.body.contains("SPARQL Update is not allowed"),
            "{}",
            r.body
        );
    }
    assert_eq!(server.registry.quad_count().expect("count"), before);
}

#[test]
fn a_slow_query_times_out_with_an_error_and_the_server_goes_on() {
    let timeout = Duration::from_secs(1);
    let server = examples_server(Limits {
        query_timeout: timeout,
        ..Limits::default()
    });
    let start = Instant::now();
    let r = send(
        &server,
        Via::PostQuery,
        common::SLOW_QUERY,
        "application/json",
    );
    let took = start.elapsed();
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.body.contains("ran longer than the limit of 1 s"),
        "{}",
        r.body
    );
    // Not a hang: the answer comes at the limit (a generous margin for a loaded machine).
    assert!(took < timeout + Duration::from_secs(20), "took {took:?}");
    assert_eq!(server.get("/health", &[]).status, 200);
    ok(send(&server, Via::Get, "ASK {}", "application/json"));
}

#[test]
fn queries_past_the_concurrency_cap_wait_for_a_slot() {
    let timeout = Duration::from_secs(4);
    let server = examples_server(Limits {
        query_timeout: timeout,
        max_concurrent_queries: 1,
        ..Limits::default()
    });
    let start = Instant::now();
    let (slow, quick_done) = std::thread::scope(|scope| {
        let slow = scope.spawn(|| {
            send(
                &server,
                Via::PostQuery,
                common::SLOW_QUERY,
                "application/json",
            )
        });
        // Sent while the slow query holds the only slot: it waits until the slow one is
        // stopped at its time limit (4 s), well within its own wait limit (2.5 s + 4 s).
        std::thread::sleep(Duration::from_millis(2500));
        let quick = ok(send(&server, Via::Get, "ASK {}", "application/json"));
        assert_eq!(quick.json()["boolean"], serde_json::Value::Bool(true));
        let quick_done = start.elapsed();
        (slow.join().expect("slow query thread"), quick_done)
    });
    assert_eq!(slow.status, 422, "{}", slow.body);
    assert!(
        quick_done >= timeout - Duration::from_millis(100),
        "the quick query was answered after {quick_done:?}, before the slow one gave its slot back"
    );
}

#[test]
fn more_results_than_the_limit_is_an_error_asking_for_limit() {
    let server = examples_server(Limits {
        max_results: 5,
        ..Limits::default()
    });
    for query in [
        "SELECT * WHERE { ?s ?p ?o }",
        "CONSTRUCT WHERE { ?s ?p ?o }",
    ] {
        let r = send(&server, Via::Get, query, "*/*");
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(r.body.contains("more than 5 results"), "{}", r.body);
        assert!(r.body.contains("LIMIT"), "{}", r.body);
    }
    let r = ok(send(
        &server,
        Via::Get,
        "SELECT * WHERE { ?s ?p ?o } LIMIT 5",
        "application/json",
    ));
    assert_eq!(
        r.json()["results"]["bindings"].as_array().map(Vec::len),
        Some(5)
    );
}

#[test]
fn unacceptable_formats_get_406() {
    let server = examples_server(Limits::default());
    let r = send(&server, Via::Get, &domains_query(), "image/png");
    assert_eq!(r.status, 406);
    assert!(r.body.contains("Accept"), "{}", r.body);
    let r = send(
        &server,
        Via::Get,
        "CONSTRUCT WHERE { ?s ?p ?o }",
        "text/csv",
    );
    assert_eq!(r.status, 406);
    let r = send(
        &server,
        Via::Get,
        "ASK {}",
        "application/json;q=0, text/turtle",
    );
    assert_eq!(r.status, 406);
}

#[test]
fn unknown_content_types_get_415() {
    let server = TestServer::start();
    for content_type in ["text/plain", "application/json", "application/octet-stream"] {
        let r = server.post("/sparql", content_type, "ASK {}", &[]);
        assert_eq!(r.status, 415, "{content_type}: {}", r.body);
        assert!(r.body.contains("application/sparql-query"), "{}", r.body);
    }
}

#[test]
fn malformed_requests_get_400_with_a_message() {
    let server = TestServer::start();
    for via in [Via::Get, Via::PostForm, Via::PostQuery] {
        let r = send(&server, via, "SELECT ?x WHERE { ?x ", "*/*");
        assert_eq!(r.status, 400, "{via:?}");
        assert!(r.body.starts_with("invalid SPARQL query:"), "{}", r.body);
    }
    let r = server.get("/sparql", &[("accept", "application/json")]);
    assert_eq!(r.status, 400);
    assert!(r.body.contains("no query"), "{}", r.body);
    let r = server.get(
        &format!("/sparql?query={q}&query={q}", q = encode("ASK {}")),
        &[],
    );
    assert_eq!(r.status, 400);
    let r = server.post("/sparql", "application/sparql-query", vec![0xff, 0xfe], &[]);
    assert_eq!(r.status, 400);
    assert!(r.body.contains("UTF-8"), "{}", r.body);
    // SERVICE would make the server a proxy: it is not available.
    let r = send(
        &server,
        Via::Get,
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "*/*",
    );
    assert_eq!(r.status, 400, "{}", r.body);
}

#[test]
fn browsers_get_an_editor_page() {
    let server = TestServer::start();
    let r = ok(server.get(
        "/sparql",
        &[("accept", "text/html,application/xhtml+xml,*/*;q=0.8")],
    ));
    assert!(r.content_type.starts_with("text/html"));
    assert!(r.body.contains("<textarea"), "{}", r.body);
    assert!(r.body.contains("application/sparql-query"));
}
