//! GraphQL over HTTP at `/graphql`: POST with a JSON body (`query`, `variables`,
//! `operationName`) or an `application/graphql` body; GET with the same as query parameters,
//! for queries only; GraphiQL for a browser's GET without a query.
//!
//! Statuses: 200 with `data` (and `errors` for fields that failed, such as a refused
//! registration); 400 when the request cannot run at all (unreadable, malformed or invalid
//! GraphQL, over the depth or complexity limit); 405 for a mutation over GET; 415 for a body
//! that is neither JSON nor GraphQL; 401/403 when reads need a token the request lacks. Every
//! error body is GraphQL's `{"errors": [{"message": ...}]}`.

use super::roots::Authorization;
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

/// A GraphQL-shaped error response: `{"errors": [{"message": ..., "extensions": {"code": ...}}]}`.
fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": code } }]
    });
    (status, Json(body)).into_response()
}

fn refuse_read(error: &AuthError) -> Response {
    match error {
        AuthError::Unauthenticated(message) => {
            let mut response = refuse(StatusCode::UNAUTHORIZED, "UNAUTHORIZED", message);
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            response
        }
        AuthError::Forbidden(message) => refuse(StatusCode::FORBIDDEN, "FORBIDDEN", message),
    }
}

async fn get_graphql(State(endpoint): State<Endpoint>, headers: HeaderMap, uri: Uri) -> Response {
    let mut request = match async_graphql::http::parse_query_string(uri.query().unwrap_or("")) {
        Ok(request) => request,
        Err(e) => {
            return refuse(
                StatusCode::BAD_REQUEST,
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
            "BAD_REQUEST",
            "GET /graphql needs a `query` parameter (or open it in a browser for GraphiQL)",
        );
    }
    if is_mutation(&mut request) {
        let mut response = refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "mutations are not allowed over GET: POST them",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
        return response;
    }
    execute(&endpoint, &headers, request).await
}

async fn post_graphql(
    State(endpoint): State<Endpoint>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
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
                    "BAD_REQUEST",
                    "the GraphQL document is not UTF-8",
                )
            }
        },
        _ => {
            return refuse(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
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
            "BAD_REQUEST",
            "the request has no GraphQL document: give one in `query`",
        );
    }
    execute(&endpoint, &headers, request).await
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

async fn execute(endpoint: &Endpoint, headers: &HeaderMap, request: Request) -> Response {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|a| a.to_str().ok())
        .map(str::to_owned);
    if let Err(e) = endpoint
        .state
        .tokens
        .authorize_read(authorization.as_deref())
    {
        return refuse_read(&e);
    }
    let executed = Executed::default();
    let response = endpoint
        .schema
        .execute(
            request
                .data(Authorization(authorization))
                .data(executed.clone()),
        )
        .await;
    let status = if !response.errors.is_empty() && !executed.0.load(Ordering::SeqCst) {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    (status, Json(response)).into_response()
}
