//! `uda register --container`: read an existing container with its system's
//! importer and register its representation, in a data directory; or send
//! its schema files to a server's `registerContainer`.

use super::{registered, report_one, Args};
use crate::import::Origin;
use crate::output::Ui;
use crate::place::{registry_failure, DataArgs, Place};
use crate::remote::Remote;
use crate::{runtime, usage, Failure};
use std::path::{Path, PathBuf};
use uda_projection::Coordinates;
use uda_registry::{CompatibilityMode, Outcome, RegisterOptions, Registered, Registry};
use uda_targets::Target;

pub fn run(args: &Args, ui: &Ui) -> crate::Outcome {
    let system = args.system.as_deref().unwrap_or_default();
    let target: Target = system
        .parse()
        .map_err(|e| usage(format!("--system: {e}")))?;
    let given: Vec<PathBuf> = args.container.iter().map(PathBuf::from).collect();
    let source = Origin::of(&given, target)?;
    let label = args.container.join(" ");
    let coordinates = coordinates(args, target, &source)?;
    let result = match args.place.resolve()? {
        Place::Local(data) => register_local(args, ui, &data, target, &source, &coordinates),
        Place::Remote(remote) => register_remote(args, &remote, &source, &coordinates),
    };
    report_one(args, ui, label, result)
}

/// Imports the container and registers it in the data directory.
fn register_local(
    args: &Args,
    ui: &Ui,
    data: &DataArgs,
    target: Target,
    source: &Origin,
    coordinates: &Coordinates,
) -> Result<Registered, Failure> {
    let imported = source.read(target, coordinates)?.map_err(|errors| {
        let lines: Vec<String> = errors
            .iter()
            .map(|e| format!("{}: error: {}", e.location, e.message))
            .collect();
        Failure::Refused(format!(
            "the container cannot be read:\n{}",
            lines.join("\n")
        ))
    })?;
    for warning in &imported.warnings {
        ui.summary(&format!("{warning}"));
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
const REGISTER_CONTAINER: &str = concat!(
    "
mutation($system: String!, $files: [SourceFile!]!, $name: String, $location: String,
         $compatibility: CompatibilityMode, $dryRun: Boolean) {
  registerContainer(system: $system, files: $files, name: $name, location: $location,
                    compatibility: $compatibility, dryRun: $dryRun) { ...Reported }
}",
    reported_fragment!()
);

/// Sends the schema files to a server, which imports and registers them.
fn register_remote(
    args: &Args,
    remote: &Remote,
    source: &Origin,
    at: &Coordinates,
) -> Result<Registered, Failure> {
    let Origin::Files(sources) = source else {
        return Err(usage(
            "a live database is read by uda itself: register it with --data, not --server",
        ));
    };
    let texts = sources.texts().map_err(|errors| {
        let e = &errors[0];
        Failure::Refused(format!("{}: error: {}", e.location, e.message))
    })?;
    let sent: Vec<serde_json::Value> = texts
        .iter()
        .map(|(label, text)| serde_json::json!({ "label": label, "text": text }))
        .collect();
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

/// The container's coordinates: `--location` and `--name`, or defaults from the source.
fn coordinates(args: &Args, target: Target, source: &Origin) -> Result<Coordinates, Failure> {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|p| p.display().to_string())
            .map_err(|e| runtime(format!("{}: {e}", p.display())))
    };
    // Files are located absolutely in the catalog: a registry outlives the
    // working directory a registration ran in.
    let (location, name) = match source {
        Origin::Files(sources) if sources.location != "-" => {
            (absolute(Path::new(&sources.location))?, source.place().1)
        }
        Origin::Sqlite(path) => (absolute(path)?, source.place().1),
        _ => source.place(),
    };
    Ok(Coordinates {
        system: target.to_string(),
        location: args.location.clone().unwrap_or(location),
        name: args.name.clone().unwrap_or(name),
    })
}
