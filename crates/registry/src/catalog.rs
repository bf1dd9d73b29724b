//! Reading and writing catalog entries (vocabulary: `ontologies/catalog.ttl`).
//!
//! An entry is the set of triples about one graph name in the catalog graph.
//! Entries are replaced whole: remove every triple about the subject, insert
//! the new ones, inside the caller's transaction.

use crate::names::{cat, iri, CATALOG_GRAPH};
use crate::RegistryError;
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, QuadRef, Term,
    TermRef, Triple,
};
use oxigraph::store::{StorageError, Store, Transaction};
use serde::Serialize;
use std::fmt;
use uda_diff::CompatibilityMode;

/// What a named graph of the registry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GraphKind {
    /// The Upper metamodel.
    Metamodel,
    /// A model shipped with uda (GraphQL, Avro, SQL container models; the catalog model).
    SystemModel,
    /// The mapping model.
    MappingModel,
    /// A registered domain model.
    DomainModel,
    /// The container representation a projection produced.
    ContainerRepresentation,
    /// The representation of an existing container (a database schema, a
    /// set of Avro schemas, a GraphQL schema), registered on its own.
    Container,
    /// The mappings a projection produced.
    Mappings,
    /// A hand-written mapping from a domain model to an existing container,
    /// registered on its own.
    Mapping,
    /// The catalog graph.
    Catalog,
}

impl GraphKind {
    const ALL: [GraphKind; 9] = [
        Self::Metamodel,
        Self::SystemModel,
        Self::MappingModel,
        Self::DomainModel,
        Self::ContainerRepresentation,
        Self::Container,
        Self::Mappings,
        Self::Mapping,
        Self::Catalog,
    ];

    fn local(self) -> &'static str {
        match self {
            Self::Metamodel => "Metamodel",
            Self::SystemModel => "SystemModel",
            Self::MappingModel => "MappingModel",
            Self::DomainModel => "DomainModel",
            Self::ContainerRepresentation => "ContainerRepresentation",
            Self::Container => "Container",
            Self::Mappings => "Mappings",
            Self::Mapping => "Mapping",
            Self::Catalog => "Catalog",
        }
    }

    /// Whether graphs of this kind are models (validated against Upper).
    pub fn is_model(self) -> bool {
        matches!(
            self,
            Self::Metamodel | Self::SystemModel | Self::MappingModel | Self::DomainModel
        )
    }
}

impl fmt::Display for GraphKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Metamodel => "metamodel",
            Self::SystemModel => "system model",
            Self::MappingModel => "mapping model",
            Self::DomainModel => "domain model",
            Self::ContainerRepresentation => "container representation",
            Self::Container => "container",
            Self::Mappings => "mappings",
            Self::Mapping => "mapping",
            Self::Catalog => "catalog",
        })
    }
}

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
    /// For a registered mapping: the model version graph and the container
    /// version graph it was checked against when registered.
    pub connects: Vec<String>,
    /// For a projection: its target (`graphql`, `sql-postgres`, ...).
    pub target: Option<String>,
    /// For an existing container: where it is (its coordinates' location;
    /// the system is `target`).
    pub location: Option<String>,
    /// For an existing container: its name within its location.
    pub container_name: Option<String>,
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
    /// For the catalog itself: the data format of the directory.
    pub format_version: Option<u64>,
}

impl CatalogEntry {
    pub fn new(graph: &str, kind: GraphKind) -> Self {
        Self {
            graph: graph.to_owned(),
            kind: Some(kind),
            governed_by: None,
            imports: Vec::new(),
            derived_from: None,
            connects: Vec::new(),
            target: None,
            location: None,
            container_name: None,
            version_of: None,
            version: None,
            current_version: None,
            hash: None,
            created_at: None,
            principal: None,
            compatibility: None,
            deleted_at: None,
            deleted_by: None,
            format_version: None,
        }
    }

    /// Whether this is the entry of a current graph that still exists.
    pub fn is_current(&self) -> bool {
        self.current_version.is_some()
    }

    fn quads(&self) -> Vec<Quad> {
        let s = iri(&self.graph);
        let g = iri(CATALOG_GRAPH);
        let mut out = Vec::new();
        let mut add = |p: NamedNode, o: Term| out.push(Quad::new(s.clone(), p, o, g.clone()));
        add(rdf::TYPE.into_owned(), cat("Graph").into());
        if let Some(k) = self.kind {
            add(cat("kind"), cat(k.local()).into());
        }
        let node = |v: &str| Term::from(iri(v));
        let integer = |v: u64| Term::from(Literal::new_typed_literal(v.to_string(), xsd::INTEGER));
        let string = |v: &str| Term::from(Literal::new_simple_literal(v));
        let time = |v: &str| Term::from(Literal::new_typed_literal(v, xsd::DATE_TIME));
        for v in &self.imports {
            add(cat("imports"), node(v));
        }
        for v in &self.connects {
            add(cat("connects"), node(v));
        }
        let optional = [
            ("governedBy", self.governed_by.as_deref().map(node)),
            ("derivedFrom", self.derived_from.as_deref().map(node)),
            ("target", self.target.as_deref().map(string)),
            ("location", self.location.as_deref().map(string)),
            ("containerName", self.container_name.as_deref().map(string)),
            ("versionOf", self.version_of.as_deref().map(node)),
            ("versionNumber", self.version.map(integer)),
            ("currentVersion", self.current_version.as_deref().map(node)),
            ("contentHash", self.hash.as_deref().map(string)),
            ("createdAt", self.created_at.as_deref().map(time)),
            ("principal", self.principal.as_deref().map(string)),
            (
                "compatibility",
                self.compatibility.map(|v| cat(mode_name(v)).into()),
            ),
            ("deletedAt", self.deleted_at.as_deref().map(time)),
            ("deletedBy", self.deleted_by.as_deref().map(string)),
            ("formatVersion", self.format_version.map(integer)),
        ];
        for (predicate, object) in optional {
            if let Some(object) = object {
                add(cat(predicate), object);
            }
        }
        out
    }

    /// Builds an entry from the catalog triples about `graph`.
    fn from_quads(graph: &str, quads: &[Quad]) -> Result<Option<Self>, RegistryError> {
        if quads.is_empty() {
            return Ok(None);
        }
        let mut e = CatalogEntry::new(graph, GraphKind::DomainModel);
        e.kind = None;
        let bad = |what: &str, o: &Term| {
            RegistryError::Corrupt(format!("<{graph}> has an unreadable {what}: {o}"))
        };
        for q in quads {
            let p = q.predicate.as_str();
            let Some(local) = p.strip_prefix(crate::names::CAT_NS) else {
                continue;
            };
            let o = &q.object;
            let node = || match o {
                Term::NamedNode(n) => Ok(n.as_str().to_owned()),
                other => Err(bad(local, other)),
            };
            let text = || match o {
                Term::Literal(l) => Ok(l.value().to_owned()),
                other => Err(bad(local, other)),
            };
            let number = || text().and_then(|t| t.parse::<u64>().map_err(|_| bad(local, o)));
            match local {
                "kind" => {
                    let n = node()?;
                    let name = n.strip_prefix(crate::names::CAT_NS).unwrap_or(&n);
                    e.kind = Some(
                        GraphKind::ALL
                            .into_iter()
                            .find(|k| k.local() == name)
                            .ok_or_else(|| bad(local, o))?,
                    );
                }
                "governedBy" => e.governed_by = Some(node()?),
                "imports" => e.imports.push(node()?),
                "derivedFrom" => e.derived_from = Some(node()?),
                "connects" => e.connects.push(node()?),
                "target" => e.target = Some(text()?),
                "location" => e.location = Some(text()?),
                "containerName" => e.container_name = Some(text()?),
                "versionOf" => e.version_of = Some(node()?),
                "versionNumber" => e.version = Some(number()?),
                "currentVersion" => e.current_version = Some(node()?),
                "contentHash" => e.hash = Some(text()?),
                "createdAt" => e.created_at = Some(text()?),
                "principal" => e.principal = Some(text()?),
                "compatibility" => {
                    let n = node()?;
                    let name = n.strip_prefix(crate::names::CAT_NS).unwrap_or(&n);
                    e.compatibility = Some(mode_from_name(name).ok_or_else(|| bad(local, o))?);
                }
                "deletedAt" => e.deleted_at = Some(text()?),
                "deletedBy" => e.deleted_by = Some(text()?),
                "formatVersion" => e.format_version = Some(number()?),
                _ => {}
            }
        }
        e.imports.sort();
        e.connects.sort();
        Ok(Some(e))
    }
}

/// The local name of a compatibility mode's value in the catalog vocabulary.
fn mode_name(mode: CompatibilityMode) -> &'static str {
    match mode {
        CompatibilityMode::None => "None",
        CompatibilityMode::Backward => "Backward",
        CompatibilityMode::Forward => "Forward",
        CompatibilityMode::Full => "Full",
        CompatibilityMode::BackwardTransitive => "BackwardTransitive",
        CompatibilityMode::ForwardTransitive => "ForwardTransitive",
        CompatibilityMode::FullTransitive => "FullTransitive",
    }
}

fn mode_from_name(name: &str) -> Option<CompatibilityMode> {
    CompatibilityMode::ALL
        .into_iter()
        .find(|m| mode_name(*m) == name)
}

/// Read access to quads, from the store or from inside a transaction (which
/// sees its own writes).
pub(crate) trait Quads {
    fn quads(
        &self,
        s: Option<NamedOrBlankNodeRef<'_>>,
        p: Option<NamedNodeRef<'_>>,
        o: Option<TermRef<'_>>,
        g: Option<GraphNameRef<'_>>,
    ) -> Result<Vec<Quad>, StorageError>;
}

impl Quads for Store {
    fn quads(
        &self,
        s: Option<NamedOrBlankNodeRef<'_>>,
        p: Option<NamedNodeRef<'_>>,
        o: Option<TermRef<'_>>,
        g: Option<GraphNameRef<'_>>,
    ) -> Result<Vec<Quad>, StorageError> {
        self.quads_for_pattern(s, p, o, g).collect()
    }
}

impl Quads for Transaction<'_> {
    fn quads(
        &self,
        s: Option<NamedOrBlankNodeRef<'_>>,
        p: Option<NamedNodeRef<'_>>,
        o: Option<TermRef<'_>>,
        g: Option<GraphNameRef<'_>>,
    ) -> Result<Vec<Quad>, StorageError> {
        self.quads_for_pattern(s, p, o, g).collect()
    }
}

/// Writes of a registration, deletion or change of mode: into a transaction,
/// or into [`crate::insertions::Insertions`].
pub(crate) trait Writes: Quads {
    /// The content of named graph `graph` before these writes: what
    /// replacing a current graph compares with. It is read through the
    /// writes, unless they know the graph is not written yet (see
    /// [`Publishing`]).
    fn graph_before(&self, graph: NamedNodeRef<'_>) -> Result<Vec<Quad>, StorageError> {
        self.quads(None, None, None, Some(GraphNameRef::NamedNode(graph)))
    }
    fn insert(&mut self, quad: QuadRef<'_>);
    fn remove(&mut self, quad: QuadRef<'_>);
    fn insert_named_graph(&mut self, graph: NamedNodeRef<'_>);
    fn remove_named_graph(&mut self, graph: NamedNodeRef<'_>) -> Result<(), StorageError>;
}

impl Writes for Transaction<'_> {
    fn insert(&mut self, quad: QuadRef<'_>) {
        Transaction::insert(self, quad);
    }

    fn remove(&mut self, quad: QuadRef<'_>) {
        Transaction::remove(self, quad);
    }

    fn insert_named_graph(&mut self, graph: NamedNodeRef<'_>) {
        Transaction::insert_named_graph(self, graph);
    }

    fn remove_named_graph(&mut self, graph: NamedNodeRef<'_>) -> Result<(), StorageError> {
        Transaction::remove_named_graph(self, graph)
    }
}

/// A registration's transaction, reading the graphs it replaces from the
/// store itself: a registration replaces each current graph once, so their
/// content before it is the store's, and reading it through the transaction's
/// indexed batch costs a lookup in the batch for every string of every quad.
pub(crate) struct Publishing<'a> {
    pub(crate) tx: Transaction<'a>,
    pub(crate) store: &'a Store,
}

impl Quads for Publishing<'_> {
    fn quads(
        &self,
        s: Option<NamedOrBlankNodeRef<'_>>,
        p: Option<NamedNodeRef<'_>>,
        o: Option<TermRef<'_>>,
        g: Option<GraphNameRef<'_>>,
    ) -> Result<Vec<Quad>, StorageError> {
        self.tx.quads(s, p, o, g)
    }
}

impl Writes for Publishing<'_> {
    fn graph_before(&self, graph: NamedNodeRef<'_>) -> Result<Vec<Quad>, StorageError> {
        self.store
            .quads(None, None, None, Some(GraphNameRef::NamedNode(graph)))
    }

    fn insert(&mut self, quad: QuadRef<'_>) {
        self.tx.insert(quad);
    }

    fn remove(&mut self, quad: QuadRef<'_>) {
        self.tx.remove(quad);
    }

    fn insert_named_graph(&mut self, graph: NamedNodeRef<'_>) {
        self.tx.insert_named_graph(graph);
    }

    fn remove_named_graph(&mut self, graph: NamedNodeRef<'_>) -> Result<(), StorageError> {
        self.tx.remove_named_graph(graph)
    }
}

fn catalog_graph() -> NamedNode {
    iri(CATALOG_GRAPH)
}

/// The entry of `graph`, if the catalog has one.
pub(crate) fn read(r: &impl Quads, graph: &str) -> Result<Option<CatalogEntry>, RegistryError> {
    let Ok(subject) = NamedNode::new(graph) else {
        return Ok(None);
    };
    let g = catalog_graph();
    let quads = r.quads(
        Some(subject.as_ref().into()),
        None,
        None,
        Some(g.as_ref().into()),
    )?;
    CatalogEntry::from_quads(graph, &quads)
}

/// The graph names whose entry has `predicate` `object` (e.g. every version of an artifact).
pub(crate) fn subjects(
    r: &impl Quads,
    predicate: &str,
    object: TermRef<'_>,
) -> Result<Vec<String>, RegistryError> {
    let g = catalog_graph();
    let p = cat(predicate);
    let mut out: Vec<String> = r
        .quads(
            None,
            Some(p.as_ref()),
            Some(object),
            Some(g.as_ref().into()),
        )?
        .into_iter()
        .filter_map(|q| match q.subject {
            oxigraph::model::NamedOrBlankNode::NamedNode(n) => Some(n.into_string()),
            _ => None,
        })
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}

/// Every version entry of the artifact whose current graph is `artifact`, by version number.
pub(crate) fn versions(r: &impl Quads, artifact: &str) -> Result<Vec<CatalogEntry>, RegistryError> {
    let Ok(node) = NamedNode::new(artifact) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for graph in subjects(r, "versionOf", node.as_ref().into())? {
        if let Some(e) = read(r, &graph)? {
            out.push(e);
        }
    }
    out.sort_by_key(|e| e.version);
    Ok(out)
}

/// Replaces the entry of `entry.graph` with `entry`.
pub(crate) fn write(tx: &mut impl Writes, entry: &CatalogEntry) -> Result<(), RegistryError> {
    remove(tx, &entry.graph)?;
    let triples: Vec<Triple> = entry.quads().into_iter().map(Triple::from).collect();
    crate::union::insert_catalog(tx, &triples);
    Ok(())
}

/// Removes the entry of `graph`.
pub(crate) fn remove(tx: &mut impl Writes, graph: &str) -> Result<(), RegistryError> {
    let Ok(subject) = NamedNode::new(graph) else {
        return Ok(());
    };
    let g = catalog_graph();
    let old: Vec<Triple> = tx
        .quads(
            Some(subject.as_ref().into()),
            None,
            None,
            Some(g.as_ref().into()),
        )?
        .into_iter()
        .map(Triple::from)
        .collect();
    crate::union::remove_catalog(tx, &old)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_names_round_trip() {
        for m in CompatibilityMode::ALL {
            assert_eq!(mode_from_name(mode_name(m)), Some(m));
        }
        assert_eq!(mode_from_name("BACKWARD"), None);
    }
}
