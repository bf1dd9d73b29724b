//! Reading the catalog whole and any graph by name: what API clients (the
//! server's GraphQL catalog and mappings) list without writing SPARQL.

use crate::catalog::{self, Entry, GraphKind};
use crate::compat::CompatibilityMode;
use crate::names::{cat, iri, CATALOG_GRAPH};
use crate::{Registry, RegistryError};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Graph, GraphNameRef, NamedNode, NamedOrBlankNode, Triple};
use serde::Serialize;

/// Everything the catalog says about one graph (see the crate README, "Catalog").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogEntry {
    /// The graph's name.
    pub graph: String,
    pub kind: Option<GraphKind>,
    /// The version graph of the model governing it.
    pub governed_by: Option<String>,
    /// The version graphs of the models it imports.
    pub imports: Vec<String>,
    /// For a projection: the model version graph it was projected from.
    pub derived_from: Option<String>,
    /// For a projection: its target (`graphql`, `sql-postgres`, ...).
    pub target: Option<String>,
    /// For a version graph: the artifact's current graph name.
    pub version_of: Option<String>,
    pub version: Option<u64>,
    /// For a current graph: the version graph it holds (absent once deleted).
    pub current_version: Option<String>,
    pub hash: Option<String>,
    pub created_at: Option<String>,
    pub principal: Option<String>,
    pub compatibility: Option<CompatibilityMode>,
    pub deleted_at: Option<String>,
    pub deleted_by: Option<String>,
}

impl From<Entry> for CatalogEntry {
    fn from(e: Entry) -> Self {
        CatalogEntry {
            graph: e.graph,
            kind: e.kind,
            governed_by: e.governed_by,
            imports: e.imports,
            derived_from: e.derived_from,
            target: e.target,
            version_of: e.version_of,
            version: e.version,
            current_version: e.current_version,
            hash: e.hash,
            created_at: e.created_at,
            principal: e.principal,
            compatibility: e.compatibility,
            deleted_at: e.deleted_at,
            deleted_by: e.deleted_by,
        }
    }
}

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
                out.push(entry.into());
            }
        }
        Ok(out)
    }

    /// Every triple of the graph named `name` (a model, a version, a
    /// projection's container or mappings, the catalog). An unknown name is an
    /// empty graph.
    pub fn graph(&self, name: &str) -> Result<Graph, RegistryError> {
        let mut graph = Graph::new();
        let Ok(node) = NamedNode::new(name) else {
            return Ok(graph);
        };
        for q in self.store().quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(node.as_ref())),
        ) {
            graph.insert(&Triple::from(q?));
        }
        Ok(graph)
    }
}
