//! The `Query` and `Mutation` roots. Reads check `authorize_read` in the HTTP handler; writes
//! check the token against what they change here, before the registry is touched, and again
//! under the registry's writer lock just before it writes (its `write_check`).

use super::endpoint::Deadline;
use super::errors;
use super::fields::{nn, nn_list, optional_string};
use super::model::model_node;
use super::projection::{mapping_filters, mappings_of, ProjectionRef, MAPPING, PROJECTION};
use super::scope::{blocking, Scope};
use super::targets::Targets;
use super::types::{
    catalog_entry, RegistrationRef, CATALOG_ENTRY, COMPATIBILITY, DELETION, REGISTRATION, VERSION,
};
use super::values::{list, object, serde_name};
use crate::AppState;
use async_graphql::dynamic::{
    Field, FieldFuture, FieldValue, InputObject, InputValue, Object, ResolverContext, TypeRef,
};
use async_graphql::{Error, Value};
use std::sync::Arc;
use uda_registry::{
    CompatibilityMode, GraphKind, ModelSource, Outcome, RegisterOptions, Registered,
};
use uda_upper::RdfFormat;

pub(crate) const QUERY: &str = "Query";
pub(crate) const MUTATION: &str = "Mutation";

/// The request's `Authorization` header, put in the request data by the HTTP handler.
#[derive(Clone, Default)]
pub(crate) struct Authorization(pub Option<String>);

/// The `version` argument: a positive number, or absent.
fn version_arg(ctx: &ResolverContext<'_>) -> Result<Option<u64>, Error> {
    match ctx.args.get("version") {
        Some(v) if !v.is_null() => {
            let n = v.i64()?;
            u64::try_from(n)
                .ok()
                .filter(|n| *n > 0)
                .map(Some)
                .ok_or_else(|| {
                    errors::bad_input(format!("version {n} does not exist: versions count from 1"))
                })
        }
        _ => Ok(None),
    }
}

fn model_arg() -> InputValue {
    InputValue::new("model", nn(TypeRef::STRING))
        .description("The model's IRI or its `upper:domain`.")
}

fn version_input() -> InputValue {
    InputValue::new("version", TypeRef::named(TypeRef::INT)).description(
        "A version number; the current version (the last one of a deleted model) by default.",
    )
}

/// The scope the `model` and `version` arguments name.
async fn scope_arg(ctx: &ResolverContext<'_>) -> Result<Arc<Scope>, Error> {
    let model = ctx.args.try_get("model")?.string()?.to_owned();
    let version = version_arg(ctx)?;
    let state = ctx.data::<AppState>()?;
    blocking(state, move |r| {
        Scope::find(r, &model, version).map_err(errors::registry)
    })
    .await
}

fn mode_arg(ctx: &ResolverContext<'_>, name: &str) -> Result<Option<CompatibilityMode>, Error> {
    match ctx.args.get(name) {
        Some(v) if !v.is_null() => Ok(Some(v.enum_name()?.parse().map_err(errors::bad_input)?)),
        _ => Ok(None),
    }
}

fn authorization(ctx: &ResolverContext<'_>) -> Option<String> {
    ctx.data_opt::<Authorization>().and_then(|a| a.0.clone())
}

fn flag(ctx: &ResolverContext<'_>, name: &str) -> Result<bool, Error> {
    Ok(ctx
        .args
        .get(name)
        .map(|v| v.boolean())
        .transpose()?
        .unwrap_or(false))
}

pub(crate) fn query(domain_model: &str, targets: &Arc<Targets>) -> Object {
    let root = Object::new(QUERY)
        .description("Read the registry: models, versions, projections, mappings, catalog, search, trace, coverage.")
        .field(domain_models(domain_model))
        .field(one_domain_model(domain_model))
        .field(versions())
        .field(projection(targets))
        .field(mappings(targets))
        .field(catalog())
        .field(verify());
    super::discovery::fields()
        .into_iter()
        .fold(root, |root, field| root.field(field))
}

fn verify() -> Field {
    Field::new("verify", nn_list(TypeRef::STRING), |ctx| {
        FieldFuture::new(async move {
            let state = ctx.data::<AppState>()?;
            let problems = blocking(state, |r| r.verify().map_err(errors::registry)).await?;
            Ok(Some(FieldValue::value(list(
                problems.into_iter().map(Value::from),
            ))))
        })
    })
    .description(
        "Checks the store's integrity: every version graph hashes to its recorded hash, versions \
         are numbered without gaps, current graphs hold their current versions, the default \
         graph is their union, every graph is in the catalog. The problems found; none for a \
         sound store.",
    )
}

fn domain_models(domain_model: &str) -> Field {
    Field::new("domainModels", nn_list(domain_model), |ctx| {
        FieldFuture::new(async move {
            let system = flag(&ctx, "includeSystem")?;
            let deleted = flag(&ctx, "includeDeleted")?;
            let state = ctx.data::<AppState>()?;
            let scopes = blocking(state, move |r| {
                let mut out = Vec::new();
                for m in r.models().map_err(errors::registry)? {
                    let wanted =
                        (system || m.kind == GraphKind::DomainModel) && (deleted || !m.deleted);
                    if wanted {
                        out.push(Scope::find(r, &m.iri, None).map_err(errors::registry)?);
                    }
                }
                Ok(out)
            })
            .await?;
            Ok(Some(FieldValue::list(scopes.into_iter().map(model_node))))
        })
    })
    .argument(
        InputValue::new("includeSystem", TypeRef::named(TypeRef::BOOLEAN))
            .default_value(false)
            .description(
                "Also list uda's own models (Upper, the mapping, catalog and container models).",
            ),
    )
    .argument(
        InputValue::new("includeDeleted", TypeRef::named(TypeRef::BOOLEAN))
            .default_value(false)
            .description("Also list deleted models (at their last version)."),
    )
    .description("The registered models, by IRI, each at its current version.")
}

fn one_domain_model(domain_model: &str) -> Field {
    Field::new("domainModel", TypeRef::named(domain_model), |ctx| {
        FieldFuture::new(async move {
            match scope_arg(&ctx).await {
                Ok(scope) => Ok(Some(model_node(scope))),
                Err(e) if is_unknown(&e) => Ok(None),
                Err(e) => Err(e),
            }
        })
    })
    .argument(model_arg())
    .argument(version_input())
    .description("One model, by IRI or domain name, at a version; null when there is none.")
}

fn versions() -> Field {
    Field::new("versions", nn_list(VERSION), |ctx| {
        FieldFuture::new(async move {
            let model = ctx.args.try_get("model")?.string()?.to_owned();
            let state = ctx.data::<AppState>()?;
            let scopes = blocking(state, move |r| {
                let info = r.model(&model).map_err(errors::registry)?;
                let versions = r.versions(&info.iri).map_err(errors::registry)?;
                let scopes: Vec<Arc<Scope>> = versions
                    .into_iter()
                    .map(|v| Scope::new(info.clone(), v))
                    .collect();
                Ok(scopes)
            })
            .await?;
            Ok(Some(FieldValue::list(
                scopes.into_iter().map(FieldValue::owned_any),
            )))
        })
    })
    .argument(model_arg())
    .description("Every version of a model, oldest first.")
}

fn projection(targets: &Arc<Targets>) -> Field {
    let t = targets.clone();
    let field = Field::new("projection", nn(PROJECTION), move |ctx| {
        let t = t.clone();
        FieldFuture::new(async move {
            let target = t.projector_of(&ctx)?;
            let scope = scope_arg(&ctx).await?;
            Ok(Some(FieldValue::owned_any(ProjectionRef::new(
                scope, target,
            ))))
        })
    })
    .argument(model_arg())
    .argument(version_input());
    targets
        .arguments(field)
        .description("The projection of a model version to one target, as text, with its graphs.")
}

fn mappings(targets: &Arc<Targets>) -> Field {
    let t = targets.clone();
    let field = Field::new("mappings", nn_list(MAPPING), move |ctx| {
        let t = t.clone();
        FieldFuture::new(async move {
            let target = t.projector_of(&ctx)?;
            let scope = scope_arg(&ctx).await?;
            mappings_of(&ctx, scope, target).await
        })
    })
    .argument(model_arg())
    .argument(version_input());
    mapping_filters(targets.arguments(field)).description(
        "The mappings of a model version's projection: from model elements to the container \
         elements realizing them, and back.",
    )
}

fn catalog() -> Field {
    Field::new("catalog", nn_list(CATALOG_ENTRY), |ctx| {
        FieldFuture::new(async move {
            let kind = optional_string(&ctx, "kind")?;
            let state = ctx.data::<AppState>()?;
            let entries = blocking(state, |r| r.catalog().map_err(errors::registry)).await?;
            let rows = entries
                .iter()
                .filter(|e| {
                    let name = e.kind.map(|k| serde_name(&k));
                    kind.is_none() || name == kind
                })
                .map(catalog_entry);
            Ok(Some(FieldValue::value(list(rows))))
        })
    })
    .argument(
        InputValue::new("kind", TypeRef::named(TypeRef::STRING))
            .description("Only graphs of this kind (`domain_model`, `mappings`...)."),
    )
    .description("Every named graph of the registry, as the catalog describes it, by name.")
}

fn is_unknown(e: &Error) -> bool {
    let code = e.extensions.as_ref().and_then(|x| x.get("code")).cloned();
    matches!(code, Some(Value::String(c)) if c == "UNKNOWN_MODEL" || c == "UNKNOWN_VERSION")
}

/// The RDF syntax a `format` argument names: a name (`turtle`, `jsonld`...) or a media type.
fn rdf_format(name: Option<&str>) -> Result<RdfFormat, Error> {
    let Some(name) = name else {
        return Ok(RdfFormat::Turtle);
    };
    uda_upper::format_from_name(name)
        .or_else(|| RdfFormat::from_media_type(name))
        .ok_or_else(|| {
            errors::bad_input(format!(
                "unknown RDF format `{name}`: give turtle, trig, ntriples, nquads, rdfxml or \
                 jsonld, or their media type"
            ))
        })
}

pub(crate) fn mutation(domain_model: &str) -> Object {
    Object::new(MUTATION)
        .description(
            "Change the registry. Every write needs a token covering what it changes \
             (`Authorization: Bearer <token>`).",
        )
        .field(register())
        .field(register_container())
        .field(register_mapping())
        .field(set_compatibility(domain_model))
        .field(delete())
}

fn register() -> Field {
    Field::new("registerDomainModel", nn(REGISTRATION), |ctx| {
        FieldFuture::new(async move {
            let text = ctx.args.try_get("source")?.string()?.to_owned();
            let format = rdf_format(optional_string(&ctx, "format")?.as_deref())?;
            let name = optional_string(&ctx, "sourceName")?;
            let name = name.unwrap_or_else(|| "source".to_owned());
            let compatibility = mode_arg(&ctx, "compatibility")?;
            let dry_run = flag(&ctx, "dryRun")?;
            let authorization = authorization(&ctx);
            // Past the request's time limit the registration stops and writes nothing.
            let deadline = ctx.data_opt::<Deadline>().map(|d| d.0);
            let state = ctx.data::<AppState>()?;
            let (tokens, projectors) = (state.tokens.clone(), state.projectors.clone());
            let registration = blocking(state, move |r| {
                let source = ModelSource::new(name, text.into_bytes(), format);
                let principal = tokens
                    .authorize_registration(authorization.as_deref(), r, &source)
                    .map_err(|e| errors::auth(&e))?;
                let options = RegisterOptions {
                    principal,
                    compatibility,
                    write_check: Some(tokens.registration_check(authorization, source.clone())),
                    deadline,
                    dry_run,
                };
                let registered = r
                    .register(&source, &projectors, &options)
                    .map_err(errors::registry)?;
                tracing::info!(
                    model = %registered.model,
                    version = registered.version,
                    principal = %options.principal,
                    outcome = ?registered.outcome,
                    "registered"
                );
                // A dry run that would create a version has no stored version to describe.
                let scope = match registered.outcome {
                    Outcome::WouldCreate => None,
                    Outcome::Created | Outcome::Unchanged => Some(
                        Scope::find(r, &registered.model, Some(registered.version))
                            .map_err(errors::registry)?,
                    ),
                };
                Ok(RegistrationRef { registered, scope })
            })
            .await?;
            Ok(Some(FieldValue::owned_any(registration)))
        })
    })
    .argument(InputValue::new("source", nn(TypeRef::STRING)).description("The model, as RDF text."))
    .argument(
        InputValue::new("format", TypeRef::named(TypeRef::STRING)).description(
            "Its syntax: turtle (the default), trig, ntriples, nquads, rdfxml, jsonld, or a media \
         type such as text/turtle.",
        ),
    )
    .argument(
        InputValue::new("sourceName", TypeRef::named(TypeRef::STRING))
            .description("How diagnostics name the source (e.g. its file); `source` by default."),
    )
    .argument(
        InputValue::new("compatibility", TypeRef::named(COMPATIBILITY)).description(
            "The mode to check this version under, kept for the model; by default the model's \
         own (BACKWARD for a new model).",
        ),
    )
    .argument(
        InputValue::new("dryRun", TypeRef::named(TypeRef::BOOLEAN))
            .default_value(false)
            .description(
                "Run every check (authorization included) and report what would be registered, \
                 writing nothing.",
            ),
    )
    .description(
        "Validates, checks and projects a model and stores it as a new version, in one \
         transaction; an unchanged model writes nothing (`changed: false`). Refusals are errors \
         whose extensions carry the code, IRI, line and column.",
    )
}

/// The input type of a schema file given as text.
pub(crate) const SOURCE_FILE: &str = "SourceFile";

/// `SourceFile`: one file of an existing container's schema.
pub(crate) fn source_file_type() -> InputObject {
    InputObject::new(SOURCE_FILE)
        .description("One file of a schema, as text.")
        .field(
            InputValue::new("label", nn(TypeRef::STRING))
                .description("How errors and warnings name it (e.g. its path)."),
        )
        .field(InputValue::new("text", nn(TypeRef::STRING)).description("Its content."))
}

fn register_container() -> Field {
    Field::new("registerContainer", nn(REGISTRATION), |ctx| {
        FieldFuture::new(async move {
            let system = ctx.args.try_get("system")?.string()?.to_owned();
            let target: uda_targets::Target = system
                .parse()
                .map_err(|e: uda_targets::UnknownTarget| errors::bad_input(e.to_string()))?;
            let mut files = Vec::new();
            for file in ctx.args.try_get("files")?.list()?.iter() {
                let file = file.object()?;
                let label = file.try_get("label")?.string()?.to_owned();
                files.push((label, file.try_get("text")?.string()?.to_owned()));
            }
            let first = files.first().map(|(label, _)| label.clone());
            let location = optional_string(&ctx, "location")?
                .or(first)
                .unwrap_or_default();
            let name = optional_string(&ctx, "name")?.unwrap_or_else(|| system.clone());
            let at = uda_projection::Coordinates {
                system,
                location,
                name,
            };
            let compatibility = mode_arg(&ctx, "compatibility")?;
            let dry_run = flag(&ctx, "dryRun")?;
            let authorization = authorization(&ctx);
            let deadline = ctx.data_opt::<Deadline>().map(|d| d.0);
            let state = ctx.data::<AppState>()?;
            let tokens = state.tokens.clone();
            let registration = blocking(state, move |r| {
                let principal = tokens
                    .authorize_container(authorization.as_deref(), &at)
                    .map_err(|e| errors::auth(&e))?;
                let imported = target
                    .import(&files, &at.base_iri(), &at.name)
                    .map_err(|e| {
                        errors::bad_input(format!("the container cannot be read:\n{e}"))
                    })?;
                let options = RegisterOptions {
                    principal,
                    compatibility,
                    write_check: None,
                    deadline,
                    dry_run,
                };
                let registered = r
                    .register_container(&imported, &at, &options)
                    .map_err(errors::registry)?;
                Ok(logged("container", registered, &options.principal))
            })
            .await?;
            Ok(Some(FieldValue::owned_any(registration)))
        })
    })
    .argument(InputValue::new("system", nn(TypeRef::STRING)).description(
        "The container's system, as a target name: graphql, avro, sql-postgres, sql-sqlite, \
         sql-duckdb.",
    ))
    .argument(
        InputValue::new("files", nn_list(SOURCE_FILE))
            .description("The schema's files: SDL, `.avsc` JSON or DDL, as the system reads."),
    )
    .argument(
        InputValue::new("name", TypeRef::named(TypeRef::STRING))
            .description("The container's name within its location; the system by default."),
    )
    .argument(
        InputValue::new("location", TypeRef::named(TypeRef::STRING))
            .description("Where the container is; the first file's label by default."),
    )
    .argument(
        InputValue::new("compatibility", TypeRef::named(COMPATIBILITY)).description(
            "The mode to check this version under, kept for the container; by default its own \
             (BACKWARD for a new container).",
        ),
    )
    .argument(
        InputValue::new("dryRun", TypeRef::named(TypeRef::BOOLEAN))
            .default_value(false)
            .description("Run every check and report what would be registered, writing nothing."),
    )
    .description(
        "Reads an existing container's schema files with its system's importer and stores its \
         representation as a new version (`model` is then the container's graph name; \
         `domainModel` is null and `projections` empty). A token covers a container when one of \
         its domains is the container's name or a prefix of its location. Live databases are \
         not read over HTTP: register them with `uda register --container` on a data directory.",
    )
}

fn register_mapping() -> Field {
    Field::new("registerMapping", nn(REGISTRATION), |ctx| {
        FieldFuture::new(async move {
            let source = ctx.args.try_get("source")?.string()?.to_owned();
            let label =
                optional_string(&ctx, "sourceName")?.unwrap_or_else(|| "mapping.ttl".to_owned());
            let dry_run = flag(&ctx, "dryRun")?;
            let authorization = authorization(&ctx);
            let deadline = ctx.data_opt::<Deadline>().map(|d| d.0);
            let state = ctx.data::<AppState>()?;
            let tokens = state.tokens.clone();
            let registration = blocking(state, move |r| {
                let named = uda_mapping::read(&label, &source)
                    .ok()
                    .and_then(|m| m.set)
                    .map(|set| set.iri.iri);
                let principal = tokens
                    .authorize_mapping(authorization.as_deref(), named.as_deref())
                    .map_err(|e| errors::auth(&e))?;
                let options = RegisterOptions {
                    principal,
                    compatibility: None,
                    write_check: None,
                    deadline,
                    dry_run,
                };
                let registered = r
                    .register_mapping(&label, &source, &options)
                    .map_err(errors::registry)?;
                Ok(logged("mapping", registered, &options.principal))
            })
            .await?;
            Ok(Some(FieldValue::owned_any(registration)))
        })
    })
    .argument(InputValue::new("source", nn(TypeRef::STRING)).description(
        "The mapping, in Turtle (uda's or Netflix UDA's mapping vocabulary), with one \
             `map:MappingSet` naming it and the registered domain model (`map:domainModel`) and \
             container (`map:container`, its root element as `uda import` prints it) it connects.",
    ))
    .argument(
        InputValue::new("sourceName", TypeRef::named(TypeRef::STRING)).description(
            "How locations name the source (e.g. its path); `mapping.ttl` by default.",
        ),
    )
    .argument(
        InputValue::new("dryRun", TypeRef::named(TypeRef::BOOLEAN))
            .default_value(false)
            .description("Run every check and report what would be registered, writing nothing."),
    )
    .description(
        "Checks a hand-written mapping against the current versions of the domain model and the \
         container it connects and stores it as a new version (`model` is then the mapping's \
         IRI; `domainModel` is null and `projections` empty); an error refuses it, located at \
         its file:line:column with both IRIs. A token covers a mapping when one of its domains \
         is its IRI or a namespace of it.",
    )
}

fn set_compatibility(domain_model: &str) -> Field {
    Field::new("setCompatibility", nn(domain_model), |ctx| {
        FieldFuture::new(async move {
            let model = ctx.args.try_get("model")?.string()?.to_owned();
            let mode = mode_arg(&ctx, "mode")?
                .ok_or_else(|| errors::bad_input("give a compatibility mode"))?;
            let authorization = authorization(&ctx);
            let state = ctx.data::<AppState>()?;
            let tokens = state.tokens.clone();
            let scope = blocking(state, move |r| {
                let principal = tokens
                    .authorize_model_write(authorization.as_deref(), r, &model)
                    .map_err(|e| errors::auth(&e))?;
                let check = tokens.model_write_check(authorization, model.clone());
                r.set_compatibility_checked(&model, mode, Some(&check))
                    .map_err(errors::registry)?;
                tracing::info!(%model, %mode, %principal, "compatibility set");
                Scope::find(r, &model, None).map_err(errors::registry)
            })
            .await?;
            Ok(Some(model_node(scope)))
        })
    })
    .argument(model_arg())
    .argument(InputValue::new("mode", nn(COMPATIBILITY)).description("The new mode."))
    .description("Sets the mode new versions of a model are checked under.")
}

fn delete() -> Field {
    Field::new("deleteDomainModel", nn(DELETION), |ctx| {
        FieldFuture::new(async move {
            let model = ctx.args.try_get("model")?.string()?.to_owned();
            let authorization = authorization(&ctx);
            let state = ctx.data::<AppState>()?;
            let tokens = state.tokens.clone();
            let deleted = blocking(state, move |r| {
                let principal = tokens
                    .authorize_model_write(authorization.as_deref(), r, &model)
                    .map_err(|e| errors::auth(&e))?;
                let check = tokens.model_write_check(authorization, model.clone());
                let deleted = r
                    .delete_checked(&model, &principal, Some(&check))
                    .map_err(errors::registry)?;
                tracing::info!(model = %deleted.model, %principal, "deleted");
                Ok(deleted)
            })
            .await?;
            let removed = deleted.removed_graphs.into_iter().map(Value::from);
            Ok(Some(FieldValue::value(object([
                ("model", deleted.model.into()),
                ("removedGraphs", list(removed)),
                ("lastVersion", deleted.last_version.into()),
            ]))))
        })
    })
    .argument(model_arg())
    .description(
        "Deletes a model no current model imports: its current graph and its projections' go, \
         its versions stay readable. Registering it again continues its numbering.",
    )
}

/// A registration of an existing container or a mapping (`kind`), logged:
/// neither has a model scope to answer with.
fn logged(kind: &'static str, registered: Registered, principal: &str) -> RegistrationRef {
    tracing::info!(
        kind,
        artifact = %registered.model,
        version = registered.version,
        principal,
        outcome = ?registered.outcome,
        "registered"
    );
    RegistrationRef {
        registered,
        scope: None,
    }
}
