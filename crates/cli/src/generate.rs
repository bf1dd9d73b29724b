//! `uda generate`: project models to schema text, on files alone (no store, no server).

use crate::input::ModelInputs;
use crate::output::{print, print_json, ReportFormat as Format, Ui};
use crate::schema_text::{parse_dialect, schema_text, target, TARGET_NAMES};
use crate::{runtime, usage, Failure};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use uda_project_sql::Dialect;
use uda_projection::{file_path, write_turtle, Output, ProjectionError};
use uda_registry::oxigraph::io::{RdfFormat, RdfParser};
use uda_registry::oxigraph::model::{Graph, Triple};
use uda_targets::Target;
use uda_upper::ModelView;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub inputs: ModelInputs,
    /// What to generate: graphql, graphql-federation, avro, sql, shacl, iceberg,
    /// jsonschema, protobuf, or all
    /// (all needs --out; it writes one subdirectory per target, every SQL dialect included).
    #[arg(long, value_name = "TARGET", value_parser = target_names())]
    pub target: String,
    /// The SQL dialect, with --target sql: postgres, sqlite or duckdb.
    #[arg(long, value_name = "DIALECT", default_value = "postgres", value_parser = parse_dialect)]
    pub dialect: Dialect,
    /// JSON Schema documents that refuse properties the model does not define
    /// (`unevaluatedProperties: false`); only for --target jsonschema or all.
    #[arg(long)]
    pub closed: bool,
    /// Write schema files under DIR instead of printing them.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Also write the mappings (every domain element to the container elements realizing it) as Turtle.
    #[arg(long, value_name = "FILE")]
    pub mappings: Option<PathBuf>,
    /// The mappings an earlier `uda generate --mappings` wrote for the
    /// model's previous version (Turtle): targets that number their fields
    /// keep the numbers recorded there, and never reuse a removed one.
    #[arg(long, value_name = "FILE")]
    pub earlier: Option<PathBuf>,
    /// How to report what was written with --out: `human` (nothing but errors)
    /// or `json` (the files written, on stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

fn target_names() -> clap::builder::PossibleValuesParser {
    let mut names = TARGET_NAMES.to_vec();
    names.push("all");
    clap::builder::PossibleValuesParser::new(names)
}

/// What `--format json` reports: every file written.
#[derive(Serialize)]
struct Written {
    files: Vec<String>,
}

pub fn run(args: &Args, ui: &Ui) -> crate::Outcome {
    let targets = match args.target.as_str() {
        "all" => Target::all(),
        name => vec![target(name, args.dialect)?],
    };
    if args.closed && !targets.contains(&Target::JsonSchema) {
        return Err(usage(
            "--closed is an option of --target jsonschema (or all): only JSON Schema documents are closed",
        ));
    }
    if targets.len() > 1 && args.out.is_none() {
        return Err(usage("--target all writes several files: give --out DIR"));
    }
    if args.format == Format::Json && args.out.is_none() {
        return Err(usage(
            "--format json reports the files written: give --out DIR (without it, the schema \
             text is the output)",
        ));
    }
    let loaded = args.inputs.load()?;
    if loaded.has_errors() {
        ui.diagnostics(&loaded);
        ui.error("invalid models; nothing generated");
        return Ok(crate::refused());
    }
    let earlier = args.earlier.as_deref().map(read_earlier).transpose()?;
    let mut outputs: Vec<(Target, Output)> = Vec::new();
    for iri in &loaded.inputs {
        let Some(view) = loaded.models.view(iri) else {
            continue;
        };
        // The targets are independent projections of one view: they run in
        // parallel, and their outputs are taken in target order, so the
        // output is the same as one after the other.
        let projected: Vec<_> = std::thread::scope(|scope| {
            let running: Vec<_> = targets
                .iter()
                .map(|&target| {
                    let (view, earlier) = (&view, earlier.as_ref());
                    scope.spawn(move || (target, project(target, view, earlier, args.closed)))
                })
                .collect();
            running.into_iter().map(|r| r.join()).collect()
        });
        for joined in projected {
            match joined {
                Ok((target, Ok(output))) => outputs.push((target, output)),
                Ok((_, Err(e))) => {
                    ui.error(&format!("{e} (model <{iri}>)"));
                    return Ok(crate::refused());
                }
                Err(_) => return Err(runtime(format!("a projection failed (model <{iri}>)"))),
            }
        }
    }
    let mut written = Vec::new();
    match &args.out {
        Some(dir) => written = write_files(dir, &outputs, targets.len() > 1)?,
        None => {
            let files: Vec<_> = outputs.iter().flat_map(|(_, o)| &o.files).collect();
            print(&schema_text(targets[0], &files))?;
        }
    }
    if let Some(path) = &args.mappings {
        // write_turtle sorts the triples and writes each once.
        let all = outputs
            .iter()
            .flat_map(|(_, output)| output.mappings.iter());
        std::fs::write(path, write_turtle(all, &[]))
            .map_err(|e| runtime(format!("cannot write {}: {e}", path.display())))?;
        written.push(path.display().to_string());
    }
    if args.format == Format::Json {
        print_json(&Written { files: written })?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The mappings graph in `path` (Turtle), for `--earlier`.
fn read_earlier(path: &Path) -> Result<Graph, Failure> {
    let (name, bytes) = crate::input::read(path)?;
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&bytes)
        .map(|q| q.map(Triple::from))
        .collect::<Result<Graph, _>>()
        .map_err(|e| Failure::Refused(format!("--earlier {name}: {e}")))
}

/// The projection of `view` to `target`, JSON Schema closed when `closed`
/// (the registry keeps the default, open, projection of every target), after
/// the `earlier` mappings.
fn project(
    target: Target,
    view: &ModelView<'_>,
    earlier: Option<&Graph>,
    closed: bool,
) -> Result<Output, ProjectionError> {
    if target != Target::JsonSchema || !closed {
        return target.project_after(view, earlier);
    }
    let options = uda_project_jsonschema::JsonSchemaOptions::default().with_closed(true);
    uda_project_jsonschema::project(view, &options).map_err(|e| ProjectionError {
        target: target.to_string(),
        message: e.to_string(),
    })
}

/// Writes every file under `dir` (a subdirectory per target when `per_target`);
/// the paths written.
fn write_files(
    dir: &Path,
    outputs: &[(Target, Output)],
    per_target: bool,
) -> Result<Vec<String>, Failure> {
    // Every path is checked before anything is written: a file name comes
    // from model content and must stay one plain name under --out.
    let mut planned = Vec::new();
    for (target, output) in outputs {
        let target_dir = if per_target {
            dir.join(target.to_string())
        } else {
            dir.to_path_buf()
        };
        for file in &output.files {
            // Validation refuses names that would leave --out (U013); this is the last
            // guard, so a name failing here is uda's own failure.
            let path = file_path(&target_dir, &file.name).map_err(|e| runtime(e.to_string()))?;
            planned.push((target_dir.clone(), path, &file.text));
        }
    }
    let mut written = Vec::new();
    for (target_dir, path, text) in planned {
        std::fs::create_dir_all(&target_dir)
            .map_err(|e| runtime(format!("cannot create {}: {e}", target_dir.display())))?;
        std::fs::write(&path, text)
            .map_err(|e| runtime(format!("cannot write {}: {e}", path.display())))?;
        written.push(path.display().to_string());
    }
    Ok(written)
}
