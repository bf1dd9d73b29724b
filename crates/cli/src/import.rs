//! `uda import`: existing schemas (GraphQL SDL, Avro `.avsc`, SQL DDL, a
//! live PostgreSQL or SQLite database) read into their container
//! representation, printed as Turtle. The sources are gathered by `sources`,
//! told apart from databases and read by `origin` (which `uda register
//! --container` shares); the reading is the target crates' importers.

mod origin;
mod sources;

pub(crate) use origin::Origin;

use crate::output::{print, print_json, ReportFormat as Format, Ui};
use crate::validate::plural;
use crate::{runtime, usage, Failure};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use uda_projection::{write_turtle, Coordinates, Imported};
use uda_targets::Target;

/// The systems `--system` takes: every target but SHACL, which describes data,
/// not a container, and Iceberg, whose existing schemas are not read yet.
pub(crate) const SYSTEMS: [&str; 6] = [
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
  uda import --system sql-postgres tpch/dss.ddl tpch/dss.ri --name tpch
  uda import --system sql-postgres postgresql://me@localhost/shop --name public
  uda import --system sql-sqlite sqlite:shop.db

The container is named under https://w3id.org/uda/container/SYSTEM/LOCATION/NAME:
LOCATION is the source as given (a single file, or the common directory of several
sources; `-` for standard input alone), NAME is --name or the stem of that file or
directory (`stdin` for standard input). The same sources, given the same way, give
byte-identical Turtle wherever they lie: files found in a directory are labelled by
their path relative to it. A live database is read alone: PostgreSQL's schema is
--name (default `public`), located by the URL without its password; SQLite's is
`main`, located by the file (opened read-only).";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The system the sources are written for: graphql, graphql-federation
    /// (SDL either way; the system names the container), avro, or sql-postgres,
    /// sql-sqlite, sql-duckdb (DDL in that dialect; a live database for
    /// PostgreSQL and SQLite).
    #[arg(long, value_name = "SYSTEM", value_parser = clap::builder::PossibleValuesParser::new(SYSTEMS))]
    pub system: String,
    /// Schema files, directories (every .graphql/.graphqls/.gql, .avsc or
    /// .sql/.ddl file under them, sorted by path), or `-` for standard input;
    /// several sources make one schema. Or one live database:
    /// postgresql://USER@HOST:PORT/DB, sqlite:PATH.
    #[arg(required = true, value_name = "SOURCE", value_hint = clap::ValueHint::AnyPath)]
    pub sources: Vec<PathBuf>,
    /// The container's name (its schema node's map:name and the last part of
    /// its IRI); default: the stem of the file or directory read.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub name: Option<String>,
    /// Write, instead of the container representation, a draft domain model
    /// (Upper, Turtle) of what the container holds: tables, records and types
    /// become classes, keys keys, foreign keys and object fields
    /// relationships, enumerations enumerations (uda-draft's README says how).
    /// The draft validates; review it before registering it.
    #[arg(long)]
    pub as_model: bool,
    /// The draft's upper:domain (with --as-model); default: the container's
    /// name, made a valid domain name.
    #[arg(long, value_name = "NAME", requires = "as_model")]
    pub domain: Option<String>,
    /// The namespace of the draft's terms, ending in `#` or `/` (with
    /// --as-model); default: https://example.org/DOMAIN#.
    #[arg(long, value_name = "IRI", requires = "as_model")]
    pub namespace: Option<String>,
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
pub(crate) struct Located {
    pub(crate) location: String,
    pub(crate) message: String,
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
    let vocabulary = vocabulary(target)?;
    let origin = Origin::of(&args.sources, target)?;
    let coordinates = coordinates(&args.system, &origin, args.name.as_deref());
    let labels = match &origin {
        Origin::Files(sources) => sources.labels().iter().map(|l| l.to_string()).collect(),
        _ => vec![coordinates.location.clone()],
    };
    let report = Report {
        system: &args.system,
        sources: labels.iter().map(String::as_str).collect(),
        schema: None,
        triples: 0,
        out: None,
        warnings: Vec::new(),
        errors: Vec::new(),
    };
    match origin.read(target, &coordinates)? {
        Ok(imported) => succeeded(args, ui, vocabulary, &origin, &imported, report),
        Err(errors) => {
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

/// Where the container lies and what it is called: `name`, else the default
/// of its origin ([`Origin::place`]).
pub(crate) fn coordinates(system: &str, origin: &Origin, name: Option<&str>) -> Coordinates {
    let (location, stem) = origin.place();
    Coordinates {
        system: system.to_owned(),
        location,
        name: name.map_or(stem, str::to_owned),
    }
}

/// Writes the Turtle (to --out or stdout) and reports the warnings.
fn succeeded(
    args: &Args,
    ui: &Ui,
    vocabulary: (&'static str, &'static str),
    origin: &Origin,
    imported: &Imported,
    report: Report<'_>,
) -> crate::Outcome {
    let turtle = if args.as_model {
        let domain = args
            .domain
            .clone()
            .unwrap_or_else(|| domain_name(&imported.schema, &imported.container));
        let options = uda_draft::DraftOptions {
            namespace: args
                .namespace
                .clone()
                .unwrap_or_else(|| format!("https://example.org/{domain}#")),
            domain,
        };
        let draft = uda_draft::draft(&imported.container.to_graph(), &imported.schema, &options)
            .map_err(|e| crate::Failure::Refused(format!("no model can be drafted: {e}")))?;
        for note in &draft.notes {
            ui.summary(&format!("note: {note}"));
        }
        draft.turtle
    } else {
        write_turtle(&imported.container, &[vocabulary, XSD])
    };
    let warnings = imported.warnings.iter().map(|w| Located {
        location: w.location.clone(),
        message: w.message.clone(),
    });
    let warnings: Vec<Located> = match origin {
        Origin::Files(sources) => sources.relocated(warnings),
        _ => warnings.collect(),
    };
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

/// The prefix and namespace of a system's vocabulary, for the Turtle.
fn vocabulary(target: Target) -> Result<(&'static str, &'static str), Failure> {
    match target {
        Target::Graphql | Target::GraphqlFederation => Ok(("gql", uda_project_graphql::NS)),
        Target::Avro => Ok(("avro", uda_project_avro::AVRO_NS)),
        Target::Sql(_) => Ok(("sql", uda_project_sql::SQL_NS)),
        Target::Shacl => Err(usage("SHACL shapes are not a container to import")),
        Target::Iceberg => Err(usage("existing Iceberg schemas cannot be imported")),
        Target::JsonSchema => Err(usage("existing JSON Schemas cannot be imported")),
        Target::Protobuf => Err(usage("existing .proto files cannot be imported")),
    }
}

/// A valid `upper:domain` from the container's name (its schema node's
/// `map:name`): a letter, then letters, digits, `_` or `-`, at most 64.
fn domain_name(schema: &oxrdf::NamedNode, container: &uda_projection::Triples) -> String {
    let name = container
        .object_for_subject_predicate(
            schema.as_ref(),
            oxrdf::NamedNodeRef::new_unchecked("https://w3id.org/uda/mapping#name"),
        )
        .map(|o| match o {
            oxrdf::TermRef::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        })
        .unwrap_or_default();
    let mut domain: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .take(63)
        .collect();
    if !domain.starts_with(|c: char| c.is_ascii_alphabetic()) {
        domain.insert(0, 'm');
    }
    domain
}
