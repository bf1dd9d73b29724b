//! The limits requests are held to.

use std::time::Duration;

/// Limits on requests. Every one is configurable from `uda serve`.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest accepted request body, in bytes.
    pub max_body_bytes: usize,
    /// Longest a SPARQL query may run.
    pub query_timeout: Duration,
    /// Most solutions (or triples) a SPARQL query may return.
    pub max_results: usize,
    /// Deepest GraphQL selection accepted.
    pub graphql_depth: usize,
    /// Largest GraphQL query complexity accepted.
    pub graphql_complexity: usize,
    /// Longest a GraphQL request (a query or a registration) may run. A registration still
    /// running at the limit writes nothing.
    pub graphql_timeout: Duration,
    /// Most requests evaluated at once, SPARQL queries and GraphQL requests together; more
    /// wait (up to their time limit) for a slot, then get 503. A request past its time limit
    /// keeps its slot until its evaluation has really stopped, so runaway requests cannot take
    /// every core.
    pub max_concurrent_queries: usize,
    /// After shutdown is asked for, how long requests still in flight are waited for; then
    /// `serve` returns without them.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            // Models are text: the largest example is a few kB; 10 MiB leaves room for big ones.
            max_body_bytes: 10 * 1024 * 1024,
            query_timeout: Duration::from_secs(5),
            max_results: 10_000,
            graphql_depth: 16,
            graphql_complexity: 10_000,
            // Registrations validate, check compatibility and project to every target: a large
            // model takes seconds in a release build, and a debug build on a busy machine (the
            // test suite) can take many times that.
            graphql_timeout: Duration::from_secs(120),
            max_concurrent_queries: std::thread::available_parallelism().map_or(2, |n| n.get() * 2),
            shutdown_grace: Duration::from_secs(10),
        }
    }
}
