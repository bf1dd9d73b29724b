//! The SPARQL 1.1 Protocol endpoint at `/sparql`: read-only queries over the whole knowledge
//! graph, with content negotiation, a dataset from `default-graph-uri` / `named-graph-uri`, a
//! time limit and a result-size limit; and an editor page for browsers.
//!
//! Errors are plain text: 400 malformed query or parameters, 401/403 closed reads, 403 SPARQL
//! Update, 406 no acceptable result format, 415 unknown request content type, 422 a query over
//! the time limit or with more results than allowed, 503 when every query slot stayed busy for
//! the whole time limit.

use crate::http::text;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use uda_registry::oxigraph::io::{RdfFormat, RdfSerializer};
use uda_registry::oxigraph::model::NamedNode;
use uda_registry::oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use uda_registry::oxigraph::sparql::{CancellationToken, QueryResults};
use uda_registry::{Dataset, QueryOptions, RegistryError};

const EDITOR_HTML: &str = include_str!("../../../web/sparql.html");

pub(crate) fn routes(state: AppState) -> Router {
    Router::new()
        .route("/sparql", get(handle).post(handle))
        .with_state(state)
}

/// A request refused before any query runs: a status and a sentence.
struct Refusal(StatusCode, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        text(self.0, self.1)
    }
}

fn bad_request(message: impl Into<String>) -> Refusal {
    Refusal(StatusCode::BAD_REQUEST, message.into())
}

fn update_refused() -> Refusal {
    Refusal(
        StatusCode::FORBIDDEN,
        "SPARQL Update is not allowed: /sparql is read-only (register, change or delete models through the GraphQL API at /graphql)".into(),
    )
}

/// A protocol request, whichever way it came.
#[derive(Debug, Default)]
struct Operation {
    query: Option<String>,
    update: bool,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
}

impl Operation {
    /// Reads `query`, `update`, `default-graph-uri` and `named-graph-uri` from URL or form
    /// parameters. Unknown parameters are ignored, as the protocol allows.
    fn add_params(&mut self, params: Vec<(String, String)>) -> Result<(), Refusal> {
        for (key, value) in params {
            match key.as_str() {
                "query" if self.query.is_some() => {
                    return Err(bad_request("give the `query` parameter once"))
                }
                "query" => self.query = Some(value),
                "update" => self.update = true,
                "default-graph-uri" => self.default_graphs.push(value),
                "named-graph-uri" => self.named_graphs.push(value),
                _ => {}
            }
        }
        Ok(())
    }
}

async fn handle(State(state): State<AppState>, request: Request) -> Response {
    let headers = request.headers().clone();
    let operation = match read_operation(request).await {
        Ok(op) => op,
        Err(refusal) => return refusal.into_response(),
    };
    // The editor is a static page (it sends its own token): served whoever asks.
    if operation.query.is_none() && !operation.update && prefers_html(&headers) {
        return Html(EDITOR_HTML).into_response();
    }
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if let Err(e) = state.tokens.authorize_read(authorization) {
        return text(status(e.status()), e.to_string());
    }
    if operation.update {
        return update_refused().into_response();
    }
    let Some(query) = operation.query else {
        return bad_request(
            "no query: give it as the `query` parameter (GET or form POST) or as an application/sparql-query body",
        )
        .into_response();
    };
    let dataset = match dataset(&operation.default_graphs, &operation.named_graphs) {
        Ok(d) => d,
        Err(refusal) => return refusal.into_response(),
    };
    run(state, query, dataset, &headers).await
}

/// The operation of a GET (URL parameters) or a POST (a form, or a query as the body).
async fn read_operation(request: Request) -> Result<Operation, Refusal> {
    let mut operation = Operation::default();
    let url_params = url_params(request.uri())?;
    if request.method() == Method::GET {
        operation.add_params(url_params)?;
        return Ok(operation);
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(essence)
        .unwrap_or_default();
    match content_type.as_str() {
        "application/x-www-form-urlencoded" => {
            let Form(params) = Form::<Vec<(String, String)>>::from_request(request, &())
                .await
                .map_err(|e| Refusal(e.status(), e.body_text()))?;
            operation.add_params(params)?;
        }
        "application/sparql-query" => {
            operation.add_params(url_params)?;
            if operation.query.is_some() {
                return Err(bad_request(
                    "the query is the body of an application/sparql-query request: do not give a `query` parameter too",
                ));
            }
            let body = Bytes::from_request(request, &())
                .await
                .map_err(|e| Refusal(e.status(), e.body_text()))?;
            let query = String::from_utf8(body.to_vec())
                .map_err(|_| bad_request("the query is not UTF-8"))?;
            operation.query = Some(query);
        }
        "application/sparql-update" => return Err(update_refused()),
        "" => {
            return Err(Refusal(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "a POST to /sparql needs a Content-Type: application/sparql-query or application/x-www-form-urlencoded".into(),
            ))
        }
        other => {
            return Err(Refusal(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("unsupported Content-Type `{other}`: send application/sparql-query or application/x-www-form-urlencoded"),
            ))
        }
    }
    Ok(operation)
}

fn url_params(uri: &axum::http::Uri) -> Result<Vec<(String, String)>, Refusal> {
    axum::extract::Query::<Vec<(String, String)>>::try_from_uri(uri)
        .map(|axum::extract::Query(params)| params)
        .map_err(|e| bad_request(format!("malformed URL parameters: {e}")))
}

/// The dataset of `default-graph-uri` / `named-graph-uri`: given either, the dataset is exactly
/// what they name (the SPARQL Protocol's rule), overriding the query's FROM / FROM NAMED.
fn dataset(default_graphs: &[String], named_graphs: &[String]) -> Result<Option<Dataset>, Refusal> {
    if default_graphs.is_empty() && named_graphs.is_empty() {
        return Ok(None);
    }
    let parse = |param: &str, iris: &[String]| -> Result<Vec<NamedNode>, Refusal> {
        iris.iter()
            .map(|iri| {
                NamedNode::new(iri.as_str())
                    .map_err(|e| bad_request(format!("{param}: `{iri}` is not an IRI: {e}")))
            })
            .collect()
    };
    Ok(Some(Dataset {
        default_graphs: parse("default-graph-uri", default_graphs)?,
        named_graphs: parse("named-graph-uri", named_graphs)?,
    }))
}

/// What a query is answered with: a result format or an RDF format, by the kind of query.
enum Serialized {
    Results(Vec<u8>, QueryResultsFormat),
    Graph(Vec<u8>, RdfFormat),
}

/// Why a query got no answer.
enum Failure {
    Registry(RegistryError),
    TooMany(usize),
    NotAcceptable(&'static str),
    Write(std::io::Error),
}

async fn run(
    state: AppState,
    query: String,
    dataset: Option<Dataset>,
    headers: &HeaderMap,
) -> Response {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("*/*")
        .to_owned();
    let limits = state.limits;
    let token = CancellationToken::new();
    // The answer may never be sent (the client left, or the server stops after its shutdown
    // grace): the query stops with it rather than run on unseen.
    let _cancel_when_dropped = CancelOnDrop(token.clone());
    let options = QueryOptions {
        dataset,
        cancellation: Some(token.clone()),
    };
    let registry = state.registry.clone();
    let Ok(Ok(slot)) = tokio::time::timeout(
        limits.query_timeout,
        state.query_slots.clone().acquire_owned(),
    )
    .await
    else {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the server is busy: {} queries are running (uda serve --max-concurrent-queries N); try again",
                limits.max_concurrent_queries
            ),
        );
    };
    let task = tokio::task::spawn_blocking(move || {
        // Held until evaluation really ends, which may be after the answer to a timed-out query.
        let _slot = slot;
        let results = registry
            .query_with(&query, &options)
            .map_err(Failure::Registry)?;
        serialize(results, &accept, limits.max_results)
    });
    // Past the limit the query is cancelled: its blocking thread stops at the next check of the
    // token (every quad read); the answer does not wait for it.
    let outcome = match tokio::time::timeout(limits.query_timeout, task).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(join)) => {
            tracing::error!("a SPARQL query panicked: {join}");
            return text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the query failed unexpectedly",
            );
        }
        Err(_) => {
            token.cancel();
            return text(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "the query ran longer than the limit of {} s (uda serve --query-timeout SECS) and was stopped: make it more selective, or add LIMIT",
                    limits.query_timeout.as_secs_f64()
                ),
            );
        }
    };
    match outcome {
        Ok(Serialized::Results(body, format)) => with_type(body, format.media_type()),
        Ok(Serialized::Graph(body, format)) => with_type(body, format.media_type()),
        Err(Failure::Registry(RegistryError::UpdateRefused)) => update_refused().into_response(),
        Err(Failure::Registry(e @ RegistryError::QuerySyntax(_))) => {
            bad_request(e.to_string()).into_response()
        }
        Err(Failure::Registry(RegistryError::Query(message))) if token.is_cancelled() => text(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("the query was stopped at the time limit: {message}"),
        ),
        Err(Failure::Registry(e @ RegistryError::Query(_))) => {
            bad_request(e.to_string()).into_response()
        }
        Err(Failure::Registry(e)) => {
            tracing::error!("SPARQL query: {e}");
            text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
        }
        Err(Failure::TooMany(limit)) => text(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "the query has more than {limit} results, the limit of this server (uda serve --max-results N): add LIMIT (and OFFSET to page)"
            ),
        ),
        Err(Failure::NotAcceptable(kinds)) => text(
            StatusCode::NOT_ACCEPTABLE,
            format!("none of the formats in the Accept header can hold {kinds}"),
        ),
        Err(Failure::Write(e)) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("could not write the results: {e}"),
        ),
    }
}

/// Cancels a query when the request handling it ends, however it ends.
struct CancelOnDrop(CancellationToken);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// Runs the results to the end into the negotiated format, refusing more than `max` solutions
/// (or triples). Iterating is evaluating: this is where most of a query's time goes.
fn serialize(
    results: QueryResults<'static>,
    accept: &str,
    max: usize,
) -> Result<Serialized, Failure> {
    let eval = |e: uda_registry::oxigraph::sparql::QueryEvaluationError| {
        Failure::Registry(RegistryError::Query(e.to_string()))
    };
    match results {
        QueryResults::Boolean(value) => {
            let format = results_format(accept).ok_or(Failure::NotAcceptable(
                "a boolean result (JSON, XML, CSV, TSV)",
            ))?;
            let body = QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(Vec::new(), value)
                .map_err(Failure::Write)?;
            Ok(Serialized::Results(body, format))
        }
        QueryResults::Solutions(solutions) => {
            let format = results_format(accept)
                .ok_or(Failure::NotAcceptable("solutions (JSON, XML, CSV, TSV)"))?;
            let mut writer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())
                .map_err(Failure::Write)?;
            for (n, solution) in solutions.enumerate() {
                if n == max {
                    return Err(Failure::TooMany(max));
                }
                writer
                    .serialize(&solution.map_err(eval)?)
                    .map_err(Failure::Write)?;
            }
            Ok(Serialized::Results(
                writer.finish().map_err(Failure::Write)?,
                format,
            ))
        }
        QueryResults::Graph(triples) => {
            let format = graph_format(accept).ok_or(Failure::NotAcceptable(
                "a graph (Turtle, N-Triples, RDF/XML, JSON-LD)",
            ))?;
            let mut writer = RdfSerializer::from_format(format).for_writer(Vec::new());
            for (n, triple) in triples.enumerate() {
                if n == max {
                    return Err(Failure::TooMany(max));
                }
                writer
                    .serialize_triple(&triple.map_err(eval)?)
                    .map_err(Failure::Write)?;
            }
            Ok(Serialized::Graph(
                writer.finish().map_err(Failure::Write)?,
                format,
            ))
        }
    }
}

/// The result format for SELECT / ASK: the first acceptable of JSON, XML, CSV, TSV.
fn results_format(accept: &str) -> Option<QueryResultsFormat> {
    negotiate(
        accept,
        &[
            ("application/sparql-results+json", QueryResultsFormat::Json),
            ("application/json", QueryResultsFormat::Json),
            ("application/sparql-results+xml", QueryResultsFormat::Xml),
            ("application/xml", QueryResultsFormat::Xml),
            ("text/csv", QueryResultsFormat::Csv),
            ("text/tab-separated-values", QueryResultsFormat::Tsv),
            ("text/xml", QueryResultsFormat::Xml),
        ],
    )
}

/// The RDF format for CONSTRUCT / DESCRIBE: the first acceptable of Turtle, N-Triples,
/// RDF/XML, JSON-LD.
fn graph_format(accept: &str) -> Option<RdfFormat> {
    let json_ld = RdfFormat::from_media_type("application/ld+json")?;
    negotiate(
        accept,
        &[
            ("text/turtle", RdfFormat::Turtle),
            ("application/x-turtle", RdfFormat::Turtle),
            ("application/n-triples", RdfFormat::NTriples),
            ("text/plain", RdfFormat::NTriples),
            ("application/rdf+xml", RdfFormat::RdfXml),
            ("application/ld+json", json_ld),
        ],
    )
}

/// The offered format the `Accept` header prefers: highest `q` first, then the more specific
/// range, then the order offered. `*/*` (and a missing header) take the first offered.
pub(crate) fn negotiate<F: Copy>(accept: &str, offered: &[(&str, F)]) -> Option<F> {
    let mut best: Option<(f32, u8, usize)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q <= 0.0 || media.is_empty() {
            continue;
        }
        let (kind, specificity) = match media.split_once('/') {
            Some(("*", "*")) => ("", 0),
            Some((kind, "*")) => (kind, 1),
            Some(_) => (media.as_str(), 2),
            None => continue,
        };
        let hit = offered.iter().position(|(offer, _)| match specificity {
            0 => true,
            1 => offer.split('/').next() == Some(kind),
            _ => *offer == media,
        });
        if let Some(index) = hit {
            let candidate = (q, specificity, index);
            let better = match best {
                None => true,
                Some((bq, bs, bi)) => {
                    q > bq || (q == bq && (specificity > bs || (specificity == bs && index < bi)))
                }
            };
            if better {
                best = Some(candidate);
            }
        }
    }
    best.map(|(_, _, index)| offered[index].1)
}

/// Whether a browser is asking: `text/html` acceptable and preferred to every result format.
fn prefers_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| {
            negotiate(
                accept,
                &[
                    ("text/html", true),
                    ("application/sparql-results+json", false),
                ],
            ) == Some(true)
        })
}

/// The media type without parameters, lower case.
fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn with_type(body: Vec<u8>, media_type: &str) -> Response {
    let mut response = body.into_response();
    let value = HeaderValue::from_str(&format!("{media_type}; charset=utf-8"))
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    response.headers_mut().insert(header::CONTENT_TYPE, value);
    response
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::FORBIDDEN)
}
