//! `uda query`: a read-only SPARQL query over a data directory.

use crate::register::DataArgs;
use crate::UsageError;
use clap::ValueEnum;
use std::io::Write;
use std::process::ExitCode;
use uda_registry::oxigraph::model::{vocab::xsd, Term, Triple, Variable};
use uda_registry::oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use uda_registry::oxigraph::sparql::{QueryResults, QuerySolution};
use uda_registry::RegistryError;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// How to print results: `table` (aligned, for humans), `json`, `csv`,
    /// `tsv` (the SPARQL 1.1 results formats; CONSTRUCT and DESCRIBE results
    /// are printed as rows of ?subject ?predicate ?object), or `ntriples` for
    /// CONSTRUCT and DESCRIBE.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE). The default graph
    /// is the union of the current versions; old versions are named graphs.
    #[arg(value_name = "SPARQL")]
    pub query: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Tsv,
    Ntriples,
}

pub fn run(args: &Args) -> Result<ExitCode, UsageError> {
    let registry = args.data.open(false)?;
    let results = match registry.query(&args.query) {
        Ok(r) => r,
        Err(
            e @ (RegistryError::UpdateRefused
            | RegistryError::QuerySyntax(_)
            | RegistryError::Query(_)),
        ) => {
            let _ = writeln!(std::io::stderr().lock(), "error: {e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(UsageError(e.to_string())),
    };
    let mut out = std::io::stdout().lock();
    let written = match results {
        QueryResults::Boolean(value) => match args.format {
            Format::Table => writeln!(out, "{value}").map_err(|e| e.to_string()),
            Format::Ntriples => {
                return Err(UsageError(
                    "--format ntriples is for CONSTRUCT and DESCRIBE queries".into(),
                ))
            }
            f => serializer(f)
                .serialize_boolean_to_writer(&mut out, value)
                .map(drop)
                .map_err(|e| e.to_string()),
        },
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows: Result<Vec<QuerySolution>, _> = solutions.collect();
            let rows = rows.map_err(|e| UsageError(format!("the query failed: {e}")))?;
            match args.format {
                Format::Ntriples => {
                    return Err(UsageError(
                        "--format ntriples is for CONSTRUCT and DESCRIBE queries".into(),
                    ))
                }
                f => write_solutions(&mut out, f, variables, &rows),
            }
        }
        QueryResults::Graph(triples) => {
            let triples: Result<Vec<Triple>, _> = triples.collect();
            let triples = triples.map_err(|e| UsageError(format!("the query failed: {e}")))?;
            match args.format {
                Format::Ntriples => triples
                    .iter()
                    .try_for_each(|t| writeln!(out, "{t} ."))
                    .map_err(|e| e.to_string()),
                f => {
                    let variables: Vec<Variable> = ["subject", "predicate", "object"]
                        .map(Variable::new_unchecked)
                        .to_vec();
                    let rows: Vec<QuerySolution> = triples
                        .into_iter()
                        .map(|t| {
                            let values = vec![
                                Some(Term::from(t.subject)),
                                Some(t.predicate.into()),
                                Some(t.object),
                            ];
                            QuerySolution::from((variables.clone(), values))
                        })
                        .collect();
                    write_solutions(&mut out, f, variables, &rows)
                }
            }
        }
    };
    // A closed stdout (e.g. piped into `head`) is not an error worth reporting.
    drop(written);
    Ok(ExitCode::SUCCESS)
}

fn serializer(format: Format) -> QueryResultsSerializer {
    QueryResultsSerializer::from_format(match format {
        Format::Json => QueryResultsFormat::Json,
        Format::Tsv => QueryResultsFormat::Tsv,
        _ => QueryResultsFormat::Csv,
    })
}

fn write_solutions(
    out: &mut impl Write,
    format: Format,
    variables: Vec<Variable>,
    rows: &[QuerySolution],
) -> Result<(), String> {
    if format == Format::Table {
        return write_table(out, &variables, rows).map_err(|e| e.to_string());
    }
    let mut s = serializer(format)
        .serialize_solutions_to_writer(out, variables)
        .map_err(|e| e.to_string())?;
    for row in rows {
        s.serialize(row).map_err(|e| e.to_string())?;
    }
    s.finish().map(drop).map_err(|e| e.to_string())
}

/// A table with a header, a rule and aligned columns.
fn write_table(
    out: &mut impl Write,
    variables: &[Variable],
    rows: &[QuerySolution],
) -> std::io::Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            variables
                .iter()
                .map(|v| row.get(v).map(show).unwrap_or_default())
                .collect()
        })
        .collect();
    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
    let widths: Vec<usize> = (0..variables.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    writeln!(out, "{}", line(&header))?;
    writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  ")
    )?;
    for row in &cells {
        writeln!(out, "{}", line(row))?;
    }
    let n = rows.len();
    writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" })
}

/// A term for humans: IRIs in angle brackets, plain strings and numbers bare.
fn show(term: &Term) -> String {
    match term {
        Term::Literal(l) if l.language().is_some() => l.to_string(),
        Term::Literal(l) => {
            let dt = l.datatype();
            let bare = [
                xsd::STRING,
                xsd::INTEGER,
                xsd::DECIMAL,
                xsd::DOUBLE,
                xsd::BOOLEAN,
            ];
            if bare.contains(&dt) {
                l.value().to_owned()
            } else if let Some(local) = dt
                .as_str()
                .strip_prefix("http://www.w3.org/2001/XMLSchema#")
            {
                format!("\"{}\"^^xsd:{local}", l.value())
            } else {
                l.to_string()
            }
        }
        other => other.to_string(),
    }
}
