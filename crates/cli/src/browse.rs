//! `uda models`, `uda versions` and `uda show`: reading the registry from a
//! data directory or a server, with the same output either way.

use crate::output::{print, print_json, table, ReportFormat as Format, Ui};
use crate::place::{registry_failure, Place, PlaceArgs};
use crate::remote::{field, Remote};
use crate::schema_text::{graphql_target, parse_dialect, schema_text, target, TARGET_NAMES};
use crate::{runtime, usage, Failure, Outcome};
use serde::Serialize;
use serde_json::{json, Value};
use std::process::ExitCode;
use uda_project_sql::Dialect;
use uda_projection::{write_turtle, SchemaFile, MODEL_TURTLE_PREFIXES};
use uda_registry::{GraphKind, Registry, RegistryError};
use uda_targets::Target;

#[derive(Debug, clap::Args)]
pub struct ModelsArgs {
    #[command(flatten)]
    pub place: PlaceArgs,
    /// Also list uda's own models (Upper, the mapping, catalog and container models).
    #[arg(long)]
    pub system: bool,
    /// Also list deleted models, at their last version.
    #[arg(long)]
    pub deleted: bool,
    /// How to report: `human` (a table) or `json`.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct VersionsArgs {
    #[command(flatten)]
    pub place: PlaceArgs,
    /// The model: its IRI or its upper:domain.
    #[arg(value_name = "MODEL")]
    pub model: String,
    /// How to report: `human` (a table) or `json`.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub place: PlaceArgs,
    /// The model: its IRI or its upper:domain, then optionally @VERSION (a
    /// number, or `current`, the default).
    #[arg(value_name = "MODEL[@VERSION]")]
    pub model: String,
    /// Print this projection of the version instead of its Turtle: graphql,
    /// graphql-federation, avro, sql, shacl, iceberg, jsonschema or protobuf.
    #[arg(long, value_name = "TARGET", value_parser = TARGET_NAMES)]
    pub target: Option<String>,
    /// The SQL dialect, with --target sql: postgres, sqlite or duckdb.
    #[arg(long, value_name = "DIALECT", default_value = "postgres", value_parser = parse_dialect)]
    pub dialect: Dialect,
}

/// A model as `uda models` lists it.
#[derive(Debug, Serialize)]
struct ModelRow {
    iri: String,
    domain: String,
    kind: String,
    /// The current version, or the last one of a deleted model.
    version: u64,
    /// How many versions were registered.
    versions: u64,
    deleted: bool,
    compatibility: String,
    hash: String,
    created_at: String,
    principal: String,
}

/// A version as `uda versions` lists it.
#[derive(Debug, Serialize)]
struct VersionRow {
    version: u64,
    graph: String,
    hash: String,
    created_at: String,
    principal: String,
    current: bool,
}

pub fn models(args: &ModelsArgs, ui: &Ui) -> Outcome {
    let rows = match args.place.resolve()? {
        Place::Local(data) => local_models(&data.open(false)?, args).map_err(registry_failure)?,
        Place::Remote(remote) => {
            let data = remote.run(
                "query($system: Boolean, $deleted: Boolean) {
                   domainModels(includeSystem: $system, includeDeleted: $deleted) {
                     iri domain kind version latestVersion deleted compatibility hash
                     createdAt principal
                   }
                 }",
                json!({ "system": args.system, "deleted": args.deleted }),
            )?;
            let list = field(&data, "domainModels")?;
            let mut rows = Vec::new();
            for m in list.as_array().into_iter().flatten() {
                rows.push(ModelRow {
                    iri: text(m, "iri")?,
                    domain: text(m, "domain")?,
                    kind: text(m, "kind")?,
                    version: number(m, "version")?,
                    versions: number(m, "latestVersion")?,
                    deleted: field(m, "deleted")?.as_bool().unwrap_or(false),
                    compatibility: text(m, "compatibility")?,
                    hash: text(m, "hash")?,
                    created_at: text(m, "createdAt")?,
                    principal: text(m, "principal")?,
                });
            }
            rows
        }
    };
    if args.format == Format::Json {
        print_json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        ui.summary("no models registered");
        return Ok(ExitCode::SUCCESS);
    }
    let cells = rows
        .iter()
        .map(|m| {
            let version = if m.deleted {
                format!("{} (deleted)", m.version)
            } else {
                m.version.to_string()
            };
            vec![
                m.domain.clone(),
                version,
                m.compatibility.clone(),
                m.created_at.clone(),
                m.principal.clone(),
                format!("<{}>", m.iri),
            ]
        })
        .collect();
    print(&table(
        &[
            "DOMAIN",
            "VERSION",
            "COMPATIBILITY",
            "REGISTERED",
            "BY",
            "MODEL",
        ],
        cells,
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn local_models(registry: &Registry, args: &ModelsArgs) -> Result<Vec<ModelRow>, RegistryError> {
    let mut rows = Vec::new();
    for m in registry.models()? {
        if (m.kind != GraphKind::DomainModel && !args.system) || (m.deleted && !args.deleted) {
            continue;
        }
        let versions = registry.versions(&m.iri)?;
        let shown = m.current_version.unwrap_or(m.versions);
        let Some(v) = versions.into_iter().find(|v| v.version == shown) else {
            continue;
        };
        rows.push(ModelRow {
            domain: m.domain.clone().unwrap_or_default(),
            kind: serde_json::to_value(m.kind)
                .ok()
                .and_then(|k| k.as_str().map(str::to_owned))
                .unwrap_or_default(),
            version: v.version,
            versions: m.versions,
            deleted: m.deleted,
            compatibility: m.compatibility.as_str().to_owned(),
            hash: v.hash,
            created_at: v.created_at,
            principal: v.principal,
            iri: m.iri,
        });
    }
    // Existing containers follow, named by their graph, their name as domain.
    for c in registry.containers()? {
        let deleted = c.current_version.is_none();
        let shown = c.current_version.unwrap_or(c.versions);
        let versions = registry.versions(&c.graph)?;
        let Some(v) = versions.into_iter().find(|v| v.version == shown) else {
            continue;
        };
        if deleted && !args.deleted {
            continue;
        }
        rows.push(ModelRow {
            domain: c.name,
            kind: "container".to_owned(),
            version: v.version,
            versions: c.versions,
            deleted,
            compatibility: c.compatibility.as_str().to_owned(),
            hash: v.hash,
            created_at: v.created_at,
            principal: v.principal,
            iri: c.graph,
        });
    }
    Ok(rows)
}

pub fn versions(args: &VersionsArgs) -> Outcome {
    let rows: Vec<VersionRow> = match args.place.resolve()? {
        Place::Local(data) => data
            .open(false)?
            .versions(&args.model)
            .map_err(registry_failure)?
            .into_iter()
            .map(|v| VersionRow {
                version: v.version,
                graph: v.graph,
                hash: v.hash,
                created_at: v.created_at,
                principal: v.principal,
                current: v.current,
            })
            .collect(),
        Place::Remote(remote) => {
            let data = remote.run(
                "query($model: String!) {
                   versions(model: $model) { version graph hash createdAt principal current }
                 }",
                json!({ "model": args.model }),
            )?;
            let mut rows = Vec::new();
            for v in field(&data, "versions")?.as_array().into_iter().flatten() {
                rows.push(VersionRow {
                    version: number(v, "version")?,
                    graph: text(v, "graph")?,
                    hash: text(v, "hash")?,
                    created_at: text(v, "createdAt")?,
                    principal: text(v, "principal")?,
                    current: field(v, "current")?.as_bool().unwrap_or(false),
                });
            }
            rows
        }
    };
    if args.format == Format::Json {
        print_json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let cells = rows
        .iter()
        .map(|v| {
            vec![
                v.version.to_string(),
                if v.current { "*" } else { "" }.to_owned(),
                v.created_at.clone(),
                v.principal.clone(),
                v.hash.clone(),
            ]
        })
        .collect();
    print(&table(
        &["VERSION", "CURRENT", "REGISTERED", "BY", "HASH"],
        cells,
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// `NAME@VERSION` (VERSION a number, or `current`/`latest`) or `NAME`: the
/// name and the version (`None`: the current one).
pub fn model_ref(spec: &str) -> Result<(String, Option<u64>), Failure> {
    let Some((name, version)) = spec.rsplit_once('@') else {
        return Ok((spec.to_owned(), None));
    };
    match version {
        "current" | "latest" => Ok((name.to_owned(), None)),
        v => match v.parse::<u64>() {
            Ok(0) => Err(usage(format!(
                "version 0 in `{spec}` does not exist: versions count from 1"
            ))),
            Ok(n) => Ok((name.to_owned(), Some(n))),
            Err(_) => Err(usage(format!(
                "`{v}` in `{spec}` is not a version number (a number, or `current`)"
            ))),
        },
    }
}

pub fn show(args: &ShowArgs) -> Outcome {
    let (name, version) = model_ref(&args.model)?;
    let target = match &args.target {
        Some(t) => Some(target(t, args.dialect)?),
        None => None,
    };
    let text = match args.place.resolve()? {
        Place::Local(data) => {
            let registry = data.open(false)?;
            match target {
                None => {
                    let (_, graph) = registry
                        .read_version(&name, version)
                        .map_err(registry_failure)?;
                    write_turtle(&graph, &MODEL_TURTLE_PREFIXES)
                }
                Some(target) => {
                    let v = registry
                        .load_version(&name, version)
                        .map_err(registry_failure)?;
                    let view = v.loaded.models.view(&v.model).ok_or_else(|| {
                        runtime(format!("the stored model <{}> does not load", v.model))
                    })?;
                    let earlier = registry
                        .earlier_mappings(&v.model, v.info.version, &target.to_string())
                        .map_err(registry_failure)?;
                    let output = target
                        .project_after(&view, earlier.as_ref())
                        .map_err(|e| runtime(e.to_string()))?;
                    schema_text(target, &output.files.iter().collect::<Vec<_>>())
                }
            }
        }
        Place::Remote(remote) => remote_show(&remote, &name, version, target)?,
    };
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The text `show` prints, from a server.
fn remote_show(
    remote: &Remote,
    name: &str,
    version: Option<u64>,
    target: Option<Target>,
) -> Result<String, Failure> {
    let Some(target) = target else {
        let data = remote.run(
            "query($model: String!, $version: Int) {
               domainModel(model: $model, version: $version) { turtle }
             }",
            json!({ "model": name, "version": version }),
        )?;
        return match field(&data, "domainModel")? {
            // What a data directory says of a model or version it does not have.
            Value::Null => Err(Failure::Refused(match version {
                Some(v) => format!("no model named `{name}` with a version {v}"),
                None => format!("no model named `{name}`"),
            })),
            model => text(model, "turtle"),
        };
    };
    let (projection_target, dialect) = graphql_target(target);
    let data = remote.run(
        "query($model: String!, $version: Int, $target: ProjectionTarget!, $dialect: SqlDialect) {
           projection(model: $model, version: $version, target: $target, dialect: $dialect) {
             files { name text }
           }
         }",
        json!({
            "model": name, "version": version,
            "target": projection_target, "dialect": dialect,
        }),
    )?;
    let projection = field(&data, "projection")?;
    let mut files = Vec::new();
    for f in field(projection, "files")?.as_array().into_iter().flatten() {
        files.push(SchemaFile {
            name: text(f, "name")?,
            text: text(f, "text")?,
        });
    }
    Ok(schema_text(target, &files.iter().collect::<Vec<_>>()))
}

/// A string field of a server's answer.
pub fn text(value: &Value, name: &str) -> Result<String, Failure> {
    field(value, name)?
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| runtime(format!("the server's `{name}` is not a string")))
}

/// A number field of a server's answer.
fn number(value: &Value, name: &str) -> Result<u64, Failure> {
    field(value, name)?
        .as_u64()
        .ok_or_else(|| runtime(format!("the server's `{name}` is not a number")))
}
