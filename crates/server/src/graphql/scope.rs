//! The model version a GraphQL object belongs to, its catalog facts, and its content (the
//! version graph with its imports, typed), read from the registry once and only when a field
//! needs it. Every registry call runs on the blocking pool.

use super::errors;
use crate::AppState;
use async_graphql::Error;
use oxigraph::model::Graph;
use std::collections::BTreeSet;
use std::sync::Arc;
use tokio::sync::{OnceCell, OwnedSemaphorePermit};
use uda_registry::{ModelInfo, Registry, RegistryError, VersionInfo};
use uda_upper::Loaded;

tokio::task_local! {
    /// The evaluation slot (`AppState::query_slots`) of the GraphQL request being executed.
    pub(crate) static EVALUATION_SLOT: Arc<OwnedSemaphorePermit>;
}

/// Runs `f` on the registry in the blocking pool (RocksDB calls block). The blocking work
/// holds a share of its request's evaluation slot until it returns, so a request stopped at its
/// time limit keeps its slot while its registry calls still run.
pub(crate) async fn blocking<T, F>(state: &AppState, f: F) -> Result<T, Error>
where
    T: Send + 'static,
    F: FnOnce(&Registry) -> Result<T, Error> + Send + 'static,
{
    let registry = state.registry.clone();
    let slot = EVALUATION_SLOT.try_with(Arc::clone).ok();
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        f(&registry)
    })
    .await
    .map_err(|e| errors::internal(format!("a registry task failed: {e}")))?
}

/// One version of one model, as the catalog records it.
pub(crate) struct Scope {
    pub model: ModelInfo,
    pub version: VersionInfo,
    content: OnceCell<Arc<Content>>,
}

/// What a version says, loaded: the model (and its imports) typed, and as triples.
pub(crate) struct Content {
    /// The model with the versions of its imports it was registered with.
    pub loaded: Loaded,
    /// The version graph alone: the terms the model itself states.
    pub own: Graph,
    /// The version graph, its imports' and Upper's: where every property value is looked up,
    /// so that a relationship to an imported class or to a built-in datatype resolves.
    pub all: Graph,
}

impl Scope {
    pub(crate) fn new(model: ModelInfo, version: VersionInfo) -> Arc<Scope> {
        Arc::new(Scope {
            model,
            version,
            content: OnceCell::new(),
        })
    }

    /// Version `version` of model `name` (IRI or domain); without a version the current one,
    /// or the last one of a deleted model.
    pub(crate) fn find(
        registry: &Registry,
        name: &str,
        version: Option<u64>,
    ) -> Result<Arc<Scope>, RegistryError> {
        let model = registry.model(name)?;
        let wanted = version.or(model.current_version).unwrap_or(model.versions);
        let found = registry
            .versions(&model.iri)?
            .into_iter()
            .find(|v| v.version == wanted);
        match found {
            Some(v) => Ok(Scope::new(model, v)),
            None => Err(RegistryError::UnknownVersion {
                model: model.iri,
                version: wanted,
            }),
        }
    }

    /// The scope of a model this version imports, at the version it was registered with
    /// (the current one if the catalog no longer says).
    pub(crate) async fn import(
        self: &Arc<Self>,
        state: &AppState,
        iri: &str,
    ) -> Result<Arc<Scope>, Error> {
        if iri == self.model.iri {
            return Ok(self.clone());
        }
        let iri = iri.to_owned();
        let imports = self.version.imports.clone();
        blocking(state, move |registry| {
            let model = registry.model(&iri).map_err(errors::registry)?;
            let versions = registry.versions(&model.iri).map_err(errors::registry)?;
            let version = versions
                .iter()
                .find(|v| imports.contains(&v.graph))
                .or_else(|| versions.iter().find(|v| v.current))
                .or(versions.last())
                .cloned()
                .ok_or_else(|| {
                    errors::registry(RegistryError::UnknownVersion {
                        model: model.iri.clone(),
                        version: 0,
                    })
                })?;
            Ok(Scope::new(model, version))
        })
        .await
    }

    /// The content of this version, loaded on first use.
    pub(crate) async fn content(
        &self,
        state: &AppState,
        upper: &Graph,
    ) -> Result<Arc<Content>, Error> {
        self.content
            .get_or_try_init(|| {
                let model = self.model.iri.clone();
                let version = self.version.version;
                let upper = upper.clone();
                blocking(state, move |registry| {
                    let lv = registry
                        .load_version(&model, Some(version))
                        .map_err(errors::registry)?;
                    let own = lv
                        .loaded
                        .document(&lv.info.graph)
                        .map(|d| d.graph().clone())
                        .unwrap_or_default();
                    let mut all = upper;
                    let mut files = BTreeSet::new();
                    for m in lv.loaded.models.iter() {
                        if files.insert(m.location.file.clone()) {
                            if let Some(doc) = lv.loaded.document(&m.location.file) {
                                all.extend(doc.graph());
                            }
                        }
                    }
                    Ok(Arc::new(Content {
                        loaded: lv.loaded,
                        own,
                        all,
                    }))
                })
            })
            .await
            .cloned()
    }
}
