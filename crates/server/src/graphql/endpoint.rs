//! GraphQL over HTTP at `/graphql`: POST with a JSON body (`query`, `variables`,
//! `operationName`) or an `application/graphql` body; GET with the same as query parameters,
//! for queries only; GraphiQL for a browser's GET without a query.
//!
//! Responses follow GraphQL over HTTP: `application/graphql-response+json` when the `Accept`
//! header prefers it, `application/json` otherwise (no `Accept`, `*/*`, `application/json`).
//!
//! Statuses: 200 with `data` (and `errors` for fields that failed, such as a refused
//! registration). A request that cannot run at all (malformed or invalid GraphQL, over the depth
//! or complexity limit, variables that do not fit) has `errors` and no `data`: 400 as
//! `application/graphql-response+json`, 200 as `application/json` (as the spec asks of each).
//! Whatever the media type: 400 for a body that is not a GraphQL request, 405 for a mutation
//! over GET, 415 for a body that is neither JSON nor GraphQL, 401/403 when a token is missing or
//! refused (reads closed, or a write from elsewhere than the bound address when writes are open
//! without a tokens file), 422 past `graphql_timeout`, 503 when no evaluation slot frees within
//! it. Every error body is GraphQL's `{"errors": [{"message": ..., "extensions": {"code": ...}}]}`.

use super::roots::Authorization;
use super::scope::EVALUATION_SLOT;
use crate::{AppState, AuthError};
use async_graphql::dynamic::Schema;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute};
use async_graphql::http::GraphiQLSource;
use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::Request;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// When the request's time is up: a registration still running then writes nothing.
#[derive(Clone, Copy)]
pub(crate) struct Deadline(pub Instant);

/// The media type of GraphQL responses the client prefers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MediaType {
    /// `application/graphql-response+json`: request errors are 4xx.
    GraphqlResponse,
    /// `application/json`: every well-formed request is a 200.
    Json,
}

impl MediaType {
    /// From `Accept`: `application/graphql-response+json` when preferred to `application/json`
    /// (a higher q); `application/json` otherwise, even when neither is acceptable (the spec
    /// allows answering with it rather than 406).
    fn of(headers: &HeaderMap) -> MediaType {
        let accept = headers
            .get(header::ACCEPT)
            .and_then(|a| a.to_str().ok())
            .unwrap_or("*/*");
        crate::sparql::negotiate(
            accept,
            &[
                ("application/json", MediaType::Json),
                (
                    "application/graphql-response+json",
                    MediaType::GraphqlResponse,
                ),
            ],
        )
        .unwrap_or(MediaType::Json)
    }

    fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            MediaType::GraphqlResponse => "application/graphql-response+json; charset=utf-8",
            MediaType::Json => "application/json; charset=utf-8",
        })
    }
}

/// Set when a request got through parsing and validation (the limits included) to execution:
/// errors of a request that did not are the request's fault (400), not a field's.
#[derive(Clone, Default)]
struct Executed(Arc<AtomicBool>);

/// The schema extension setting [`Executed`].
pub(super) struct MarkExecution;

impl ExtensionFactory for MarkExecution {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(MarkExecution)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for MarkExecution {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> async_graphql::Response {
        if let Some(executed) = ctx.data_opt::<Executed>() {
            executed.0.store(true, Ordering::SeqCst);
        }
        next.run(ctx, operation_name).await
    }
}

#[derive(Clone)]
struct Endpoint {
    schema: Schema,
    state: AppState,
}

pub(super) fn routes(schema: Schema, state: AppState) -> Router {
    Router::new()
        .route("/graphql", get(get_graphql).post(post_graphql))
        .with_state(Endpoint { schema, state })
}

/// A JSON body with the negotiated media type.
fn answer(status: StatusCode, media: MediaType, body: &serde_json::Value) -> Response {
    let mut response = (status, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, media.header());
    response
}

/// A GraphQL-shaped error response: `{"errors": [{"message": ..., "extensions": {"code": ...}}]}`.
fn refuse(status: StatusCode, media: MediaType, code: &str, message: &str) -> Response {
    let body = serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": code } }]
    });
    answer(status, media, &body)
}

fn refuse_auth(error: &AuthError, media: MediaType) -> Response {
    let code = super::errors::auth_code(error);
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::FORBIDDEN);
    let mut response = refuse(status, media, code, &error.to_string());
    if status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

async fn get_graphql(State(endpoint): State<Endpoint>, headers: HeaderMap, uri: Uri) -> Response {
    let media = MediaType::of(&headers);
    let mut request = match async_graphql::http::parse_query_string(uri.query().unwrap_or("")) {
        Ok(request) => request,
        Err(e) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                media,
                "BAD_REQUEST",
                &format!("cannot read the GraphQL request from the query string: {e}"),
            )
        }
    };
    if request.query.trim().is_empty() {
        let browser = headers
            .get(header::ACCEPT)
            .and_then(|a| a.to_str().ok())
            .is_some_and(|a| a.contains("text/html"));
        if browser {
            return Html(
                GraphiQLSource::build()
                    .endpoint("/graphql")
                    .title("uda registry: GraphiQL")
                    .finish(),
            )
            .into_response();
        }
        return refuse(
            StatusCode::BAD_REQUEST,
            media,
            "BAD_REQUEST",
            "GET /graphql needs a `query` parameter (or open it in a browser for GraphiQL)",
        );
    }
    if is_mutation(&mut request) {
        let mut response = refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            media,
            "METHOD_NOT_ALLOWED",
            "mutations are not allowed over GET: POST them",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
        return response;
    }
    execute(&endpoint, &headers, request, media).await
}

async fn post_graphql(
    State(endpoint): State<Endpoint>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let media = MediaType::of(&headers);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|c| c.to_str().ok())
        .unwrap_or("");
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let request = match media_type.as_str() {
        "application/json" => match serde_json::from_slice::<Request>(&body) {
            Ok(request) => request,
            Err(e) => {
                return refuse(
                    StatusCode::BAD_REQUEST,
                    media,
                    "BAD_REQUEST",
                    &format!(
                        "the body is not a GraphQL request (a JSON object with `query`, and \
                         optionally `variables` and `operationName`): {e}"
                    ),
                )
            }
        },
        "application/graphql" => match String::from_utf8(body.to_vec()) {
            Ok(query) => Request::new(query),
            Err(_) => {
                return refuse(
                    StatusCode::BAD_REQUEST,
                    media,
                    "BAD_REQUEST",
                    "the GraphQL document is not UTF-8",
                )
            }
        },
        _ => {
            return refuse(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                media,
                "UNSUPPORTED_MEDIA_TYPE",
                &format!(
                    "cannot read a GraphQL request of type `{content_type}`: send \
                     `application/json` ({{\"query\": \"...\"}}) or `application/graphql`"
                ),
            )
        }
    };
    if request.query.trim().is_empty() {
        return refuse(
            StatusCode::BAD_REQUEST,
            media,
            "BAD_REQUEST",
            "the request has no GraphQL document: give one in `query`",
        );
    }
    let mut request = request;
    if is_mutation(&mut request) {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        if let Err(e) = endpoint
            .state
            .tokens
            .authorize_local_origin(host, is_proxied(&headers))
        {
            return refuse_auth(&e, media);
        }
    }
    execute(&endpoint, &headers, request, media).await
}

/// Whether a proxy says it forwarded the request (`Forwarded`, `X-Forwarded-For`...).
fn is_proxied(headers: &HeaderMap) -> bool {
    headers.keys().any(|name| {
        let name = name.as_str();
        name == "forwarded" || name.starts_with("x-forwarded-")
    })
}

/// Whether the operation the request runs is a mutation. A document that does not parse is
/// left to execution, which reports why.
fn is_mutation(request: &mut Request) -> bool {
    let name = request.operation_name.clone();
    let Ok(document) = request.parsed_query() else {
        return false;
    };
    match &document.operations {
        DocumentOperations::Single(op) => op.node.ty == OperationType::Mutation,
        DocumentOperations::Multiple(ops) => ops
            .iter()
            .filter(|(n, _)| name.as_deref().is_none_or(|wanted| n.as_str() == wanted))
            .any(|(_, op)| op.node.ty == OperationType::Mutation),
    }
}

async fn execute(
    endpoint: &Endpoint,
    headers: &HeaderMap,
    request: Request,
    media: MediaType,
) -> Response {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|a| a.to_str().ok())
        .map(str::to_owned);
    if let Err(e) = endpoint
        .state
        .tokens
        .authorize_read(authorization.as_deref())
    {
        return refuse_auth(&e, media);
    }
    let limits = endpoint.state.limits;
    // The same slots as SPARQL queries: together they bound how many requests evaluate at once.
    let Ok(Ok(slot)) = tokio::time::timeout(
        limits.graphql_timeout,
        endpoint.state.query_slots.clone().acquire_owned(),
    )
    .await
    else {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            media,
            "BUSY",
            &format!(
                "the server is busy: {} requests are being evaluated (uda serve --max-concurrent-queries N); try again",
                limits.max_concurrent_queries
            ),
        );
    };
    let executed = Executed::default();
    let deadline = Deadline(Instant::now() + limits.graphql_timeout);
    let evaluation = endpoint.schema.execute(
        request
            .data(Authorization(authorization))
            .data(deadline)
            .data(executed.clone()),
    );
    // Every registry call of the request holds a share of the slot until it returns, even past
    // the time limit (see `scope::blocking`).
    let evaluation = EVALUATION_SLOT.scope(Arc::new(slot), evaluation);
    let Ok(response) = tokio::time::timeout(limits.graphql_timeout, evaluation).await else {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            media,
            "TIMEOUT",
            &format!(
                "the request ran longer than the limit of {} s (uda serve --graphql-timeout SECS) and was stopped; a registration still running writes nothing",
                limits.graphql_timeout.as_secs_f64()
            ),
        );
    };
    let request_error = !response.errors.is_empty() && !executed.0.load(Ordering::SeqCst);
    let mut body = match serde_json::to_value(&response) {
        Ok(body) => body,
        Err(e) => {
            return refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                media,
                "INTERNAL_SERVER_ERROR",
                &format!("cannot write the response: {e}"),
            )
        }
    };
    // A request error (it did not get to execution) has no `data` entry at all.
    let status = if request_error {
        if let Some(fields) = body.as_object_mut() {
            fields.remove("data");
        }
        match media {
            MediaType::GraphqlResponse => StatusCode::BAD_REQUEST,
            MediaType::Json => StatusCode::OK,
        }
    } else {
        StatusCode::OK
    };
    answer(status, media, &body)
}
