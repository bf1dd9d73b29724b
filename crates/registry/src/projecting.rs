//! Projecting a model for registration: its projections' graphs, their governing models and conformance.

use crate::canon::canonicalize_graph;
use crate::catalog::{self, GraphKind};
use crate::conformance::ConformanceCheck;
use crate::error::{RegistryError, Rejection};
use crate::names::{container_graph, iri, mappings_graph, version_graph, MAPPING_MODEL};
use crate::register::*;
use crate::registry::*;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Graph, Literal, NamedNode, TermRef, Triple};
use uda_diff::ProjectionGraphs;
use uda_projection::Output;
use uda_upper::{vocab as upper, ModelView};

impl Registry {
    /// The graphs of one projection, canonicalized, with their governing models checked.
    pub(crate) fn projection_artifacts(
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
        // The governing model of a container is the system model defining
        // its root's class; the mapping model defines map:ContainerElement,
        // which every system model's classes specialize.
        let root = root_class(&graphs.container, &output.schema);
        let governing =
            self.governing_system_model(&root)
                .ok_or_else(|| Rejection::Ungoverned {
                    graph: version_graph(&container_name, version),
                    target: target.to_owned(),
                    class: root.clone(),
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
        let artifact = |name: String, kind, graph: &Graph, governed_by: String| {
            let canonical =
                canonicalize_graph(graph).map_err(|limit| Rejection::CanonicalizationLimit {
                    model: model.to_owned(),
                    limit: format!("its {target} projection: {}", limit.0),
                })?;
            Ok::<_, RegistryError>(Artifact {
                name,
                kind,
                governed_by,
                imports: Vec::new(),
                derived_from: Some(derived_from.to_owned()),
                connects: Vec::new(),
                target: Some(target.to_owned()),
                coordinates: None,
                canonical,
            })
        };
        let artifacts = [
            artifact(
                container_name,
                GraphKind::ContainerRepresentation,
                &graphs.container,
                self.current_version_graph(&governing)?,
            )?,
            artifact(
                mappings_name,
                GraphKind::Mappings,
                &graphs.mappings,
                self.current_version_graph(MAPPING_MODEL)?,
            )?,
        ];
        Ok((graphs, artifacts))
    }

    /// The system model defining `root_class`: the model governing a
    /// container whose root is of that class.
    pub(crate) fn governing_system_model(&self, root_class: &str) -> Option<String> {
        self.system
            .models
            .iter()
            .find(|m| m.classes.contains_key(root_class))
            .map(|m| m.iri.clone())
    }

    /// The current containers, for `target`, of the models `view`'s root
    /// imports (directly or not): a container refers to their elements (a
    /// GraphQL type extends an imported one, a table references one).
    pub(crate) fn imported_containers(
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
    pub(crate) fn mapping_context(
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
    pub(crate) fn current_version_graph(&self, model: &str) -> Result<String, RegistryError> {
        catalog::read(&self.store, model)?
            .and_then(|e| e.current_version)
            .ok_or_else(|| internal(format!("<{model}> has no current version")))
    }

    /// The current version graphs of the models `imports` names (Upper
    /// included when named); missing ones were reported by validation.
    pub(crate) fn resolved_imports(
        &self,
        imports: &[String],
    ) -> Result<Vec<String>, RegistryError> {
        let mut out = Vec::new();
        for i in imports {
            if let Some(v) = catalog::read(&self.store, i)?.and_then(|e| e.current_version) {
                out.push(v);
            }
        }
        Ok(out)
    }
}

/// The class of a container representation's root node (its schema), whose
/// system model governs it; empty when it has none.
pub(crate) fn root_class(container: &Graph, schema: &NamedNode) -> String {
    container
        .object_for_subject_predicate(schema, rdf::TYPE)
        .and_then(|t| match t {
            TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .unwrap_or_default()
}
