//! Registered mappings: a hand-written `map:MappingSet` connecting a
//! registered domain model to a registered existing container, checked with
//! `uda-mapping` against both as the store holds them, versioned like a
//! model; and the re-check of those mappings when either end gets a new
//! version.

use crate::catalog::{self, GraphKind};
use crate::conformance::ConformanceCheck;
use crate::containers::{conformant_canonical, outside};
use crate::error::{BrokenMapping, RegistryError, Rejection};
use crate::names::{cat, iri, version_graph, CONTAINER_GRAPH_PREFIX, MAPPING_MODEL};
use crate::register::*;
use crate::registry::*;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Graph, Triple};
use uda_mapping::{Mappings, System};
use uda_upper::{vocab as upper, ModelView, Severity};

/// The base IRI of existing containers' elements (`Coordinates::base_iri`).
const CONTAINER_BASE: &str = "https://w3id.org/uda/container/";

/// One end of registered mappings getting a new version: what the mappings
/// are re-checked against instead of its current version.
pub(crate) enum NewEnd<'a> {
    Model(&'a ModelView<'a>),
    Container(&'a Graph),
}

/// The ends of a mapping, as the store holds them.
struct Ends {
    model_version: String,
    container_version: String,
    /// The container's system (a target name).
    target: String,
}

impl Registry {
    /// Registers the mapping file `text` (Turtle, uda's or Netflix UDA's
    /// mapping vocabulary; named `label` in locations) as a new version of
    /// the mapping its `map:MappingSet` IRI names. The set names the
    /// registered domain model (`map:domainModel`) and existing container
    /// (`map:container`, its root element `{base}/schema`) the mappings connect; the mappings are
    /// checked against their current versions (`uda_mapping::check`) and any
    /// error refuses the registration. The graph is stored in uda's
    /// vocabulary, checked against the mapping model's shapes, and its
    /// catalog entry `cat:connects` both versions. Nothing is written unless
    /// it is new and every check passes.
    pub fn register_mapping(
        &self,
        label: &str,
        text: &str,
        options: &RegisterOptions,
    ) -> Result<Registered, RegistryError> {
        let refused = |mapping: &str, problems: Vec<String>| -> RegistryError {
            Rejection::MappingRefused {
                mapping: mapping.to_owned(),
                problems,
            }
            .into()
        };
        let mappings = uda_mapping::read(label, text)
            .map_err(|errors| refused(label, errors.iter().map(ToString::to_string).collect()))?;
        let Some(set) = mappings.set.clone() else {
            return Err(refused(
                label,
                vec![format!(
                    "{label}: no map:MappingSet: name the mappings by an IRI typed map:MappingSet, \
                     with map:domainModel the registered model and map:container the registered \
                     container's base IRI"
                )],
            ));
        };
        let name = set.iri.iri.clone();
        if name.starts_with(crate::names::RESERVED_PREFIX) {
            return Err(Rejection::Reserved { model: name }.into());
        }

        let _guard = self.lock();
        let existing = catalog::read(&self.store, &name)?;
        if let Some(e) = existing
            .as_ref()
            .filter(|e| e.kind != Some(GraphKind::Mapping))
        {
            let kind = e
                .kind
                .map_or_else(|| "unknown".to_owned(), |k| k.to_string());
            return Err(Rejection::NameClash {
                model: name,
                existing: kind,
            }
            .into());
        }
        let ends = self
            .ends(&set.domain_model.iri, &set.container.iri)
            .map_err(|problem| match problem {
                EndProblem::Model(p) => {
                    refused(&name, vec![format!("{}: {p}", set.domain_model.location)])
                }
                EndProblem::Container(p) => {
                    refused(&name, vec![format!("{}: {p}", set.container.location)])
                }
                EndProblem::Registry(e) => e,
            })?;
        let errors = self.check_against(&mappings, &ends, None)?;
        if !errors.is_empty() {
            return Err(refused(&name, errors));
        }

        let graph = uda_mapping::to_graph(&mappings, &ends.target);
        // Its triples join the default graph: a mapping states nothing about
        // IRIs outside its own.
        let history = catalog::versions(&self.store, &name)?;
        let next = history.last().and_then(|e| e.version).unwrap_or(0) + 1;
        let mut problems = outside(&graph, &name, "a mapping of the set");
        if problems.is_empty() {
            let version = version_graph(&name, next);
            problems = self.mapping_conformance(&version, &mappings, &graph, &ends)?;
        }
        let canonical = conformant_canonical(&name, MAPPING_MODEL, problems, &graph, options)?;

        // A mapping has no consumers of its own to keep compatible: its
        // versions are checked against its ends instead.
        let mode = uda_diff::CompatibilityMode::None;
        let version = self.unchanged(existing.as_ref(), &canonical.hash, mode, options)?;
        let (version, outcome) = match version {
            Some(v) => (v, Outcome::Unchanged),
            None => {
                let artifacts = [Artifact {
                    name: name.clone(),
                    kind: GraphKind::Mapping,
                    governed_by: self.current_version_graph(MAPPING_MODEL)?,
                    imports: Vec::new(),
                    derived_from: None,
                    connects: vec![ends.model_version.clone(), ends.container_version.clone()],
                    target: Some(ends.target.clone()),
                    coordinates: None,
                    canonical: canonical.clone(),
                }];
                self.before_write(options.write_check.as_ref())?;
                if options.dry_run {
                    (next, Outcome::WouldCreate)
                } else {
                    self.write_new_version(history.last(), &artifacts, &[], next, mode, options)?;
                    (next, Outcome::Created)
                }
            }
        };
        Ok(Registered {
            graph: version_graph(&name, version),
            model: name,
            version,
            hash: canonical.hash,
            outcome,
            changes: Vec::new(),
            projections: Vec::new(),
            warnings: Vec::new(),
        })
    }

    /// Re-checks the current mappings connecting `artifact` (a domain model
    /// or an existing container) against its new version `new`, the other
    /// end as the store holds it; refused with every mapping it breaks.
    pub(crate) fn check_mappings_on(
        &self,
        artifact: &str,
        new: NewEnd<'_>,
    ) -> Result<(), RegistryError> {
        let mut broken = Vec::new();
        for mapping in catalog::subjects(&self.store, "kind", cat("Mapping").as_ref().into())? {
            let current = catalog::read(&self.store, &mapping)?
                .is_some_and(|e| e.version_of.is_none() && e.is_current());
            if !current {
                continue;
            }
            let graph: Graph = self.graph_triples(&mapping)?.into_iter().collect();
            let Some(set) = Self::stored_set(&graph, &mapping) else {
                continue;
            };
            let connects_it = match new {
                NewEnd::Model(_) => set.0 == artifact,
                NewEnd::Container(_) => container_graph_of(&set.1) == artifact,
            };
            if !connects_it {
                continue;
            }
            let ends = match self.ends(&set.0, &set.1) {
                Ok(ends) => ends,
                // An end deleted since: nothing to re-check against.
                Err(EndProblem::Model(_) | EndProblem::Container(_)) => continue,
                Err(EndProblem::Registry(e)) => return Err(e),
            };
            let mappings = uda_mapping::read_graph(&mapping, &graph).map_err(|errors| {
                RegistryError::Corrupt(format!(
                    "the stored mapping <{mapping}> cannot be read: {}",
                    errors[0]
                ))
            })?;
            let problems = self.check_against(&mappings, &ends, Some(&new))?;
            if !problems.is_empty() {
                broken.push(BrokenMapping { mapping, problems });
            }
        }
        if broken.is_empty() {
            Ok(())
        } else {
            Err(Rejection::BreaksMappings {
                artifact: artifact.to_owned(),
                mappings: broken,
            }
            .into())
        }
    }

    /// The (model, container root) the set `name` of a stored mapping names.
    fn stored_set(graph: &Graph, name: &str) -> Option<(String, String)> {
        let object = |local: &str| {
            let p = iri(&format!("{}{local}", uda_projection::MAP_NS));
            match graph.object_for_subject_predicate(&iri(name), &p)? {
                oxigraph::model::TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
                _ => None,
            }
        };
        object("domainModel").zip(object("container"))
    }

    /// The current versions of the model `model` and of the container whose
    /// root element is `container`.
    fn ends(&self, model: &str, container: &str) -> Result<Ends, EndProblem> {
        let model_version = catalog::read(&self.store, model)?
            .filter(|e| e.kind == Some(GraphKind::DomainModel) && e.version_of.is_none())
            .and_then(|e| e.current_version)
            .ok_or_else(|| {
                EndProblem::Model(format!(
                    "map:domainModel <{model}> is not a registered domain model"
                ))
            })?;
        let entry = catalog::read(&self.store, &container_graph_of(container))?
            .filter(|e| e.kind == Some(GraphKind::Container) && e.version_of.is_none());
        let (Some(container_version), Some(target)) = (
            entry.as_ref().and_then(|e| e.current_version.clone()),
            entry.as_ref().and_then(|e| e.target.clone()),
        ) else {
            return Err(EndProblem::Container(format!(
                "map:container <{container}> is not the root element of a registered container \
                 (`{{base IRI}}/schema`, as `uda import` prints it; register the container with \
                 `uda register --container`)"
            )));
        };
        Ok(Ends {
            model_version,
            container_version,
            target,
        })
    }

    /// The errors of `mappings` against `ends` (one of them replaced by
    /// `new`), rendered with their `file:line:column` and both IRIs. Warnings
    /// do not refuse a mapping; `uda map check` shows them.
    fn check_against(
        &self,
        mappings: &Mappings,
        ends: &Ends,
        new: Option<&NewEnd<'_>>,
    ) -> Result<Vec<String>, RegistryError> {
        let stored_container;
        let container = match new {
            Some(NewEnd::Container(graph)) => *graph,
            _ => {
                stored_container = self
                    .graph_triples(&ends.container_version)?
                    .into_iter()
                    .collect::<Graph>();
                &stored_container
            }
        };
        let system = System::for_target(&ends.target).ok_or_else(|| {
            internal(format!(
                "a container of system {} cannot be mapped",
                ends.target
            ))
        })?;
        let found = match new {
            Some(NewEnd::Model(view)) => uda_mapping::check(mappings, view, container, system),
            _ => {
                let entry = catalog::read(&self.store, &ends.model_version)?.ok_or_else(|| {
                    internal(format!("<{}> has no catalog entry", ends.model_version))
                })?;
                let loaded = self.load_entry(&entry)?;
                let model = entry.version_of.clone().unwrap_or_default();
                let view = loaded.models.view(&model).ok_or_else(|| {
                    internal(format!("<{}> holds no model <{model}>", ends.model_version))
                })?;
                uda_mapping::check(mappings, &view, container, system)
            }
        };
        Ok(found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(ToString::to_string)
            .collect())
    }

    /// The ways a mapping's graph, to be stored as `graph_name`, does not conform to the mapping model's
    /// shapes, read with the container elements it links (and their system
    /// model's taxonomy) and the domain terms it names.
    fn mapping_conformance(
        &self,
        graph_name: &str,
        mappings: &Mappings,
        graph: &Graph,
        ends: &Ends,
    ) -> Result<Vec<String>, RegistryError> {
        let mut context: Graph = self
            .graph_triples(&ends.container_version)?
            .into_iter()
            .collect();
        let system = catalog::read(&self.store, &ends.container_version)?
            .and_then(|e| e.governed_by)
            .and_then(|g| catalog::read(&self.store, &g).ok().flatten())
            .and_then(|e| e.version_of)
            .unwrap_or_default();
        if let Some(view) = self.system.models.view(&system) {
            context.extend(uda_project_shacl::taxonomy(&view).iter());
        }
        // The domain terms as the shapes know them (that each is a class or
        // a property of the model is what the check's M002 said already).
        let model = catalog::read(&self.store, &ends.model_version)?
            .and_then(|e| e.version_of)
            .unwrap_or_default();
        context.insert(&Triple::new(iri(&model), rdf::TYPE, upper::DOMAIN_MODEL));
        let domain = self
            .graph_triples(&ends.model_version)?
            .into_iter()
            .filter(|t| t.subject == iri(&model).into() && t.predicate == upper::DOMAIN);
        context.extend(domain);
        for m in &mappings.mappings {
            let classes =
                std::iter::once(&m.primary_concept).chain(m.related.iter().map(|r| &r.concept));
            for class in classes {
                context.insert(&Triple::new(iri(&class.iri), rdf::TYPE, upper::CLASS));
            }
            let fields = m
                .fields
                .iter()
                .chain(m.related.iter().flat_map(|r| &r.fields));
            for step in fields.flat_map(|f| &f.path) {
                context.insert(&Triple::new(
                    iri(&step.iri),
                    rdf::TYPE,
                    upper::PROPERTY_CLASS,
                ));
            }
        }
        let Some(governing) = self.system.models.view(MAPPING_MODEL) else {
            return Err(internal(format!(
                "system model <{MAPPING_MODEL}> is not loaded"
            )));
        };
        Ok(self.conformance.check(&ConformanceCheck {
            graph_name,
            kind: GraphKind::Mapping,
            graph,
            context: &context,
            target: &ends.target,
            governing_model: MAPPING_MODEL,
            governing: &governing,
        }))
    }
}

/// Why the ends a mapping names cannot be read.
enum EndProblem {
    Model(String),
    Container(String),
    Registry(RegistryError),
}

impl From<RegistryError> for EndProblem {
    fn from(e: RegistryError) -> Self {
        EndProblem::Registry(e)
    }
}

/// The current graph of the existing container whose root element (what a
/// mapping's `map:container` names: `{base}/schema`, as `uda import` prints
/// it) is `root` (see `names::existing_container_graph`).
fn container_graph_of(root: &str) -> String {
    let base = root.strip_suffix("/schema").unwrap_or(root);
    let rest = base.strip_prefix(CONTAINER_BASE).unwrap_or(base);
    format!("{CONTAINER_GRAPH_PREFIX}{rest}")
}
