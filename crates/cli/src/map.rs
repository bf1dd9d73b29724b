//! `uda map check`: a hand-written mapping (uda's mapping vocabulary, or
//! Netflix UDA's) from a domain model to an existing container, checked with
//! `uda-mapping`: both ends exist, kinds, datatypes, cardinalities, keys. The
//! container is read as `uda import` reads it, so the element IRIs the mapping
//! names are the ones `uda import` printed for the same sources.

use crate::import::{self, Origin};
use crate::output::{print_json, ReportFormat as Format, Ui};
use crate::{input, usage, Failure};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use uda_targets::Target;
use uda_upper::{Loader, Severity};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Check a mapping (Turtle) from a domain model to an existing container.
    ///
    /// The container is read from SOURCE as `uda import` reads it (same
    /// --system, --name and sources give the same element IRIs). Each problem
    /// is printed at the mapping statement's file:line:column with both IRIs.
    /// Exits 0 when there is no error (warnings allowed), 1 otherwise.
    Check(CheckArgs),
    /// Suggest draft mappings from a domain model to an existing container.
    ///
    /// With a data directory: MODEL is a registered model (IRI or domain)
    /// and CONTAINER a registered container's name (or graph name). With
    /// --system: MODEL is a model file and the container is read from
    /// SOURCE as `uda import` reads it. Prints Turtle in uda's mapping
    /// vocabulary, each mapping with its score and reason as comments, for
    /// review, `uda map check` and `uda register --mapping`.
    Suggest(suggest::SuggestArgs),
}

mod suggest;

const EXAMPLES: &str = "\
Examples:
  uda import --system sql-postgres legacy.sql --name legacy > legacy.ttl   # see the IRIs
  uda map check films-to-legacy.ttl --model studio.ttl --system sql-postgres legacy.sql --name legacy";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct CheckArgs {
    /// The mapping file (Turtle).
    #[arg(value_name = "MAPPING.ttl")]
    pub mapping: PathBuf,
    /// The domain model the mapping starts from (its imports are resolved
    /// among the -I directories).
    #[arg(long, value_name = "MODEL.ttl")]
    pub model: PathBuf,
    /// A directory of models that imports are resolved against (repeatable).
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    pub include: Vec<PathBuf>,
    /// The container's system, as for `uda import`.
    #[arg(long, value_name = "SYSTEM", value_parser = clap::builder::PossibleValuesParser::new(import::SYSTEMS))]
    pub system: String,
    /// The container's sources, as for `uda import`: files, directories, `-`,
    /// or one live database.
    #[arg(required = true, value_name = "SOURCE", value_hint = clap::ValueHint::AnyPath)]
    pub sources: Vec<PathBuf>,
    /// The container's name, as for `uda import`.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub name: Option<String>,
    /// How to report: `human` (stderr) or `json` (stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Serialize)]
struct Problem {
    code: String,
    severity: &'static str,
    location: String,
    message: String,
    domain: String,
    container: String,
}

pub fn run(args: &Args, ui: &Ui) -> crate::Outcome {
    match &args.command {
        Command::Check(args) => check(args, ui),
        Command::Suggest(args) => suggest::run(args, ui),
    }
}

fn check(args: &CheckArgs, ui: &Ui) -> crate::Outcome {
    let (target, system) = system(&args.system)?;
    let mut loader = Loader::new();
    loader.input_file(&args.model);
    input::add_libraries(&mut loader, &args.include)?;
    let loaded = loader.load();
    let Some(view) = model_view(&loaded, &args.model, ui) else {
        return Ok(crate::refused());
    };

    let Some((imported, _)) = read_container(
        &args.system,
        target,
        &args.sources,
        args.name.as_deref(),
        ui,
    )?
    else {
        return Ok(crate::refused());
    };

    let (label, bytes) = input::read(&args.mapping)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Failure::Refused(format!("{label} is not UTF-8 text: {e}")))?;
    let mappings = match uda_mapping::read(&label, &text) {
        Ok(mappings) => mappings,
        Err(errors) => {
            for e in &errors {
                ui.error(&e.to_string());
            }
            return Ok(crate::refused());
        }
    };
    let found = uda_mapping::check(&mappings, &view, &imported.container.to_graph(), system);
    let errors = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if args.format == Format::Json {
        let problems: Vec<Problem> = found
            .iter()
            .map(|d| Problem {
                code: d.code.as_str().to_owned(),
                severity: if d.severity == Severity::Error {
                    "error"
                } else {
                    "warning"
                },
                location: d.location.to_string(),
                message: d.message.clone(),
                domain: d.domain.clone(),
                container: d.container.clone(),
            })
            .collect();
        print_json(&problems)?;
    } else {
        for d in &found {
            if d.severity == Severity::Error {
                ui.error(&d.to_string());
            } else {
                ui.summary(&d.to_string());
            }
        }
        ui.summary(&format!(
            "{}: {} mapping(s) checked, {} error(s), {} warning(s)",
            label,
            mappings.mappings.len(),
            errors,
            found.len() - errors
        ));
    }
    Ok(if errors > 0 {
        crate::refused()
    } else {
        ExitCode::SUCCESS
    })
}

/// The target `name` names and the system its containers are written in.
fn system(name: &str) -> Result<(Target, uda_mapping::System), Failure> {
    let target: Target = name
        .parse()
        .map_err(|e: uda_targets::UnknownTarget| usage(e.to_string()))?;
    let system = uda_mapping::System::for_target(&target.to_string()).ok_or_else(|| {
        usage(format!(
            "{target} has no importer, so there is no existing container to map to"
        ))
    })?;
    Ok((target, system))
}

/// The view of the model a file loaded; `None`, its diagnostics reported,
/// when it is invalid.
fn model_view<'l>(
    loaded: &'l uda_upper::Loaded,
    file: &std::path::Path,
    ui: &Ui,
) -> Option<uda_upper::ModelView<'l>> {
    let view = loaded
        .inputs
        .first()
        .and_then(|iri| loaded.models.view(iri))
        .filter(|_| !loaded.has_errors());
    if view.is_none() {
        ui.diagnostics(loaded);
        ui.error(&format!("{} is not a valid model", file.display()));
    }
    view
}

/// The container `sources` hold, read as `uda import` reads them, and its
/// coordinates; `None`, its errors reported, when it cannot be read.
fn read_container(
    system: &str,
    target: Target,
    sources: &[PathBuf],
    name: Option<&str>,
    ui: &Ui,
) -> Result<Option<(uda_projection::Imported, uda_projection::Coordinates)>, Failure> {
    let origin = Origin::of(sources, target)?;
    let coordinates = import::coordinates(system, &origin, name);
    match origin.read(target, &coordinates)? {
        Ok(imported) => Ok(Some((imported, coordinates))),
        Err(errors) => {
            for e in &errors {
                ui.error(&format!("{}: {}", e.location, e.message));
            }
            ui.error("the container cannot be read");
            Ok(None)
        }
    }
}
