//! The server's router over an in-memory registry holding the example models,
//! built once per fuzzing process, and one request sent through it at a time
//! (no socket: `tower::ServiceExt::oneshot` on the router).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use uda_registry::{ModelSource, RegisterOptions, Registry};
use uda_server::{router, AppState, Limits, Tokens};

pub struct Server {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
}

/// A response: its status and its body.
pub struct Answer {
    pub status: StatusCode,
    pub body: Vec<u8>,
}

impl Server {
    /// The server of this process: writes open (no tokens file, loopback), low limits so
    /// that a slow query costs the fuzzer at most a second.
    pub fn get() -> &'static Server {
        static SERVER: OnceLock<Server> = OnceLock::new();
        SERVER.get_or_init(|| {
            let registry = Registry::in_memory().expect("an in-memory registry");
            let projectors = uda_targets::projectors();
            for (name, text) in crate::EXAMPLES_IN_IMPORT_ORDER {
                registry
                    .register(
                        &ModelSource::turtle(name, text),
                        &projectors,
                        &RegisterOptions::default(),
                    )
                    .unwrap_or_else(|e| panic!("registering {name}: {e}"));
            }
            let limits = Limits {
                query_timeout: Duration::from_secs(1),
                max_results: 1_000,
                max_concurrent_queries: 2,
                ..Limits::default()
            };
            let loopback = "127.0.0.1:0".parse().expect("a socket address");
            let state = AppState::new(Arc::new(registry), Tokens::without_file(&loopback), limits);
            Server {
                runtime: tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(1)
                    .enable_all()
                    .build()
                    .expect("a tokio runtime"),
                router: router(state).expect("the server's routes"),
            }
        })
    }

    /// Sends `request` and reads the whole answer. A 500 is a bug of the server, not of the
    /// request: it panics, for the fuzzer to report.
    pub fn send(&self, request: Request<Body>) -> Answer {
        use tower::ServiceExt;
        let router = self.router.clone();
        self.runtime.block_on(async move {
            let response = router
                .oneshot(request)
                .await
                .expect("the router is infallible");
            let status = response.status();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("a readable body")
                .to_vec();
            assert_ne!(
                status,
                StatusCode::INTERNAL_SERVER_ERROR,
                "500: {}",
                String::from_utf8_lossy(&body)
            );
            Answer { status, body }
        })
    }
}
