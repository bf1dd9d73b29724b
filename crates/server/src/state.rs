//! What every request handler shares: the registry, the tokens, the limits.

use crate::{Limits, Tokens};
use std::sync::Arc;
use tokio::sync::Semaphore;
use uda_projection::Projector;
use uda_registry::Registry;

/// The shared state of the server. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The registry. Its calls block (RocksDB): run them in `spawn_blocking`.
    pub registry: Arc<Registry>,
    /// Who may write what (and read, when reads are closed).
    pub tokens: Arc<Tokens>,
    pub limits: Limits,
    /// Every projection target, as `uda_targets::projectors()` gives them.
    pub projectors: Arc<Vec<Box<dyn Projector>>>,
    /// One permit per SPARQL query allowed to evaluate at once (`limits.max_concurrent_queries`).
    pub query_slots: Arc<Semaphore>,
}

impl AppState {
    /// The state of a server over `registry`, projecting to every target.
    pub fn new(registry: Arc<Registry>, tokens: Tokens, limits: Limits) -> AppState {
        AppState {
            registry,
            tokens: Arc::new(tokens),
            limits,
            projectors: Arc::new(uda_targets::projectors()),
            query_slots: Arc::new(Semaphore::new(limits.max_concurrent_queries.max(1))),
        }
    }
}
