//! `uda register --container`: read an existing container with its system's
//! importer and register its representation, in a data directory; or send
//! its schema files to a server's `registerContainer`.

use super::{registered, report_human, status, Args, Report};
use crate::output::{print_json, ReportFormat as Format, Ui};
use crate::place::{registry_failure, DataArgs, Place};
use crate::remote::Remote;
use crate::{runtime, usage, Failure};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use uda_project_sql::{Dialect, ImportOptions};
use uda_projection::{Coordinates, Imported};
use uda_registry::{CompatibilityMode, Outcome, RegisterOptions, Registered, Registry};
use uda_targets::Target;

/// Where the container is read from.
enum Source {
    /// Schema files (the directories given, expanded to their files of the
    /// system's extensions, sorted).
    Files(Vec<PathBuf>),
    Postgres(url::Url),
    Sqlite(PathBuf),
}

pub fn run(args: &Args, ui: &Ui) -> crate::Outcome {
    let system = args.system.as_deref().unwrap_or_default();
    let target: Target = system
        .parse()
        .map_err(|e| usage(format!("--system: {e}")))?;
    let source = source(&args.container, target)?;
    let label = args.container.join(" ");
    let coordinates = coordinates(args, target, &source)?;
    let result = match args.place.resolve()? {
        Place::Local(data) => register_local(args, ui, &data, target, &source, &coordinates),
        Place::Remote(remote) => register_remote(args, &remote, &source, &coordinates),
    };
    let (registered, error) = match result {
        Ok(r) => (Some(r), None),
        Err(Failure::Refused(message)) => (None, Some(message)),
        Err(other) => return Err(other),
    };
    if args.format == Format::Json {
        print_json(&[Report {
            file: label,
            status: registered.as_ref().map_or("refused", |r| status(r.outcome)),
            registered: registered.as_ref(),
            error: error.clone(),
        }])?;
    } else if let Some(r) = &registered {
        report_human(ui, r)?;
    } else if let Some(message) = &error {
        ui.error(&format!("{label} was refused: {message}"));
    }
    Ok(if error.is_some() {
        crate::refused()
    } else {
        ExitCode::SUCCESS
    })
}

/// Imports the container and registers it in the data directory.
fn register_local(
    args: &Args,
    ui: &Ui,
    data: &DataArgs,
    target: Target,
    source: &Source,
    coordinates: &Coordinates,
) -> Result<Registered, Failure> {
    let imported = import(target, source, coordinates)?;
    for warning in &imported.warnings {
        ui.note(&format!("{warning}"));
    }
    // A dry run writes nothing, not even a new data directory.
    let scratch = args.dry_run && !Registry::exists(data.dir());
    let registry = if scratch {
        Registry::in_memory().map_err(|e| runtime(e.to_string()))?
    } else {
        data.open(true)?
    };
    let options = RegisterOptions {
        principal: args
            .principal
            .clone()
            .unwrap_or_else(|| RegisterOptions::default().principal),
        compatibility: args.compatibility,
        dry_run: args.dry_run && !scratch,
        ..RegisterOptions::default()
    };
    let mut r = registry
        .register_container(&imported, coordinates, &options)
        .map_err(registry_failure)?;
    if scratch && r.outcome == Outcome::Created {
        r.outcome = Outcome::WouldCreate;
    }
    Ok(r)
}

/// The `registerContainer` mutation, asking for what a local registration reports.
const REGISTER_CONTAINER: &str = "
mutation($system: String!, $files: [SourceFile!]!, $name: String, $location: String,
         $compatibility: CompatibilityMode, $dryRun: Boolean) {
  registerContainer(system: $system, files: $files, name: $name, location: $location,
                    compatibility: $compatibility, dryRun: $dryRun) {
    model version graph hash changed written
    changes {
      kind term class description breaksBackward breaksForward
      projections { target description }
    }
    projections { target }
    warnings { code message iri file line column notes help }
  }
}";

/// Sends the schema files to a server, which imports and registers them.
fn register_remote(
    args: &Args,
    remote: &Remote,
    source: &Source,
    at: &Coordinates,
) -> Result<Registered, Failure> {
    let Source::Files(files) = source else {
        return Err(usage(
            "a live database is read by uda itself: register it with --data, not --server",
        ));
    };
    let mut sent = Vec::new();
    for file in files {
        let (label, bytes) = crate::input::read(file)?;
        let text = String::from_utf8(bytes)
            .map_err(|e| Failure::Refused(format!("{label} is not UTF-8 text: {e}")))?;
        sent.push(serde_json::json!({ "label": label, "text": text }));
    }
    let variables = serde_json::json!({
        "system": at.system,
        "files": sent,
        "name": at.name,
        "location": at.location,
        "compatibility": args.compatibility.map(CompatibilityMode::as_str),
        "dryRun": args.dry_run,
    });
    let data = remote.run(REGISTER_CONTAINER, variables)?;
    registered(&data["registerContainer"]).map_err(|e| {
        runtime(format!(
            "{} answered an unreadable registration: {e}",
            remote.endpoint("/graphql")
        ))
    })
}

/// What `--container` names: a live database, or files and directories.
fn source(given: &[String], target: Target) -> Result<Source, Failure> {
    let database = |s: &str| s.starts_with("postgresql://") || s.starts_with("postgres://");
    if let [one] = given {
        if database(one) || one.starts_with("sqlite:") {
            return match (target, one.strip_prefix("sqlite:")) {
                (Target::Sql(Dialect::Sqlite), Some(path)) => Ok(Source::Sqlite(path.into())),
                (Target::Sql(Dialect::Postgres), None) => url::Url::parse(one)
                    .map(Source::Postgres)
                    .map_err(|e| usage(format!("--container {one}: {e}"))),
                _ => Err(usage(format!(
                    "--container {one}: a {target} container is not read from this database"
                ))),
            };
        }
    }
    if given
        .iter()
        .any(|s| database(s) || s.starts_with("sqlite:"))
    {
        return Err(usage("--container: a live database is read alone"));
    }
    let extensions = target.source_extensions();
    if extensions.is_empty() {
        return Err(usage(format!("--system {target}: it has no importer")));
    }
    let mut files = Vec::new();
    for s in given {
        let path = PathBuf::from(s);
        if path.is_dir() {
            let entries = std::fs::read_dir(&path)
                .map_err(|e| runtime(format!("cannot read {}: {e}", path.display())))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension()
                            .and_then(|x| x.to_str())
                            .is_some_and(|x| extensions.contains(&x))
                })
                .collect();
            if found.is_empty() {
                return Err(usage(format!(
                    "{}: no .{} file in this directory",
                    path.display(),
                    extensions.join(", .")
                )));
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path);
        }
    }
    Ok(Source::Files(files))
}

/// The container's coordinates: `--location` and `--name`, or defaults from the source.
fn coordinates(args: &Args, target: Target, source: &Source) -> Result<Coordinates, Failure> {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|p| p.display().to_string())
            .map_err(|e| runtime(format!("{}: {e}", p.display())))
    };
    let (location, name) = match source {
        Source::Postgres(url) => {
            let mut shown = url.clone();
            // The password must not end up in a graph name.
            let _ = shown.set_password(None);
            (shown.to_string(), "public".to_owned())
        }
        Source::Sqlite(path) => (absolute(path)?, "main".to_owned()),
        Source::Files(files) => {
            let first = args
                .container
                .first()
                .map(PathBuf::from)
                .unwrap_or_default();
            let stem = first
                .file_stem()
                .or_else(|| files.first().and_then(|f| f.file_stem()))
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (absolute(&first)?, stem)
        }
    };
    Ok(Coordinates {
        system: target.to_string(),
        location: args.location.clone().unwrap_or(location),
        name: args.name.clone().unwrap_or(name),
    })
}

/// Reads the container with its system's importer.
fn import(target: Target, source: &Source, at: &Coordinates) -> Result<Imported, Failure> {
    let base = at.base_iri();
    let options = ImportOptions {
        base: &base,
        schema_name: &at.name,
        requires: &[],
    };
    let refused = |e: String| Failure::Refused(format!("the container cannot be read:\n{e}"));
    match source {
        Source::Files(files) => {
            let mut sources = Vec::new();
            for file in files {
                let (label, bytes) = crate::input::read(file)?;
                let text = String::from_utf8(bytes)
                    .map_err(|e| Failure::Refused(format!("{label} is not UTF-8 text: {e}")))?;
                sources.push((label, text));
            }
            target.import(&sources, &base, &at.name).map_err(refused)
        }
        Source::Sqlite(path) => {
            if !path.is_file() {
                return Err(usage(format!(
                    "{}: no such SQLite database",
                    path.display()
                )));
            }
            uda_project_sql::import_sqlite(path, &options).map_err(|e| refused(e.to_string()))
        }
        Source::Postgres(url) => {
            let mut client = postgres::Client::connect(url.as_str(), postgres::NoTls)
                .map_err(|e| runtime(format!("cannot connect to the database: {e}")))?;
            uda_project_sql::import_postgres(&mut client, &at.name, &options)
                .map_err(|e| refused(e.to_string()))
        }
    }
}
