//! Discovery over GraphQL: `search`, `realizations`, `concepts` and
//! `coverage`, answering exactly what the registry's `search`,
//! `realizations`, `concepts` and `coverage` give (the CLI's `--format json`
//! prints the same objects).

use super::errors;
use super::fields::{named, nn, nn_list, plain_object};
use super::scope::{blocking, Scope};
use super::upper::{Node, UpperIndex};
use crate::AppState;
use async_graphql::dynamic::{Field, FieldFuture, FieldValue, InputValue, Type, TypeRef};
use async_graphql::{Error, Name, Value};
use oxigraph::model::NamedNode;
use serde::Serialize;
use std::sync::Arc;
use uda_registry::{RegistryError, SearchOptions};
use uda_upper::vocab;

const SEARCH_HIT: &str = "SearchHit";
const REALIZATION: &str = "Realization";
const COVERAGE: &str = "Coverage";
const COVERAGE_ITEM: &str = "CoverageItem";

/// The default number of search hits.
const SEARCH_LIMIT: i32 = 20;

/// A registry answer as a plain GraphQL value: the fields of its JSON form.
fn value(answer: &impl Serialize) -> Result<Value, Error> {
    let json = serde_json::to_value(answer).map_err(|e| errors::internal(e.to_string()))?;
    Value::from_json(json).map_err(|e| errors::internal(e.to_string()))
}

/// A registry failure; a bad search term or an unknown concept or element is the request's fault.
fn failure(e: RegistryError) -> Error {
    match e {
        RegistryError::Search(_) => errors::bad_input(e.to_string()),
        RegistryError::NotFound(_) => errors::coded(e.to_string(), "NOT_FOUND", |_| {}),
        e => errors::registry(e),
    }
}

/// The Query fields.
pub(crate) fn fields() -> Vec<Field> {
    vec![search(), realizations(), concepts(), coverage()]
}

fn string_arg(name: &str, description: &str) -> InputValue {
    InputValue::new(name, nn(TypeRef::STRING)).description(description)
}

fn search() -> Field {
    Field::new("search", nn_list(SEARCH_HIT), |ctx| {
        FieldFuture::new(async move {
            let term = ctx.args.try_get("term")?.string()?.to_owned();
            let limit = match ctx.args.get("limit") {
                Some(v) if !v.is_null() => v.i64()?,
                _ => SEARCH_LIMIT.into(),
            };
            let limit = usize::try_from(limit)
                .map_err(|_| errors::bad_input(format!("limit {limit} is negative")))?;
            let mut kinds = Vec::new();
            if let Some(list) = ctx.args.get("kinds").filter(|v| !v.is_null()) {
                for k in list.list()?.iter() {
                    kinds.push(k.string()?.to_owned());
                }
            }
            let state = ctx.data::<AppState>()?;
            let options = SearchOptions { kinds, limit };
            let hits = blocking(state, move |r| r.search(&term, &options).map_err(failure)).await?;
            Ok(Some(FieldValue::value(value(&hits)?)))
        })
    })
    .argument(string_arg(
        "term",
        "The words to find: labels, names split on case and separators, alternative labels, \
         descriptions; one or two typos allowed in words of five letters or more.",
    ))
    .argument(
        InputValue::new("kinds", TypeRef::named_nn_list(TypeRef::STRING)).description(
            "Only hits of these kinds (`class`, `property`, `enum-value`, `table`, `column`…).",
        ),
    )
    .argument(
        InputValue::new("limit", TypeRef::named(TypeRef::INT))
            .default_value(SEARCH_LIMIT)
            .description("At most this many hits (at most 1000)."),
    )
    .description(
        "Domain terms of the current models and elements of the current existing containers \
         matching `term`, best first: exact label or name, prefix, word, fuzzy, description.",
    )
}

fn realizations() -> Field {
    Field::new("realizations", nn_list(REALIZATION), |ctx| {
        FieldFuture::new(async move {
            let term = ctx.args.try_get("term")?.string()?.to_owned();
            let state = ctx.data::<AppState>()?;
            let found = blocking(state, move |r| r.realizations(&term).map_err(failure)).await?;
            Ok(Some(FieldValue::value(value(&found)?)))
        })
    })
    .argument(string_arg(
        "term",
        "A concept's IRI, or a search term naming domain terms exactly (label or name).",
    ))
    .description(
        "Every current container element realizing the concept, projected or cataloged, from \
         every current mappings graph.",
    )
}

fn concepts() -> Field {
    Field::new("concepts", nn_list(REALIZATION), |ctx| {
        FieldFuture::new(async move {
            let element = ctx.args.try_get("element")?.string()?.to_owned();
            let state = ctx.data::<AppState>()?;
            let found = blocking(state, move |r| r.concepts(&element).map_err(failure)).await?;
            Ok(Some(FieldValue::value(value(&found)?)))
        })
    })
    .argument(string_arg(
        "element",
        "A container element's IRI, or its coordinates: `SYSTEM:PATH` \
         (`avro:com.example.Title.releaseYear`) or `LOCATION/NAME/PATH` \
         (`postgresql://host/db/public/title.release_year`).",
    ))
    .description(
        "The concepts a container element takes part in, from every current mappings graph.",
    )
}

fn coverage() -> Field {
    Field::new("coverage", nn(COVERAGE), |ctx| {
        FieldFuture::new(async move {
            let subject = ctx.args.try_get("subject")?.string()?.to_owned();
            let state = ctx.data::<AppState>()?;
            let found = blocking(state, move |r| r.coverage(&subject).map_err(failure)).await?;
            Ok(Some(FieldValue::value(value(&found)?)))
        })
    })
    .argument(string_arg(
        "subject",
        "A model (IRI or `upper:domain`) or an existing container (its graph name).",
    ))
    .description(
        "What a model's concepts or a container's tables, records, types, fields and columns \
         lack: concepts realized nowhere or in no cataloged container, elements mapped to nothing.",
    )
}

/// A domain term hit's term, to read its properties (none for a container element).
fn term_field(term: &str) -> Field {
    Field::new("term", TypeRef::named(term), |ctx| {
        FieldFuture::new(async move {
            let text = |key: &str| match ctx.parent_value.as_value() {
                Some(Value::Object(hit)) => match hit.get(&Name::new(key)) {
                    Some(Value::String(s)) => Some(s.clone()),
                    _ => None,
                },
                _ => None,
            };
            let (Some(iri), Some(model)) = (text("iri"), text("model")) else {
                return Ok(None);
            };
            let Ok(iri) = NamedNode::new(iri) else {
                return Ok(None);
            };
            let state = ctx.data::<AppState>()?;
            let index = ctx.data::<Arc<UpperIndex>>()?;
            let scope = blocking(state, move |r| {
                Scope::find(r, &model, None).map_err(errors::registry)
            })
            .await?;
            let content = scope.content(state, &index.graph).await?;
            let node = Node {
                term: iri.into(),
                scope,
            };
            let ty = index.type_of(vocab::TERM).map_err(errors::internal)?;
            Ok(Some(index.value(&content.all, node, ty)))
        })
    })
    .description("A domain term's node, to read its properties; null for a container element.")
}

/// The types the fields answer with.
pub(crate) fn types(term: &str) -> Vec<(String, Type)> {
    let s = || TypeRef::named(TypeRef::STRING);
    let s_nn = || nn(TypeRef::STRING);
    let int = || TypeRef::named(TypeRef::INT);
    let hit = plain_object(
        SEARCH_HIT,
        "A domain term or container element a search found.",
        vec![
            ("iri", s_nn(), "Its IRI."),
            (
                "kind",
                s_nn(),
                "`model`, `class`, `property`, `enumeration`, `enum-value`, `datatype`, `concept`, \
                 or a container element's class in kebab case (`table`, `column`, `field`…).",
            ),
            (
                "matched",
                s_nn(),
                "The tier: `exact`, `prefix`, `word`, `fuzzy`, `description`.",
            ),
            ("why", s_nn(), "What matched, in words."),
            ("name", s_nn(), "Its local name, or the element's name in its container."),
            ("label", s(), "Its label (untagged, else English, else the first)."),
            ("description", s(), "Its description."),
            ("domain", s(), "A domain term: its model's `upper:domain`."),
            ("model", s(), "A domain term: its model's IRI."),
            ("container", s(), "A container element: its container's graph."),
            ("system", s(), "A container element: its container's system."),
            ("path", s(), "A container element: its access path (`table.column`)."),
            ("realizedIn", int(), "A domain term: how many containers realize it."),
        ],
    );
    let realization = plain_object(
        REALIZATION,
        "A container element realizing a concept, and where it is.",
        vec![
            ("concept", s_nn(), "The domain term."),
            ("system", s_nn(), "The container's system (a target name)."),
            ("container", s_nn(), "The container's current graph."),
            (
                "path",
                s_nn(),
                "The access path: `table.column`, `record.field.subfield`, `Type.field`.",
            ),
            ("element", s_nn(), "The element's IRI."),
            ("elementKind", s_nn(), "Its class in kebab case (`column`, `field`…)."),
            (
                "projected",
                nn(TypeRef::BOOLEAN),
                "Whether the container is a projection (else a cataloged, existing container).",
            ),
            ("location", s(), "A cataloged container: where it is."),
            ("containerName", s(), "A cataloged container: its name there."),
            ("mappings", s_nn(), "The mappings graph stating it."),
            (
                "via",
                s_nn(),
                "The arc: `realizedBy` (a projection), `toDataAsset` or `toField` (a hand-written mapping).",
            ),
        ],
    );
    let item = plain_object(
        COVERAGE_ITEM,
        "A concept or element of a coverage report.",
        vec![
            ("iri", s_nn(), "Its IRI."),
            ("kind", s_nn(), "Its kind, as search names it."),
            (
                "name",
                s_nn(),
                "A concept's local name, an element's access path.",
            ),
            (
                "projected",
                nn(TypeRef::INT),
                "How many projected elements it is linked with.",
            ),
            (
                "cataloged",
                nn(TypeRef::INT),
                "How many cataloged elements it is linked with.",
            ),
        ],
    );
    let coverage = plain_object(
        COVERAGE,
        "What a model's concepts or a container's elements lack.",
        vec![
            (
                "subject",
                s_nn(),
                "The model's IRI or the container's graph.",
            ),
            ("kind", s_nn(), "`model` or `container`."),
            (
                "checked",
                nn(TypeRef::INT),
                "How many concepts or elements were checked.",
            ),
            (
                "unrealized",
                nn_list(COVERAGE_ITEM),
                "A model's concepts realized by no element.",
            ),
            (
                "uncataloged",
                nn_list(COVERAGE_ITEM),
                "A model's concepts realized by no cataloged container's element.",
            ),
            (
                "unmapped",
                nn_list(COVERAGE_ITEM),
                "A container's elements mapped to no concept.",
            ),
        ],
    );
    let hit = hit.field(term_field(term));
    [hit, realization, item, coverage]
        .into_iter()
        .map(named)
        .collect()
}
