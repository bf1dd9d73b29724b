//! `uda diff OLD NEW`: the semantic changes between two versions of a model,
//! each classified breaking or not under every compatibility mode.

use crate::register::DataArgs;
use crate::ReportFormat as Format;
use crate::UsageError;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use uda_diff::{
    diff_with_projections, Breaks, Change, CompatibilityMode, ModelDiff, ProjectionChange,
};
use uda_registry::Registry;
use uda_upper::{Loaded, Loader, RdfFormat};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old version: a model file, or NAME@VERSION in the data directory
    /// (NAME is the model IRI or its upper:domain; VERSION a number or `current`).
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The new version, as OLD.
    #[arg(value_name = "NEW")]
    pub new: String,
    #[command(flatten)]
    pub data: DataArgs,
    /// A directory of models that the files' imports are resolved against (repeatable).
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    pub include: Vec<PathBuf>,
    /// Read model files in this RDF format instead of guessing from their extension.
    #[arg(long = "rdf-format", value_name = "FORMAT", value_parser = crate::parse_rdf_format)]
    pub rdf_format: Option<RdfFormat>,
    /// Exit 1 when NEW is incompatible with OLD under this mode.
    #[arg(long, value_name = "MODE")]
    pub mode: Option<CompatibilityMode>,
    /// How to report: `human` or `json`.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// One side of the diff: a file, or a stored version.
enum Side {
    File(PathBuf),
    Stored { name: String, version: Option<u64> },
}

fn side(spec: &str) -> Result<Side, UsageError> {
    if crate::register::is_file(spec) {
        return Ok(Side::File(PathBuf::from(spec)));
    }
    let Some((name, version)) = spec.rsplit_once('@') else {
        return Err(UsageError(format!(
            "no such file: {spec} (for a registered version, write NAME@VERSION)"
        )));
    };
    let version = match version {
        "current" | "latest" => None,
        v => Some(v.parse::<u64>().map_err(|_| {
            UsageError(format!(
                "`{v}` in `{spec}` is not a version number (a number, or `current`)"
            ))
        })?),
    };
    Ok(Side::Stored {
        name: name.to_owned(),
        version,
    })
}

/// A side loaded: how to call it, the models, and the model's IRI.
struct LoadedSide {
    label: String,
    loaded: Loaded,
    model: String,
    /// Set for stored versions: (model IRI, version).
    stored: Option<(String, u64)>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    #[serde(flatten)]
    change: &'a Change,
    breaking_under: Vec<CompatibilityMode>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    old: &'a str,
    new: &'a str,
    changes: Vec<JsonChange<'a>>,
    compatible: BTreeMap<&'static str, bool>,
}

pub fn run(args: &Args) -> Result<ExitCode, UsageError> {
    let (old, new) = (side(&args.old)?, side(&args.new)?);
    let needs_store = matches!(old, Side::Stored { .. }) || matches!(new, Side::Stored { .. });
    let registry = if needs_store {
        Some(args.data.open(false)?)
    } else {
        None
    };
    let mut err = std::io::stderr().lock();
    let (a, b) = match (
        load(args, &old, registry.as_ref()),
        load(args, &new, registry.as_ref()),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(Failure::Usage(e)), _) | (_, Err(Failure::Usage(e))) => return Err(e),
        (Err(Failure::Invalid(text)), _) | (_, Err(Failure::Invalid(text))) => {
            let _ = write!(err, "{text}");
            return Ok(ExitCode::from(1));
        }
    };
    let diff = match (&a.stored, &b.stored, registry.as_ref()) {
        // Both stored, same model: use the projections stored with each version.
        (Some((ma, va)), Some((mb, vb)), Some(r)) if ma == mb => r
            .diff_versions(ma, *va, *vb)
            .map_err(|e| UsageError(e.to_string()))?,
        _ => {
            let (Some(va), Some(vb)) = (
                a.loaded.models.view(&a.model),
                b.loaded.models.view(&b.model),
            ) else {
                return Err(UsageError("the models could not be resolved".to_owned()));
            };
            ModelDiff {
                old: a.label.clone(),
                new: b.label.clone(),
                changes: diff_with_projections(&va, &vb, &crate::targets::projectors()),
            }
        }
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Human => {
            let _ = write!(out, "{}", human(&diff));
        }
        Format::Json => {
            let report = JsonReport {
                old: &diff.old,
                new: &diff.new,
                changes: diff
                    .changes
                    .iter()
                    .map(|c| JsonChange {
                        change: c,
                        breaking_under: c.breaks.modes(),
                    })
                    .collect(),
                compatible: CompatibilityMode::ALL
                    .iter()
                    .map(|m| (m.as_str(), diff.is_compatible(*m)))
                    .collect(),
            };
            match serde_json::to_string_pretty(&report) {
                Ok(json) => {
                    let _ = writeln!(out, "{json}");
                }
                Err(e) => return Err(UsageError(format!("cannot write the report: {e}"))),
            }
        }
    }
    Ok(match args.mode {
        Some(mode) if !diff.is_compatible(mode) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}

enum Failure {
    Usage(UsageError),
    Invalid(String),
}

fn load(args: &Args, side: &Side, registry: Option<&Registry>) -> Result<LoadedSide, Failure> {
    match side {
        Side::File(path) => {
            let mut loader = Loader::new();
            loader.input_file_as(path, args.rdf_format);
            for dir in &args.include {
                loader.library_dir(dir).map_err(|e| {
                    Failure::Usage(UsageError(format!(
                        "cannot read directory {}: {e}",
                        dir.display()
                    )))
                })?;
            }
            let loaded = loader.load();
            if loaded.has_errors() {
                return Err(Failure::Invalid(format!(
                    "{}{} is not a valid model\n",
                    loaded.render(),
                    path.display()
                )));
            }
            let model = match loaded.inputs.as_slice() {
                [one] => one.clone(),
                _ => {
                    return Err(Failure::Invalid(format!(
                        "{} must hold exactly one model\n",
                        path.display()
                    )))
                }
            };
            Ok(LoadedSide {
                label: path.display().to_string(),
                loaded,
                model,
                stored: None,
            })
        }
        Side::Stored { name, version } => {
            let Some(registry) = registry else {
                return Err(Failure::Usage(UsageError(
                    "a data directory is needed".to_owned(),
                )));
            };
            let v = registry
                .load_version(name, *version)
                .map_err(|e| Failure::Usage(UsageError(e.to_string())))?;
            Ok(LoadedSide {
                label: format!("{}@{}", v.model, v.info.version),
                stored: Some((v.model.clone(), v.info.version)),
                model: v.model,
                loaded: v.loaded,
            })
        }
    }
}

fn modes(breaks: Breaks) -> String {
    let modes = breaks.modes();
    if modes.is_empty() {
        "breaks no mode".to_owned()
    } else {
        format!(
            "breaks {}",
            modes
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

fn human(diff: &ModelDiff) -> String {
    let mut s = String::new();
    let n = diff.changes.len();
    s.push_str(&format!(
        "{} -> {}: {n} change{}\n",
        diff.old,
        diff.new,
        if n == 1 { "" } else { "s" }
    ));
    for c in &diff.changes {
        s.push_str(&format!("  - {} [{}]\n", c.description, modes(c.breaks)));
        for ProjectionChange {
            target,
            description,
        } in &c.projections
        {
            s.push_str(&format!("      {target}: {description}\n"));
        }
    }
    let (ok, broken): (Vec<CompatibilityMode>, Vec<CompatibilityMode>) = CompatibilityMode::ALL
        .into_iter()
        .partition(|m| diff.is_compatible(*m));
    let list =
        |m: &[CompatibilityMode]| m.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ");
    s.push_str(&format!("compatible under: {}\n", list(&ok)));
    if !broken.is_empty() {
        s.push_str(&format!("incompatible under: {}\n", list(&broken)));
    }
    s
}
