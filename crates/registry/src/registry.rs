//! The registry: the store, bootstrap, registration, versions, deletion.

use crate::canon::{canonicalize, canonicalize_graph, relabel, Canonical};
use crate::catalog::{self, CatalogEntry, GraphKind, Quads};
use crate::compat::CompatibilityMode;
use crate::conformance::{Conformance, ConformanceCheck, GoverningShapesCheck};
use crate::diff::{diff, Change, ModelDiff};
use crate::error::{Conflict, DependentFailure, RegistryError, Rejection};
use crate::names::{
    container_graph, iri, mappings_graph, version_graph, CATALOG_GRAPH, CATALOG_MODEL,
    FORMAT_VERSION, MAPPING_MODEL, RESERVED_PREFIX,
};
use crate::projdiff::{describe_projections, ProjectionGraphs};
use crate::system::SYSTEM_MODELS;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    Graph, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, QuadRef, Term,
    TermRef, Triple,
};
use oxigraph::store::{Store, Transaction};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;
use uda_projection::{Output, Projector};
use uda_upper::{
    vocab as upper, Diagnostic, Document, Loaded, Loader, ModelSet, ModelView, RdfFormat,
};

/// A model to register: its text, the name diagnostics give it, its syntax.
#[derive(Debug, Clone)]
pub struct ModelSource {
    /// How diagnostics name the source (usually its file name).
    pub name: String,
    pub bytes: Vec<u8>,
    pub format: RdfFormat,
}

impl ModelSource {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>, format: RdfFormat) -> Self {
        Self {
            name: name.into(),
            bytes: bytes.into(),
            format,
        }
    }

    /// A model written in Turtle.
    pub fn turtle(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self::new(name, text.into().into_bytes(), RdfFormat::Turtle)
    }

    /// Parses the source as registration does: diagnostics name it after
    /// `name`, and relative IRIs resolve against a base derived from it, so
    /// they mean the same to every reader of the source.
    pub fn parse(&self) -> Result<Document, Vec<Diagnostic>> {
        let name = source_name(&self.name);
        Document::parse(
            name.as_str().into(),
            &self.bytes,
            self.format,
            &format!("urn:uda:source:{name}"),
        )
    }
}

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
    fn check_deadline(&self, model: &str, phase: &str) -> Result<(), RegistryError> {
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
    pub kind: GraphKind,
    /// The current version; `None` once deleted.
    pub current_version: Option<u64>,
    /// The number of versions ever registered.
    pub versions: u64,
    pub compatibility: CompatibilityMode,
    pub deleted: bool,
}

/// What a deletion did.
#[derive(Debug, Clone, Serialize)]
pub struct Deleted {
    pub model: String,
    /// The current graphs removed (the model's and its projections').
    pub removed_graphs: Vec<String>,
    /// The last version, still readable under its version graph.
    pub last_version: u64,
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

/// The system models, validated, and the models that govern other graphs.
struct System {
    models: ModelSet,
}

/// The knowledge graph of models: see the crate documentation.
pub struct Registry {
    store: Store,
    location: String,
    /// Registrations read, check and write under this lock: oxigraph's
    /// transactions are atomic but do not detect write conflicts, and
    /// version numbers must be allocated without gaps or duplicates.
    writer: Mutex<()>,
    system: System,
    conformance: Box<dyn Conformance>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("location", &self.location)
            .finish_non_exhaustive()
    }
}

/// A triple-producing graph and its canonical form, ready to be written.
struct Artifact {
    /// The current graph name.
    name: String,
    kind: GraphKind,
    governed_by: String,
    imports: Vec<String>,
    derived_from: Option<String>,
    target: Option<String>,
    canonical: Canonical,
}

impl Registry {
    /// Opens (creating if needed) the registry in data directory `dir`, and
    /// bootstraps or upgrades the system models in it.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self, RegistryError> {
        let dir = dir.as_ref();
        let location = dir.display().to_string();
        let open_error = |message: String| RegistryError::Open {
            path: location.clone(),
            message,
        };
        // A non-empty directory that is not a store (RocksDB writes CURRENT)
        // is somebody else's: do not scatter database files into it.
        let foreign = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
            && !Self::exists(dir);
        if foreign {
            return Err(RegistryError::NotARegistry { path: location });
        }
        std::fs::create_dir_all(dir).map_err(|e| open_error(e.to_string()))?;
        let store = Store::open(dir).map_err(|e| {
            let mut message = e.to_string();
            if message.contains("lock") {
                message.push_str(" (is another uda process using this data directory?)");
            }
            open_error(message)
        })?;
        Self::with_store(store, location)
    }

    /// A registry in memory, for tests.
    pub fn in_memory() -> Result<Self, RegistryError> {
        Self::with_store(Store::new()?, "memory".to_owned())
    }

    /// Whether `dir` looks like a data directory (for tools that must not create one).
    pub fn exists(dir: impl AsRef<Path>) -> bool {
        let dir: PathBuf = dir.as_ref().into();
        dir.join("CURRENT").is_file()
    }

    fn with_store(store: Store, location: String) -> Result<Self, RegistryError> {
        let registry = Self {
            store,
            location,
            writer: Mutex::new(()),
            system: System {
                models: ModelSet::default(),
            },
            conformance: Box::new(GoverningShapesCheck::default()),
        };
        let system = registry.bootstrap()?;
        Ok(Self { system, ..registry })
    }

    /// Checks container representations and mappings with `conformance`
    /// instead of the SHACL shapes of their governing models (see [`Conformance`]).
    pub fn with_conformance(mut self, conformance: impl Conformance + 'static) -> Self {
        self.conformance = Box::new(conformance);
        self
    }

    /// The underlying store (read it; write through the registry only).
    pub fn store(&self) -> &Store {
        &self.store
    }

    fn lock(&self) -> MutexGuard<'_, ()> {
        // A panic while holding the lock cannot leave a half-written store:
        // writes happen in one transaction at the end. The guard is only order.
        self.writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    // ------------------------------------------------------------ bootstrap

    /// Checks the data format, validates the compiled-in system models and
    /// writes those that are missing or changed, in one transaction.
    fn bootstrap(&self) -> Result<System, RegistryError> {
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
                &format!("urn:uda:source:{file}"),
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
            let canonical = canonicalize_graph(doc.graph());
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
                target: None,
                canonical,
            };
            write_version(&mut tx, &artifact, next, &now, "uda", None)?;
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

    // ------------------------------------------------------------ registration

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
        // Parsing and canonicalizing need no lock.
        let name = source_name(&source.name);
        let doc = source.parse().map_err(|diagnostics| Rejection::Invalid {
            source: name.clone(),
            rendered: render(&diagnostics),
            diagnostics,
        })?;
        let canonical = canonicalize_graph(doc.graph());
        let declared = declared_model(doc.graph());
        // Until validation names the model, the source names the registration.
        options.check_deadline(declared.as_deref().unwrap_or(&name), "canonicalizing")?;

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
        if let Some(current) = existing.as_ref().filter(|e| e.is_current()) {
            if current.hash.as_deref() == Some(canonical.hash.as_str()) {
                let version = current.version.unwrap_or(0);
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
        }
        let next = history.last().and_then(|e| e.version).unwrap_or(0) + 1;
        let new_graph = version_graph(&model, next);

        // Project, and find each output's governing model.
        let mut projections = Vec::new();
        for projector in projectors {
            let target = projector.target().to_owned();
            let output = projector
                .project(&view)
                .map_err(|error| Rejection::Projection {
                    model: model.clone(),
                    error,
                })?;
            projections.push(self.projection_artifacts(&view, &target, &output, next, &new_graph)?);
            options.check_deadline(&model, "projecting")?;
        }
        let new_projections: Vec<ProjectionGraphs> =
            projections.iter().map(|(g, _)| g.clone()).collect();

        // Compatibility, against the last version or all of them.
        let mut changes = Vec::new();
        if let Some(last) = history.last() {
            let against: Vec<&CatalogEntry> = if mode.is_transitive() {
                history.iter().collect()
            } else {
                vec![last]
            };
            let mut conflicts = Vec::new();
            for old in against {
                let old_loaded = self.load_entry(old)?;
                let Some(old_view) = old_loaded.models.view(&model) else {
                    return Err(internal(format!(
                        "version graph <{}> holds no model <{model}>",
                        old.graph
                    )));
                };
                let mut found = diff(&old_view, &view);
                describe_projections(
                    &mut found,
                    &self.stored_projections(&old.graph)?,
                    &new_projections,
                );
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
            if !conflicts.is_empty() {
                return Err(Rejection::Incompatible {
                    model: model.clone(),
                    mode,
                    conflicts,
                }
                .into());
            }
        }
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
            target: None,
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
        let now = now();
        let mut tx = self.store.start_transaction()?;
        // Projections of the previous version that this one does not replace
        // (a projector was removed) stop being current.
        if let Some(last) = history.last() {
            for old in self.projection_versions(&tx, &last.graph)? {
                if let Some(artifact) = old.version_of {
                    if !projection_graphs.contains(&artifact) {
                        retire_current(&mut tx, &artifact)?;
                    }
                }
            }
        }
        // Writing the model's current entry anew also clears a deletion mark.
        for artifact in &artifacts {
            let compatibility = (artifact.kind == GraphKind::DomainModel).then_some(mode);
            write_version(
                &mut tx,
                artifact,
                next,
                &now,
                &options.principal,
                compatibility,
            )?;
        }
        // Dropping the transaction uncommitted writes nothing.
        options.check_deadline(&model, "writing")?;
        tx.commit()?;
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

    /// Runs a caller's [`WriteCheck`] (the writer lock is held).
    fn before_write(&self, check: Option<&WriteCheck>) -> Result<(), RegistryError> {
        match check.map(|check| check(self)) {
            Some(Err(reason)) => Err(Rejection::Refused { reason }.into()),
            _ => Ok(()),
        }
    }

    /// Refuses IRIs of uda itself and IRIs already naming graphs of another kind.
    fn check_name(&self, model: &str) -> Result<(), RegistryError> {
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

    /// The graphs of one projection, canonicalized, with their governing models checked.
    fn projection_artifacts(
        &self,
        view: &ModelView<'_>,
        target: &str,
        output: &Output,
        version: u64,
        derived_from: &str,
    ) -> Result<(ProjectionGraphs, [Artifact; 2]), RegistryError> {
        let model = view.root().iri.as_str();
        let container_name = container_graph(model, target);
        let mappings_name = mappings_graph(model, target);
        // Conformance, canonicalization and diffing all query the graphs: index them once.
        let graphs = ProjectionGraphs::from_output(target, output);
        let root_class = graphs
            .container
            .object_for_subject_predicate(&output.schema, rdf::TYPE)
            .and_then(|t| match t {
                TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
                _ => None,
            })
            .unwrap_or_default();
        // The governing model of a container is the system model defining
        // its root's class; the mapping model defines map:ContainerElement,
        // which every system model's classes specialize.
        let governing = self
            .system
            .models
            .iter()
            .find(|m| m.classes.contains_key(&root_class))
            .map(|m| m.iri.clone())
            .ok_or_else(|| Rejection::Ungoverned {
                graph: version_graph(&container_name, version),
                target: target.to_owned(),
                class: root_class.clone(),
            })?;
        let container_context = self.imported_containers(view, target)?;
        let mapping_context =
            self.mapping_context(view, &graphs.container, &container_context, &governing);
        for (graph, context, name, kind, governing_model) in [
            (
                &graphs.container,
                &container_context,
                &container_name,
                GraphKind::ContainerRepresentation,
                governing.as_str(),
            ),
            (
                &graphs.mappings,
                &mapping_context,
                &mappings_name,
                GraphKind::Mappings,
                MAPPING_MODEL,
            ),
        ] {
            let Some(governing_view) = self.system.models.view(governing_model) else {
                return Err(internal(format!(
                    "system model <{governing_model}> is not loaded"
                )));
            };
            let graph_name = version_graph(name, version);
            let problems = self.conformance.check(&ConformanceCheck {
                graph_name: &graph_name,
                kind,
                graph,
                context,
                target,
                governing_model,
                governing: &governing_view,
            });
            if !problems.is_empty() {
                return Err(Rejection::NotConformant {
                    graph: graph_name,
                    governing_model: governing_model.to_owned(),
                    problems,
                }
                .into());
            }
        }
        let artifact = |name: String, kind, graph: &Graph, governed_by: String| Artifact {
            name,
            kind,
            governed_by,
            imports: Vec::new(),
            derived_from: Some(derived_from.to_owned()),
            target: Some(target.to_owned()),
            canonical: canonicalize_graph(graph),
        };
        let artifacts = [
            artifact(
                container_name,
                GraphKind::ContainerRepresentation,
                &graphs.container,
                self.current_version_graph(&governing)?,
            ),
            artifact(
                mappings_name,
                GraphKind::Mappings,
                &graphs.mappings,
                self.current_version_graph(MAPPING_MODEL)?,
            ),
        ];
        Ok((graphs, artifacts))
    }

    /// The current containers, for `target`, of the models `view`'s root
    /// imports (directly or not): a container refers to their elements (a
    /// GraphQL type extends an imported one, a table references one).
    fn imported_containers(
        &self,
        view: &ModelView<'_>,
        target: &str,
    ) -> Result<Graph, RegistryError> {
        let mut context = Graph::new();
        for import in view.models().iter().skip(1) {
            for t in graph_triples(&self.store, &container_graph(&import.iri, target))? {
                context.insert(&t);
            }
        }
        Ok(context)
    }

    /// What a projection's mappings are read with: the container elements
    /// they link (the model's and its imports'), the taxonomy of the system
    /// model typing those elements (a `gql:ObjectType` is a
    /// `map:ContainerElement`), and the domain model itself.
    fn mapping_context(
        &self,
        view: &ModelView<'_>,
        container: &Graph,
        imported_containers: &Graph,
        system_model: &str,
    ) -> Graph {
        let mut context = container.clone();
        context.extend(imported_containers.iter());
        if let Some(system) = self.system.models.view(system_model) {
            context.extend(uda_project_shacl::taxonomy(&system).iter());
        }
        let root = view.root();
        context.insert(&Triple::new(iri(&root.iri), rdf::TYPE, upper::DOMAIN_MODEL));
        context.insert(&Triple::new(
            iri(&root.iri),
            upper::DOMAIN,
            Literal::new_simple_literal(&root.domain),
        ));
        context
    }

    /// The current version graph of a model.
    fn current_version_graph(&self, model: &str) -> Result<String, RegistryError> {
        catalog::read(&self.store, model)?
            .and_then(|e| e.current_version)
            .ok_or_else(|| internal(format!("<{model}> has no current version")))
    }

    /// The current version graphs of the models `imports` names (Upper
    /// included when named); missing ones were reported by validation.
    fn resolved_imports(&self, imports: &[String]) -> Result<Vec<String>, RegistryError> {
        let mut out = Vec::new();
        for i in imports {
            if let Some(v) = catalog::read(&self.store, i)?.and_then(|e| e.current_version) {
                out.push(v);
            }
        }
        Ok(out)
    }

    /// The texts (N-Triples) of the current versions of `imports` and of what
    /// they import, transitively, as `(name, text)` for the Loader. Upper is
    /// left out: the Loader has it built in. `overrides` replaces the stored
    /// content of some models (a version being registered).
    fn library(
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
    fn graph_triples(&self, graph: &str) -> Result<Vec<Triple>, RegistryError> {
        graph_triples(&self.store, graph)
    }

    /// Current domain models that import `model`, directly or through others.
    fn dependents(&self, model: &str) -> Result<Vec<String>, RegistryError> {
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
    fn check_dependents(&self, model: &str, canonical: &Canonical) -> Result<(), RegistryError> {
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

    /// Loads a stored model version with the import versions recorded for it.
    fn load_entry(&self, entry: &CatalogEntry) -> Result<Loaded, RegistryError> {
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
    fn projection_versions(
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

    /// The stored projections of model version `graph`, by target.
    fn stored_projections(&self, graph: &str) -> Result<Vec<ProjectionGraphs>, RegistryError> {
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
            if e.kind.is_some_and(GraphKind::is_model) && e.version_of.is_none() {
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

    fn model_info(&self, e: &CatalogEntry) -> Result<ModelInfo, RegistryError> {
        let versions = catalog::versions(&self.store, &e.graph)?;
        Ok(ModelInfo {
            iri: e.graph.clone(),
            kind: e.kind.unwrap_or(GraphKind::DomainModel),
            current_version: if e.is_current() { e.version } else { None },
            versions: versions.last().and_then(|v| v.version).unwrap_or(0),
            compatibility: e.compatibility.unwrap_or_default(),
            deleted: e.deleted_at.is_some(),
        })
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

    fn version_entry(
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

    // ------------------------------------------------------------ configuration and deletion

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
    /// models have no current graph, and every graph has a catalog entry.
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
                let hash = canonicalize(triples.iter().map(Triple::as_ref)).hash;
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
            let name = match &g {
                NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
                other => other.to_string(),
            };
            if !known.contains(&name) && name != CATALOG_GRAPH {
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
    fn current_graphs(&self) -> Result<Vec<NamedNode>, RegistryError> {
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

fn version_info(model: &str, e: CatalogEntry, current: Option<&str>) -> VersionInfo {
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

fn internal(message: String) -> RegistryError {
    RegistryError::Corrupt(message)
}

/// Writes version `version` of `artifact`: its version graph, its current
/// graph, and both catalog entries.
fn write_version(
    tx: &mut Transaction<'_>,
    artifact: &Artifact,
    version: u64,
    now: &str,
    principal: &str,
    compatibility: Option<CompatibilityMode>,
) -> Result<(), RegistryError> {
    let version_name = version_graph(&artifact.name, version);
    let vg = iri(&version_name);
    let triples = relabel(&artifact.canonical.triples, &version_name);
    tx.insert_named_graph(vg.as_ref());
    for t in &triples {
        tx.insert(QuadRef::new(
            &t.subject,
            &t.predicate,
            &t.object,
            GraphNameRef::NamedNode(vg.as_ref()),
        ));
    }
    crate::union::replace_current(tx, &artifact.name, &triples)?;
    let mut entry = CatalogEntry::new(&version_name, artifact.kind);
    entry.governed_by = Some(artifact.governed_by.clone());
    entry.imports = artifact.imports.clone();
    entry.derived_from = artifact.derived_from.clone();
    entry.target = artifact.target.clone();
    entry.version = Some(version);
    entry.hash = Some(artifact.canonical.hash.clone());
    entry.created_at = Some(now.to_owned());
    entry.principal = Some(principal.to_owned());
    let mut current = entry.clone();
    entry.version_of = Some(artifact.name.clone());
    catalog::write(tx, &entry)?;
    current.graph = artifact.name.clone();
    current.current_version = Some(version_name);
    current.compatibility = compatibility;
    catalog::write(tx, &current)?;
    Ok(())
}

/// Removes the current graph of a projection artifact and its entry; its versions stay.
fn retire_current(tx: &mut Transaction<'_>, artifact: &str) -> Result<(), RegistryError> {
    crate::union::remove_current(tx, artifact)?;
    catalog::remove(tx, artifact)
}

pub(crate) fn graph_triples(store: &Store, graph: &str) -> Result<Vec<Triple>, RegistryError> {
    let Ok(g) = NamedNode::new(graph) else {
        return Ok(Vec::new());
    };
    Ok(store
        .quads(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))?
        .into_iter()
        .map(Triple::from)
        .collect())
}

/// N-Triples text of `triples`, in a stable order.
fn ntriples(triples: &[Triple]) -> String {
    let mut lines: Vec<String> = triples.iter().map(|t| format!("{t} .\n")).collect();
    lines.sort_unstable();
    lines.concat()
}

/// The domain model a graph declares (the first by IRI, as the Loader picks).
fn declared_model(graph: &Graph) -> Option<String> {
    graph
        .subjects_for_predicate_object(rdf::TYPE, upper::DOMAIN_MODEL)
        .filter_map(|s| match s {
            NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .min()
}

fn declared_imports(graph: &Graph, model: &str) -> Vec<String> {
    let Ok(m) = NamedNode::new(model) else {
        return Vec::new();
    };
    graph
        .objects_for_subject_predicate(&m, upper::IMPORTS)
        .filter_map(|o| match o {
            TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect()
}

fn declared_imports_in(triples: &[Triple], model: &str) -> Vec<String> {
    triples
        .iter()
        .filter(|t| matches!(&t.subject, NamedOrBlankNode::NamedNode(s) if s.as_str() == model))
        .filter(|t| t.predicate.as_ref() == upper::IMPORTS)
        .filter_map(|t| match &t.object {
            Term::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect()
}

/// A source name usable in the base IRI the Loader derives from it.
fn source_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_whitespace() || "<>\"{}|\\^`".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    if cleaned.is_empty() {
        "input".to_owned()
    } else {
        cleaned
    }
}

fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(&|_, _| None))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The current time as an `xsd:dateTime` in UTC, to the millisecond.
pub(crate) fn now() -> String {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = since.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60,
        since.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_is_an_xsd_date_time() {
        let n = now();
        assert_eq!(n.len(), 24, "{n}");
        assert!(n.ends_with('Z') && n.as_bytes()[10] == b'T', "{n}");
        assert!(n.as_str() > "2024-01-01");
    }

    #[test]
    fn source_names_are_iri_safe() {
        assert_eq!(source_name("my model.ttl"), "my_model.ttl");
        assert_eq!(source_name(""), "input");
    }
}
