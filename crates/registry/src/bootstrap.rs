//! Bootstrap: checking the data format and writing the compiled-in system models.

use crate::canon::canonicalize_graph;
use crate::catalog::{self, CatalogEntry, GraphKind};
use crate::error::RegistryError;
use crate::names::{version_graph, CATALOG_GRAPH, CATALOG_MODEL, FORMAT_VERSION, MAPPING_MODEL};
use crate::register::*;
use crate::registry::*;
use crate::source::*;
use crate::system::SYSTEM_MODELS;
use std::collections::HashMap;
use uda_upper::{vocab as upper, Document, Loader, RdfFormat};

impl Registry {
    /// Checks the data format, validates the compiled-in system models and
    /// writes those that are missing or changed, in one transaction.
    pub(crate) fn bootstrap(&self) -> Result<System, RegistryError> {
        let _guard = self.lock();
        match catalog::read(&self.store, CATALOG_GRAPH)? {
            None if !self.store.is_empty()? => {
                return Err(RegistryError::NotARegistry {
                    path: self.location.clone(),
                })
            }
            None => {}
            Some(e) => match e.format_version {
                Some(FORMAT_VERSION) => {}
                Some(found) if found > FORMAT_VERSION => {
                    return Err(RegistryError::NewerFormat {
                        path: self.location.clone(),
                        found,
                        supported: FORMAT_VERSION,
                    })
                }
                // Format 1 is the first: anything else was not written by uda.
                // (When the format changes, migrate older formats here.)
                Some(older) => {
                    return Err(RegistryError::Corrupt(format!(
                        "{} has data format {older}, which this uda cannot read or migrate (nothing was changed)",
                        self.location
                    )))
                }
                None => {
                    return Err(RegistryError::Corrupt(format!(
                        "the catalog of {} records no data format: it was not written by uda, or is damaged (nothing was changed)",
                        self.location
                    )))
                }
            },
        }

        let mut loader = Loader::new();
        for (file, text) in SYSTEM_MODELS {
            loader.input_text(file, text.as_bytes(), RdfFormat::Turtle);
        }
        let loaded = loader.load();
        if loaded.has_errors() {
            return Err(RegistryError::Bootstrap(loaded.render()));
        }

        let now = now();
        let mut tx = self.store.start_transaction()?;
        let mut wrote = false;
        // Current version graph of each system model, as written so far.
        let mut current: HashMap<String, String> = HashMap::new();
        for (file, text) in SYSTEM_MODELS {
            let doc = Document::parse(
                (*file).into(),
                text.as_bytes(),
                RdfFormat::Turtle,
                &uda_upper::source_iri(file),
            )
            .map_err(|d| RegistryError::Bootstrap(render(&d)))?;
            let model = declared_model(doc.graph()).ok_or_else(|| {
                RegistryError::Bootstrap(format!("{file} declares no domain model"))
            })?;
            let kind = match model.as_str() {
                upper::MODEL => GraphKind::Metamodel,
                MAPPING_MODEL => GraphKind::MappingModel,
                _ => GraphKind::SystemModel,
            };
            let canonical = canonicalize_graph(doc.graph()).map_err(|limit| {
                RegistryError::Bootstrap(format!("{file} cannot be canonicalized: {}", limit.0))
            })?;
            let existing = catalog::read(&tx, &model)?;
            let versions = catalog::versions(&tx, &model)?;
            let up_to_date = existing.as_ref().and_then(|e| e.hash.as_deref())
                == Some(canonical.hash.as_str())
                && existing.as_ref().is_some_and(CatalogEntry::is_current);
            let next = versions.last().and_then(|e| e.version).unwrap_or(0) + 1;
            if up_to_date {
                if let Some(v) = existing.and_then(|e| e.current_version) {
                    current.insert(model.clone(), v);
                }
                continue;
            }
            let new_graph = version_graph(&model, next);
            // Upper governs itself; every other system model is governed by Upper.
            let governed_by = if kind == GraphKind::Metamodel {
                new_graph.clone()
            } else {
                current
                    .get(upper::MODEL)
                    .cloned()
                    .unwrap_or_else(|| version_graph(upper::MODEL, 1))
            };
            let imports = declared_imports(doc.graph(), &model)
                .iter()
                .filter_map(|i| current.get(i).cloned())
                .collect();
            let artifact = Artifact {
                name: model.clone(),
                kind,
                governed_by,
                imports,
                derived_from: None,
                connects: Vec::new(),
                target: None,
                coordinates: None,
                canonical,
            };
            let content = VersionContent::of(&artifact, next);
            write_version(&mut tx, &artifact, &content, &now, "uda", None)?;
            current.insert(model, new_graph);
            wrote = true;
        }

        let catalog_entry = catalog::read(&tx, CATALOG_GRAPH)?;
        let governed_by = current.get(CATALOG_MODEL).cloned();
        if catalog_entry.as_ref().map(|e| &e.governed_by) != Some(&governed_by) {
            let mut entry = CatalogEntry::new(CATALOG_GRAPH, GraphKind::Catalog);
            entry.governed_by = governed_by;
            entry.format_version = Some(FORMAT_VERSION);
            entry.created_at = Some(
                catalog_entry
                    .and_then(|e| e.created_at)
                    .unwrap_or_else(|| now.clone()),
            );
            catalog::write(&mut tx, &entry)?;
            wrote = true;
        }
        if wrote {
            tx.commit()?;
        }
        Ok(System {
            models: loaded.models,
        })
    }
}
