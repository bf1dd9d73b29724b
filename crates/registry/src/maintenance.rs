//! Changing a model's mode, deleting a model, checking and dumping the store.

use crate::canon::canonicalize;
use crate::catalog::{self, GraphKind, Quads};
use crate::error::{RegistryError, Rejection};
use crate::names::{iri, CATALOG_GRAPH};
use crate::register::*;
use crate::registry::*;
use crate::source::*;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Triple};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use uda_diff::CompatibilityMode;

/// What a deletion did.
#[derive(Debug, Clone, Serialize)]
pub struct Deleted {
    pub model: String,
    /// The current graphs removed (the model's and its projections').
    pub removed_graphs: Vec<String>,
    /// The last version, still readable under its version graph.
    pub last_version: u64,
}

impl Registry {
    /// Sets the compatibility mode new versions of model `name` are checked under.
    pub fn set_compatibility(
        &self,
        name: &str,
        mode: CompatibilityMode,
    ) -> Result<(), RegistryError> {
        self.set_compatibility_checked(name, mode, None)
    }

    /// [`Registry::set_compatibility`], with `check` run under the writer
    /// lock before the mode is written (see [`WriteCheck`]).
    pub fn set_compatibility_checked(
        &self,
        name: &str,
        mode: CompatibilityMode,
        check: Option<&WriteCheck>,
    ) -> Result<(), RegistryError> {
        let _guard = self.lock();
        let model = self.resolve(name)?;
        let mut entry = catalog::read(&self.store, &model)?
            .ok_or_else(|| RegistryError::UnknownModel(name.to_owned()))?;
        if entry.kind != Some(GraphKind::DomainModel) {
            return Err(Rejection::SystemModel { model }.into());
        }
        if entry.compatibility != Some(mode) {
            self.before_write(check)?;
            entry.compatibility = Some(mode);
            let mut tx = self.store.start_transaction()?;
            catalog::write(&mut tx, &entry)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Deletes model `name`: its current graph and its projections' current
    /// graphs go, its versions stay readable, the catalog marks it deleted.
    /// Refused while other current models import it.
    pub fn delete(&self, name: &str, principal: &str) -> Result<Deleted, RegistryError> {
        self.delete_checked(name, principal, None)
    }

    /// [`Registry::delete`], with `check` run under the writer lock before
    /// anything is removed (see [`WriteCheck`]).
    pub fn delete_checked(
        &self,
        name: &str,
        principal: &str,
        check: Option<&WriteCheck>,
    ) -> Result<Deleted, RegistryError> {
        let _guard = self.lock();
        let model = self.resolve(name)?;
        let Some(mut entry) = catalog::read(&self.store, &model)? else {
            return Err(RegistryError::UnknownModel(name.to_owned()));
        };
        if entry.kind != Some(GraphKind::DomainModel) {
            return Err(Rejection::SystemModel { model }.into());
        }
        let Some(current) = entry.current_version.clone() else {
            return Err(Rejection::AlreadyDeleted { model }.into());
        };
        let dependents: Vec<String> = self.dependents(&model)?;
        let direct: Vec<String> = dependents
            .into_iter()
            .filter(|d| {
                self.graph_triples(d)
                    .map(|t| declared_imports_in(&t, d).contains(&model))
                    .unwrap_or(true)
            })
            .collect();
        if !direct.is_empty() {
            return Err(Rejection::InUse {
                model,
                dependents: direct,
            }
            .into());
        }
        self.before_write(check)?;
        let mut tx = self.store.start_transaction()?;
        let mut removed = vec![model.clone()];
        for p in self.projection_versions(&tx, &current)? {
            if let Some(artifact) = p.version_of {
                retire_current(&mut tx, &artifact)?;
                removed.push(artifact);
            }
        }
        crate::union::remove_current(&mut tx, &model)?;
        crate::index::remove(&mut tx, &model)?;
        entry.current_version = None;
        entry.deleted_at = Some(now());
        entry.deleted_by = Some(principal.to_owned());
        catalog::write(&mut tx, &entry)?;
        tx.commit()?;
        removed.sort();
        Ok(Deleted {
            model,
            removed_graphs: removed,
            last_version: entry.version.unwrap_or(0),
        })
    }

    // ------------------------------------------------------------ integrity

    /// Checks that the catalog and the graphs agree: every version graph
    /// exists and hashes to its recorded hash, versions are numbered without
    /// gaps, every current graph holds exactly its current version, deleted
    /// models have no current graph, every graph has a catalog entry, and the
    /// search index matches the current graphs.
    /// Returns the problems found (none for a sound store).
    pub fn verify(&self) -> Result<Vec<String>, RegistryError> {
        let mut problems = Vec::new();
        let catalog_graph = iri(CATALOG_GRAPH);
        let graph_class = crate::names::cat("Graph");
        let entries: Vec<String> = self
            .store
            .quads(
                None,
                Some(rdf::TYPE),
                Some(graph_class.as_ref().into()),
                Some(catalog_graph.as_ref().into()),
            )?
            .into_iter()
            .filter_map(|q| match q.subject {
                NamedOrBlankNode::NamedNode(n) => Some(n.into_string()),
                _ => None,
            })
            .collect();
        let mut numbers: BTreeMap<String, Vec<u64>> = BTreeMap::new();
        for name in &entries {
            let Some(e) = catalog::read(&self.store, name)? else {
                continue;
            };
            if e.kind.is_none() {
                problems.push(format!("<{name}> has no kind"));
            }
            if e.kind != Some(GraphKind::Catalog) && e.governed_by.is_none() {
                problems.push(format!("<{name}> has no governing model"));
            }
            let exists = self.store.contains_named_graph(iri(name).as_ref())?;
            if let Some(artifact) = &e.version_of {
                numbers
                    .entry(artifact.clone())
                    .or_default()
                    .push(e.version.unwrap_or(0));
                if !exists {
                    problems.push(format!("version graph <{name}> is missing"));
                    continue;
                }
                let triples = self.graph_triples(name)?;
                let hash = match canonicalize(triples.iter().map(Triple::as_ref)) {
                    Ok(canonical) => canonical.hash,
                    Err(limit) => format!("nothing: {}", limit.0),
                };
                if Some(&hash) != e.hash.as_ref() {
                    problems.push(format!(
                        "<{name}> hashes to {hash}, the catalog says {:?}",
                        e.hash
                    ));
                }
            } else if let Some(current) = &e.current_version {
                if !exists {
                    problems.push(format!("current graph <{name}> is missing"));
                    continue;
                }
                let mut a: Vec<String> = self
                    .graph_triples(name)?
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                let mut b: Vec<String> = self
                    .graph_triples(current)?
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                a.sort();
                b.sort();
                if a != b {
                    problems.push(format!(
                        "current graph <{name}> differs from its current version <{current}>"
                    ));
                }
                let hash = catalog::read(&self.store, current)?.and_then(|v| v.hash);
                if hash != e.hash {
                    problems.push(format!(
                        "<{name}> and its current version <{current}> disagree on the hash"
                    ));
                }
            } else if e.kind == Some(GraphKind::DomainModel) && exists {
                problems.push(format!("deleted model <{name}> still has a current graph"));
            }
        }
        for (artifact, mut n) in numbers {
            n.sort_unstable();
            if n.iter().enumerate().any(|(i, v)| *v != i as u64 + 1) {
                problems.push(format!(
                    "versions of <{artifact}> are not numbered 1..{}: {n:?}",
                    n.len()
                ));
            }
        }
        let known: BTreeSet<&String> = entries.iter().collect();
        for g in self.store.named_graphs() {
            let g = g?;
            if crate::ahead::is_pending_graph(&g) {
                problems.push(format!(
                    "<{PENDING}> lists version graphs of an interrupted registration",
                    PENDING = crate::ahead::PENDING_GRAPH
                ));
                continue;
            }
            let name = match &g {
                NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
                other => other.to_string(),
            };
            if !known.contains(&name)
                && name != CATALOG_GRAPH
                && !crate::index::is_index_graph(&name)
            {
                problems.push(format!("graph <{name}> has no catalog entry"));
            }
        }
        // The default graph is exactly the union of the current graphs.
        let mut union = BTreeSet::new();
        for g in self.current_graphs()? {
            union.extend(
                self.graph_triples(g.as_str())?
                    .iter()
                    .map(ToString::to_string),
            );
        }
        let default: BTreeSet<String> = self
            .store
            .quads(None, None, None, Some(GraphNameRef::DefaultGraph))?
            .into_iter()
            .map(|q| Triple::from(q).to_string())
            .collect();
        for missing in union.difference(&default).take(5) {
            problems.push(format!(
                "the default graph lacks {missing}, which a current graph holds"
            ));
        }
        for extra in default.difference(&union).take(5) {
            problems.push(format!(
                "the default graph holds {extra}, which no current graph holds"
            ));
        }
        problems.extend(self.verify_index()?);
        Ok(problems)
    }

    /// Every quad of the store as sorted N-Quads lines: a byte-stable dump,
    /// to compare stores.
    pub fn dump_nquads(&self) -> Result<String, RegistryError> {
        let mut lines: Vec<String> = self
            .store
            .iter()
            .map(|q| q.map(|q| format!("{q} .\n")))
            .collect::<Result<_, _>>()?;
        lines.sort_unstable();
        Ok(lines.concat())
    }

    /// The number of quads in the store.
    pub fn quad_count(&self) -> Result<usize, RegistryError> {
        Ok(self.store.len()?)
    }

    /// The current graph of every artifact, and the catalog: what the default graph unites.
    pub(crate) fn current_graphs(&self) -> Result<Vec<NamedNode>, RegistryError> {
        let catalog_graph = iri(CATALOG_GRAPH);
        let predicate = crate::names::cat("currentVersion");
        let mut out: Vec<NamedNode> = self
            .store
            .quads(
                None,
                Some(predicate.as_ref()),
                None,
                Some(catalog_graph.as_ref().into()),
            )?
            .into_iter()
            .filter_map(|q| match q.subject {
                NamedOrBlankNode::NamedNode(n) => Some(n),
                _ => None,
            })
            .collect();
        out.push(catalog_graph);
        out.sort();
        out.dedup();
        Ok(out)
    }
}
