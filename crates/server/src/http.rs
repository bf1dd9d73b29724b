//! The router (every route, the layers: body limit, request log, error messages) and `serve`
//! with graceful shutdown.

use crate::AppState;
use axum::body::{Body, HttpBody};
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::future::{Future, IntoFuture};
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;

const INDEX_HTML: &str = include_str!("../../../web/index.html");

/// Every route of the server: `/` (an index page), `/health`, `/graphql` (the GraphQL API and
/// GraphiQL), `/sparql` (the SPARQL 1.1 Protocol and an editor page). Fails only when the
/// GraphQL schema cannot be built, which is a bug of uda, not of any input.
pub fn router(state: AppState) -> Result<Router, String> {
    let limit = state.limits.max_body_bytes;
    let graphql = crate::graphql::routes(&state)?;
    Ok(Router::new()
        .route("/", get(|| async { Html(INDEX_HTML) }))
        .route("/health", get(health))
        .merge(crate::sparql::routes(state))
        .merge(graphql)
        .fallback(not_found)
        // Both: the tower-http layer refuses a declared Content-Length over the limit before
        // the body is read and caps streamed bodies for every handler; axum's own extractors
        // have a 2 MB default of their own that must not be lower.
        .layer(DefaultBodyLimit::max(limit))
        .layer(RequestBodyLimitLayer::new(limit))
        // Outside the limit layers, to give their 413 a message.
        .layer(middleware::from_fn_with_state(limit, explain_errors))
        .layer(
            TraceLayer::new_for_http()
                // One line per request, at the response: method, path (no query string, no
                // headers: they may carry tokens), status, latency.
                .make_span_with(|request: &Request| {
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %request.uri().path(),
                    )
                })
                .on_request(())
                .on_response(|response: &Response, latency: Duration, _span: &Span| {
                    tracing::info!(status = response.status().as_u16(), ?latency, "answered");
                })
                .on_failure(()),
        ))
}

/// Serves `state` on `listener` until `shutdown` completes, then stops accepting connections
/// and waits for the requests in flight to finish, for `limits.shutdown_grace` at most: then it
/// returns without them (their connections are closed). A registration is one transaction on a
/// blocking thread: it commits before its answer, or writes nothing.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let grace = state.limits.shutdown_grace;
    let app = router(state).map_err(std::io::Error::other)?;
    let (asked, stopping) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown.await;
            let _ = asked.send(());
        })
        .into_future();
    let deadline = async move {
        // A dropped sender means the server ended on its own: no deadline then.
        if stopping.await.is_err() {
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        served = server => served,
        () = deadline => {
            tracing::warn!(
                "requests still running {} s after shutdown was asked for: stopping without them",
                grace.as_secs_f64()
            );
            Ok(())
        }
    }
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

async fn not_found(request: Request) -> Response {
    text(
        StatusCode::NOT_FOUND,
        format!(
            "no such route: {} {} (the routes are /graphql, /sparql and /health; see /)",
            request.method(),
            request.uri().path()
        ),
    )
}

/// Gives the bodiless error responses of the layers and of axum a message: a body over the
/// limit (413), a method a route does not have (405).
async fn explain_errors(
    axum::extract::State(limit): axum::extract::State<usize>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the request body is larger than the limit of {limit} bytes (uda serve --max-body BYTES)"
            ),
        ),
        StatusCode::METHOD_NOT_ALLOWED if response.body().size_hint().exact() == Some(0) => {
            let allow = response.headers().get(header::ALLOW).cloned();
            let mut answer = text(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("{path} does not answer {method}"),
            );
            if let Some(allow) = allow {
                answer.headers_mut().insert(header::ALLOW, allow);
            }
            answer
        }
        _ => response,
    }
}

/// A plain-text answer, the form every non-GraphQL error takes.
pub(crate) fn text(status: StatusCode, message: impl Into<String>) -> Response {
    let mut message = message.into();
    if !message.ends_with('\n') {
        message.push('\n');
    }
    let mut response = (status, Body::from(message)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
