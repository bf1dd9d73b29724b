//! `uda`: a thin command line over the uda libraries.
//!
//! Exit codes: 0 success, 1 the input is invalid (or the operation was
//! refused), 2 usage errors (bad flags, unreadable paths).

mod check_data;
mod diff;
mod generate;
mod query;
mod register;
mod serve;
mod targets;
mod token;
mod validate;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Model once, represent everywhere: a knowledge-graph schema registry and transpiler.
#[derive(Debug, Parser)]
#[command(name = "uda", version, about, long_about = None, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check domain models against Upper, reporting every problem found.
    ///
    /// Imports are resolved among the files given and the RDF files under each
    /// -I directory. Exits 0 when every model is valid (warnings allowed), 1 when
    /// any is invalid, 2 on usage errors.
    Validate(validate::Args),
    /// Generate schemas (GraphQL, Federation, Avro, SQL, SHACL) and mappings from models.
    ///
    /// Works on files alone: no store, no server. Invalid models fail with their
    /// diagnostics (exit 1). Schema text goes to stdout, or to files under --out.
    Generate(generate::Args),
    /// Register domain models, as new versions, in a data directory or through a server.
    ///
    /// Each model is validated against Upper with its imports resolved from the
    /// registry, checked against its compatibility mode and the models that
    /// import it, projected, and written in one transaction. Exits 0 when every
    /// model is registered or unchanged, 1 when one is refused (nothing is
    /// written for it), 2 on usage errors.
    Register(register::Args),
    /// Run a read-only SPARQL query over a data directory or a running server.
    ///
    /// The default graph is the union of the current versions of every graph;
    /// old versions are named graphs (<MODEL>/version/N). SPARQL Update is
    /// refused (exit 1). With --server URL the query goes to the server's
    /// /sparql endpoint (a data directory held by a running server can only be
    /// queried that way).
    Query(query::Args),
    /// Serve the GraphQL API (/graphql) and the SPARQL endpoint (/sparql) over a data directory.
    ///
    /// Prints `listening on http://ADDR` to stderr, logs one line per request
    /// (RUST_LOG sets the level) and stops gracefully at SIGINT or SIGTERM,
    /// finishing the requests in flight. Writes need a token from --tokens FILE;
    /// without it they are open on a loopback address only.
    Serve(serve::Args),
    /// Show the semantic changes between two versions of a model.
    ///
    /// OLD and NEW are model files or NAME@VERSION references into a data
    /// directory. Each change is classified breaking or not under every
    /// compatibility mode. Exits 1 with --mode when NEW is incompatible.
    Diff(diff::Args),
    /// Delete a model from a data directory; its versions stay queryable.
    Delete(register::DeleteArgs),
    /// Check RDF instance data against the SHACL shapes of a domain model.
    ///
    /// Exits 0 when the data conforms, 1 when it does not (or the model is
    /// invalid), 2 on usage errors.
    CheckData(check_data::Args),
    /// Token helpers for `uda serve --tokens FILE` (`uda token hash`: a secret's digest).
    Token(token::Args),
}

/// Where models come from: files, and directories to resolve imports in.
#[derive(Debug, clap::Args)]
pub struct ModelInputs {
    /// Model files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD; format from the extension).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A directory of models that imports are resolved against (repeatable).
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    pub include: Vec<PathBuf>,
    /// Read every FILE in this RDF format instead of guessing from its extension
    /// (turtle, trig, ntriples, nquads, rdfxml, jsonld).
    #[arg(long = "rdf-format", value_name = "FORMAT", value_parser = parse_rdf_format)]
    pub rdf_format: Option<uda_upper::RdfFormat>,
}

fn parse_rdf_format(name: &str) -> Result<uda_upper::RdfFormat, String> {
    uda_upper::format_from_name(name).ok_or_else(|| {
        format!("unknown RDF format `{name}` (turtle, trig, ntriples, nquads, rdfxml, jsonld)")
    })
}

impl ModelInputs {
    /// Loads and validates the models, or says which path is unusable.
    pub fn load(&self) -> Result<uda_upper::Loaded, UsageError> {
        let mut loader = uda_upper::Loader::new();
        for file in &self.files {
            if !file.is_file() {
                return Err(UsageError(format!("no such file: {}", file.display())));
            }
            loader.input_file_as(file, self.rdf_format);
        }
        for dir in &self.include {
            loader
                .library_dir(dir)
                .map_err(|e| UsageError(format!("cannot read directory {}: {e}", dir.display())))?;
        }
        Ok(loader.load())
    }
}

/// How a command reports: for people (rustc-style text) or for machines (JSON on stdout).
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    Human,
    Json,
}

/// A mistake in how uda was called; exits 2.
#[derive(Debug)]
pub struct UsageError(pub String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Register(args) => register::run(&args),
        Command::Query(args) => query::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Delete(args) => register::run_delete(&args),
        Command::CheckData(args) => check_data::run(&args),
        Command::Token(args) => token::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(UsageError(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
