//! `uda move`: instance data of a model moved between RDF files and the SQL
//! databases the model is projected to (SQLite, PostgreSQL), through the
//! projection's mappings (`uda-instances`); RDF is checked against the
//! model's SHACL shapes before anything is written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use oxrdf::dataset::CanonicalizationAlgorithm;
use oxrdf::Graph;
use uda_instances::sql::{from_rows, to_rows, SqlPlan, Tables};
use uda_instances::Mapped;
use uda_project_shacl::{merge, GoverningShapes, ShaclOptions};
use uda_project_sql::Dialect;
use uda_targets::Target;
use uda_upper::{Document, Loaded, Loader, ModelView};

use crate::check_data::{summary, Compactor};
use crate::output::Ui;
use crate::{input, runtime, usage, Failure};

/// Upper is imported implicitly by every model, but has tables only when imported explicitly.
const UPPER: &str = "https://w3id.org/uda/upper";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The domain model the data is of (its imports are resolved among the -I directories).
    #[arg(long, value_name = "MODEL.ttl")]
    pub model: PathBuf,
    /// A directory of models that imports are resolved against (repeatable).
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    pub include: Vec<PathBuf>,
    /// Where the data is: `rdf:FILE` (repeatable: read as one graph),
    /// `sql-sqlite:PATH` or `sql-postgres:URL`.
    #[arg(long, value_name = "LOCATION", required = true)]
    pub from: Vec<String>,
    /// Where it goes: `rdf:FILE` (N-Triples), `sql-sqlite:PATH` or
    /// `sql-postgres:URL`. The database's tables are the model's SQL
    /// projection; with --create-tables its DDL runs first, in the same transaction.
    #[arg(long, value_name = "LOCATION")]
    pub to: String,
    /// Run the projection's DDL (of the model and the models it imports) before the rows.
    #[arg(long)]
    pub create_tables: bool,
    /// The IRI instances read from a container are named under, followed by
    /// their class and key values (default: the model's IRI followed by `/id/`).
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
}

/// A place data is read from or written to.
enum Location {
    Rdf(PathBuf),
    Sql(Dialect, String),
}

fn location(text: &str) -> Result<Location, Failure> {
    let (kind, rest) = text.split_once(':').ok_or_else(|| {
        usage(format!(
            "{text}: a location is KIND:WHERE (rdf:FILE, sql-sqlite:PATH, sql-postgres:URL)"
        ))
    })?;
    match kind {
        "rdf" => Ok(Location::Rdf(PathBuf::from(rest))),
        "sql-sqlite" => Ok(Location::Sql(Dialect::Sqlite, rest.to_owned())),
        "sql-postgres" => Ok(Location::Sql(Dialect::Postgres, rest.to_owned())),
        other => Err(usage(format!(
            "{text}: unknown kind of location {other:?} (rdf, sql-sqlite, sql-postgres; avro, json and sql-duckdb are not supported yet)"
        ))),
    }
}

pub fn run(args: &Args, ui: &Ui) -> crate::Outcome {
    let from: Vec<Location> = args
        .from
        .iter()
        .map(|f| location(f))
        .collect::<Result<_, _>>()?;
    let to = location(&args.to)?;
    if from.len() > 1 && from.iter().any(|l| !matches!(l, Location::Rdf(_))) {
        return Err(usage("several --from locations must all be RDF files"));
    }
    let loaded = load(&args.model, &args.include)?;
    let Some(view) = view(&loaded, &args.model, ui) else {
        return Ok(crate::refused());
    };
    let base = args
        .base
        .clone()
        .unwrap_or_else(|| format!("{}/id/", view.root().iri.trim_end_matches(['#', '/'])));

    let graph = match &from[0] {
        Location::Rdf(_) => {
            let files: Vec<&Path> = from
                .iter()
                .filter_map(|l| match l {
                    Location::Rdf(p) => Some(p.as_path()),
                    Location::Sql(..) => None,
                })
                .collect();
            match read_rdf(&view, &files, ui)? {
                Some(graph) => graph,
                None => return Ok(crate::refused()),
            }
        }
        Location::Sql(dialect, place) => {
            let (plan, _) = plan(&loaded, &view, *dialect)?;
            let tables = read_sql(*dialect, place, &plan)?;
            from_rows(&view, &plan, &tables, &base)
                .map_err(|e| Failure::Refused(format!("{place}: {e}")))?
        }
    };

    match &to {
        Location::Rdf(path) => {
            write_rdf(&graph, path)?;
            ui.summary(&format!(
                "{} triples written to {}",
                graph.len(),
                path.display()
            ));
        }
        Location::Sql(dialect, place) => {
            let (plan, ddl) = plan(&loaded, &view, *dialect)?;
            let rows = match to_rows(&view, &plan, &graph) {
                Ok(rows) => rows,
                Err(errors) => {
                    for e in &errors {
                        ui.error(&e.to_string());
                    }
                    ui.error("the data cannot be moved: nothing was written");
                    return Ok(crate::refused());
                }
            };
            let ddl = if args.create_tables { ddl } else { Vec::new() };
            write_sql(*dialect, place, &plan, &ddl, &rows)?;
            let count: usize = rows.iter().map(Vec::len).sum();
            ui.summary(&format!(
                "{count} rows written to {} tables of {place}",
                plan.tables.len()
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn load(model: &Path, include: &[PathBuf]) -> Result<Loaded, Failure> {
    let mut loader = Loader::new();
    input::exists(model)?;
    loader.input_file(model);
    input::add_libraries(&mut loader, include)?;
    Ok(loader.load())
}

/// The view of the model given, or `None` (its diagnostics printed) when invalid.
fn view<'a>(loaded: &'a Loaded, model: &Path, ui: &Ui) -> Option<ModelView<'a>> {
    let view = loaded
        .inputs
        .first()
        .and_then(|iri| loaded.models.view(iri))
        .filter(|_| !loaded.has_errors());
    if view.is_none() {
        ui.diagnostics(loaded);
        ui.error(&format!(
            "the model {} is invalid; fix it before moving data",
            model.display()
        ));
    }
    view
}

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The domain model the data is of (its imports are resolved among the -I directories).
    #[arg(long, value_name = "MODEL.ttl")]
    pub model: PathBuf,
    /// A directory of models that imports are resolved against (repeatable).
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    pub include: Vec<PathBuf>,
    /// Where the data would come from: `rdf:FILE`, `sql-sqlite:PATH` or `sql-postgres:URL`.
    #[arg(long, value_name = "LOCATION")]
    pub from: String,
    /// Where it would go.
    #[arg(long, value_name = "LOCATION")]
    pub to: String,
}

/// `uda plan`: prints, column by column, what `uda move` would fill each
/// target field with, and what cannot move. Reads no data and opens no database.
pub fn plan_command(args: &PlanArgs, ui: &Ui) -> crate::Outcome {
    let (from, to) = (location(&args.from)?, location(&args.to)?);
    let loaded = load(&args.model, &args.include)?;
    let Some(view) = view(&loaded, &args.model, ui) else {
        return Ok(crate::refused());
    };
    let sources = |dialect| plan(&loaded, &view, dialect).map(|(p, _)| p.sources());
    let mut out = String::new();
    match (&from, &to) {
        (Location::Rdf(_), Location::Rdf(_)) => {
            return Err(usage("from RDF to RDF there is nothing to plan"))
        }
        (Location::Rdf(_), Location::Sql(dialect, _)) => {
            for c in sources(*dialect)? {
                out.push_str(&format!("{}.{} <- {}\n", c.table, c.column, c.source));
            }
        }
        (Location::Sql(dialect, _), Location::Rdf(_)) => {
            for c in sources(*dialect)? {
                out.push_str(&format!("{} <- {}.{}\n", c.source, c.table, c.column));
            }
            out.push_str("instances are named by their class and key values under --base\n");
        }
        (Location::Sql(a, _), Location::Sql(b, _)) => {
            let given = sources(*a)?;
            for c in sources(*b)? {
                match given.iter().find(|g| g.source == c.source) {
                    Some(g) => out.push_str(&format!(
                        "{}.{} <- {}.{}: {}\n",
                        c.table, c.column, g.table, g.column, c.source
                    )),
                    None => out.push_str(&format!(
                        "{}.{} <- nothing: {} has no column for {}\n",
                        c.table, c.column, a, c.source
                    )),
                }
            }
        }
    }
    if let Location::Sql(Dialect::Postgres, _) = to {
        out.push_str("cannot move: an xsd:dateTime with a time zone into a TIMESTAMP column, which keeps none (refused before anything is written)\n");
    }
    crate::output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The plan of the model's projection in `dialect`, and the DDL creating its
/// tables (the imported models' first).
fn plan(
    loaded: &Loaded,
    view: &ModelView<'_>,
    dialect: Dialect,
) -> Result<(SqlPlan, Vec<String>), Failure> {
    let mut outputs = Vec::new();
    for m in view.models().iter().filter(|m| m.iri != UPPER) {
        let v = loaded
            .models
            .view(&m.iri)
            .ok_or_else(|| Failure::Refused(format!("the import {} is not loaded", m.iri)))?;
        outputs.push(
            Target::Sql(dialect)
                .project(&v)
                .map_err(|e| Failure::Refused(e.to_string()))?,
        );
    }
    let ddl = outputs
        .iter()
        .rev()
        .flat_map(|o| o.files.iter().map(|f| f.text.clone()))
        .collect();
    let plan = SqlPlan::new(view, &Mapped::new(&outputs))
        .map_err(|e| Failure::Refused(format!("the {dialect} mappings cannot be followed: {e}")))?;
    Ok((plan, ddl))
}

/// The data files as one graph, if they conform to the model's shapes;
/// otherwise the SHACL report is printed and `None` returned.
fn read_rdf(view: &ModelView<'_>, files: &[&Path], ui: &Ui) -> Result<Option<Graph>, Failure> {
    let mut documents = Vec::new();
    for file in files {
        input::exists(file)?;
        match Document::read(file, None) {
            Ok(doc) => documents.push(doc),
            Err(diagnostics) => {
                ui.diagnostics_of(&diagnostics);
                ui.error(&format!("{} could not be read", file.display()));
                return Ok(None);
            }
        }
    }
    let data = merge(documents.iter().map(Document::graph));
    let shapes = GoverningShapes::new(view, &ShaclOptions { closed: false }).map_err(|e| {
        Failure::Refused(format!(
            "cannot make the shapes of {}: {e}",
            view.root().iri
        ))
    })?;
    let report = shapes.validate(&data);
    if !report.conforms {
        let prefixes = documents
            .iter()
            .flat_map(|d| d.prefixes().to_vec())
            .collect();
        ui.error(
            summary(
                &report,
                &Compactor(prefixes),
                &view.root().domain,
                &data,
                files.len(),
            )
            .trim_end(),
        );
        ui.error("the data does not conform to the model: nothing was written");
        return Ok(None);
    }
    Ok(Some(data))
}

fn read_sql(dialect: Dialect, place: &str, plan: &SqlPlan) -> Result<Tables, Failure> {
    let failed = |e: &dyn std::fmt::Display| runtime(format!("{place}: {e}"));
    match dialect {
        Dialect::Sqlite => {
            if !Path::new(place).exists() {
                return Err(Failure::Refused(format!("{place}: no such database")));
            }
            let conn = rusqlite::Connection::open_with_flags(
                place,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .map_err(|e| failed(&e))?;
            uda_instances_sql::read_sqlite(&conn, plan).map_err(|e| failed(&e))
        }
        _ => {
            let mut client =
                postgres::Client::connect(place, postgres::NoTls).map_err(|e| failed(&e))?;
            uda_instances_sql::read_postgres(&mut client, None, plan).map_err(|e| failed(&e))
        }
    }
}

fn write_sql(
    dialect: Dialect,
    place: &str,
    plan: &SqlPlan,
    ddl: &[String],
    rows: &Tables,
) -> Result<(), Failure> {
    let failed =
        |e: &dyn std::fmt::Display| Failure::Refused(format!("{place}: {e}; nothing was written"));
    match dialect {
        Dialect::Sqlite => {
            let mut conn =
                rusqlite::Connection::open(place).map_err(|e| runtime(format!("{place}: {e}")))?;
            uda_instances_sql::load_sqlite(&mut conn, plan, ddl, rows).map_err(|e| failed(&e))
        }
        _ => {
            let mut client = postgres::Client::connect(place, postgres::NoTls)
                .map_err(|e| runtime(format!("{place}: {e}")))?;
            uda_instances_sql::load_postgres(&mut client, None, plan, ddl, rows)
                .map_err(|e| failed(&e))
        }
    }
}

/// The graph as sorted N-Triples (blank nodes named canonically, so the
/// same data gives the same file), written to a temporary file renamed into place.
fn write_rdf(graph: &Graph, path: &Path) -> Result<(), Failure> {
    let mut graph = graph.clone();
    graph.canonicalize(CanonicalizationAlgorithm::Unstable);
    let mut lines: Vec<String> = graph.iter().map(|t| format!("{t} .\n")).collect();
    lines.sort();
    let partial = path.with_extension("partial");
    std::fs::write(&partial, lines.concat())
        .and_then(|()| std::fs::rename(&partial, path))
        .map_err(|e| runtime(format!("cannot write {}: {e}", path.display())))
}
