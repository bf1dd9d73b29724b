//! `uda`: a thin command line over the uda libraries.
//!
//! Every command returns its exit status or a [`Failure`]; `main` turns a
//! failure into its message and its exit code (see [`EXIT_STATUS`]).

mod browse;
mod check_data;
mod completions;
mod diff;
mod discover;
mod generate;
mod import;
mod input;
mod maintain;
mod map;
mod output;
mod place;
mod query;
mod register;
mod remote;
mod schema_text;
mod serve;
mod targets;
mod token;
mod transfer;
mod validate;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// What the exit codes mean, as `--help` and the README say.
const EXIT_STATUS: &str = "\
Exit status:
  0  success
  1  the input is invalid, or the registry or server refused it (nothing was written)
  2  usage error: bad arguments, a file or directory that does not exist
  3  runtime failure: network, store or I/O (including output that cannot be written)

Environment:
  UDA_DATA    the data directory when neither --data nor --server is given (default ./uda-data)
  UDA_SERVER  the server when neither --data nor --server is given (wins over UDA_DATA)
  UDA_TOKEN   the bearer token for --server, when --token is not given
  NO_COLOR    no colours with --color auto";

/// Model once, represent everywhere: a knowledge-graph schema registry and transpiler.
#[derive(Debug, Parser)]
#[command(
    name = "uda",
    version,
    about,
    long_about = None,
    arg_required_else_help = true,
    after_help = EXIT_STATUS
)]
struct Cli {
    #[command(flatten)]
    global: output::GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check domain models against Upper, reporting every problem found.
    ///
    /// Imports are resolved among the files given and the RDF files under each
    /// -I directory. `-` reads a model from standard input. Exits 0 when every
    /// model is valid (warnings allowed), 1 when any is invalid.
    Validate(validate::Args),
    /// Generate schemas (GraphQL, Federation, Avro, SQL, SHACL, Iceberg) and mappings from models.
    ///
    /// Works on files alone: no store, no server. Invalid models fail with their
    /// diagnostics (exit 1). Schema text goes to stdout, or to files under --out.
    Generate(generate::Args),
    /// Read existing schemas (GraphQL SDL, Avro .avsc) into their container representation, as Turtle.
    ///
    /// Works on files alone. The representation is the one `uda generate`
    /// records for a projection, in the system's vocabulary
    /// (ontologies/graphql.ttl, ontologies/avro.ttl). Schemas that do not parse
    /// or are invalid fail with every error located (exit 1), and nothing is
    /// written; what is read but cannot be represented is a warning.
    Import(import::Args),
    /// Register domain models, as new versions, in a data directory or through a server.
    ///
    /// Each model is validated against Upper with its imports resolved from the
    /// registry, checked against its compatibility mode and the models that
    /// import it, projected, and written in one transaction. Exits 0 when every
    /// model is registered or unchanged, 1 when one is refused (nothing is
    /// written for it). --dry-run runs every check and writes nothing.
    Register(register::Args),
    /// List the registered models, each at its current version.
    Models(browse::ModelsArgs),
    /// Print a registered model version as Turtle, or one of its projections.
    ///
    /// MODEL is the model's IRI or its upper:domain, optionally followed by
    /// @VERSION (a number, or `current`). With --target, prints the schema text
    /// of that projection exactly as `uda generate` prints it.
    Show(browse::ShowArgs),
    /// List every version of a model, oldest first.
    Versions(browse::VersionsArgs),
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
    /// Set the compatibility mode new versions of a model are checked under.
    SetCompatibility(maintain::SetCompatibilityArgs),
    /// Delete a model nobody imports; its versions stay queryable.
    Delete(maintain::DeleteArgs),
    /// Check the registry's integrity: hashes, version numbering, current graphs, catalog.
    ///
    /// Exits 0 when the store is sound, 1 when a problem is found (each is printed).
    Verify(maintain::VerifyArgs),
    /// Check RDF instance data against the SHACL shapes of a domain model.
    ///
    /// Exits 0 when the data conforms, 1 when it does not (or the model is invalid).
    CheckData(check_data::Args),
    /// Find domain terms and container elements by the words people use.
    ///
    /// Matches labels in every language, names split on case and separators,
    /// SKOS alternative labels and descriptions, with typo tolerance; hits are
    /// ranked exact label or name, prefix, word, fuzzy, description.
    Search(discover::SearchArgs),
    /// Follow mappings: a concept to the container elements realizing it,
    /// --inverse an element to its concepts, --coverage what a model or container lacks.
    Trace(discover::TraceArgs),
    /// Move instance data between RDF files and the model's SQL databases (SQLite, PostgreSQL).
    ///
    /// Through the model's SQL projection and its mappings: RDF is checked
    /// against the model's SHACL shapes first, and refused with the report
    /// when it does not conform; rows are written in one transaction, so a
    /// failure leaves the database as it was. Instances read from a
    /// database are named by their class and key under --base.
    Move(transfer::Args),
    /// Print how `uda move` would fill each target column or property, and what cannot move.
    ///
    /// Column by column (`table.column <- source`): which property, key value
    /// (a reference's key lookup) or position fills it, from the model's
    /// mappings alone; from SQL to SQL, which column of the source. Reads no data.
    Plan(transfer::PlanArgs),
    /// Mappings from domain models to existing containers (`uda map check`).
    Map(map::Args),
    /// Token helpers for `uda serve --tokens FILE` (`uda token hash`: a secret's digest).
    Token(token::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    ///
    /// For example: `uda completions bash > ~/.local/share/bash-completion/completions/uda`,
    /// or `uda completions zsh > "${fpath[1]}/_uda"`.
    Completions(completions::Args),
}

/// Why a command ends without doing its work; `main` prints the message as an
/// error and exits with the code. (A command that reports several inputs, some
/// refused, reports them itself and returns exit 1.)
#[derive(Debug)]
pub enum Failure {
    /// The input or the request was refused (an unknown model, a model in use,
    /// a refusal by the server); nothing was written; exits 1.
    Refused(String),
    /// A mistake in how uda was called; exits 2.
    Usage(String),
    /// The network, the store or I/O failed; exits 3.
    Runtime(String),
}

/// A usage error (exit 2).
pub fn usage(message: impl Into<String>) -> Failure {
    Failure::Usage(message.into())
}

/// A runtime failure (exit 3).
pub fn runtime(message: impl Into<String>) -> Failure {
    Failure::Runtime(message.into())
}

/// What a command ends with: its exit status, or why it could not run.
pub type Outcome = Result<ExitCode, Failure>;

/// The exit status of a command that found the input invalid or refused (1).
pub fn refused() -> ExitCode {
    ExitCode::from(1)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = cli.global.apply();
    let result = match &cli.command {
        Command::Validate(args) => validate::run(args, &ui),
        Command::Generate(args) => generate::run(args, &ui),
        Command::Import(args) => import::run(args, &ui),
        Command::Register(args) => register::run(args, &ui),
        Command::Models(args) => browse::models(args, &ui),
        Command::Show(args) => browse::show(args),
        Command::Versions(args) => browse::versions(args),
        Command::Query(args) => query::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Diff(args) => diff::run(args, &ui),
        Command::SetCompatibility(args) => maintain::set_compatibility(args, &ui),
        Command::Delete(args) => maintain::delete(args, &ui),
        Command::Verify(args) => maintain::verify(args, &ui),
        Command::CheckData(args) => check_data::run(args, &ui),
        Command::Move(args) => transfer::run(args, &ui),
        Command::Plan(args) => transfer::plan_command(args, &ui),
        Command::Map(args) => map::run(args, &ui),
        Command::Search(args) => discover::search(args),
        Command::Trace(args) => discover::trace(args),
        Command::Token(args) => token::run(args),
        Command::Completions(args) => completions::run::<Cli>(args),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Refused(message)) => {
            ui.error(&message);
            refused()
        }
        Err(Failure::Usage(message)) => {
            ui.error(&message);
            ExitCode::from(2)
        }
        Err(Failure::Runtime(message)) => {
            ui.error(&message);
            ExitCode::from(3)
        }
    }
}
