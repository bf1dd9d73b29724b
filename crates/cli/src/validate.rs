//! `uda validate`: diagnostics for humans (rustc style, on stderr) or machines (JSON, on stdout).

use crate::ReportFormat as Format;
use crate::{ModelInputs, UsageError};
use serde::Serialize;
use std::io::Write;
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

pub fn run(args: &Args) -> Result<ExitCode, UsageError> {
    let loaded = args.inputs.load()?;
    let errors = count(&loaded, Severity::Error);
    let warnings = count(&loaded, Severity::Warning);
    match args.format {
        Format::Human => {
            let mut err = std::io::stderr().lock();
            // A closed stderr (e.g. piped into `head`) is not worth a panic.
            let _ = write!(err, "{}", loaded.render());
            let models = loaded.inputs.len();
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            let _ = if errors == 0 {
                writeln!(
                    err,
                    "{} valid ({})",
                    plural(models, "model"),
                    plural(warnings, "warning")
                )
            } else {
                writeln!(
                    err,
                    "validation failed: {}, {}",
                    plural(errors, "error"),
                    plural(warnings, "warning")
                )
            };
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
            match serde_json::to_string_pretty(&report) {
                Ok(json) => {
                    let _ = writeln!(std::io::stdout().lock(), "{json}");
                }
                Err(e) => return Err(UsageError(format!("cannot write the report: {e}"))),
            }
        }
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn count(loaded: &Loaded, severity: Severity) -> usize {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}
