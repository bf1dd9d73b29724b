//! Any bytes as a request to the GraphQL endpoint, over an in-memory registry
//! holding the examples (writes open, so mutations run too): the first byte
//! picks how the request is sent (the rest as the `query` of a JSON body, as a
//! raw JSON body, as an application/graphql body, or as a GET's query string).
//! No panic, no 500, and every answer is a GraphQL JSON response (`data` or
//! `errors`).
#![no_main]

use axum::body::Body;
use axum::http::{header, Method, Request};
use libfuzzer_sys::fuzz_target;
use uda_fuzz::server::Server;

fuzz_target!(|data: &[u8]| {
    let [how, rest @ ..] = data else { return };
    let text = String::from_utf8_lossy(rest);
    let post = |content_type: &str, body: Vec<u8>| {
        Request::builder()
            .method(Method::POST)
            .uri("/graphql")
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
    };
    let request = match how % 4 {
        0 => post(
            "application/json",
            serde_json::json!({ "query": text })
                .to_string()
                .into_bytes(),
        ),
        1 => post("application/json", rest.to_vec()),
        2 => post("application/graphql", rest.to_vec()),
        _ => Request::builder()
            .method(Method::GET)
            .uri(format!("/graphql?{text}"))
            .body(Body::empty()),
    };
    let Ok(request) = request else { return };
    let answer = Server::get().send(request);
    let json: serde_json::Value = serde_json::from_slice(&answer.body).unwrap_or_else(|e| {
        panic!(
            "{}: not JSON ({e}): {}",
            answer.status,
            String::from_utf8_lossy(&answer.body)
        )
    });
    assert!(
        json.get("data").is_some() || json.get("errors").is_some(),
        "{}: neither data nor errors: {json}",
        answer.status
    );
});
