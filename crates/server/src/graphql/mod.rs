//! The GraphQL API at `/graphql`. Its types describing models are the GraphQL projection of
//! Upper (`upper.rs`), which the registry extends (`model.rs`) and wraps in its own types
//! (`types.rs`, `projection.rs`) and roots (`roots.rs`); `federation.rs` makes it an Apollo
//! Federation subgraph; `endpoint.rs` speaks HTTP.
//!
//! Contract with http.rs: [`routes`] serves `/graphql` (POST: queries and mutations; GET:
//! queries, or GraphiQL for browsers), [`sdl`] is the schema checked in as
//! `schema/registry.graphql` (what introspection shows), [`subgraph_sdl`] the one checked in as
//! `schema/registry.subgraph.graphql` (what `_service { sdl }` answers: the same types with
//! their federation `@key`s).

mod discovery;
mod endpoint;
mod errors;
mod federation;
mod fields;
mod model;
mod projection;
mod roots;
mod scope;
mod targets;
mod types;
mod upper;
mod values;

use crate::AppState;
use async_graphql::dynamic::{Schema, SchemaBuilder};
use async_graphql::SDLExportOptions;
use std::collections::BTreeSet;
use std::sync::Arc;
use uda_upper::vocab;

/// Every type and both roots, with Upper's index as schema data; with `keys`, the entities
/// carry their federation `@key` directives (for the subgraph schema and the served one).
fn builder(keys: bool) -> Result<SchemaBuilder, String> {
    let upper = upper::build(keys)?;
    let index = upper.index;
    let targets = Arc::new(targets::Targets::new());
    let domain_model = index.object_of(vocab::DOMAIN_MODEL)?.to_owned();
    let term = index.type_of(vocab::TERM)?.to_owned();

    let mut objects = upper.objects;
    let model_object = objects
        .remove(&domain_model)
        .ok_or_else(|| format!("Upper's projection has no object type {domain_model}"))?;
    let taken = upper.fields.get(&domain_model).cloned().unwrap_or_default();
    let mut model_object = model::extend_domain_model(model_object, &taken, &index, &targets)?;
    if keys {
        model_object = model_object.directive(upper::key(federation::MODEL_KEY));
    }
    objects.insert(domain_model.clone(), model_object);
    let mut version = types::version_type(&domain_model);
    if keys {
        version = version.directive(upper::key(federation::VERSION_KEY));
    }
    let mut union = upper.entity_objects;
    union.insert(types::VERSION.to_owned());
    let mut terms = upper.entities;
    terms.remove(&domain_model);
    let entities = federation::Entities {
        domain_model: domain_model.clone(),
        terms,
    };

    let mut all: Vec<(String, async_graphql::dynamic::Type)> = objects
        .into_iter()
        .map(|(name, o)| (name, o.into()))
        .collect();
    all.extend(upper.others);
    all.extend(types::types(&targets, &domain_model, &term));
    all.push((types::VERSION.to_owned(), version.into()));
    all.extend(federation::types(&union));
    let query = federation::root_fields(roots::query(&domain_model, &targets), entities);
    all.push((roots::QUERY.to_owned(), query.into()));
    all.push((
        roots::SOURCE_FILE.to_owned(),
        roots::source_file_type().into(),
    ));
    all.push((
        roots::MUTATION.to_owned(),
        roots::mutation(&domain_model).into(),
    ));

    let mut builder = Schema::build(roots::QUERY, Some(roots::MUTATION), None);
    let mut names = BTreeSet::new();
    for (name, ty) in all {
        // A type of Upper's projection named like one of the registry's would silently replace it.
        if !names.insert(name.clone()) {
            return Err(format!("two GraphQL types are named {name}"));
        }
        builder = builder.register(ty);
    }
    Ok(builder.data(index))
}

/// The schema served for `state`, with its depth and complexity limits.
fn schema(state: &AppState) -> Result<Schema, String> {
    finished(
        builder(true)?
            .data(federation::ServiceSdl(subgraph_sdl()?))
            .data(state.clone())
            .extension(endpoint::MarkExecution)
            .extension(federation::NullGaps)
            .limit_depth(state.limits.graphql_depth)
            .limit_complexity(state.limits.graphql_complexity),
    )
}

/// The routes of `/graphql`.
pub(crate) fn routes(state: &AppState) -> Result<axum::Router, String> {
    Ok(endpoint::routes(schema(state)?, state.clone()))
}

/// The GraphQL schema in SDL, as introspection shows it: what `schema/registry.graphql` holds.
pub fn sdl() -> Result<String, String> {
    Ok(finished(builder(false)?)?.sdl_with_options(
        SDLExportOptions::new()
            .include_specified_by()
            .use_space_ident(),
    ))
}

/// The GraphQL schema as an Apollo Federation v2 subgraph, in SDL: what `_service { sdl }`
/// answers and `schema/registry.subgraph.graphql` holds.
pub fn subgraph_sdl() -> Result<String, String> {
    let sdl = finished(builder(true)?)?.sdl_with_options(
        SDLExportOptions::new()
            .federation()
            .include_specified_by()
            .use_space_ident(),
    );
    // async-graphql's `@link` imports every federation directive; the subgraph uses `@key` only.
    if !sdl.contains(federation::EVERY_IMPORT) {
        return Err("async-graphql no longer writes the federation @link it did".to_owned());
    }
    Ok(sdl.replacen(federation::EVERY_IMPORT, federation::USED_IMPORTS, 1))
}

fn finished(builder: SchemaBuilder) -> Result<Schema, String> {
    builder
        .finish()
        .map_err(|e| format!("the GraphQL schema is invalid: {e}"))
}
