//! Projections of a model version, their text (made on request by the server's projectors) and
//! their stored mappings, read in both directions.

use super::errors;
use super::fields::{named, nn, nn_list, of, optional_string, plain_object, string, strings};
use super::scope::{blocking, Scope};
use super::upper::UpperIndex;
use super::values::{list, object};
use crate::AppState;
use async_graphql::dynamic::{
    Field, FieldFuture, FieldValue, InputValue, Object, ResolverContext, Type, TypeRef,
};
use async_graphql::{Error, Value};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Graph, NamedNode, NamedOrBlankNodeRef, TermRef};
use std::collections::BTreeSet;
use std::sync::Arc;
use tokio::sync::OnceCell;
use uda_projection::{SchemaFile, MAP_NS};
use uda_registry::{container_graph, mappings_graph, version_graph, GraphKind, Registry};

pub(crate) const PROJECTION: &str = "Projection";
pub(crate) const MAPPING: &str = "Mapping";
pub(crate) const SCHEMA_FILE: &str = "SchemaFile";

/// A projection of one model version to one target; its text is made on first request.
pub(crate) struct ProjectionRef {
    pub scope: Arc<Scope>,
    pub target: String,
    files: OnceCell<Vec<SchemaFile>>,
}

impl ProjectionRef {
    pub(crate) fn new(scope: Arc<Scope>, target: String) -> ProjectionRef {
        ProjectionRef {
            scope,
            target,
            files: OnceCell::new(),
        }
    }

    /// The schema files, projected from the stored model version with the server's projector.
    async fn files(&self, ctx: &ResolverContext<'_>) -> Result<&[SchemaFile], Error> {
        let state = ctx.data::<AppState>()?;
        let index = ctx.data::<Arc<UpperIndex>>()?;
        let files = self
            .files
            .get_or_try_init(|| async {
                let content = self.scope.content(state, &index.graph).await?;
                let projectors = state.projectors.clone();
                let model = self.scope.model.iri.clone();
                let version = self.scope.version.version;
                let target = self.target.clone();
                let registry = state.registry.clone();
                tokio::task::spawn_blocking(move || {
                    let projector = projectors
                        .iter()
                        .find(|p| p.target() == target)
                        .ok_or_else(|| errors::bad_input(format!("no projection to {target}")))?;
                    let view = content
                        .loaded
                        .models
                        .view(&model)
                        .ok_or_else(|| errors::internal(format!("<{model}> did not load")))?;
                    // The mappings of the version before keep what targets
                    // number (field numbers, ids) as they were when registered.
                    let earlier = registry
                        .earlier_mappings(&model, version, &target)
                        .map_err(errors::registry)?;
                    projector
                        .project_after(&view, earlier.as_ref())
                        .map(|o| o.files)
                        .map_err(|e| errors::internal(e.to_string()))
                })
                .await
                .map_err(|e| errors::internal(format!("a projection task failed: {e}")))?
            })
            .await?;
        Ok(files)
    }
}

/// The targets projected for model version `graph`, as the catalog records them.
pub(crate) fn projection_targets(registry: &Registry, graph: &str) -> Result<Vec<String>, Error> {
    let mut targets: Vec<String> = registry
        .catalog()
        .map_err(errors::registry)?
        .into_iter()
        .filter(|e| {
            e.derived_from.as_deref() == Some(graph)
                && e.kind == Some(GraphKind::ContainerRepresentation)
        })
        .filter_map(|e| e.target)
        .collect();
    targets.sort();
    targets.dedup();
    Ok(targets)
}

/// The mappings of a stored projection: every `map:realizedBy` arc, with the container
/// element's name, path, kind and notes; only those of `element` (a model term IRI) and of
/// `container` (a container element IRI or path like `Work.synopsis`) when given.
pub(crate) fn read_mappings(
    registry: &Registry,
    scope: &Scope,
    target: &str,
    element: Option<&str>,
    container: Option<&str>,
) -> Result<Value, Error> {
    let model = &scope.model.iri;
    let n = scope.version.version;
    let mappings = registry
        .graph(&version_graph(&mappings_graph(model, target), n))
        .map_err(errors::registry)?;
    let elements = registry
        .graph(&version_graph(&container_graph(model, target), n))
        .map_err(errors::registry)?;
    let m = |local: &str| NamedNode::new_unchecked(format!("{MAP_NS}{local}"));
    let (name, part_of, original, note) = (m("name"), m("partOf"), m("originalName"), m("note"));
    let text = |g: &Graph, s: NamedOrBlankNodeRef<'_>, p: &NamedNode| match g
        .object_for_subject_predicate(s, p)
    {
        Some(TermRef::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    };
    let mut rows = Vec::new();
    for t in mappings.triples_for_predicate(&m("realizedBy")) {
        let (NamedOrBlankNodeRef::NamedNode(domain), TermRef::NamedNode(e)) = (t.subject, t.object)
        else {
            continue;
        };
        let subject = NamedOrBlankNodeRef::from(e);
        // The path of names from the element up to (not including) the schema root.
        let mut path = Vec::new();
        let mut seen = BTreeSet::new();
        let mut at = Some(e.into_owned());
        while let Some(node) = at.take() {
            if !seen.insert(node.clone()) {
                break;
            }
            let parent = match elements.object_for_subject_predicate(&node, &part_of) {
                Some(TermRef::NamedNode(p)) => Some(p.into_owned()),
                _ => None,
            };
            if parent.is_some() || path.is_empty() {
                path.extend(text(&elements, node.as_ref().into(), &name));
            }
            at = parent;
        }
        path.reverse();
        let path = path.join(".");
        if element.is_some_and(|x| x != domain.as_str())
            || container.is_some_and(|x| x != e.as_str() && x != path)
        {
            continue;
        }
        let kind = match elements.object_for_subject_predicate(subject, rdf::TYPE) {
            Some(TermRef::NamedNode(k)) => Value::from(k.as_str()),
            _ => Value::Null,
        };
        let mut notes: Vec<String> = mappings
            .objects_for_subject_predicate(subject, &note)
            .filter_map(|o| match o {
                TermRef::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect();
        notes.sort();
        rows.push((
            (
                domain.as_str().to_owned(),
                path.clone(),
                e.as_str().to_owned(),
            ),
            object([
                ("target", string(target)),
                ("element", string(domain.as_str())),
                ("container", string(e.as_str())),
                ("name", text(&elements, subject, &name).into()),
                ("path", path.into()),
                ("kind", kind),
                ("originalName", text(&mappings, subject, &original).into()),
                ("notes", strings(&notes)),
            ]),
        ));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(list(rows.into_iter().map(|(_, v)| v)))
}

/// The projections of a model version, one per stored target.
pub(crate) async fn projections_of<'a>(
    ctx: &ResolverContext<'a>,
    scope: Arc<Scope>,
) -> Result<Option<FieldValue<'a>>, Error> {
    let state = ctx.data::<AppState>()?;
    let graph = scope.version.graph.clone();
    let targets = blocking(state, move |r| projection_targets(r, &graph)).await?;
    Ok(Some(FieldValue::list(targets.into_iter().map(|t| {
        FieldValue::owned_any(ProjectionRef::new(scope.clone(), t))
    }))))
}

/// The `element` and `container` filters of a mappings field.
pub(crate) fn mapping_filters(field: Field) -> Field {
    field
        .argument(
            InputValue::new("element", TypeRef::named(TypeRef::STRING))
                .description("Only the mappings of this model element (IRI): model to container."),
        )
        .argument(
            InputValue::new("container", TypeRef::named(TypeRef::STRING)).description(
                "Only the mappings to this container element (IRI, or path like \
                 `Work.synopsis`): container to model.",
            ),
        )
}

/// The mappings of `target` for a model version, filtered by the field's arguments.
pub(crate) async fn mappings_of<'a>(
    ctx: &ResolverContext<'a>,
    scope: Arc<Scope>,
    target: String,
) -> Result<Option<FieldValue<'a>>, Error> {
    let state = ctx.data::<AppState>()?;
    let element = optional_string(ctx, "element")?;
    let container = optional_string(ctx, "container")?;
    let rows = blocking(state, move |r| {
        read_mappings(r, &scope, &target, element.as_deref(), container.as_deref())
    })
    .await?;
    Ok(Some(FieldValue::value(rows)))
}

/// The version graph of a projection's `graph` (its container or its mappings).
fn stored(p: &ProjectionRef, graph: fn(&str, &str) -> String) -> Value {
    let current = graph(&p.scope.model.iri, &p.target);
    string(&version_graph(&current, p.scope.version.version))
}

/// `SchemaFile`, `Mapping` and `Projection`.
pub(crate) fn types() -> Vec<(String, Type)> {
    let s = || TypeRef::named(TypeRef::STRING);
    let s_nn = || nn(TypeRef::STRING);
    let schema_file = plain_object(
        SCHEMA_FILE,
        "One file of schema text.",
        vec![
            ("name", s_nn(), "The file name (e.g. `studio.graphql`)."),
            ("text", s_nn(), "The schema text."),
        ],
    );
    let mapping = plain_object(
        MAPPING,
        "A model element and a container element realizing it (a `map:realizedBy` arc).",
        vec![
            ("target", s_nn(), "The projection target."),
            (
                "element",
                s_nn(),
                "The IRI of the model element (model, class, property, value, datatype).",
            ),
            (
                "container",
                s_nn(),
                "The IRI of the container element (type, field, table, column...).",
            ),
            ("name", s(), "The container element's name in its schema."),
            (
                "path",
                s_nn(),
                "The names from the schema down to the element (`Work.synopsis`).",
            ),
            (
                "kind",
                s(),
                "The IRI of the container element's class in its system model (`gql:Field`...).",
            ),
            (
                "originalName",
                s(),
                "The model element's local name, when the container element is named otherwise.",
            ),
            (
                "notes",
                nn_list(TypeRef::STRING),
                "What the target cannot express about the element, and how it is represented.",
            ),
        ],
    );
    let files = Field::new("files", nn_list(SCHEMA_FILE), |ctx| {
        FieldFuture::new(async move {
            let p = ctx.parent_value.try_downcast_ref::<ProjectionRef>()?;
            let files = p.files(&ctx).await?;
            let files = files
                .iter()
                .map(|f| object([("name", string(&f.name)), ("text", string(&f.text))]));
            Ok(Some(FieldValue::value(list(files))))
        })
    })
    .description("The schema files, exactly as `uda generate` writes them.");
    let text = Field::new("text", s_nn(), |ctx| {
        FieldFuture::new(async move {
            let p = ctx.parent_value.try_downcast_ref::<ProjectionRef>()?;
            let files = p.files(&ctx).await?;
            let texts: Vec<&str> = files.iter().map(|f| f.text.as_str()).collect();
            Ok(Some(FieldValue::value(texts.join("\n"))))
        })
    })
    .description(
        "The schema text: the one file's, or the files' one after the other, separated by a \
         blank line (Avro writes a file per top-level record: read `files` to keep them apart).",
    );
    let mappings = mapping_filters(Field::new("mappings", nn_list(MAPPING), |ctx| {
        FieldFuture::new(async move {
            let p = ctx.parent_value.try_downcast_ref::<ProjectionRef>()?;
            mappings_of(&ctx, p.scope.clone(), p.target.clone()).await
        })
    }))
    .description("The mappings of this projection: model elements to their container elements.");
    let projection = Object::new(PROJECTION)
        .description(
            "A model version projected to one target: its schema text, and the graphs the \
             registry stores for it.",
        )
        .field(of::<ProjectionRef>(
            "target",
            s_nn(),
            "The target (`graphql`, `sql-postgres`...).",
            |p| string(&p.target),
        ))
        .field(of::<ProjectionRef>(
            "model",
            s_nn(),
            "The model's IRI.",
            |p| string(&p.scope.model.iri),
        ))
        .field(of::<ProjectionRef>(
            "version",
            nn(TypeRef::INT),
            "The model version projected.",
            |p| p.scope.version.version.into(),
        ))
        .field(of::<ProjectionRef>(
            "containerGraph",
            s_nn(),
            "The graph of the container representation of this version.",
            |p| stored(p, container_graph),
        ))
        .field(of::<ProjectionRef>(
            "mappingsGraph",
            s_nn(),
            "The graph of the mappings of this version.",
            |p| stored(p, mappings_graph),
        ))
        .field(files)
        .field(text)
        .field(mappings);
    vec![named(schema_file), named(mapping), named(projection)]
}
