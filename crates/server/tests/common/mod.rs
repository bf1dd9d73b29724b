//! A real uda server for integration tests: `uda_server::serve` on a free loopback port, over an
//! on-disk registry in a temporary directory, shut down (gracefully) when dropped.
//!
//! Every test binary compiles this module and uses a different part of it.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;
use tempfile::TempDir;
use uda_registry::{ModelSource, Registry};
use uda_server::{AppState, Limits, Tokens};

/// A query that runs far longer than any test's time limit (every pair of quads of the store,
/// compared as strings) and notices its cancellation at once (it reads quads all along).
pub const SLOW_QUERY: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER(STR(?f) = CONCAT(STR(?c), \"x\")) }";

/// A running server. `registry` is the very registry it serves (shared), so a test can check
/// what was (not) written without going through HTTP.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub url: String,
    pub registry: Arc<Registry>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<std::io::Result<()>>>,
    /// Last, so that the directory outlives the registry (fields drop in order).
    pub dir: TempDir,
}

/// A response, whatever its status.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    /// The `Content-Type` header, or "".
    pub content_type: String,
    pub body: String,
}

impl Response {
    /// The body as JSON; panics with the body when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}), status {}: {}", self.status, self.body))
    }
}

impl TestServer {
    /// A server with writes open (no tokens file, loopback) and the default limits.
    pub fn start() -> TestServer {
        TestServer::start_with(None, Limits::default())
    }

    /// A server with this tokens file (TOML text; `None`: no tokens file) and these limits.
    pub fn start_with(tokens_toml: Option<&str>, limits: Limits) -> TestServer {
        TestServer::start_on("127.0.0.1:0", tokens_toml, limits)
    }

    /// A server listening on `bind` (e.g. `0.0.0.0:0`, to test a non-loopback bind); `url`
    /// still reaches it through 127.0.0.1.
    pub fn start_on(bind: &str, tokens_toml: Option<&str>, limits: Limits) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let registry = Arc::new(Registry::open(dir.path().join("data")).expect("open registry"));
        let std_listener = std::net::TcpListener::bind(bind).expect("bind");
        let port = std_listener.local_addr().expect("local addr").port();
        let bound: SocketAddr = std_listener.local_addr().expect("local addr");
        let tokens = match tokens_toml {
            Some(text) => Tokens::parse(text, "tokens.toml").expect("tokens file"),
            None => Tokens::without_file(&bound),
        };
        let state = AppState::new(registry.clone(), tokens, limits);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        std_listener.set_nonblocking(true).expect("nonblocking");
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()?;
            let served = runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(std_listener)?;
                uda_server::serve(listener, state, async {
                    let _ = rx.await;
                })
                .await
            });
            // A cancelled query may still be winding down on a blocking thread.
            runtime.shutdown_timeout(Duration::from_secs(10));
            served
        });
        TestServer {
            url: format!("http://127.0.0.1:{port}"),
            registry,
            shutdown: Some(tx),
            thread: Some(thread),
            dir,
        }
    }

    /// Asks the server to stop, waits for in-flight requests and returns how `serve` ended.
    pub fn stop(mut self) -> std::io::Result<()> {
        self.stop_inner()
    }

    fn stop_inner(&mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match self.thread.take() {
            Some(thread) => thread.join().expect("server thread panicked"),
            None => Ok(()),
        }
    }

    /// `GET url + path_and_query` with these headers.
    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        get(&format!("{}{path}", self.url), headers)
    }

    /// `POST` a body with a content type and these headers.
    pub fn post(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<Vec<u8>>,
        headers: &[(&str, &str)],
    ) -> Response {
        post(&format!("{}{path}", self.url), content_type, body, headers)
    }

    /// `POST` JSON, with `Authorization: Bearer TOKEN` when a token is given.
    pub fn post_json(&self, path: &str, json: &serde_json::Value, token: Option<&str>) -> Response {
        post_json(&format!("{}{path}", self.url), json, token)
    }

    /// Registers an example model (`onepiece`, `studio`, `marketing`) directly in the registry
    /// the server holds, bypassing HTTP (for tests of the read side).
    pub fn register_example(&self, name: &str) {
        self.register_turtle(&format!("{name}.ttl"), &example(name));
    }

    /// Registers Turtle text directly in the registry the server holds, bypassing HTTP.
    pub fn register_turtle(&self, name: &str, text: &str) {
        self.registry
            .register(
                &ModelSource::turtle(name, text),
                &uda_targets::projectors(),
                &uda_registry::RegisterOptions::default(),
            )
            .unwrap_or_else(|e| panic!("registering {name}: {e}"));
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // Not while unwinding from a failed assertion: a second panic would abort the test run.
        if !std::thread::panicking() {
            let _ = self.stop_inner();
        } else if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// The Turtle text of an example model: `onepiece`, `studio`, `marketing`.
pub fn example(name: &str) -> String {
    let path = uda_testkit::examples_dir().join(format!("{name}.ttl"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .new_agent()
}

fn read(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Response {
    let mut response = result.unwrap_or_else(|e| panic!("HTTP request failed: {e}"));
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = response
        .body_mut()
        .with_config()
        .limit(256 * 1024 * 1024)
        .read_to_string()
        .unwrap_or_else(|e| panic!("reading the body: {e}"));
    Response {
        status,
        content_type,
        body,
    }
}

/// `GET` a full URL with these headers.
pub fn get(url: &str, headers: &[(&str, &str)]) -> Response {
    let mut request = agent().get(url);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    read(request.call())
}

/// `POST` a body to a full URL.
pub fn post(
    url: &str,
    content_type: &str,
    body: impl Into<Vec<u8>>,
    headers: &[(&str, &str)],
) -> Response {
    let mut request = agent().post(url).header("content-type", content_type);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    read(request.send(body.into()))
}

/// `POST` JSON to a full URL, with a bearer token when given.
pub fn post_json(url: &str, json: &serde_json::Value, token: Option<&str>) -> Response {
    let auth = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth
        .as_deref()
        .map(|a| ("authorization", a))
        .into_iter()
        .collect();
    post(url, "application/json", json.to_string(), &headers)
}
