//! `uda query`: a read-only SPARQL query over a data directory, or over a running server's
//! SPARQL endpoint (`--server URL`).

use crate::input;
use crate::output::{table, write_failed};
use crate::place::{registry_failure, DataArgs, Place, PlaceArgs};
use crate::remote::Remote;
use crate::{runtime, usage, Failure};
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use uda_registry::oxigraph::io::{RdfFormat, RdfParser};
use uda_registry::oxigraph::model::{vocab::xsd, Term, Triple, Variable};
use uda_registry::oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, QueryResultsSerializer, SliceQueryResultsParserOutput,
};
use uda_registry::oxigraph::sparql::{QueryResults, QuerySolution};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub place: PlaceArgs,
    /// How to print results: `table` (aligned, for humans), `json`, `csv`,
    /// `tsv` (the SPARQL 1.1 results formats; CONSTRUCT and DESCRIBE results
    /// are printed as rows of ?subject ?predicate ?object), or `ntriples` for
    /// CONSTRUCT and DESCRIBE.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Read the query from FILE (`-`: standard input) instead of the command line.
    #[arg(
        short = 'f',
        long = "file",
        value_name = "FILE",
        conflicts_with = "query"
    )]
    pub file: Option<PathBuf>,
    /// The SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE). The default graph
    /// is the union of the current versions; old versions are named graphs.
    #[arg(value_name = "SPARQL", required_unless_present = "file")]
    pub query: Option<String>,
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

pub fn run(args: &Args) -> crate::Outcome {
    let query = match (&args.query, &args.file) {
        (Some(query), _) => query.clone(),
        (None, Some(file)) => {
            let (name, bytes) = input::read(file)?;
            String::from_utf8(bytes).map_err(|e| usage(format!("{name} is not UTF-8 text: {e}")))?
        }
        (None, None) => return Err(usage("give a SPARQL query, or --file FILE")),
    };
    let answer = match args.place.resolve()? {
        Place::Remote(remote) => remote_query(&remote, &query)?,
        Place::Local(data) => local(&data, &query)?,
    };
    let ntriples_only = || usage("--format ntriples is for CONSTRUCT and DESCRIBE queries");
    let mut out = std::io::stdout().lock();
    let written = match answer {
        Answer::Boolean(value) => match args.format {
            Format::Table => writeln!(out, "{value}"),
            Format::Ntriples => return Err(ntriples_only()),
            f => serializer(f)
                .serialize_boolean_to_writer(&mut out, value)
                .map(drop),
        },
        Answer::Solutions(variables, rows) => match args.format {
            Format::Ntriples => return Err(ntriples_only()),
            f => write_solutions(&mut out, f, variables, &rows),
        },
        Answer::Graph(triples) => match args.format {
            Format::Ntriples => triples.iter().try_for_each(|t| writeln!(out, "{t} .")),
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
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => write_failed(&e).map(|()| ExitCode::SUCCESS),
    }
}

/// Runs the query on the data directory; a query refused or failing in
/// evaluation is [`Failure::Refused`] (see [`registry_failure`]).
fn local(data: &DataArgs, query: &str) -> Result<Answer, Failure> {
    let results = data.open(false)?.query(query).map_err(registry_failure)?;
    let failed = |e: &dyn std::fmt::Display| Failure::Refused(format!("the query failed: {e}"));
    match results {
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
    }
}

/// Sends the query to the server's SPARQL endpoint, asking for SPARQL JSON results (SELECT,
/// ASK) or N-Triples (CONSTRUCT, DESCRIBE), and parses the answer. A 4xx answer is a
/// refusal; a 5xx one, a runtime failure.
fn remote_query(remote: &Remote, query: &str) -> Result<Answer, Failure> {
    let endpoint = remote.endpoint("/sparql");
    let response = remote.post(
        "/sparql",
        "application/sparql-query",
        "application/sparql-results+json, application/n-triples;q=0.9",
        query.as_bytes(),
    )?;
    if !(200..300).contains(&response.status) {
        let status = response.status;
        let message = String::from_utf8_lossy(&response.body).trim().to_owned();
        let hint = if status == 401 && !remote.has_token() {
            " (give a token with --token or $UDA_TOKEN)"
        } else {
            ""
        };
        let message = format!("{endpoint} answered {status}: {message}{hint}");
        return Err(if status >= 500 {
            runtime(message)
        } else {
            Failure::Refused(message)
        });
    }
    let unreadable =
        |e: &dyn std::fmt::Display| runtime(format!("cannot read the answer of {endpoint}: {e}"));
    if response.content_type.starts_with("application/n-triples") {
        let triples = RdfParser::from_format(RdfFormat::NTriples)
            .for_slice(&response.body)
            .map(|q| q.map(Triple::from))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| unreadable(&e))?;
        return Ok(Answer::Graph(triples));
    }
    match QueryResultsParser::from_format(QueryResultsFormat::Json)
        .for_slice(&response.body)
        .map_err(|e| unreadable(&e))?
    {
        SliceQueryResultsParserOutput::Boolean(value) => Ok(Answer::Boolean(value)),
        SliceQueryResultsParserOutput::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rows = solutions
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| unreadable(&e))?;
            Ok(Answer::Solutions(variables, rows))
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
) -> std::io::Result<()> {
    if format == Format::Table {
        return write_table(out, &variables, rows);
    }
    let mut s = serializer(format).serialize_solutions_to_writer(out, variables)?;
    for row in rows {
        s.serialize(row)?;
    }
    s.finish().map(drop)
}

/// The solutions as a table, with the number of rows under it.
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
    let header: Vec<&str> = variables.iter().map(Variable::as_str).collect();
    out.write_all(table(&header, cells).as_bytes())?;
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
