//! `uda generate`: project models to schema text, on files alone (no store, no server).

use crate::{ModelInputs, UsageError};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use uda_project_sql::Dialect;
use uda_projection::{file_path, write_turtle, Output};
use uda_targets::Target;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub inputs: ModelInputs,
    /// What to generate: graphql, graphql-federation, avro, sql, shacl, or all
    /// (all needs --out; it writes one subdirectory per target, every SQL dialect included).
    #[arg(long, value_name = "TARGET", value_parser = ["graphql", "graphql-federation", "avro", "sql", "shacl", "all"])]
    pub target: String,
    /// The SQL dialect, with --target sql.
    #[arg(long, value_name = "DIALECT", default_value = "postgres", value_parser = parse_dialect)]
    pub dialect: Dialect,
    /// Write schema files under DIR instead of printing them.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Also write the mappings (every domain element to the container elements realizing it) as Turtle.
    #[arg(long, value_name = "FILE")]
    pub mappings: Option<PathBuf>,
}

fn parse_dialect(name: &str) -> Result<Dialect, String> {
    name.parse()
        .map_err(|e: uda_project_sql::UnknownDialect| e.to_string())
}

pub fn run(args: &Args) -> Result<ExitCode, UsageError> {
    let targets = match args.target.as_str() {
        "all" => Target::all(),
        "sql" => vec![Target::Sql(args.dialect)],
        name => vec![name
            .parse()
            .map_err(|e: uda_targets::UnknownTarget| UsageError(e.to_string()))?],
    };
    if targets.len() > 1 && args.out.is_none() {
        return Err(UsageError(
            "--target all writes several files: give --out DIR".into(),
        ));
    }
    let loaded = args.inputs.load()?;
    if loaded.has_errors() {
        let _ = write!(std::io::stderr(), "{}", loaded.render());
        let _ = writeln!(
            std::io::stderr(),
            "error: invalid models; nothing generated"
        );
        return Ok(ExitCode::from(1));
    }
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
                    let view = &view;
                    scope.spawn(move || (target, target.project(view)))
                })
                .collect();
            running.into_iter().map(|r| r.join()).collect()
        });
        for joined in projected {
            match joined {
                Ok((target, Ok(output))) => outputs.push((target, output)),
                Ok((_, Err(e))) => {
                    let _ = writeln!(std::io::stderr(), "error: {e} (model <{iri}>)");
                    return Ok(ExitCode::from(1));
                }
                Err(_) => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "error: a projection failed (model <{iri}>)"
                    );
                    return Ok(ExitCode::from(1));
                }
            }
        }
    }
    match &args.out {
        Some(dir) => write_files(dir, &outputs, targets.len() > 1)?,
        None => print(&outputs),
    }
    if let Some(path) = &args.mappings {
        // write_turtle sorts the triples and writes each once.
        let all = outputs
            .iter()
            .flat_map(|(_, output)| output.mappings.iter());
        std::fs::write(path, write_turtle(all, &[]))
            .map_err(|e| UsageError(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_files(
    dir: &std::path::Path,
    outputs: &[(Target, Output)],
    per_target: bool,
) -> Result<(), UsageError> {
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
            let path = file_path(&target_dir, &file.name).map_err(|e| UsageError(e.to_string()))?;
            planned.push((target_dir.clone(), path, &file.text));
        }
    }
    for (target_dir, path, text) in planned {
        std::fs::create_dir_all(&target_dir)
            .map_err(|e| UsageError(format!("cannot create {}: {e}", target_dir.display())))?;
        std::fs::write(&path, text)
            .map_err(|e| UsageError(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
}

/// Prints schema text. Avro schemas are printed as one JSON array, itself a
/// valid Avro schema (each named type defined once); several
/// files of another target are separated by a comment naming each file.
fn print(outputs: &[(Target, Output)]) {
    let mut out = std::io::stdout().lock();
    if outputs.iter().all(|(t, _)| *t == Target::Avro) {
        let _ = write!(
            out,
            "{}",
            uda_project_avro::to_json_array(outputs.iter().map(|(_, o)| o))
        );
        return;
    }
    let files: Vec<_> = outputs
        .iter()
        .flat_map(|(t, o)| o.files.iter().map(move |f| (t, f)))
        .collect();
    for (target, file) in &files {
        if files.len() > 1 {
            let comment = if matches!(target, Target::Sql(_)) {
                "--"
            } else {
                "#"
            };
            let _ = writeln!(out, "{comment} {}", file.name);
        }
        let _ = write!(out, "{}", file.text);
        if !file.text.ends_with('\n') {
            let _ = writeln!(out);
        }
    }
}
