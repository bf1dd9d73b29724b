//! Read-only SPARQL over the registry.
//!
//! The default graph of a query is the union of the current graphs (every
//! artifact's current version, and the catalog): the store's own default
//! graph, which the registry keeps equal to that union (see `union.rs`). Old
//! versions stay out of it and are reachable by name with
//! `GRAPH <…/version/N>` (every graph is a named graph), and a query that
//! gives its own `FROM` / `FROM NAMED` gets exactly what it asks for.

use crate::{Registry, RegistryError};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

impl Registry {
    /// Runs a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE). SPARQL Update
    /// is refused with [`RegistryError::UpdateRefused`].
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, RegistryError> {
        let prepared = match SparqlEvaluator::new().parse_query(sparql) {
            Ok(p) => p,
            Err(e) => {
                if SparqlEvaluator::new().parse_update(sparql).is_ok() {
                    return Err(RegistryError::UpdateRefused);
                }
                return Err(RegistryError::QuerySyntax(e.to_string()));
            }
        };
        prepared
            .on_store(self.store())
            .execute()
            .map_err(|e| RegistryError::Query(e.to_string()))
    }
}
