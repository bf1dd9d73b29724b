//! Registration: options and result, the checks, and writing a version.

use crate::ahead;
use crate::canon::{canonicalize_graph, relabel, Canonical};
use crate::catalog::{self, CatalogEntry, GraphKind, Publishing, Writes};
use crate::error::{Conflict, RegistryError, Rejection};
use crate::insertions::Insertions;
use crate::names::{iri, version_graph, RESERVED_PREFIX};
use crate::registry::*;
use crate::source::*;
use oxigraph::model::{GraphNameRef, Quad, QuadRef, Triple};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;
use uda_diff::CompatibilityMode;
use uda_diff::{describe_projections, diff, Change, ProjectionGraphs};
use uda_projection::Projector;
use uda_upper::{vocab as upper, Diagnostic, Loader, RdfFormat};

/// A last check of a write, run under the registry's writer lock immediately
/// before the write commits, with the registry as it is at that moment (a
/// server re-checks authorization with it, so that ownership cannot change
/// between its check and the write). `Err(reason)` refuses the write with
/// [`Rejection::Refused`]; nothing is written.
pub type WriteCheck = Arc<dyn Fn(&Registry) -> Result<(), String> + Send + Sync>;

/// How to register.
#[derive(Clone)]
pub struct RegisterOptions {
    /// Who registers: recorded in the catalog.
    pub principal: String,
    /// The compatibility mode to check this version under and keep for the
    /// model; `None` keeps the model's mode (BACKWARD for a new model).
    pub compatibility: Option<CompatibilityMode>,
    /// Run before anything is written (see [`WriteCheck`]); also run by a dry run.
    pub write_check: Option<WriteCheck>,
    /// Past this instant the registration stops with [`Rejection::TimedOut`]
    /// (checked between its expensive phases and before the commit); nothing
    /// is written.
    pub deadline: Option<Instant>,
    /// Run every check (validation, projections, conformance, compatibility,
    /// dependents, the write check) and write nothing: the result says what
    /// would have happened ([`Outcome::WouldCreate`] or [`Outcome::Unchanged`]).
    pub dry_run: bool,
}

impl Default for RegisterOptions {
    fn default() -> Self {
        Self {
            principal: std::env::var("USER").unwrap_or_else(|_| "anonymous".to_owned()),
            compatibility: None,
            write_check: None,
            deadline: None,
            dry_run: false,
        }
    }
}

impl std::fmt::Debug for RegisterOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisterOptions")
            .field("principal", &self.principal)
            .field("compatibility", &self.compatibility)
            .field("write_check", &self.write_check.as_ref().map(|_| "…"))
            .field("deadline", &self.deadline)
            .field("dry_run", &self.dry_run)
            .finish()
    }
}

impl RegisterOptions {
    /// Fails with [`Rejection::TimedOut`] once the deadline has passed.
    pub(crate) fn check_deadline(&self, model: &str, phase: &str) -> Result<(), RegistryError> {
        match self.deadline {
            Some(deadline) if Instant::now() >= deadline => Err(Rejection::TimedOut {
                model: model.to_owned(),
                phase: phase.to_owned(),
            }
            .into()),
            _ => Ok(()),
        }
    }
}

/// Whether registering wrote a new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A new version was written.
    Created,
    /// The content equals the current version's: nothing was written.
    Unchanged,
    /// A dry run found that a new version would be written.
    WouldCreate,
}

/// The result of a registration.
#[derive(Debug, Clone, Serialize)]
pub struct Registered {
    pub model: String,
    pub version: u64,
    /// The version's graph name.
    pub graph: String,
    pub hash: String,
    pub outcome: Outcome,
    /// The changes from the previous version (empty for a first version or when unchanged).
    pub changes: Vec<Change>,
    /// The graphs written for the projections (current graph names).
    pub projections: Vec<String>,
    /// Validation warnings.
    pub warnings: Vec<Diagnostic>,
}

/// A triple-producing graph and its canonical form, ready to be written.
pub(crate) struct Artifact {
    /// The current graph name.
    pub(crate) name: String,
    pub(crate) kind: GraphKind,
    pub(crate) governed_by: String,
    pub(crate) imports: Vec<String>,
    pub(crate) derived_from: Option<String>,
    /// For a registered mapping: the versions it connects.
    pub(crate) connects: Vec<String>,
    pub(crate) target: Option<String>,
    /// For an existing container: its coordinates' location and name.
    pub(crate) coordinates: Option<(String, String)>,
    pub(crate) canonical: Canonical,
}

impl Registry {
    /// Registers a domain model: validates it against Upper with its imports
    /// resolved from the store, and, unless its content equals the current
    /// version's, checks compatibility and dependents, projects it and writes
    /// the new version, its projections and catalog entries in one
    /// transaction. A refused or failed registration changes nothing.
    pub fn register(
        &self,
        source: &ModelSource,
        projectors: &[Box<dyn Projector>],
        options: &RegisterOptions,
    ) -> Result<Registered, RegistryError> {
        // Parsing needs no lock.
        let name = source_name(&source.name);
        let doc = source.parse().map_err(|diagnostics| Rejection::Invalid {
            source: name.clone(),
            rendered: render(&diagnostics),
            diagnostics,
        })?;
        let declared = declared_model(doc.graph());

        let _guard = self.lock();
        if let Some(model) = &declared {
            self.check_name(model)?;
        }
        let imports = declared
            .as_deref()
            .map(|m| declared_imports(doc.graph(), m))
            .unwrap_or_default();
        let library = self.library(&imports, &HashMap::new())?;
        let mut loader = Loader::new();
        loader.input_text(&name, source.bytes.clone(), source.format);
        for (lib_name, text) in &library {
            loader.library_text(lib_name, text.as_bytes(), RdfFormat::NTriples);
        }
        let loaded = loader.load();
        let Some(model) = loaded
            .inputs
            .first()
            .cloned()
            .filter(|_| !loaded.has_errors())
        else {
            return Err(Rejection::Invalid {
                source: name,
                rendered: loaded.render(),
                diagnostics: loaded.diagnostics,
            }
            .into());
        };
        options.check_deadline(&model, "validating")?;
        // Canonicalizing is bounded, but only a valid model is worth it.
        let canonical =
            canonicalize_graph(doc.graph()).map_err(|limit| Rejection::CanonicalizationLimit {
                model: model.clone(),
                limit: limit.0,
            })?;
        options.check_deadline(&model, "canonicalizing")?;
        let warnings = loaded.diagnostics.clone();
        let view = loaded
            .models
            .view(&model)
            .ok_or_else(|| internal(format!("no view of validated model <{model}>")))?;

        let existing = catalog::read(&self.store, &model)?;
        let history = catalog::versions(&self.store, &model)?;
        let mode = options
            .compatibility
            .or_else(|| existing.as_ref().and_then(|e| e.compatibility))
            .unwrap_or_default();

        // Unchanged content: nothing to write (except a changed mode, if asked).
        if let Some(version) = self.unchanged(existing.as_ref(), &canonical.hash, mode, options)? {
            return Ok(Registered {
                model: model.clone(),
                version,
                graph: version_graph(&model, version),
                hash: canonical.hash,
                outcome: Outcome::Unchanged,
                changes: Vec::new(),
                projections: Vec::new(),
                warnings,
            });
        }
        let next = history.last().and_then(|e| e.version).unwrap_or(0) + 1;
        let new_graph = version_graph(&model, next);

        // What the last version's projections recorded: targets that keep
        // identifiers across versions read their mappings, and the
        // compatibility check compares the new projections with them.
        let last_projections = match history.last() {
            Some(last) => self.stored_projections(&last.graph)?,
            None => Vec::new(),
        };

        // Project, and find each output's governing model.
        let mut projections = Vec::new();
        for projector in projectors {
            let target = projector.target().to_owned();
            let earlier = last_projections
                .iter()
                .find(|p| p.target == target)
                .map(|p| &p.mappings);
            let output =
                projector
                    .project_after(&view, earlier)
                    .map_err(|error| Rejection::Projection {
                        model: model.clone(),
                        error,
                    })?;
            projections.push(self.projection_artifacts(&view, &target, &output, next, &new_graph)?);
            options.check_deadline(&model, "projecting")?;
        }
        let new_projections: Vec<ProjectionGraphs> =
            projections.iter().map(|(g, _)| g.clone()).collect();

        // Registered mappings from this model must still check against it
        // (first: what they say is more precise than a breaking change).
        if mode != CompatibilityMode::None {
            self.check_mappings_on(&model, crate::mapping_sets::NewEnd::Model(&view))?;
        }
        // Compatibility, against the last version or all of them.
        let changes = compatible_changes(&model, &history, mode, |old| {
            let old_loaded = self.load_entry(old)?;
            let Some(old_view) = old_loaded.models.view(&model) else {
                return Err(internal(format!(
                    "version graph <{}> holds no model <{model}>",
                    old.graph
                )));
            };
            let mut found = diff(&old_view, &view);
            let stored;
            let old_projections = if history.last().is_some_and(|l| l.graph == old.graph) {
                &last_projections
            } else {
                stored = self.stored_projections(&old.graph)?;
                &stored
            };
            describe_projections(&mut found, old_projections, &new_projections);
            Ok(found)
        })?;
        options.check_deadline(&model, "checking compatibility")?;

        // Models that import this one must stay valid with the new version.
        self.check_dependents(&model, &canonical)?;
        options.check_deadline(&model, "checking dependents")?;

        let hash = canonical.hash.clone();
        let mut artifacts = vec![Artifact {
            name: model.clone(),
            kind: GraphKind::DomainModel,
            governed_by: self.current_version_graph(upper::MODEL)?,
            imports: self.resolved_imports(&view.root().imports)?,
            derived_from: None,
            connects: Vec::new(),
            target: None,
            coordinates: None,
            canonical,
        }];
        let mut projection_graphs = Vec::new();
        for (_, pair) in projections {
            for artifact in pair {
                projection_graphs.push(artifact.name.clone());
                artifacts.push(artifact);
            }
        }

        self.before_write(options.write_check.as_ref())?;
        if options.dry_run {
            return Ok(Registered {
                model,
                version: next,
                graph: new_graph,
                hash,
                outcome: Outcome::WouldCreate,
                changes,
                projections: projection_graphs,
                warnings,
            });
        }
        self.write_new_version(
            history.last(),
            &artifacts,
            &projection_graphs,
            next,
            mode,
            options,
        )?;
        Ok(Registered {
            model,
            version: next,
            graph: new_graph,
            hash,
            outcome: Outcome::Created,
            changes,
            projections: projection_graphs,
            warnings,
        })
    }

    /// Writes version `next` of the artifacts of one registration (the
    /// first is the registered artifact itself) and publishes it: a first
    /// version in one bulk ingestion, a later one written ahead and published
    /// by a transaction. What a failure leaves written ahead is removed.
    pub(crate) fn write_new_version(
        &self,
        previous: Option<&CatalogEntry>,
        artifacts: &[Artifact],
        projection_graphs: &[String],
        next: u64,
        mode: CompatibilityMode,
        options: &RegisterOptions,
    ) -> Result<(), RegistryError> {
        let name = artifacts
            .first()
            .map(|a| a.name.as_str())
            .unwrap_or_default();
        let first = previous.is_none();
        let mut contents: Vec<VersionContent> = artifacts
            .iter()
            .map(|a| VersionContent::of(a, next))
            .collect();
        // A later version's graphs are written ahead of the transaction that
        // publishes them, in bulk (see `ahead`).
        if !first {
            for content in contents.iter_mut().filter(|c| !c.triples.is_empty()) {
                content.written_ahead = true;
            }
        }
        let publication = Publication {
            previous,
            projection_graphs,
            artifacts,
            contents: &contents,
            now: &now(),
            principal: &options.principal,
            mode,
        };
        let written = if first {
            self.publish_first(&publication, name, options)
        } else {
            self.publish_later(&publication, name, options)
        };
        if written.is_err() {
            // Version graphs written ahead and not published are removed.
            ahead::recover(&self.store)?;
        }
        self.vocabulary.forget();
        written
    }

    /// Publishes a model's first version: only insertions, committed as one
    /// atomic bulk load (see `insertions`), or in a transaction when some
    /// graph would be empty.
    fn publish_first(
        &self,
        publication: &Publication<'_>,
        model: &str,
        options: &RegisterOptions,
    ) -> Result<(), RegistryError> {
        let mut insertions = Insertions::new(&self.store);
        self.publish(&mut insertions, publication)?;
        match insertions.into_quads() {
            Some(quads) => {
                options.check_deadline(model, "writing")?;
                crate::insertions::commit(&self.store, quads)?;
                Ok(())
            }
            None => self.publish_later(publication, model, options),
        }
    }

    /// Publishes a version in a transaction, its version graphs written ahead
    /// when they are marked so.
    fn publish_later(
        &self,
        publication: &Publication<'_>,
        model: &str,
        options: &RegisterOptions,
    ) -> Result<(), RegistryError> {
        let ahead: Vec<&VersionContent> = publication
            .contents
            .iter()
            .filter(|c| c.written_ahead)
            .collect();
        if !ahead.is_empty() {
            let graphs: Vec<String> = ahead.iter().map(|c| c.graph.clone()).collect();
            let quads: Vec<Quad> = ahead.iter().flat_map(|c| c.quads()).collect();
            ahead::write(&self.store, &graphs, quads)?;
        }
        let mut publishing = Publishing {
            tx: self.store.start_transaction()?,
            store: &self.store,
        };
        self.publish(&mut publishing, publication)?;
        ahead::settle(&mut publishing)?;
        // Dropping the transaction uncommitted writes nothing.
        options.check_deadline(model, "writing")?;
        publishing.tx.commit()?;
        Ok(())
    }

    /// Writes a new version: its graphs, current graphs and catalog entries.
    fn publish(&self, tx: &mut impl Writes, p: &Publication<'_>) -> Result<(), RegistryError> {
        // Projections of the previous version that this one does not replace
        // (a projector was removed) stop being current.
        if let Some(last) = p.previous {
            for old in self.projection_versions(&*tx, &last.graph)? {
                if let Some(artifact) = old.version_of {
                    if !p.projection_graphs.contains(&artifact) {
                        retire_current(tx, &artifact)?;
                    }
                }
            }
        }
        // Writing the model's current entry anew also clears a deletion mark.
        for (artifact, content) in p.artifacts.iter().zip(p.contents) {
            let versioned_alone =
                matches!(artifact.kind, GraphKind::DomainModel | GraphKind::Container);
            let compatibility = versioned_alone.then_some(p.mode);
            write_version(tx, artifact, content, p.now, p.principal, compatibility)?;
        }
        Ok(())
    }

    /// The current version's number when its hash is `hash`: nothing is
    /// written then, except the compatibility mode when a new one is asked.
    pub(crate) fn unchanged(
        &self,
        existing: Option<&CatalogEntry>,
        hash: &str,
        mode: CompatibilityMode,
        options: &RegisterOptions,
    ) -> Result<Option<u64>, RegistryError> {
        let Some(current) = existing.filter(|e| e.is_current() && e.hash.as_deref() == Some(hash))
        else {
            return Ok(None);
        };
        if options
            .compatibility
            .is_some_and(|m| Some(m) != current.compatibility)
        {
            self.before_write(options.write_check.as_ref())?;
            if !options.dry_run {
                let mut entry = current.clone();
                entry.compatibility = Some(mode);
                let mut tx = self.store.start_transaction()?;
                catalog::write(&mut tx, &entry)?;
                tx.commit()?;
            }
        }
        Ok(Some(current.version.unwrap_or(0)))
    }

    /// Runs a caller's [`WriteCheck`] (the writer lock is held).
    pub(crate) fn before_write(&self, check: Option<&WriteCheck>) -> Result<(), RegistryError> {
        match check.map(|check| check(self)) {
            Some(Err(reason)) => Err(Rejection::Refused { reason }.into()),
            _ => Ok(()),
        }
    }

    /// Refuses IRIs of uda itself and IRIs already naming graphs of another kind.
    pub(crate) fn check_name(&self, model: &str) -> Result<(), RegistryError> {
        if model.starts_with(RESERVED_PREFIX) {
            return Err(Rejection::Reserved {
                model: model.to_owned(),
            }
            .into());
        }
        if let Some(e) = catalog::read(&self.store, model)? {
            if e.kind != Some(GraphKind::DomainModel) || e.version_of.is_some() {
                let existing = e
                    .kind
                    .map_or_else(|| "unknown".to_owned(), |k| k.to_string());
                let existing = if e.version_of.is_some() {
                    format!("{existing} version")
                } else {
                    existing
                };
                return Err(Rejection::NameClash {
                    model: model.to_owned(),
                    existing,
                }
                .into());
            }
        }
        Ok(())
    }
}

/// The changes from the last of `history` to a new version of `artifact`,
/// `changes_from` giving them against one earlier version; refused with
/// every breaking change when one breaks `mode` against the last version, or
/// against any version in a transitive mode.
pub(crate) fn compatible_changes(
    artifact: &str,
    history: &[CatalogEntry],
    mode: CompatibilityMode,
    mut changes_from: impl FnMut(&CatalogEntry) -> Result<Vec<Change>, RegistryError>,
) -> Result<Vec<Change>, RegistryError> {
    let Some(last) = history.last() else {
        return Ok(Vec::new());
    };
    let against = if mode.is_transitive() {
        history
    } else {
        std::slice::from_ref(last)
    };
    let mut conflicts = Vec::new();
    let mut changes = Vec::new();
    for old in against {
        let found = changes_from(old)?;
        let breaking: Vec<Change> = found
            .iter()
            .filter(|c| c.breaks_mode(mode))
            .cloned()
            .collect();
        if !breaking.is_empty() {
            conflicts.push(Conflict {
                version: old.version.unwrap_or(0),
                changes: breaking,
            });
        }
        if std::ptr::eq(old, last) {
            changes = found;
        }
    }
    if conflicts.is_empty() {
        Ok(changes)
    } else {
        Err(Rejection::Incompatible {
            model: artifact.to_owned(),
            mode,
            conflicts,
        }
        .into())
    }
}

/// What [`Registry::publish`] writes.
struct Publication<'a> {
    previous: Option<&'a CatalogEntry>,
    projection_graphs: &'a [String],
    artifacts: &'a [Artifact],
    /// What is written of each artifact, in the same order.
    contents: &'a [VersionContent],
    now: &'a str,
    principal: &'a str,
    mode: CompatibilityMode,
}

/// Version `version` of an artifact as it is written: its graph's name and
/// triples (blank nodes relabeled for that graph).
pub(crate) struct VersionContent {
    pub(crate) version: u64,
    pub(crate) graph: String,
    pub(crate) triples: Vec<Triple>,
    /// The version graph was written ahead of the transaction (see `ahead`).
    pub(crate) written_ahead: bool,
}

impl VersionContent {
    pub(crate) fn of(artifact: &Artifact, version: u64) -> Self {
        let graph = version_graph(&artifact.name, version);
        let triples = relabel(&artifact.canonical.triples, &graph);
        Self {
            version,
            graph,
            triples,
            written_ahead: false,
        }
    }

    /// The version graph's quads.
    fn quads(&self) -> impl Iterator<Item = Quad> + '_ {
        let g = iri(&self.graph);
        self.triples
            .iter()
            .map(move |t| t.clone().in_graph(g.clone()))
    }
}

/// Writes a version of `artifact`: its version graph (unless written ahead),
/// its current graph, and both catalog entries.
pub(crate) fn write_version(
    tx: &mut impl Writes,
    artifact: &Artifact,
    content: &VersionContent,
    now: &str,
    principal: &str,
    compatibility: Option<CompatibilityMode>,
) -> Result<(), RegistryError> {
    let version_name = &content.graph;
    let triples = &content.triples;
    if !content.written_ahead {
        let vg = iri(version_name);
        tx.insert_named_graph(vg.as_ref());
        for t in triples {
            tx.insert(QuadRef::new(
                &t.subject,
                &t.predicate,
                &t.object,
                GraphNameRef::NamedNode(vg.as_ref()),
            ));
        }
    }
    crate::union::replace_current(tx, &artifact.name, triples)?;
    if crate::index::indexed_kind(Some(artifact.kind)) {
        crate::index::replace(tx, &artifact.name, artifact.kind, triples)?;
    }
    let mut entry = CatalogEntry::new(version_name, artifact.kind);
    entry.governed_by = Some(artifact.governed_by.clone());
    entry.imports = artifact.imports.clone();
    entry.derived_from = artifact.derived_from.clone();
    entry.connects = artifact.connects.clone();
    entry.target = artifact.target.clone();
    if let Some((location, name)) = &artifact.coordinates {
        entry.location = Some(location.clone());
        entry.container_name = Some(name.clone());
    }
    entry.version = Some(content.version);
    entry.hash = Some(artifact.canonical.hash.clone());
    entry.created_at = Some(now.to_owned());
    entry.principal = Some(principal.to_owned());
    let mut current = entry.clone();
    entry.version_of = Some(artifact.name.clone());
    catalog::write(tx, &entry)?;
    current.graph = artifact.name.clone();
    current.current_version = Some(version_name.clone());
    current.compatibility = compatibility;
    catalog::write(tx, &current)?;
    Ok(())
}

/// Removes the current graph of a projection artifact and its entry; its versions stay.
pub(crate) fn retire_current(tx: &mut impl Writes, artifact: &str) -> Result<(), RegistryError> {
    crate::union::remove_current(tx, artifact)?;
    catalog::remove(tx, artifact)
}
