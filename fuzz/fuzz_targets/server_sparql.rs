//! Any bytes as a request to the SPARQL endpoint, over an in-memory registry
//! holding the examples: the first byte picks how the request is sent (the
//! query as an application/sparql-query body, a form body, or a GET's query
//! string), the second its Accept header, the rest is the query (or the raw
//! form or query string). No panic and no 500, whatever the request.
#![no_main]

use axum::body::Body;
use axum::http::{header, Method, Request};
use libfuzzer_sys::fuzz_target;
use uda_fuzz::server::Server;

const ACCEPT: [&str; 8] = [
    "*/*",
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "text/turtle",
    "application/n-triples, text/csv;q=0.5",
    "text/html",
];

fuzz_target!(|data: &[u8]| {
    let [how, accept, rest @ ..] = data else {
        return;
    };
    let accept = ACCEPT[*accept as usize % ACCEPT.len()];
    let builder = Request::builder().header(header::ACCEPT, accept);
    let request = match how % 3 {
        0 => builder
            .method(Method::POST)
            .uri("/sparql")
            .header(header::CONTENT_TYPE, "application/sparql-query")
            .body(Body::from(rest.to_vec())),
        1 => builder
            .method(Method::POST)
            .uri("/sparql")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(rest.to_vec())),
        _ => {
            // A URI must be valid: a query string that is not is not a request a server sees.
            let Ok(query) = std::str::from_utf8(rest) else {
                return;
            };
            builder
                .method(Method::GET)
                .uri(format!("/sparql?{query}"))
                .body(Body::empty())
        }
    };
    let Ok(request) = request else { return };
    Server::get().send(request);
});
