//! `uda import`: existing schemas (GraphQL SDL, Avro `.avsc`) read into their
//! container representation, printed as Turtle. The sources are gathered by
//! `sources`; the reading is the target crates' importers.

mod sources;

use crate::output::{print, print_json, ReportFormat as Format, Ui};
use crate::validate::plural;
use crate::{runtime, usage, Failure};
use serde::Serialize;
use sources::Sources;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use uda_projection::{write_turtle, Coordinates, Imported};
use uda_targets::Target;

/// The systems `--system` takes: every target but SHACL, which describes data,
/// not a container.
const SYSTEMS: [&str; 6] = [
    "graphql",
    "graphql-federation",
    "avro",
    "sql-postgres",
    "sql-sqlite",
    "sql-duckdb",
];

const XSD: (&str, &str) = ("xsd", "http://www.w3.org/2001/XMLSchema#");

const EXAMPLES: &str = "\
Examples:
  uda import --system graphql schema.graphql > schema.ttl
  uda import --system graphql-federation products.graphql --out products.ttl
  uda import --system avro schemas/ --format json --out schemas.ttl
  cat user.avsc | uda import --system avro - --name user

The container is named under https://w3id.org/uda/container/SYSTEM/LOCATION/NAME:
LOCATION is the source as given (a single file, or the common directory of several
sources; `-` for standard input alone), NAME is --name or the stem of that file or
directory (`stdin` for standard input). The same sources, given the same way, give
byte-identical Turtle wherever they lie: files found in a directory are labelled by
their path relative to it.";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The system the sources are written for: graphql, graphql-federation
    /// (SDL either way; the system names the container), avro, or sql-postgres,
    /// sql-sqlite, sql-duckdb (not yet supported).
    #[arg(long, value_name = "SYSTEM", value_parser = clap::builder::PossibleValuesParser::new(SYSTEMS))]
    pub system: String,
    /// Schema files, directories (every .graphql/.graphqls/.gql or .avsc file
    /// under them, sorted by path), or `-` for standard input. Several sources
    /// make one schema.
    #[arg(required = true, value_name = "SOURCE", value_hint = clap::ValueHint::AnyPath)]
    pub sources: Vec<PathBuf>,
    /// The container's name (its schema node's map:name and the last part of
    /// its IRI); default: the stem of the file or directory read.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub name: Option<String>,
    /// Write the Turtle to FILE instead of standard output.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
    /// How to report: `human` (the Turtle on stdout, warnings and errors on
    /// stderr) or `json` (a report on stdout; the Turtle goes only to --out).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// A warning or an error, located (`file:line:column`, or a JSON pointer
/// into an `.avsc` file).
#[derive(Debug, Clone, Serialize)]
struct Located {
    location: String,
    message: String,
}

/// What `--format json` reports.
#[derive(Serialize)]
struct Report<'a> {
    system: &'a str,
    /// The sources read, as the Turtle labels them.
    sources: Vec<&'a str>,
    /// The IRI of the schema node; null when the import failed.
    schema: Option<String>,
    triples: usize,
    /// The file the Turtle was written to (only with --out).
    out: Option<String>,
    warnings: Vec<Located>,
    errors: Vec<Located>,
}

pub fn run(args: &Args, ui: &Ui) -> crate::Outcome {
    let target: Target = args
        .system
        .parse()
        .map_err(|e: uda_targets::UnknownTarget| usage(e.to_string()))?;
    let system = System::of(target)?;
    let sources = Sources::gather(&args.sources, system.extensions)?;
    let coordinates = Coordinates {
        system: args.system.clone(),
        location: sources.location.clone(),
        name: args.name.clone().unwrap_or_else(|| sources.stem.clone()),
    };
    let report = Report {
        system: &args.system,
        sources: sources.labels(),
        schema: None,
        triples: 0,
        out: None,
        warnings: Vec::new(),
        errors: Vec::new(),
    };
    let imported = sources
        .texts()
        .and_then(|texts| (system.import)(texts, &coordinates.base_iri(), &coordinates.name));
    match imported {
        Ok(imported) => succeeded(args, ui, &system, &sources, &imported, report),
        Err(errors) => {
            let errors = sources.relocated(errors);
            if args.format == Format::Json {
                print_json(&Report { errors, ..report })?;
            } else {
                // Errors show even with --quiet, as `ui.error` does.
                let mut stderr = std::io::stderr().lock();
                for e in &errors {
                    let _ = writeln!(stderr, "{}: error: {}", e.location, e.message);
                }
                ui.error(&format!(
                    "{}; nothing imported",
                    plural(errors.len(), "error")
                ));
            }
            Ok(crate::refused())
        }
    }
}

/// Writes the Turtle (to --out or stdout) and reports the warnings.
fn succeeded(
    args: &Args,
    ui: &Ui,
    system: &System,
    sources: &Sources,
    imported: &Imported,
    report: Report<'_>,
) -> crate::Outcome {
    let turtle = write_turtle(&imported.container, &[system.vocabulary, XSD]);
    let warnings = sources.relocated(imported.warnings.iter().map(|w| Located {
        location: w.location.clone(),
        message: w.message.clone(),
    }));
    if let Some(path) = &args.out {
        std::fs::write(path, &turtle)
            .map_err(|e| runtime(format!("cannot write {}: {e}", path.display())))?;
    }
    if args.format == Format::Json {
        print_json(&Report {
            schema: Some(imported.schema.as_str().to_owned()),
            triples: imported.container.len(),
            out: args.out.as_ref().map(|p| p.display().to_string()),
            warnings,
            ..report
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    for w in &warnings {
        ui.summary(&format!("{}: warning: {}", w.location, w.message));
    }
    if args.out.is_none() {
        print(&turtle)?;
    }
    ui.summary(&format!(
        "imported <{}>: {}, {}",
        imported.schema.as_str(),
        plural(imported.container.len(), "triple"),
        plural(warnings.len(), "warning")
    ));
    Ok(ExitCode::SUCCESS)
}

/// How one system's sources are read.
struct System {
    /// The file extensions a directory is searched for.
    extensions: &'static [&'static str],
    /// The prefix and namespace of the system's vocabulary, for the Turtle.
    vocabulary: (&'static str, &'static str),
    /// The importer, on `(label, text)` sources, a base IRI and a schema name.
    import: Importer,
}

type Importer = fn(&[(String, String)], &str, &str) -> Result<Imported, Vec<Located>>;

impl System {
    fn of(target: Target) -> Result<System, Failure> {
        match target {
            Target::Graphql | Target::GraphqlFederation => Ok(System {
                extensions: &["graphql", "graphqls", "gql"],
                vocabulary: ("gql", uda_project_graphql::NS),
                import: |texts, base, name| {
                    uda_project_graphql::import(texts, base, name)
                        .map_err(|e| located(e.errors.into_iter().map(|e| (e.location, e.message))))
                },
            }),
            Target::Avro => Ok(System {
                extensions: &["avsc"],
                vocabulary: ("avro", uda_project_avro::AVRO_NS),
                import: |texts, base, name| {
                    uda_project_avro::import(texts, base, name)
                        .map_err(|e| located(e.errors.into_iter().map(|e| (e.location, e.message))))
                },
            }),
            Target::Sql(_) => Err(usage(format!(
                "--system {target}: importing SQL is not yet supported (graphql, \
                 graphql-federation and avro are)"
            ))),
            Target::Shacl => Err(usage("SHACL shapes are not a container to import")),
        }
    }
}

fn located(errors: impl Iterator<Item = (String, String)>) -> Vec<Located> {
    errors
        .map(|(location, message)| Located { location, message })
        .collect()
}
