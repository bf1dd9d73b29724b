//! `uda query`: a read-only SPARQL query over a data directory, or over a running server's
//! SPARQL endpoint (`--server URL`).

use crate::register::DataArgs;
use crate::UsageError;
use clap::ValueEnum;
use std::io::Write;
use std::process::ExitCode;
use uda_registry::oxigraph::io::{RdfFormat, RdfParser};
use uda_registry::oxigraph::model::{vocab::xsd, Term, Triple, Variable};
use uda_registry::oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, QueryResultsSerializer, SliceQueryResultsParserOutput,
};
use uda_registry::oxigraph::sparql::{QueryResults, QuerySolution};
use uda_registry::RegistryError;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Query a running uda server (e.g. http://127.0.0.1:8080) instead of a data directory.
    #[arg(long, value_name = "URL", conflicts_with = "data")]
    pub server: Option<String>,
    /// The bearer token for a server whose reads are closed (default: $UDA_TOKEN).
    #[arg(long, value_name = "TOKEN", requires = "server")]
    pub token: Option<String>,
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

/// A query's results, read to the end: from the store, or parsed from a server's answer.
enum Answer {
    Boolean(bool),
    Solutions(Vec<Variable>, Vec<QuerySolution>),
    Graph(Vec<Triple>),
}

pub fn run(args: &Args) -> Result<ExitCode, UsageError> {
    let answer = match &args.server {
        Some(url) => remote(url, args),
        None => local(args),
    };
    let answer = match answer? {
        Ok(answer) => answer,
        Err(message) => {
            let _ = writeln!(std::io::stderr().lock(), "error: {message}");
            return Ok(ExitCode::from(1));
        }
    };
    let mut out = std::io::stdout().lock();
    let written = match answer {
        Answer::Boolean(value) => match args.format {
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
        Answer::Solutions(variables, rows) => match args.format {
            Format::Ntriples => {
                return Err(UsageError(
                    "--format ntriples is for CONSTRUCT and DESCRIBE queries".into(),
                ))
            }
            f => write_solutions(&mut out, f, variables, &rows),
        },
        Answer::Graph(triples) => match args.format {
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
        },
    };
    // A closed stdout (e.g. piped into `head`) is not an error worth reporting.
    drop(written);
    Ok(ExitCode::SUCCESS)
}

/// Runs the query on the data directory. `Ok(Err(message))`: the query was refused or failed.
fn local(args: &Args) -> Result<Result<Answer, String>, UsageError> {
    let registry = args
        .data
        .open(false)
        .map_err(|e| explain_lock(&args.data, e, "query that server with --server URL instead"))?;
    let results = match registry.query(&args.query) {
        Ok(r) => r,
        Err(
            e @ (RegistryError::UpdateRefused
            | RegistryError::QuerySyntax(_)
            | RegistryError::Query(_)),
        ) => return Ok(Err(e.to_string())),
        Err(e) => return Err(UsageError(e.to_string())),
    };
    let failed = |e: &dyn std::fmt::Display| format!("the query failed: {e}");
    Ok(match results {
        QueryResults::Boolean(value) => Ok(Answer::Boolean(value)),
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            solutions
                .collect::<Result<Vec<_>, _>>()
                .map(|rows| Answer::Solutions(variables, rows))
                .map_err(|e| failed(&e))
        }
        QueryResults::Graph(triples) => triples
            .collect::<Result<Vec<_>, _>>()
            .map(Answer::Graph)
            .map_err(|e| failed(&e)),
    })
}

/// Says so when opening the data directory failed because another process holds it (RocksDB
/// lets one process open a directory: a running server holds it), with what to do instead.
pub(crate) fn explain_lock(data: &DataArgs, error: UsageError, advice: &str) -> UsageError {
    let UsageError(message) = error;
    if message.contains("lock") || message.contains("LOCK") {
        UsageError(format!(
            "the data directory {} is in use by another process (a running `uda serve`?): {advice}",
            data.dir().display()
        ))
    } else {
        UsageError(message)
    }
}

/// Sends the query to the server's SPARQL endpoint, asking for SPARQL JSON results (SELECT,
/// ASK) or N-Triples (CONSTRUCT, DESCRIBE), and parses the answer.
fn remote(url: &str, args: &Args) -> Result<Result<Answer, String>, UsageError> {
    let endpoint = format!("{}/sparql", url.trim_end_matches('/'));
    let token = args
        .token
        .clone()
        .or_else(|| std::env::var("UDA_TOKEN").ok().filter(|t| !t.is_empty()));
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let mut request = agent
        .post(&endpoint)
        .header("content-type", "application/sparql-query")
        .header(
            "accept",
            "application/sparql-results+json, application/n-triples;q=0.9",
        );
    if let Some(token) = &token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let mut response = request
        .send(args.query.as_bytes())
        .map_err(|e| UsageError(format!("cannot reach the server at {endpoint}: {e}")))?;
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let body = response
        .body_mut()
        .with_config()
        .limit(u64::MAX)
        .read_to_vec()
        .map_err(|e| UsageError(format!("cannot read the answer of {endpoint}: {e}")))?;
    if !status.is_success() {
        let message = String::from_utf8_lossy(&body).trim().to_owned();
        let hint = if status.as_u16() == 401 && token.is_none() {
            " (give a token with --token or $UDA_TOKEN)"
        } else {
            ""
        };
        return Ok(Err(format!(
            "{endpoint} answered {status}: {message}{hint}"
        )));
    }
    let unreadable = |e: &dyn std::fmt::Display| {
        UsageError(format!("cannot read the answer of {endpoint}: {e}"))
    };
    if content_type.starts_with("application/n-triples") {
        let triples = RdfParser::from_format(RdfFormat::NTriples)
            .for_slice(&body)
            .map(|q| q.map(Triple::from))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| unreadable(&e))?;
        return Ok(Ok(Answer::Graph(triples)));
    }
    match QueryResultsParser::from_format(QueryResultsFormat::Json)
        .for_slice(&body)
        .map_err(|e| unreadable(&e))?
    {
        SliceQueryResultsParserOutput::Boolean(value) => Ok(Ok(Answer::Boolean(value))),
        SliceQueryResultsParserOutput::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows = solutions
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| unreadable(&e))?;
            Ok(Ok(Answer::Solutions(variables, rows)))
        }
    }
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
