//! Registering existing containers: a container representation read by an
//! importer, versioned on its own under a name derived from its coordinates.

use crate::canon::{canonicalize_graph, Canonical};
use crate::catalog::{self, CatalogEntry, GraphKind};
use crate::conformance::ConformanceCheck;
use crate::container_diff::diff_containers;
use crate::error::{RegistryError, Rejection};
use crate::mapping_sets::NewEnd;
use crate::names::{cat, existing_container_graph, version_graph};
use crate::register::*;
use crate::registry::*;
use oxigraph::model::{Graph, NamedOrBlankNodeRef};
use serde::Serialize;
use uda_diff::{Change, CompatibilityMode};
use uda_projection::{Coordinates, Imported};

/// An existing container in the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContainerInfo {
    /// Its current graph's name (see the crate README, "Graph naming").
    pub graph: String,
    /// Its system: a target name (`sql-postgres`, `avro`, `graphql`…).
    pub system: String,
    pub location: String,
    pub name: String,
    /// The current version; `None` once deleted.
    pub current_version: Option<u64>,
    /// The number of versions ever registered.
    pub versions: u64,
    pub compatibility: CompatibilityMode,
}

impl Registry {
    /// Registers the representation of an existing container, read by an
    /// importer with base [`Coordinates::base_iri`], as a new version of the
    /// container `coordinates` name (`coordinates.system` is its target
    /// name). Like [`Registry::register`]: the graph is checked against its
    /// governing system model's shapes, an unchanged one writes nothing, a
    /// new version is checked against earlier ones under the container's
    /// compatibility mode (see `container_diff`), and a refused or failed
    /// registration changes nothing.
    pub fn register_container(
        &self,
        imported: &Imported,
        coordinates: &Coordinates,
        options: &RegisterOptions,
    ) -> Result<Registered, RegistryError> {
        let name = existing_container_graph(coordinates);
        let graph = imported.container.to_graph();
        let root = crate::projecting::root_class(&graph, &imported.schema);
        let governing =
            self.governing_system_model(&root)
                .ok_or_else(|| Rejection::Ungoverned {
                    graph: name.clone(),
                    target: coordinates.system.clone(),
                    class: root.clone(),
                })?;
        let Some(governing_view) = self.system.models.view(&governing) else {
            return Err(internal(format!(
                "system model <{governing}> is not loaded"
            )));
        };
        // Nothing outside the container: its triples join the default graph,
        // where statements about other IRIs would change what they say.
        let mut problems = outside(
            &graph,
            &coordinates.base_iri(),
            "an element of the container",
        );
        if problems.is_empty() {
            problems = self.conformance.check(&ConformanceCheck {
                graph_name: &name,
                kind: GraphKind::Container,
                graph: &graph,
                context: &Graph::new(),
                target: &coordinates.system,
                governing_model: &governing,
                governing: &governing_view,
            });
        }
        let canonical = conformant_canonical(&name, &governing, problems, &graph, options)?;

        let _guard = self.lock();
        let existing = catalog::read(&self.store, &name)?;
        if let Some(e) = &existing {
            if e.kind != Some(GraphKind::Container) {
                let kind = e
                    .kind
                    .map_or_else(|| "unknown".to_owned(), |k| k.to_string());
                return Err(Rejection::NameClash {
                    model: name,
                    existing: kind,
                }
                .into());
            }
        }
        let history = catalog::versions(&self.store, &name)?;
        let mode = options
            .compatibility
            .or_else(|| existing.as_ref().and_then(|e| e.compatibility))
            .unwrap_or_default();
        if let Some(version) = self.unchanged(existing.as_ref(), &canonical.hash, mode, options)? {
            return Ok(registered(
                &name,
                version,
                canonical.hash,
                Outcome::Unchanged,
                Vec::new(),
            ));
        }
        let next = history.last().and_then(|e| e.version).unwrap_or(0) + 1;
        // Registered mappings to it must still check (first: what they say
        // is more precise than a breaking change).
        if mode != CompatibilityMode::None {
            self.check_mappings_on(&name, NewEnd::Container(&graph))?;
        }
        let changes = self.container_changes(&name, &graph, &history, mode)?;
        options.check_deadline(&name, "checking compatibility")?;

        let hash = canonical.hash.clone();
        let artifacts = [Artifact {
            name: name.clone(),
            kind: GraphKind::Container,
            governed_by: self.current_version_graph(&governing)?,
            imports: Vec::new(),
            connects: Vec::new(),
            derived_from: None,
            target: Some(coordinates.system.clone()),
            coordinates: Some((coordinates.location.clone(), coordinates.name.clone())),
            canonical,
        }];
        self.before_write(options.write_check.as_ref())?;
        if options.dry_run {
            return Ok(registered(&name, next, hash, Outcome::WouldCreate, changes));
        }
        self.write_new_version(history.last(), &artifacts, &[], next, mode, options)?;
        Ok(registered(&name, next, hash, Outcome::Created, changes))
    }

    /// The changes from the last version of container `name` to `graph`;
    /// refused when one breaks `mode` against the last version, or every
    /// version in a transitive mode.
    fn container_changes(
        &self,
        name: &str,
        graph: &Graph,
        history: &[CatalogEntry],
        mode: CompatibilityMode,
    ) -> Result<Vec<Change>, RegistryError> {
        compatible_changes(name, history, mode, |old| {
            let old_graph: Graph = self.graph_triples(&old.graph)?.into_iter().collect();
            Ok(diff_containers(&old_graph, graph))
        })
    }

    /// Every existing container registered, deleted ones too, by graph name.
    pub fn containers(&self) -> Result<Vec<ContainerInfo>, RegistryError> {
        let mut out = Vec::new();
        for g in catalog::subjects(&self.store, "kind", cat("Container").as_ref().into())? {
            let Some(e) = catalog::read(&self.store, &g)?.filter(|e| e.version_of.is_none()) else {
                continue;
            };
            let versions = catalog::versions(&self.store, &g)?;
            out.push(ContainerInfo {
                system: e.target.clone().unwrap_or_default(),
                location: e.location.clone().unwrap_or_default(),
                name: e.container_name.clone().unwrap_or_default(),
                current_version: if e.is_current() { e.version } else { None },
                versions: versions.last().and_then(|v| v.version).unwrap_or(0),
                compatibility: e.compatibility.unwrap_or_default(),
                graph: e.graph,
            });
        }
        Ok(out)
    }
}

/// The subjects of `graph` that are not `base` or under it (after a `/` or
/// `#`), as problems: each is `{subject}: not {what} <{base}>`.
pub(crate) fn outside(graph: &Graph, base: &str, what: &str) -> Vec<String> {
    let under = format!("{base}/");
    let fragment = format!("{base}#");
    let mut problems: Vec<String> = graph
        .iter()
        .filter_map(|t| match t.subject {
            NamedOrBlankNodeRef::NamedNode(n)
                if n.as_str() != base
                    && !n.as_str().starts_with(&under)
                    && !n.as_str().starts_with(&fragment) =>
            {
                Some(format!("{n}: not {what} <{base}>"))
            }
            _ => None,
        })
        .collect();
    problems.sort();
    problems.dedup();
    problems
}

fn registered(
    name: &str,
    version: u64,
    hash: String,
    outcome: Outcome,
    changes: Vec<Change>,
) -> Registered {
    Registered {
        model: name.to_owned(),
        version,
        graph: version_graph(name, version),
        hash,
        outcome,
        changes,
        projections: Vec::new(),
        warnings: Vec::new(),
    }
}

/// The canonical form of `graph`, an artifact `name` governed by
/// `governing_model`, once its conformance `problems` are none: what a
/// container or a mapping is registered as.
pub(crate) fn conformant_canonical(
    name: &str,
    governing_model: &str,
    problems: Vec<String>,
    graph: &Graph,
    options: &RegisterOptions,
) -> Result<Canonical, RegistryError> {
    if !problems.is_empty() {
        return Err(Rejection::NotConformant {
            graph: name.to_owned(),
            governing_model: governing_model.to_owned(),
            problems,
        }
        .into());
    }
    let canonical =
        canonicalize_graph(graph).map_err(|limit| Rejection::CanonicalizationLimit {
            model: name.to_owned(),
            limit: limit.0,
        })?;
    options.check_deadline(name, "checking")?;
    Ok(canonical)
}
