//! The GraphQL API at `/graphql`. Its types describing models are the GraphQL projection of
//! Upper (`upper.rs`), which the registry extends (`model.rs`) and wraps in its own types
//! (`types.rs`, `projection.rs`) and roots (`roots.rs`); `endpoint.rs` speaks HTTP.
//!
//! Contract with http.rs: [`routes`] serves `/graphql` (POST: queries and mutations; GET:
//! queries, or GraphiQL for browsers), [`sdl`] is the schema checked in as
//! `schema/registry.graphql`.

mod discovery;
mod endpoint;
mod errors;
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

/// Every type and both roots, with Upper's index as schema data.
fn builder() -> Result<SchemaBuilder, String> {
    let upper = upper::build()?;
    let index = upper.index;
    let targets = Arc::new(targets::Targets::new());
    let domain_model = index.object_of(vocab::DOMAIN_MODEL)?.to_owned();
    let term = index.type_of(vocab::TERM)?.to_owned();

    let mut objects = upper.objects;
    let model_object = objects
        .remove(&domain_model)
        .ok_or_else(|| format!("Upper's projection has no object type {domain_model}"))?;
    let taken = upper.fields.get(&domain_model).cloned().unwrap_or_default();
    let model_object = model::extend_domain_model(model_object, &taken, &index, &targets)?;
    objects.insert(domain_model.clone(), model_object);

    let mut all: Vec<(String, async_graphql::dynamic::Type)> = objects
        .into_iter()
        .map(|(name, o)| (name, o.into()))
        .collect();
    all.extend(upper.others);
    all.extend(types::types(&targets, &domain_model, &term));
    all.push((
        roots::QUERY.to_owned(),
        roots::query(&domain_model, &targets).into(),
    ));
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
    builder()?
        .data(state.clone())
        .extension(endpoint::MarkExecution)
        .limit_depth(state.limits.graphql_depth)
        .limit_complexity(state.limits.graphql_complexity)
        .finish()
        .map_err(|e| format!("the GraphQL schema is invalid: {e}"))
}

/// The routes of `/graphql`.
pub(crate) fn routes(state: &AppState) -> Result<axum::Router, String> {
    Ok(endpoint::routes(schema(state)?, state.clone()))
}

/// The GraphQL schema in SDL: what `schema/registry.graphql` holds.
pub fn sdl() -> Result<String, String> {
    let schema = builder()?
        .finish()
        .map_err(|e| format!("the GraphQL schema is invalid: {e}"))?;
    Ok(schema.sdl_with_options(
        SDLExportOptions::new()
            .include_specified_by()
            .use_space_ident(),
    ))
}
