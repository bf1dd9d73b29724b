//! Reading the catalog whole and any graph by name: what API clients (the
//! server's GraphQL catalog and mappings) list without writing SPARQL.

use crate::catalog::{self, CatalogEntry};
use crate::names::{cat, iri, CATALOG_GRAPH};
use crate::registry::graph_triples;
use crate::{Registry, RegistryError};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Graph, NamedOrBlankNode};

impl Registry {
    /// Every entry of the catalog, sorted by graph name.
    pub fn catalog(&self) -> Result<Vec<CatalogEntry>, RegistryError> {
        let catalog_graph = iri(CATALOG_GRAPH);
        let graph_class = cat("Graph");
        let mut names: Vec<String> = self
            .store()
            .quads_for_pattern(
                None,
                Some(rdf::TYPE),
                Some(graph_class.as_ref().into()),
                Some(catalog_graph.as_ref().into()),
            )
            .filter_map(|q| match q {
                Ok(q) => match q.subject {
                    NamedOrBlankNode::NamedNode(n) => Some(Ok(n.into_string())),
                    NamedOrBlankNode::BlankNode(_) => None,
                },
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<_, _>>()?;
        names.sort();
        names.dedup();
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            if let Some(entry) = catalog::read(self.store(), &name)? {
                out.push(entry);
            }
        }
        Ok(out)
    }

    /// Every triple of the graph named `name` (a model, a version, a
    /// projection's container or mappings, the catalog). An unknown name is an
    /// empty graph.
    pub fn graph(&self, name: &str) -> Result<Graph, RegistryError> {
        Ok(graph_triples(self.store(), name)?.into_iter().collect())
    }
}
