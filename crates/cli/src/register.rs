//! `uda register`: register domain models in a data directory, or through a
//! server's GraphQL API (`--server URL`), with the same report either way.

use crate::input::{self, FormatArg};
use crate::output::{print_json, ReportFormat as Format, Ui};
use crate::place::{registry_failure, Place, PlaceArgs};
use crate::remote::Remote;
use crate::{runtime, Failure};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;
use uda_registry::{
    container_graph, mappings_graph, Breaks, Change, ChangeKind, CompatibilityMode, ModelSource,
    Outcome, ProjectionChange, RegisterOptions, Registered, Registry,
};
use uda_upper::{Code, Diagnostic, Document, Location};

/// The fields of a `RegistrationResult` that a local registration reports
/// too, as the GraphQL fragment `Reported` (a macro, so that each mutation
/// is one `concat!`ed constant).
macro_rules! reported_fragment {
    () => {
        "
fragment Reported on RegistrationResult {
    model version graph hash changed written
    changes {
      kind term class description breaksBackward breaksForward
      projections { target description }
    }
    projections { target }
    warnings { code message iri file line column notes help }
}"
    };
}

mod container;
mod mapping;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub place: PlaceArgs,
    /// Model files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD; format
    /// from the extension), or `-` for standard input. A model is registered
    /// after the models it imports among the files given, otherwise in the
    /// order given.
    #[arg(
        required_unless_present_any = ["container", "mapping"],
        conflicts_with_all = ["container", "mapping"],
        value_name = "FILE"
    )]
    pub files: Vec<PathBuf>,
    /// Register a mapping instead of models: a Turtle file (uda's or Netflix
    /// UDA's mapping vocabulary) whose `map:MappingSet` names the registered
    /// domain model (`map:domainModel`) and container (`map:container`, its
    /// root element, as `uda import` prints it) it connects; checked against both, refused on any error.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["container", "compatibility"])]
    pub mapping: Option<PathBuf>,
    /// Register an existing container instead of models: files of its
    /// system's extension (`.graphql`, `.avsc`, `.sql`/`.ddl`), directories of
    /// them, or, for SQL with `--data`, one live database (`postgresql://…`,
    /// `sqlite:PATH`). Read with the system's importer.
    #[arg(long, num_args = 1.., value_name = "SOURCE", requires = "system")]
    pub container: Vec<String>,
    /// The system of the container (a target name: graphql, avro, sql-postgres,
    /// sql-sqlite, sql-duckdb).
    #[arg(long, value_name = "TARGET")]
    pub system: Option<String>,
    /// The container's name within its location (default: the PostgreSQL
    /// schema `public`, SQLite's `main`, otherwise the first source's file stem).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Where the container is (default: the database URL without its password,
    /// or the first source's absolute path).
    #[arg(long, value_name = "LOCATION")]
    pub location: Option<String>,
    #[command(flatten)]
    pub format_arg: FormatArg,
    /// The compatibility mode to check the new versions under, kept for the
    /// models (NONE, BACKWARD, FORWARD, FULL, BACKWARD_TRANSITIVE,
    /// FORWARD_TRANSITIVE, FULL_TRANSITIVE). Default: each model's own mode, BACKWARD for new
    /// models.
    #[arg(long, value_name = "MODE")]
    pub compatibility: Option<CompatibilityMode>,
    /// Who registers, recorded in the catalog (default: $USER). A server records the
    /// name of the token instead.
    #[arg(long, value_name = "NAME", conflicts_with = "server")]
    pub principal: Option<String>,
    /// Run every check (validation, compatibility, dependents, projection,
    /// conformance, authorization) and report what would be registered, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How to report: `human` (stdout and stderr) or `json` (stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Serialize)]
pub(crate) struct Report<'a> {
    pub(crate) file: String,
    pub(crate) status: &'a str,
    #[serde(flatten)]
    pub(crate) registered: Option<&'a Registered>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) error: Option<String>,
}

/// Where models are registered: a data directory, or a server.
enum Destination {
    Local {
        registry: Registry,
        projectors: Vec<Box<dyn uda_projection::Projector>>,
        options: RegisterOptions,
        /// A dry run against no data directory registers for real in a
        /// registry held in memory and thrown away, so that a file may import
        /// a model an earlier file of the run would register.
        scratch: bool,
    },
    Remote {
        remote: Remote,
        compatibility: Option<CompatibilityMode>,
        dry_run: bool,
    },
}

impl Destination {
    /// Registers one model; `Failure::Refused` leaves the store as it was.
    fn register(&self, source: &ModelSource) -> Result<Registered, Failure> {
        match self {
            Destination::Local {
                registry,
                projectors,
                options,
                scratch,
            } => {
                let mut registered = registry
                    .register(source, projectors, options)
                    .map_err(registry_failure)?;
                if *scratch && registered.outcome == Outcome::Created {
                    registered.outcome = Outcome::WouldCreate;
                }
                Ok(registered)
            }
            Destination::Remote {
                remote,
                compatibility,
                dry_run,
            } => register_remote(remote, source, *compatibility, *dry_run),
        }
    }
}

pub fn run(args: &Args, ui: &Ui) -> crate::Outcome {
    if !args.container.is_empty() {
        return container::run(args, ui);
    }
    if let Some(file) = &args.mapping {
        return mapping::run(args, ui, file);
    }
    input::once_from_stdin(&args.files)?;
    let mut sources = Vec::new();
    for file in &args.files {
        let format = args.format_arg.of(file)?;
        let (name, bytes) = input::read(file)?;
        sources.push((name.clone(), ModelSource::new(name, bytes, format)));
    }
    let sources = order_by_imports(sources);
    let destination = match args.place.resolve()? {
        Place::Remote(remote) => Destination::Remote {
            remote,
            compatibility: args.compatibility,
            dry_run: args.dry_run,
        },
        Place::Local(data) => {
            // A dry run writes nothing, not even a new data directory.
            let scratch = args.dry_run && !Registry::exists(data.dir());
            Destination::Local {
                registry: if scratch {
                    Registry::in_memory().map_err(|e| runtime(e.to_string()))?
                } else {
                    data.open(true)?
                },
                projectors: crate::targets::projectors(),
                options: RegisterOptions {
                    principal: args
                        .principal
                        .clone()
                        .unwrap_or_else(|| RegisterOptions::default().principal),
                    compatibility: args.compatibility,
                    dry_run: args.dry_run && !scratch,
                    ..RegisterOptions::default()
                },
                scratch,
            }
        }
    };
    let mut results: Vec<(&str, Option<Registered>, Option<String>)> = Vec::new();
    let mut refused = false;
    for (file, source) in &sources {
        if refused {
            results.push((
                file.as_str(),
                None,
                Some("not attempted: an earlier file was refused".to_owned()),
            ));
            continue;
        }
        match destination.register(source) {
            Ok(r) => {
                if args.format == Format::Human {
                    report_human(ui, &r)?;
                }
                results.push((file.as_str(), Some(r), None));
            }
            Err(Failure::Refused(message)) => {
                refused = true;
                if args.format == Format::Human {
                    ui.error(&format!("{file} was refused: {message}"));
                    let before = results.iter().filter_map(|(_, r, _)| r.as_ref());
                    if before
                        .into_iter()
                        .any(|r| r.outcome == Outcome::WouldCreate)
                    {
                        ui.note(&format!(
                            "a dry run writes nothing: {file} was checked without the versions \
                             this run would register before it"
                        ));
                    }
                }
                results.push((file.as_str(), None, Some(message)));
            }
            Err(failure) => {
                ui.note(&format!("nothing was written for {file}"));
                return Err(failure);
            }
        }
    }
    if args.format == Format::Json {
        let reports: Vec<Report> = results
            .iter()
            .map(|(file, r, error)| Report {
                file: (*file).to_owned(),
                status: match (r, error) {
                    (Some(r), _) => status(r.outcome),
                    (None, Some(e)) if e.starts_with("not attempted") => "skipped",
                    _ => "refused",
                },
                registered: r.as_ref(),
                error: error.clone(),
            })
            .collect();
        print_json(&reports)?;
    }
    Ok(if refused {
        crate::refused()
    } else {
        ExitCode::SUCCESS
    })
}

/// How the JSON report names an outcome.
pub(crate) fn status(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Created => "registered",
        Outcome::Unchanged => "unchanged",
        Outcome::WouldCreate => "would register",
    }
}

/// Reports the registration of one artifact (a container, a mapping) named
/// `label`: 0 when registered or unchanged, 1 when refused.
pub(crate) fn report_one(
    args: &Args,
    ui: &Ui,
    label: String,
    result: Result<Registered, Failure>,
) -> crate::Outcome {
    let (registered, error) = match result {
        Ok(r) => (Some(r), None),
        Err(Failure::Refused(message)) => (None, Some(message)),
        Err(other) => return Err(other),
    };
    if args.format == Format::Json {
        print_json(&[Report {
            file: label,
            status: registered.as_ref().map_or("refused", |r| status(r.outcome)),
            registered: registered.as_ref(),
            error: error.clone(),
        }])?;
    } else if let Some(r) = &registered {
        report_human(ui, r)?;
    } else if let Some(message) = &error {
        ui.error(&format!("{label} was refused: {message}"));
    }
    Ok(if error.is_some() {
        crate::refused()
    } else {
        ExitCode::SUCCESS
    })
}

/// A registration for people: its warnings on stderr, what happened on stdout.
pub(crate) fn report_human(ui: &Ui, r: &Registered) -> Result<(), Failure> {
    ui.diagnostics_of(&r.warnings);
    let verb = match r.outcome {
        Outcome::Created => ui.good("registered"),
        Outcome::Unchanged => "unchanged".to_owned(),
        Outcome::WouldCreate => "would register".to_owned(),
    };
    let mut text = format!("{verb} <{}> version {} ({})\n", r.model, r.version, r.hash);
    for c in &r.changes {
        text.push_str(&format!("  - {}\n", c.description));
    }
    ui.status(&text)
}

/// The registration mutation, asking for what a local registration reports.
const REGISTER: &str = concat!(
    "
mutation($source: String!, $format: String, $sourceName: String,
         $compatibility: CompatibilityMode, $dryRun: Boolean) {
  registerDomainModel(source: $source, format: $format, sourceName: $sourceName,
                      compatibility: $compatibility, dryRun: $dryRun) { ...Reported }
}",
    reported_fragment!()
);

fn register_remote(
    remote: &Remote,
    source: &ModelSource,
    compatibility: Option<CompatibilityMode>,
    dry_run: bool,
) -> Result<Registered, Failure> {
    let text = std::str::from_utf8(&source.bytes)
        .map_err(|e| Failure::Refused(format!("{} is not UTF-8 text: {e}", source.name)))?;
    let variables = serde_json::json!({
        "source": text,
        "format": source.format.media_type(),
        "sourceName": source.name,
        "compatibility": compatibility.map(CompatibilityMode::as_str),
        "dryRun": dry_run,
    });
    let data = remote.run(REGISTER, variables)?;
    registered(&data["registerDomainModel"]).map_err(|e| {
        runtime(format!(
            "{} answered an unreadable registration: {e}",
            remote.endpoint("/graphql")
        ))
    })
}

/// A registration as the server reports it, in the terms a local registration uses.
pub(crate) fn registered(d: &serde_json::Value) -> Result<Registered, String> {
    use serde_json::Value;
    let text = |v: &Value, field: &str| -> Result<String, String> {
        v[field]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("no `{field}` in {v}"))
    };
    let optional = |v: &Value, field: &str| v[field].as_str().map(str::to_owned);
    let number = |v: &Value, field: &str| {
        v[field]
            .as_u64()
            .ok_or_else(|| format!("no `{field}` in {v}"))
    };
    let flag = |v: &Value, field: &str| {
        v[field]
            .as_bool()
            .ok_or_else(|| format!("no `{field}` in {v}"))
    };
    let list = |v: &Value, field: &str| -> Result<Vec<Value>, String> {
        v[field]
            .as_array()
            .cloned()
            .ok_or_else(|| format!("no `{field}` in {v}"))
    };
    let model = text(d, "model")?;
    let outcome = match (flag(d, "changed")?, flag(d, "written")?) {
        (false, _) => Outcome::Unchanged,
        (true, true) => Outcome::Created,
        (true, false) => Outcome::WouldCreate,
    };
    let mut changes = Vec::new();
    for c in list(d, "changes")? {
        let kind = text(&c, "kind")?;
        let kind = ChangeKind::ALL
            .into_iter()
            .find(|k| {
                serde_json::to_value(k)
                    .ok()
                    .as_ref()
                    .and_then(Value::as_str)
                    == Some(&kind)
            })
            .ok_or_else(|| format!("unknown kind of change `{kind}`"))?;
        let mut projections = Vec::new();
        for p in list(&c, "projections")? {
            projections.push(ProjectionChange {
                target: text(&p, "target")?,
                description: text(&p, "description")?,
            });
        }
        changes.push(Change {
            kind,
            term: text(&c, "term")?,
            class: optional(&c, "class"),
            description: text(&c, "description")?,
            breaks: Breaks {
                backward: flag(&c, "breaksBackward")?,
                forward: flag(&c, "breaksForward")?,
            },
            projections,
        });
    }
    // What a registration writes for each projection: its container and mappings graphs.
    let mut projections = Vec::new();
    if outcome == Outcome::Created {
        for p in list(d, "projections")? {
            let target = text(&p, "target")?;
            projections.push(container_graph(&model, &target));
            projections.push(mappings_graph(&model, &target));
        }
    }
    let mut warnings = Vec::new();
    for w in list(d, "warnings")? {
        let code = text(&w, "code")?;
        let code = Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == code)
            .ok_or_else(|| format!("unknown diagnostic code `{code}`"))?;
        let mut diagnostic = Diagnostic::error(code, text(&w, "message")?);
        if let Some(iri) = optional(&w, "iri") {
            diagnostic = diagnostic.with_iri(iri);
        }
        if let Some(file) = optional(&w, "file") {
            let line = w["line"]
                .as_u64()
                .and_then(|l| u32::try_from(l).ok())
                .unwrap_or(0);
            let column = w["column"]
                .as_u64()
                .and_then(|c| u32::try_from(c).ok())
                .unwrap_or(0);
            diagnostic = diagnostic.at(Some(Location::new(file.into(), line, column)));
        }
        for note in list(&w, "notes")? {
            diagnostic = diagnostic.note(note.as_str().unwrap_or_default());
        }
        if let Some(help) = optional(&w, "help") {
            diagnostic = diagnostic.help(help);
        }
        warnings.push(diagnostic);
    }
    Ok(Registered {
        version: number(d, "version")?,
        graph: text(d, "graph")?,
        hash: text(d, "hash")?,
        model,
        outcome,
        changes,
        projections,
        warnings,
    })
}

/// Puts each model after the models it imports among `sources`, keeping the
/// given order otherwise. Files that do not parse stay where they are:
/// registering them reports the problem.
fn order_by_imports(sources: Vec<(String, ModelSource)>) -> Vec<(String, ModelSource)> {
    let mut models: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for (name, source) in &sources {
        let parsed = Document::parse(
            name.as_str().into(),
            &source.bytes,
            source.format,
            &uda_upper::source_iri(name),
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
    let mut slots: Vec<Option<(String, ModelSource)>> = sources.into_iter().map(Some).collect();
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
