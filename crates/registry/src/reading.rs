//! Reading: models, versions, their content and diffs.

use crate::catalog::{self, CatalogEntry, GraphKind, Quads};
use crate::error::RegistryError;
use crate::names::iri;
use crate::registry::*;
use crate::source::*;
use oxigraph::model::{Graph, Literal, NamedOrBlankNode};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use uda_diff::CompatibilityMode;
use uda_diff::{describe_projections, diff, ModelDiff, ProjectionGraphs};
use uda_upper::{vocab as upper, Loaded, Loader, RdfFormat};

/// One version of an artifact, as the catalog records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionInfo {
    /// The artifact (for a model: its IRI, the name of its current graph).
    pub artifact: String,
    pub version: u64,
    /// The graph holding this version.
    pub graph: String,
    pub hash: String,
    pub created_at: String,
    pub principal: String,
    /// The version graphs of the models it imports.
    pub imports: Vec<String>,
    /// Whether this is the version the current graph holds.
    pub current: bool,
}

/// A model in the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModelInfo {
    pub iri: String,
    /// Its `upper:domain`, as its current (or, once deleted, last) version declares it.
    pub domain: Option<String>,
    pub kind: GraphKind,
    /// The current version; `None` once deleted.
    pub current_version: Option<u64>,
    /// The number of versions ever registered.
    pub versions: u64,
    pub compatibility: CompatibilityMode,
    pub deleted: bool,
}

/// A version read back from the store, typed.
#[derive(Debug)]
pub struct LoadedVersion {
    pub info: VersionInfo,
    /// The model IRI.
    pub model: String,
    /// The model and the versions of its imports it was registered with.
    pub loaded: Loaded,
}

impl Registry {
    /// Loads a stored model version with the import versions recorded for it.
    pub(crate) fn load_entry(&self, entry: &CatalogEntry) -> Result<Loaded, RegistryError> {
        let mut loader = Loader::new();
        let triples = self.graph_triples(&entry.graph)?;
        loader.input_text(
            &entry.graph,
            ntriples(&triples).into_bytes(),
            RdfFormat::NTriples,
        );
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<String> = entry.imports.iter().cloned().collect();
        while let Some(graph) = queue.pop_front() {
            if !seen.insert(graph.clone()) {
                continue;
            }
            let Some(e) = catalog::read(&self.store, &graph)? else {
                continue;
            };
            if e.version_of.as_deref() == Some(upper::MODEL) {
                continue;
            }
            queue.extend(e.imports.iter().cloned());
            let triples = self.graph_triples(&graph)?;
            loader.library_text(&graph, ntriples(&triples).into_bytes(), RdfFormat::NTriples);
        }
        Ok(loader.load())
    }

    /// The projection version entries derived from model version `graph`.
    pub(crate) fn projection_versions(
        &self,
        r: &impl Quads,
        graph: &str,
    ) -> Result<Vec<CatalogEntry>, RegistryError> {
        let node = iri(graph);
        let mut out = Vec::new();
        for g in catalog::subjects(r, "derivedFrom", node.as_ref().into())? {
            if let Some(e) = catalog::read(r, &g)? {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// The mappings stored for `target` with the version of `model` before
    /// `version`, if there is one: what a projection of `version` reads to
    /// keep the identifiers it recorded then ([`Projector::project_after`]),
    /// so a stored version projects again exactly as it did when registered.
    ///
    /// [`Projector::project_after`]: uda_projection::Projector::project_after
    pub fn earlier_mappings(
        &self,
        model: &str,
        version: u64,
        target: &str,
    ) -> Result<Option<Graph>, RegistryError> {
        let Some(earlier) = catalog::versions(&self.store, model)?
            .into_iter()
            .filter(|e| e.version.is_some_and(|v| v < version))
            .max_by_key(|e| e.version)
        else {
            return Ok(None);
        };
        let Some(entry) = self
            .projection_versions(&self.store, &earlier.graph)?
            .into_iter()
            .find(|e| e.target.as_deref() == Some(target) && e.kind == Some(GraphKind::Mappings))
        else {
            return Ok(None);
        };
        Ok(Some(self.graph_triples(&entry.graph)?.iter().collect()))
    }

    /// The stored projections of model version `graph`, by target.
    pub(crate) fn stored_projections(
        &self,
        graph: &str,
    ) -> Result<Vec<ProjectionGraphs>, RegistryError> {
        let mut by_target: BTreeMap<String, ProjectionGraphs> = BTreeMap::new();
        for e in self.projection_versions(&self.store, graph)? {
            let Some(target) = e.target.clone() else {
                continue;
            };
            let mut g = Graph::new();
            for t in self.graph_triples(&e.graph)? {
                g.insert(&t);
            }
            let p = by_target
                .entry(target.clone())
                .or_insert_with(|| ProjectionGraphs {
                    target,
                    container: Graph::new(),
                    mappings: Graph::new(),
                });
            match e.kind {
                Some(GraphKind::ContainerRepresentation) => p.container = g,
                Some(GraphKind::Mappings) => p.mappings = g,
                _ => {}
            }
        }
        Ok(by_target.into_values().collect())
    }

    // ------------------------------------------------------------ reading

    /// The IRI of the model named `name`: its IRI, or its `upper:domain`.
    pub fn resolve(&self, name: &str) -> Result<String, RegistryError> {
        if let Some(e) = catalog::read(&self.store, name)? {
            // An existing container or a registered mapping is named by its
            // graph (it has no domain).
            let versioned = e.kind.is_some_and(|k| {
                k.is_model() || matches!(k, GraphKind::Container | GraphKind::Mapping)
            });
            if versioned && e.version_of.is_none() {
                return Ok(name.to_owned());
            }
        }
        let domain = Literal::new_simple_literal(name);
        let mut found = BTreeSet::new();
        for q in self.store.quads(
            None,
            Some(upper::DOMAIN),
            Some(domain.as_ref().into()),
            None,
        )? {
            if let NamedOrBlankNode::NamedNode(s) = q.subject {
                let known = catalog::read(&self.store, s.as_str())?.is_some_and(|e| {
                    e.kind.is_some_and(GraphKind::is_model) && e.version_of.is_none()
                });
                if known {
                    found.insert(s.into_string());
                }
            }
        }
        match found.len() {
            1 => Ok(found.into_iter().next().unwrap_or_default()),
            _ => Err(RegistryError::UnknownModel(name.to_owned())),
        }
    }

    /// Every model in the registry (system models included), deleted ones too.
    pub fn models(&self) -> Result<Vec<ModelInfo>, RegistryError> {
        let mut out = Vec::new();
        for g in catalog::subjects(
            &self.store,
            "kind",
            crate::names::cat("DomainModel").as_ref().into(),
        )?
        .into_iter()
        .chain(catalog::subjects(
            &self.store,
            "kind",
            crate::names::cat("SystemModel").as_ref().into(),
        )?)
        .chain(catalog::subjects(
            &self.store,
            "kind",
            crate::names::cat("Metamodel").as_ref().into(),
        )?)
        .chain(catalog::subjects(
            &self.store,
            "kind",
            crate::names::cat("MappingModel").as_ref().into(),
        )?) {
            if let Some(e) = catalog::read(&self.store, &g)? {
                if e.version_of.is_none() {
                    out.push(self.model_info(&e)?);
                }
            }
        }
        out.sort_by(|a, b| a.iri.cmp(&b.iri));
        Ok(out)
    }

    /// What the registry knows about model `name` (IRI or domain).
    pub fn model(&self, name: &str) -> Result<ModelInfo, RegistryError> {
        let model = self.resolve(name)?;
        let entry = catalog::read(&self.store, &model)?
            .ok_or_else(|| RegistryError::UnknownModel(name.to_owned()))?;
        self.model_info(&entry)
    }

    pub(crate) fn model_info(&self, e: &CatalogEntry) -> Result<ModelInfo, RegistryError> {
        let versions = catalog::versions(&self.store, &e.graph)?;
        let domain = match versions.last() {
            Some(last) => self.domain_in(&e.graph, &last.graph)?,
            None => None,
        };
        Ok(ModelInfo {
            iri: e.graph.clone(),
            domain,
            kind: e.kind.unwrap_or(GraphKind::DomainModel),
            current_version: if e.is_current() { e.version } else { None },
            versions: versions.last().and_then(|v| v.version).unwrap_or(0),
            compatibility: e.compatibility.unwrap_or_default(),
            deleted: e.deleted_at.is_some(),
        })
    }

    /// The `upper:domain` model `model` declares in graph `graph`.
    fn domain_in(&self, model: &str, graph: &str) -> Result<Option<String>, RegistryError> {
        let quads = self.store.quads(
            Some(iri(model).as_ref().into()),
            Some(upper::DOMAIN),
            None,
            Some(iri(graph).as_ref().into()),
        )?;
        Ok(quads.into_iter().find_map(|q| match q.object {
            oxigraph::model::Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        }))
    }

    /// Every version of model `name`, oldest first.
    pub fn versions(&self, name: &str) -> Result<Vec<VersionInfo>, RegistryError> {
        let model = self.resolve(name)?;
        let current = catalog::read(&self.store, &model)?.and_then(|e| e.current_version);
        Ok(catalog::versions(&self.store, &model)?
            .into_iter()
            .map(|e| version_info(&model, e, current.as_deref()))
            .collect())
    }

    pub(crate) fn version_entry(
        &self,
        model: &str,
        version: Option<u64>,
    ) -> Result<CatalogEntry, RegistryError> {
        let versions = catalog::versions(&self.store, model)?;
        let found = match version {
            Some(n) => versions.into_iter().find(|e| e.version == Some(n)),
            None => {
                let current = catalog::read(&self.store, model)?.and_then(|e| e.current_version);
                versions
                    .into_iter()
                    .find(|e| Some(&e.graph) == current.as_ref())
            }
        };
        found.ok_or_else(|| RegistryError::UnknownVersion {
            model: model.to_owned(),
            version: version.unwrap_or(0),
        })
    }

    /// The content of version `version` of model `name` (`None`: the current one).
    pub fn read_version(
        &self,
        name: &str,
        version: Option<u64>,
    ) -> Result<(VersionInfo, Graph), RegistryError> {
        let model = self.resolve(name)?;
        let entry = self.version_entry(&model, version)?;
        let mut graph = Graph::new();
        for t in self.graph_triples(&entry.graph)? {
            graph.insert(&t);
        }
        let current = catalog::read(&self.store, &model)?.and_then(|e| e.current_version);
        Ok((version_info(&model, entry, current.as_deref()), graph))
    }

    /// Version `version` of model `name` (`None`: the current one), typed,
    /// with the versions of its imports it was registered with.
    pub fn load_version(
        &self,
        name: &str,
        version: Option<u64>,
    ) -> Result<LoadedVersion, RegistryError> {
        let model = self.resolve(name)?;
        let entry = self.version_entry(&model, version)?;
        let loaded = self.load_entry(&entry)?;
        if loaded.has_errors() || loaded.models.get(&model).is_none() {
            return Err(RegistryError::Corrupt(format!(
                "stored version <{}> no longer loads:\n{}",
                entry.graph,
                loaded.render()
            )));
        }
        let current = catalog::read(&self.store, &model)?.and_then(|e| e.current_version);
        Ok(LoadedVersion {
            info: version_info(&model, entry, current.as_deref()),
            model,
            loaded,
        })
    }

    /// The semantic changes between two versions of model `name`, with what
    /// they do to the projections stored for both.
    pub fn diff_versions(
        &self,
        name: &str,
        old: u64,
        new: u64,
    ) -> Result<ModelDiff, RegistryError> {
        let a = self.load_version(name, Some(old))?;
        let b = self.load_version(name, Some(new))?;
        let (Some(va), Some(vb)) = (
            a.loaded.models.view(&a.model),
            b.loaded.models.view(&b.model),
        ) else {
            return Err(internal("stored versions have no view".to_owned()));
        };
        let mut changes = diff(&va, &vb);
        describe_projections(
            &mut changes,
            &self.stored_projections(&a.info.graph)?,
            &self.stored_projections(&b.info.graph)?,
        );
        Ok(ModelDiff {
            old: format!("{}@{old}", a.model),
            new: format!("{}@{new}", b.model),
            changes,
        })
    }
}

pub(crate) fn version_info(model: &str, e: CatalogEntry, current: Option<&str>) -> VersionInfo {
    VersionInfo {
        artifact: model.to_owned(),
        version: e.version.unwrap_or(0),
        current: Some(e.graph.as_str()) == current,
        graph: e.graph,
        hash: e.hash.unwrap_or_default(),
        created_at: e.created_at.unwrap_or_default(),
        principal: e.principal.unwrap_or_default(),
        imports: e.imports,
    }
}
