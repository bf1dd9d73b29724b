//! Imports and dependents: resolving a model's imports from the store, and re-validating the models that import it.

use crate::canon::Canonical;
use crate::catalog::{self, GraphKind, Quads};
use crate::error::{DependentFailure, RegistryError, Rejection};
use crate::registry::*;
use crate::source::*;
use oxigraph::model::{NamedNode, NamedOrBlankNode, Triple};
use std::collections::{BTreeSet, HashMap, VecDeque};
use uda_upper::{vocab as upper, Loader, RdfFormat};

impl Registry {
    /// The texts (N-Triples) of the current versions of `imports` and of what
    /// they import, transitively, as `(name, text)` for the Loader. Upper is
    /// left out: the Loader has it built in. `overrides` replaces the stored
    /// content of some models (a version being registered).
    pub(crate) fn library(
        &self,
        imports: &[String],
        overrides: &HashMap<String, Vec<Triple>>,
    ) -> Result<Vec<(String, String)>, RegistryError> {
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<String> = imports.iter().cloned().collect();
        while let Some(model) = queue.pop_front() {
            if model == upper::MODEL || !seen.insert(model.clone()) {
                continue;
            }
            let triples = match overrides.get(&model) {
                Some(t) => t.clone(),
                None => self.graph_triples(&model)?,
            };
            if triples.is_empty() {
                // Not in the store: validation reports the missing import.
                continue;
            }
            queue.extend(declared_imports_in(&triples, &model));
            out.push((model, ntriples(&triples)));
        }
        Ok(out)
    }

    /// Every triple of named graph `graph`.
    pub(crate) fn graph_triples(&self, graph: &str) -> Result<Vec<Triple>, RegistryError> {
        graph_triples(&self.store, graph)
    }

    /// Current domain models that import `model`, directly or through others.
    pub(crate) fn dependents(&self, model: &str) -> Result<Vec<String>, RegistryError> {
        let imports = upper::IMPORTS;
        let mut found = BTreeSet::new();
        let mut queue = VecDeque::from([model.to_owned()]);
        while let Some(m) = queue.pop_front() {
            let Ok(node) = NamedNode::new(&m) else {
                continue;
            };
            for q in self
                .store
                .quads(None, Some(imports), Some(node.as_ref().into()), None)?
            {
                let oxigraph::model::GraphName::NamedNode(g) = &q.graph_name else {
                    continue;
                };
                // Only the current graph of a model names the graph after the model.
                if q.subject != NamedOrBlankNode::NamedNode(g.clone()) || found.contains(g.as_str())
                {
                    continue;
                }
                let current = catalog::read(&self.store, g.as_str())?
                    .is_some_and(|e| e.is_current() && e.kind == Some(GraphKind::DomainModel));
                if current {
                    found.insert(g.as_str().to_owned());
                    queue.push_back(g.as_str().to_owned());
                }
            }
        }
        found.remove(model);
        Ok(found.into_iter().collect())
    }

    /// Validates every dependent of `model` against its new content.
    pub(crate) fn check_dependents(
        &self,
        model: &str,
        canonical: &Canonical,
    ) -> Result<(), RegistryError> {
        let dependents = self.dependents(model)?;
        if dependents.is_empty() {
            return Ok(());
        }
        let overrides = HashMap::from([(model.to_owned(), canonical.triples.clone())]);
        let mut failures = Vec::new();
        for dependent in dependents {
            let triples = self.graph_triples(&dependent)?;
            let imports = declared_imports_in(&triples, &dependent);
            let mut loader = Loader::new();
            loader.input_text(
                &dependent,
                ntriples(&triples).into_bytes(),
                RdfFormat::NTriples,
            );
            for (name, text) in self.library(&imports, &overrides)? {
                loader.library_text(&name, text.into_bytes(), RdfFormat::NTriples);
            }
            let loaded = loader.load();
            if loaded.has_errors() {
                failures.push(DependentFailure {
                    model: dependent,
                    rendered: loaded.render(),
                    diagnostics: loaded.diagnostics,
                });
            }
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(Rejection::DependentsBroken {
                model: model.to_owned(),
                dependents: failures,
            }
            .into())
        }
    }
}
