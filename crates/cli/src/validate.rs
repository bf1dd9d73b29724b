//! `uda validate`: diagnostics for humans (rustc style, on stderr) or machines (JSON, on stdout).

use crate::input::ModelInputs;
use crate::output::{print_json, ReportFormat as Format, Ui};
use serde::Serialize;
use std::process::ExitCode;
use uda_upper::{Diagnostic, Loaded, Severity};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub inputs: ModelInputs,
    /// How to report: `human` (stderr, rustc style) or `json` (stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Serialize)]
struct Report<'a> {
    valid: bool,
    errors: usize,
    warnings: usize,
    models: Vec<ModelSummary<'a>>,
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct ModelSummary<'a> {
    iri: &'a str,
    domain: &'a str,
    file: &'a str,
}

pub fn run(args: &Args, ui: &Ui) -> crate::Outcome {
    let loaded = args.inputs.load()?;
    let errors = count(&loaded, Severity::Error);
    let warnings = count(&loaded, Severity::Warning);
    match args.format {
        Format::Human => {
            ui.diagnostics(&loaded);
            let models = loaded.inputs.len();
            if errors == 0 {
                ui.summary(&format!(
                    "{} valid ({})",
                    plural(models, "model"),
                    plural(warnings, "warning")
                ));
            } else {
                ui.error(&format!(
                    "validation failed: {}, {}",
                    plural(errors, "error"),
                    plural(warnings, "warning")
                ));
            }
        }
        Format::Json => {
            let models = loaded
                .inputs
                .iter()
                .filter_map(|iri| loaded.models.get(iri))
                .map(|m| ModelSummary {
                    iri: &m.iri,
                    domain: &m.domain,
                    file: &m.location.file,
                })
                .collect();
            let report = Report {
                valid: errors == 0,
                errors,
                warnings,
                models,
                diagnostics: &loaded.diagnostics,
            };
            print_json(&report)?;
        }
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        crate::refused()
    })
}

/// `1 model`, `2 models`.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn count(loaded: &Loaded, severity: Severity) -> usize {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}
