//! `uda serve`: the GraphQL API and the SPARQL endpoint over a data directory, until SIGINT or
//! SIGTERM.

use crate::place::DataArgs;
use crate::{runtime, usage, Failure};
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use uda_server::{AppState, Limits, Tokens};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// The address to listen on (port 0: any free port; the address is printed).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// The tokens file (TOML: `[[token]] secret = "…", domains = ["studio"]`, and
    /// `reads = "token"` to close reads). Without it, writes are open on a loopback
    /// address and refused on any other.
    #[arg(long, value_name = "FILE")]
    pub tokens: Option<PathBuf>,
    /// Longest a SPARQL query may run, in seconds.
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    pub query_timeout: Option<Duration>,
    /// Most solutions (or triples) a SPARQL query may return; more is an error asking for LIMIT.
    #[arg(long, value_name = "N")]
    pub max_results: Option<usize>,
    /// Largest accepted request body, in bytes.
    #[arg(long, value_name = "BYTES")]
    pub max_body: Option<usize>,
    /// Deepest GraphQL selection accepted.
    #[arg(long, value_name = "N")]
    pub graphql_depth: Option<usize>,
    /// Largest GraphQL query complexity accepted.
    #[arg(long, value_name = "N")]
    pub graphql_complexity: Option<usize>,
    /// Longest a GraphQL request (a query or a registration) may run, in seconds (default
    /// 120); a registration still running then writes nothing.
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    pub graphql_timeout: Option<Duration>,
    /// Most requests evaluated at once, SPARQL queries and GraphQL requests together
    /// (default: twice the number of cores); more wait for a slot up to their time limit,
    /// then get 503.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_concurrent_queries: Option<u32>,
    /// At SIGINT or SIGTERM, how long the requests in flight are waited for, in seconds
    /// (default 10); then the server exits without them.
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    pub shutdown_grace: Option<Duration>,
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
    let secs: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if secs.is_finite() && secs > 0.0 {
        Duration::try_from_secs_f64(secs).map_err(|e| e.to_string())
    } else {
        Err(format!("the timeout must be positive, not {text}"))
    }
}

impl Args {
    fn limits(&self) -> Limits {
        let default = Limits::default();
        Limits {
            max_body_bytes: self.max_body.unwrap_or(default.max_body_bytes),
            query_timeout: self.query_timeout.unwrap_or(default.query_timeout),
            max_results: self.max_results.unwrap_or(default.max_results),
            graphql_depth: self.graphql_depth.unwrap_or(default.graphql_depth),
            graphql_complexity: self
                .graphql_complexity
                .unwrap_or(default.graphql_complexity),
            graphql_timeout: self.graphql_timeout.unwrap_or(default.graphql_timeout),
            max_concurrent_queries: self
                .max_concurrent_queries
                .map_or(default.max_concurrent_queries, |n| n as usize),
            shutdown_grace: self.shutdown_grace.unwrap_or(default.shutdown_grace),
        }
    }
}

pub fn run(args: &Args) -> crate::Outcome {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let bind = resolve(&args.bind)?;
    let tokens_file = match &args.tokens {
        Some(path) => Some(Tokens::load(path).map_err(|e| usage(e.to_string()))?),
        None => None,
    };
    let registry = args.data.open(true)?;
    let registry = Arc::new(registry);
    let limits = args.limits();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| runtime(format!("cannot start the async runtime: {e}")))?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .map_err(|e| crate::runtime(format!("cannot listen on {bind}: {e}")))?;
        let address = listener
            .local_addr()
            .map_err(|e| crate::runtime(format!("cannot listen on {bind}: {e}")))?;
        // Without a tokens file, open writes check the Host header against the address really
        // bound (its port too, when --bind asked for any free port).
        let tokens = tokens_file.unwrap_or_else(|| Tokens::without_file(&address));
        let state = AppState::new(registry, tokens, limits);
        if args.tokens.is_none() {
            if state.tokens.writes_open() {
                tracing::warn!(
                    "no --tokens file: anyone who can connect to {address} may register, change and delete models (allowed on a loopback address only)"
                );
            } else {
                tracing::warn!(
                    "no --tokens file on the non-loopback address {address}: writes are refused; give --tokens FILE to allow them"
                );
            }
        }
        let shutdown = shutdown_signal();
        eprintln!("listening on http://{address}");
        match uda_server::serve(listener, state, shutdown).await {
            Ok(()) => {
                tracing::info!("stopped");
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                tracing::error!("the server failed: {e}");
                Ok(ExitCode::from(3))
            }
        }
    });
    // Every request has been answered, or the shutdown grace is over. What may still run on a
    // blocking thread is a cancelled query that has not yet noticed, or a registration past its
    // client or the grace: the first is abandoned, the second writes nothing (it commits in one
    // transaction). A second at most, so that the exit stays within the grace and a second.
    runtime.shutdown_timeout(Duration::from_secs(1));
    served
}

/// The first address `ADDR` names (`127.0.0.1:8080`, `localhost:8080`, `[::1]:0`).
fn resolve(bind: &str) -> Result<SocketAddr, Failure> {
    bind.to_socket_addrs()
        .map_err(|e| usage(format!("--bind {bind}: {e} (expected HOST:PORT)")))?
        .next()
        .ok_or_else(|| usage(format!("--bind {bind}: names no address")))
}

/// Completes at SIGINT (Ctrl-C) or SIGTERM. The handlers are installed when this is called,
/// before `listening on` is printed: a signal arriving while the server still builds its router
/// (before it first polls this future) then stops it gracefully instead of killing it.
fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, Signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        let received = |signal: std::io::Result<Signal>| async move {
            match signal {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        async move {
            tokio::select! {
                () = received(interrupt) => tracing::info!("SIGINT: finishing the requests in flight"),
                () = received(terminate) => tracing::info!("SIGTERM: finishing the requests in flight"),
            }
        }
    }
    #[cfg(not(unix))]
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
        tracing::info!("Ctrl-C: finishing the requests in flight");
    }
}
