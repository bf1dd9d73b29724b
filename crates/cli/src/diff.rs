//! `uda diff OLD NEW`: the semantic changes between two versions of a model,
//! each classified breaking or not under every compatibility mode.

use crate::browse::model_ref;
use crate::input::{self, FormatArg};
use crate::output::{print, print_json, ReportFormat as Format, Ui};
use crate::place::{registry_failure, DataArgs};
use crate::{runtime, usage, Failure};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use uda_diff::{
    diff_with_projections, Breaks, Change, CompatibilityMode, ModelDiff, ProjectionChange,
};
use uda_registry::Registry;
use uda_upper::{Loaded, Loader};

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
    #[command(flatten)]
    pub format_arg: FormatArg,
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

fn side(spec: &str) -> Result<Side, Failure> {
    if std::path::Path::new(spec).is_file() {
        return Ok(Side::File(PathBuf::from(spec)));
    }
    if !spec.contains('@') {
        return Err(usage(format!(
            "no such file: {spec} (for a registered version, write NAME@VERSION)"
        )));
    }
    let (name, version) = model_ref(spec)?;
    Ok(Side::Stored { name, version })
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

pub fn run(args: &Args, ui: &Ui) -> crate::Outcome {
    let (old, new) = (side(&args.old)?, side(&args.new)?);
    let needs_store = matches!(old, Side::Stored { .. }) || matches!(new, Side::Stored { .. });
    let registry = if needs_store {
        Some(args.data.open(false)?)
    } else {
        None
    };
    let (a, b) = match (
        load(args, &old, registry.as_ref()),
        load(args, &new, registry.as_ref()),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(SideError::Failed(e)), _) | (_, Err(SideError::Failed(e))) => return Err(e),
        (Err(SideError::Invalid(loaded, message)), _)
        | (_, Err(SideError::Invalid(loaded, message))) => {
            if let Some(loaded) = loaded {
                ui.diagnostics(&loaded);
            }
            ui.error(&message);
            return Ok(crate::refused());
        }
    };
    let diff = match (&a.stored, &b.stored, registry.as_ref()) {
        // Both stored, same model: use the projections stored with each version.
        (Some((ma, va)), Some((mb, vb)), Some(r)) if ma == mb => r
            .diff_versions(ma, *va, *vb)
            .map_err(|e| runtime(e.to_string()))?,
        _ => {
            let (Some(va), Some(vb)) = (
                a.loaded.models.view(&a.model),
                b.loaded.models.view(&b.model),
            ) else {
                return Err(runtime("the models could not be resolved"));
            };
            ModelDiff {
                old: a.label.clone(),
                new: b.label.clone(),
                changes: diff_with_projections(&va, &vb, &crate::targets::projectors()),
            }
        }
    };
    match args.format {
        Format::Human => print(&human(&diff))?,
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
            print_json(&report)?;
        }
    }
    Ok(match args.mode {
        Some(mode) if !diff.is_compatible(mode) => crate::refused(),
        _ => ExitCode::SUCCESS,
    })
}

/// Why a side could not be diffed: it is invalid (exit 1, with the models
/// whose diagnostics say why), or loading it failed.
enum SideError {
    Invalid(Option<Box<Loaded>>, String),
    Failed(Failure),
}

fn load(args: &Args, side: &Side, registry: Option<&Registry>) -> Result<LoadedSide, SideError> {
    match side {
        Side::File(path) => {
            let mut loader = Loader::new();
            loader.input_file_as(path, args.format_arg.rdf_format);
            input::add_libraries(&mut loader, &args.include).map_err(SideError::Failed)?;
            let loaded = loader.load();
            if loaded.has_errors() {
                let message = format!("{} is not a valid model", path.display());
                return Err(SideError::Invalid(Some(Box::new(loaded)), message));
            }
            let model = match loaded.inputs.as_slice() {
                [one] => one.clone(),
                _ => {
                    let message = format!("{} must hold exactly one model", path.display());
                    return Err(SideError::Invalid(None, message));
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
                return Err(SideError::Failed(usage("a data directory is needed")));
            };
            let v = registry
                .load_version(name, *version)
                .map_err(|e| SideError::Failed(registry_failure(e)))?;
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
