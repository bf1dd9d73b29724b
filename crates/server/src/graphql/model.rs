//! What the registry adds to the type realizing `upper:DomainModel`: the catalog facts of the
//! version an object describes, its versions, its Turtle, its terms by Upper class, its
//! projections and mappings.

use super::errors;
use super::fields::{mode, nn, nn_list, some, string};
use super::projection::{
    mapping_filters, mappings_of, projections_of, ProjectionRef, MAPPING, PROJECTION,
};
use super::scope::{blocking, Scope};
use super::targets::Targets;
use super::types::{COMPATIBILITY, VERSION};
use super::upper::{Node, UpperIndex};
use super::values::serde_name;
use crate::AppState;
use async_graphql::dynamic::{
    Field, FieldFuture, FieldValue, InputValue, Object, ResolverContext, TypeRef,
};
use async_graphql::{Error, Value};
use oxigraph::model::{NamedNode, NamedOrBlankNode};
use std::collections::BTreeSet;
use std::sync::Arc;
use uda_upper::vocab;

/// The node of a model version's own `upper:DomainModel`.
pub(crate) fn model_node(scope: Arc<Scope>) -> FieldValue<'static> {
    FieldValue::owned_any(Node {
        term: NamedNode::new_unchecked(scope.model.iri.as_str()).into(),
        scope,
    })
}

/// The model version a `DomainModel` node stands for: its own scope, or that of the import.
async fn model_scope(ctx: &ResolverContext<'_>) -> Result<Arc<Scope>, Error> {
    let node = ctx.parent_value.try_downcast_ref::<Node>()?;
    let state = ctx.data::<AppState>()?;
    node.scope.import(state, &node.iri()).await
}

/// A fact's type and how to read it.
type Fact = (fn() -> TypeRef, fn(&Scope) -> Value);

/// The catalog facts of the version a `DomainModel` object describes.
const FACTS: [(&str, &str, Fact); 10] = [
    (
        "version",
        "The version this object describes.",
        (|| nn(TypeRef::INT), |s| s.version.version.into()),
    ),
    (
        "latestVersion",
        "The number of versions registered.",
        (|| nn(TypeRef::INT), |s| s.model.versions.into()),
    ),
    (
        "current",
        "Whether this is the version plain queries see.",
        (|| nn(TypeRef::BOOLEAN), |s| s.version.current.into()),
    ),
    (
        "deleted",
        "Whether the model was deleted (its versions stay readable).",
        (|| nn(TypeRef::BOOLEAN), |s| s.model.deleted.into()),
    ),
    (
        "kind",
        "`domain_model`; for uda's own models `metamodel`, `system_model`, `mapping_model`.",
        (|| nn(TypeRef::STRING), |s| serde_name(&s.model.kind).into()),
    ),
    (
        "graph",
        "The graph holding this version.",
        (|| nn(TypeRef::STRING), |s| string(&s.version.graph)),
    ),
    (
        "hash",
        "`sha256:` and the SHA-256 of the canonical N-Quads: the version's identity.",
        (|| nn(TypeRef::STRING), |s| string(&s.version.hash)),
    ),
    (
        "createdAt",
        "When this version was registered (xsd:dateTime).",
        (|| nn(TypeRef::STRING), |s| string(&s.version.created_at)),
    ),
    (
        "principal",
        "Who registered this version.",
        (|| nn(TypeRef::STRING), |s| string(&s.version.principal)),
    ),
    (
        "compatibility",
        "The mode new versions of the model are checked under.",
        (|| nn(COMPATIBILITY), |s| mode(s.model.compatibility)),
    ),
];

/// The terms a model states, by Upper class: `(field, class, description)`.
const TERM_LISTS: [(&str, oxigraph::model::NamedNodeRef<'static>, &str); 5] = [
    (
        "terms",
        vocab::TERM,
        "Every term the model states (its own graph, not its imports), by IRI.",
    ),
    (
        "classes",
        vocab::CLASS,
        "The model's classes: keyed, nested and enumerations, by IRI.",
    ),
    (
        "properties",
        vocab::PROPERTY_CLASS,
        "The model's attributes and relationships, by IRI.",
    ),
    (
        "enumerations",
        vocab::ENUMERATION,
        "The model's enumerations, by IRI.",
    ),
    (
        "datatypes",
        vocab::DATATYPE_CLASS,
        "The model's own datatypes, by IRI.",
    ),
];

/// Adds the registry's fields to `object`, the type realizing `upper:DomainModel`. `taken` are
/// the fields Upper's projection gave it: a clash is an error, not a silent override.
pub(crate) fn extend_domain_model(
    mut object: Object,
    taken: &BTreeSet<String>,
    index: &UpperIndex,
    targets: &Arc<Targets>,
) -> Result<Object, String> {
    let mut fields: Vec<Field> = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    let mut add = |name: &'static str, field: Field| {
        names.push(name);
        fields.push(field);
    };
    for (name, description, (ty, get)) in FACTS {
        let field = Field::new(name, ty(), move |ctx| {
            FieldFuture::new(async move {
                let scope = model_scope(&ctx).await?;
                Ok(some(get(&scope)))
            })
        });
        add(name, field.description(description));
    }
    add(
        "versions",
        Field::new("versions", nn_list(VERSION), |ctx| {
            FieldFuture::new(async move {
                let scope = model_scope(&ctx).await?;
                let state = ctx.data::<AppState>()?;
                let iri = scope.model.iri.clone();
                let versions =
                    blocking(state, move |r| r.versions(&iri).map_err(errors::registry)).await?;
                Ok(Some(FieldValue::list(versions.into_iter().map(|v| {
                    FieldValue::owned_any(Scope::new(scope.model.clone(), v))
                }))))
            })
        })
        .description("Every version of the model, oldest first."),
    );
    add(
        "turtle",
        Field::new("turtle", nn(TypeRef::STRING), |ctx| {
            FieldFuture::new(async move {
                let scope = model_scope(&ctx).await?;
                let state = ctx.data::<AppState>()?;
                let index = ctx.data::<Arc<UpperIndex>>()?;
                let content = scope.content(state, &index.graph).await?;
                let turtle = uda_projection::write_turtle(
                    &content.own,
                    &uda_projection::MODEL_TURTLE_PREFIXES,
                );
                Ok(Some(FieldValue::value(turtle)))
            })
        })
        .description("The version's graph as Turtle, its triples sorted."),
    );
    add(
        "projections",
        Field::new("projections", nn_list(PROJECTION), |ctx| {
            FieldFuture::new(async move {
                let scope = model_scope(&ctx).await?;
                projections_of(&ctx, scope).await
            })
        })
        .description("The projections stored for this version, one per target."),
    );
    let t = targets.clone();
    let projection = Field::new("projection", nn(PROJECTION), move |ctx| {
        let t = t.clone();
        FieldFuture::new(async move {
            let scope = model_scope(&ctx).await?;
            let target = t.projector_of(&ctx)?;
            Ok(Some(FieldValue::owned_any(ProjectionRef::new(
                scope, target,
            ))))
        })
    });
    add(
        "projection",
        targets
            .arguments(projection)
            .description("The projection of this version to one target."),
    );
    let t = targets.clone();
    let mappings = Field::new("mappings", nn_list(MAPPING), move |ctx| {
        let t = t.clone();
        FieldFuture::new(async move {
            let scope = model_scope(&ctx).await?;
            let target = t.projector_of(&ctx)?;
            mappings_of(&ctx, scope, target).await
        })
    });
    add(
        "mappings",
        mapping_filters(targets.arguments(mappings))
            .description("The mappings of this version's projection to one target."),
    );
    for (name, class, description) in TERM_LISTS {
        let ty = index.type_of(class)?.to_owned();
        let field = Field::new(name, nn_list(&ty), move |ctx| {
            let ty = ty.clone();
            FieldFuture::new(async move {
                let scope = model_scope(&ctx).await?;
                let state = ctx.data::<AppState>()?;
                let index = ctx.data::<Arc<UpperIndex>>()?;
                let content = scope.content(state, &index.graph).await?;
                let nodes: Vec<FieldValue<'_>> = index
                    .instances(&content.own, class)
                    .into_iter()
                    .map(|term| {
                        let scope = scope.clone();
                        index.value(&content.all, Node { term, scope }, &ty)
                    })
                    .collect();
                Ok(Some(FieldValue::list(nodes)))
            })
        });
        add(name, field.description(description));
    }
    let ty = index.type_of(vocab::TERM)?.to_owned();
    let term = Field::new("term", TypeRef::named(&ty), move |ctx| {
        let ty = ty.clone();
        FieldFuture::new(async move {
            let iri = ctx.args.try_get("iri")?.string()?;
            let iri = NamedNode::new(iri)
                .map_err(|e| errors::bad_input(format!("`{iri}` is not an IRI: {e}")))?;
            let scope = model_scope(&ctx).await?;
            let state = ctx.data::<AppState>()?;
            let index = ctx.data::<Arc<UpperIndex>>()?;
            let content = scope.content(state, &index.graph).await?;
            let term = NamedOrBlankNode::from(iri);
            let typed = index.instances(&content.all, vocab::TERM).contains(&term);
            Ok(typed.then(|| index.value(&content.all, Node { term, scope }, &ty)))
        })
    });
    add(
        "term",
        term.argument(InputValue::new("iri", nn(TypeRef::STRING)).description("The term's IRI."))
            .description(
                "A term of the model or its imports (or of Upper: a built-in datatype), by IRI.",
            ),
    );
    for (name, field) in names.into_iter().zip(fields) {
        if taken.contains(name) {
            return Err(format!(
                "Upper's projection already gives DomainModel a field `{name}`, which the \
                 registry adds too"
            ));
        }
        object = object.field(field);
    }
    Ok(object)
}
