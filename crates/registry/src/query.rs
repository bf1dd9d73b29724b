//! Read-only SPARQL over the registry.
//!
//! The default graph of a query is the union of the current graphs (every
//! artifact's current version, and the catalog): the store's own default
//! graph, which the registry keeps equal to that union (see `union.rs`). Old
//! versions stay out of it and are reachable by name with
//! `GRAPH <…/version/N>` (every graph is a named graph), and a query that
//! gives its own `FROM` / `FROM NAMED` gets exactly what it asks for.

use crate::{Registry, RegistryError};
use oxigraph::model::{GraphName, NamedNode};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};

/// How to run a query beyond its text: the dataset a client gives from outside the query (the
/// SPARQL Protocol's `default-graph-uri` / `named-graph-uri`), and a way to stop it.
#[derive(Clone, Default)]
pub struct QueryOptions {
    /// When set, the dataset is exactly these default and named graphs, whatever the query's
    /// own `FROM` / `FROM NAMED` say (an empty list is an empty default graph, or no named
    /// graphs). `None`: the query's dataset, or the registry's (see the module documentation).
    pub dataset: Option<Dataset>,
    /// Cancelling it makes the query (or the iteration of its results) fail soon after with
    /// `QueryEvaluationError::Cancelled`, seen as [`RegistryError::Query`].
    pub cancellation: Option<CancellationToken>,
}

/// A dataset given from outside a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    /// The graphs whose merge is the default graph.
    pub default_graphs: Vec<NamedNode>,
    /// The graphs `GRAPH` may address.
    pub named_graphs: Vec<NamedNode>,
}

impl Registry {
    /// Runs a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE). SPARQL Update
    /// is refused with [`RegistryError::UpdateRefused`].
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, RegistryError> {
        self.query_with(sparql, &QueryOptions::default())
    }

    /// [`Registry::query`] with a dataset given from outside the query and a cancellation
    /// token. The results are lazy: evaluation continues (and can still be cancelled) while
    /// they are iterated.
    pub fn query_with(
        &self,
        sparql: &str,
        options: &QueryOptions,
    ) -> Result<QueryResults<'static>, RegistryError> {
        let mut evaluator = SparqlEvaluator::new();
        if let Some(token) = &options.cancellation {
            evaluator = evaluator.with_cancellation_token(token.clone());
        }
        let mut prepared = match evaluator.parse_query(sparql) {
            Ok(p) => p,
            Err(e) => {
                if SparqlEvaluator::new().parse_update(sparql).is_ok() {
                    return Err(RegistryError::UpdateRefused);
                }
                return Err(RegistryError::QuerySyntax(e.to_string()));
            }
        };
        if let Some(dataset) = &options.dataset {
            let spec = prepared.dataset_mut();
            spec.set_default_graph(
                dataset
                    .default_graphs
                    .iter()
                    .map(|g| GraphName::NamedNode(g.clone()))
                    .collect(),
            );
            spec.set_available_named_graphs(
                dataset
                    .named_graphs
                    .iter()
                    .map(|g| g.clone().into())
                    .collect(),
            );
        }
        prepared
            .on_store(self.store())
            .execute()
            .map_err(|e| RegistryError::Query(e.to_string()))
    }
}
