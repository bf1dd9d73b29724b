//! `uda register`: register domain models in a data directory (and `uda delete`).

use crate::ReportFormat as Format;
use crate::UsageError;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use uda_registry::{
    CompatibilityMode, ModelSource, Outcome, RegisterOptions, Registered, Registry, RegistryError,
};
use uda_upper::{Document, RdfFormat};

/// Where the registry's data lives.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// The data directory (default: $UDA_DATA, or ./uda-data).
    #[arg(long = "data", value_name = "DIR")]
    pub data: Option<PathBuf>,
}

impl DataArgs {
    /// The data directory to use.
    pub fn dir(&self) -> PathBuf {
        self.data
            .clone()
            .or_else(|| std::env::var_os("UDA_DATA").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("uda-data"))
    }

    /// Opens the registry, creating the directory when `create`.
    pub fn open(&self, create: bool) -> Result<Registry, UsageError> {
        let dir = self.dir();
        if !create && !Registry::exists(&dir) {
            return Err(UsageError(format!(
                "no uda data directory at {} (register a model first, or pass --data DIR)",
                dir.display()
            )));
        }
        Registry::open(&dir).map_err(|e| UsageError(e.to_string()))
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Model files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD; format
    /// from the extension). A model is registered after the models it imports
    /// among the files given, otherwise in the order given.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Read every FILE in this RDF format instead of guessing from its extension.
    #[arg(long = "rdf-format", value_name = "FORMAT", value_parser = crate::parse_rdf_format)]
    pub rdf_format: Option<RdfFormat>,
    /// The compatibility mode to check the new versions under, kept for the
    /// models (NONE, BACKWARD, FORWARD, FULL, BACKWARD_TRANSITIVE,
    /// FORWARD_TRANSITIVE, FULL_TRANSITIVE). Default: each model's own mode, BACKWARD for new models.
    #[arg(long, value_name = "MODE")]
    pub compatibility: Option<CompatibilityMode>,
    /// Who registers, recorded in the catalog (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub principal: Option<String>,
    /// How to report: `human` (stdout and stderr) or `json` (stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Serialize)]
struct Report<'a> {
    file: String,
    status: &'a str,
    #[serde(flatten)]
    registered: Option<&'a Registered>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

pub fn run(args: &Args) -> Result<ExitCode, UsageError> {
    let mut sources = Vec::new();
    for file in &args.files {
        let format = args
            .rdf_format
            .or_else(|| uda_upper::format_from_path(file))
            .ok_or_else(|| {
                UsageError(format!(
                    "cannot tell the RDF format of {} (use --rdf-format)",
                    file.display()
                ))
            })?;
        let bytes = std::fs::read(file)
            .map_err(|e| UsageError(format!("cannot read {}: {e}", file.display())))?;
        sources.push((
            file.clone(),
            ModelSource::new(file.display().to_string(), bytes, format),
        ));
    }
    let sources = order_by_imports(sources);
    let registry = args.data.open(true)?;
    let options = RegisterOptions {
        principal: args
            .principal
            .clone()
            .unwrap_or_else(|| RegisterOptions::default().principal),
        compatibility: args.compatibility,
    };
    let projectors = crate::targets::projectors();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let mut reports = Vec::new();
    let mut results = Vec::new();
    let mut refused = false;
    for (file, source) in &sources {
        if refused {
            results.push((
                file,
                None,
                Some("not attempted: an earlier file was refused".to_owned()),
            ));
            continue;
        }
        match registry.register(source, &projectors, &options) {
            Ok(r) => {
                if let Format::Human = args.format {
                    for w in &r.warnings {
                        let _ = write!(err, "{w}");
                    }
                    let _ = match r.outcome {
                        Outcome::Created => writeln!(
                            out,
                            "registered <{}> version {} ({})",
                            r.model, r.version, r.hash
                        ),
                        Outcome::Unchanged => writeln!(
                            out,
                            "unchanged <{}> version {} ({})",
                            r.model, r.version, r.hash
                        ),
                    };
                    for c in &r.changes {
                        let _ = writeln!(out, "  - {}", c.description);
                    }
                }
                results.push((file, Some(r), None));
            }
            Err(e) => {
                refused = true;
                if let Format::Human = args.format {
                    let _ = writeln!(err, "error: {} was refused: {e}", file.display());
                }
                results.push((file, None, Some(e.to_string())));
                if !matches!(e, RegistryError::Rejected(_)) {
                    // Not the input's fault: still exit 1, the store is unchanged.
                    let _ = writeln!(err, "note: nothing was written for {}", file.display());
                }
            }
        }
    }
    if let Format::Json = args.format {
        for (file, r, error) in &results {
            let status = match (r, error) {
                (Some(r), _) if r.outcome == Outcome::Created => "registered",
                (Some(_), _) => "unchanged",
                (None, Some(e)) if e.starts_with("not attempted") => "skipped",
                _ => "refused",
            };
            reports.push(Report {
                file: file.display().to_string(),
                status,
                registered: r.as_ref(),
                error: error.clone(),
            });
        }
        match serde_json::to_string_pretty(&reports) {
            Ok(json) => {
                let _ = writeln!(out, "{json}");
            }
            Err(e) => return Err(UsageError(format!("cannot write the report: {e}"))),
        }
    }
    Ok(if refused {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Puts each model after the models it imports among `sources`, keeping the
/// given order otherwise. Files that do not parse stay where they are:
/// registering them reports the problem.
fn order_by_imports(sources: Vec<(PathBuf, ModelSource)>) -> Vec<(PathBuf, ModelSource)> {
    let mut models: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for (path, source) in &sources {
        let parsed = Document::parse(
            path.display().to_string().into(),
            &source.bytes,
            source.format,
            &format!("file:///{}", path.display()),
        );
        models.push(match parsed {
            Ok(doc) => declared(doc.graph()),
            Err(_) => (None, Vec::new()),
        });
    }
    let index: HashMap<&str, usize> = models
        .iter()
        .enumerate()
        .filter_map(|(i, (m, _))| m.as_deref().map(|m| (m, i)))
        .collect();
    let mut placed = BTreeSet::new();
    let mut order = Vec::new();
    // Depth-first: a model's imports (among the files) go first; cycles are
    // broken by the visiting set and reported by validation.
    fn visit(
        i: usize,
        models: &[(Option<String>, Vec<String>)],
        index: &HashMap<&str, usize>,
        placed: &mut BTreeSet<usize>,
        visiting: &mut BTreeSet<usize>,
        order: &mut Vec<usize>,
    ) {
        if placed.contains(&i) || !visiting.insert(i) {
            return;
        }
        for import in &models[i].1 {
            if let Some(&j) = index.get(import.as_str()) {
                visit(j, models, index, placed, visiting, order);
            }
        }
        placed.insert(i);
        order.push(i);
    }
    for i in 0..sources.len() {
        visit(
            i,
            &models,
            &index,
            &mut placed,
            &mut BTreeSet::new(),
            &mut order,
        );
    }
    let mut slots: Vec<Option<(PathBuf, ModelSource)>> = sources.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// The model a graph declares and what it imports.
fn declared(graph: &uda_registry::oxigraph::model::Graph) -> (Option<String>, Vec<String>) {
    use uda_registry::oxigraph::model::{vocab::rdf, NamedOrBlankNodeRef, TermRef};
    let model = graph
        .subjects_for_predicate_object(rdf::TYPE, uda_upper::vocab::DOMAIN_MODEL)
        .filter_map(|s| match s {
            NamedOrBlankNodeRef::NamedNode(n) => Some(n),
            _ => None,
        })
        .min();
    let Some(model) = model else {
        return (None, Vec::new());
    };
    let imports = graph
        .objects_for_subject_predicate(model, uda_upper::vocab::IMPORTS)
        .filter_map(|o| match o {
            TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect();
    (Some(model.as_str().to_owned()), imports)
}

/// `uda delete`: delete a model nobody imports; its versions stay queryable.
#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The model: its IRI or its upper:domain.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Who deletes, recorded in the catalog (default: $USER).
    #[arg(long, value_name = "NAME")]
    pub principal: Option<String>,
}

pub fn run_delete(args: &DeleteArgs) -> Result<ExitCode, UsageError> {
    let registry = args.data.open(false)?;
    let principal = args
        .principal
        .clone()
        .unwrap_or_else(|| RegisterOptions::default().principal);
    match registry.delete(&args.name, &principal) {
        Ok(d) => {
            let _ = writeln!(
                std::io::stdout().lock(),
                "deleted <{}> (its {} version{} stay readable under <{}>)",
                d.model,
                d.last_version,
                if d.last_version == 1 { "" } else { "s" },
                uda_registry::version_graph(&d.model, d.last_version)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(RegistryError::UnknownModel(name)) => Err(UsageError(format!(
            "no model named `{name}` in the registry"
        ))),
        Err(e) => {
            let _ = writeln!(std::io::stderr().lock(), "error: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

/// Whether `path` names a file (as opposed to a `name@version` reference).
pub fn is_file(path: &str) -> bool {
    Path::new(path).is_file()
}
