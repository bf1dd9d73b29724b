//! `uda set-compatibility`, `uda delete` and `uda verify`: looking after the
//! registry, in a data directory or through a server, with the same report
//! either way.

use crate::browse::text;
use crate::output::{print, print_json, ReportFormat as Format, Ui};
use crate::place::{registry_failure, Place, PlaceArgs};
use crate::remote::field;
use crate::{refused, runtime, Outcome};
use serde::Serialize;
use serde_json::json;
use std::process::ExitCode;
use uda_registry::{version_graph, CompatibilityMode, RegisterOptions};

#[derive(Debug, clap::Args)]
pub struct SetCompatibilityArgs {
    #[command(flatten)]
    pub place: PlaceArgs,
    /// The model: its IRI or its upper:domain.
    #[arg(value_name = "MODEL")]
    pub model: String,
    /// NONE, BACKWARD, FORWARD, FULL, BACKWARD_TRANSITIVE, FORWARD_TRANSITIVE or FULL_TRANSITIVE.
    #[arg(value_name = "MODE")]
    pub mode: CompatibilityMode,
    /// How to report: `human` or `json`.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub place: PlaceArgs,
    /// The model: its IRI or its upper:domain.
    #[arg(value_name = "MODEL")]
    pub model: String,
    /// Who deletes, recorded in the catalog (default: $USER). A server records
    /// the name of the token instead.
    #[arg(long, value_name = "NAME", conflicts_with = "server")]
    pub principal: Option<String>,
    /// How to report: `human` or `json`.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub place: PlaceArgs,
    /// Rebuild the search index from the current graphs when it is stale
    /// (a data directory only), then verify.
    #[arg(long, conflicts_with = "server")]
    pub repair: bool,
    /// How to report: `human` or `json`.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// What `set-compatibility` reports.
#[derive(Serialize)]
struct ModeSet {
    model: String,
    compatibility: String,
}

/// What `delete` reports.
#[derive(Serialize)]
struct Deletion {
    model: String,
    removed_graphs: Vec<String>,
    last_version: u64,
}

/// What `verify` reports.
#[derive(Serialize)]
struct Verification {
    sound: bool,
    problems: Vec<String>,
}

pub fn set_compatibility(args: &SetCompatibilityArgs, ui: &Ui) -> Outcome {
    let report = match args.place.resolve()? {
        Place::Local(data) => {
            let registry = data.open(false)?;
            let model = registry
                .set_compatibility(&args.model, args.mode)
                .and_then(|()| registry.resolve(&args.model))
                .map_err(registry_failure)?;
            ModeSet {
                model,
                compatibility: args.mode.as_str().to_owned(),
            }
        }
        Place::Remote(remote) => {
            let data = remote.run(
                "mutation($model: String!, $mode: CompatibilityMode!) {
                   setCompatibility(model: $model, mode: $mode) { iri compatibility }
                 }",
                json!({ "model": args.model, "mode": args.mode.as_str() }),
            )?;
            let model = field(&data, "setCompatibility")?;
            ModeSet {
                model: text(model, "iri")?,
                compatibility: text(model, "compatibility")?,
            }
        }
    };
    match args.format {
        Format::Json => print_json(&report)?,
        Format::Human => ui.status(&format!(
            "new versions of <{}> are checked under {}\n",
            report.model, report.compatibility
        ))?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn delete(args: &DeleteArgs, ui: &Ui) -> Outcome {
    let report = match args.place.resolve()? {
        Place::Local(data) => {
            let principal = args
                .principal
                .clone()
                .unwrap_or_else(|| RegisterOptions::default().principal);
            let d = data
                .open(false)?
                .delete(&args.model, &principal)
                .map_err(registry_failure)?;
            Deletion {
                model: d.model,
                removed_graphs: d.removed_graphs,
                last_version: d.last_version,
            }
        }
        Place::Remote(remote) => {
            let data = remote.run(
                "mutation($model: String!) {
                   deleteDomainModel(model: $model) { model removedGraphs lastVersion }
                 }",
                json!({ "model": args.model }),
            )?;
            let d = field(&data, "deleteDomainModel")?;
            let mut removed_graphs = Vec::new();
            for g in field(d, "removedGraphs")?.as_array().into_iter().flatten() {
                removed_graphs.extend(g.as_str().map(str::to_owned));
            }
            Deletion {
                model: text(d, "model")?,
                removed_graphs,
                last_version: field(d, "lastVersion")?
                    .as_u64()
                    .ok_or_else(|| runtime("the server's `lastVersion` is not a number"))?,
            }
        }
    };
    match args.format {
        Format::Json => print_json(&report)?,
        Format::Human => ui.status(&format!(
            "deleted <{}> (its {} version{} stay readable, the last under <{}>)\n",
            report.model,
            report.last_version,
            if report.last_version == 1 { "" } else { "s" },
            version_graph(&report.model, report.last_version)
        ))?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn verify(args: &VerifyArgs, ui: &Ui) -> Outcome {
    let problems = match args.place.resolve()? {
        Place::Local(data) => {
            let registry = data.open(false)?;
            if args.repair {
                let repaired = registry
                    .repair_index()
                    .map_err(|e| runtime(e.to_string()))?;
                if repaired > 0 {
                    ui.note(&format!(
                        "rebuilt the search index ({})",
                        crate::validate::plural(repaired, "problem")
                    ));
                }
            }
            registry.verify().map_err(|e| runtime(e.to_string()))?
        }
        Place::Remote(remote) => {
            let data = remote.run("{ verify }", json!({}))?;
            let mut problems = Vec::new();
            for p in field(&data, "verify")?.as_array().into_iter().flatten() {
                problems.extend(p.as_str().map(str::to_owned));
            }
            problems
        }
    };
    let report = Verification {
        sound: problems.is_empty(),
        problems,
    };
    match args.format {
        Format::Json => print_json(&report)?,
        Format::Human => {
            let mut text = String::new();
            for p in &report.problems {
                text.push_str(&format!("problem: {p}\n"));
            }
            print(&text)?;
            if report.sound {
                ui.summary("the registry is sound");
            } else {
                ui.error(&format!(
                    "the registry has {}",
                    crate::validate::plural(report.problems.len(), "problem")
                ));
            }
        }
    }
    Ok(if report.sound {
        ExitCode::SUCCESS
    } else {
        refused()
    })
}
