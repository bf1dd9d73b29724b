//! `uda register`: register domain models in a data directory, or through a server's GraphQL
//! API (`--server URL`); and `uda delete`.

use crate::ReportFormat as Format;
use crate::UsageError;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use uda_registry::{
    container_graph, mappings_graph, Breaks, Change, ChangeKind, CompatibilityMode, ModelSource,
    Outcome, ProjectionChange, RegisterOptions, Registered, Registry, RegistryError,
};
use uda_upper::{Code, Diagnostic, Document, Location, RdfFormat};

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
    /// Register through a running uda server's GraphQL API (e.g. http://127.0.0.1:8080)
    /// instead of directly in a data directory.
    #[arg(long, value_name = "URL", conflicts_with = "data")]
    pub server: Option<String>,
    /// The bearer token for the server (default: $UDA_TOKEN).
    #[arg(long, value_name = "TOKEN", requires = "server")]
    pub token: Option<String>,
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
    /// FORWARD_TRANSITIVE, FULL_TRANSITIVE). Default: each model's own mode, BACKWARD for new
    /// models.
    #[arg(long, value_name = "MODE")]
    pub compatibility: Option<CompatibilityMode>,
    /// Who registers, recorded in the catalog (default: $USER). A server records the
    /// name of the token instead.
    #[arg(long, value_name = "NAME", conflicts_with = "server")]
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

/// Why a model was not registered.
struct Refused {
    message: String,
    /// False when the input was not at fault (storage, the server itself).
    by_input: bool,
}

/// Where models are registered: a data directory, or a server.
enum Destination {
    Local {
        registry: Registry,
        projectors: Vec<Box<dyn uda_projection::Projector>>,
        options: RegisterOptions,
    },
    Remote(Remote),
}

impl Destination {
    /// Registers one model. `Err`: the registration could not be attempted (exit 2).
    fn register(&self, source: &ModelSource) -> Result<Result<Registered, Refused>, UsageError> {
        match self {
            Destination::Local {
                registry,
                projectors,
                options,
            } => Ok(registry
                .register(source, projectors, options)
                .map_err(|e| Refused {
                    by_input: matches!(e, RegistryError::Rejected(_)),
                    message: e.to_string(),
                })),
            Destination::Remote(remote) => remote.register(source),
        }
    }
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
    let destination = match &args.server {
        Some(url) => Destination::Remote(Remote::new(url, args.token.clone(), args.compatibility)),
        None => Destination::Local {
            registry: args.data.open(true)?,
            projectors: crate::targets::projectors(),
            options: RegisterOptions {
                principal: args
                    .principal
                    .clone()
                    .unwrap_or_else(|| RegisterOptions::default().principal),
                compatibility: args.compatibility,
                ..RegisterOptions::default()
            },
        },
    };
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
        match destination.register(source)? {
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
                        Outcome::WouldCreate => writeln!(
                            out,
                            "would register <{}> version {} ({})",
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
                    let _ = writeln!(err, "error: {} was refused: {}", file.display(), e.message);
                }
                if !e.by_input {
                    // Not the input's fault: still exit 1, the store is unchanged.
                    let _ = writeln!(err, "note: nothing was written for {}", file.display());
                }
                results.push((file, None, Some(e.message)));
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

/// The registration mutation, asking for what a local registration reports.
const REGISTER: &str = "
mutation($source: String!, $format: String, $sourceName: String,
         $compatibility: CompatibilityMode) {
  registerDomainModel(source: $source, format: $format, sourceName: $sourceName,
                      compatibility: $compatibility) {
    model version graph hash changed
    changes {
      kind term class description breaksBackward breaksForward
      projections { target description }
    }
    projections { target }
    warnings { code message iri file line column notes help }
  }
}";

/// A uda server's GraphQL API, as a registration destination.
struct Remote {
    endpoint: String,
    token: Option<String>,
    compatibility: Option<CompatibilityMode>,
    agent: ureq::Agent,
}

impl Remote {
    fn new(url: &str, token: Option<String>, compatibility: Option<CompatibilityMode>) -> Remote {
        Remote {
            endpoint: format!("{}/graphql", url.trim_end_matches('/')),
            token: token.or_else(|| std::env::var("UDA_TOKEN").ok().filter(|t| !t.is_empty())),
            compatibility,
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .new_agent(),
        }
    }

    fn register(&self, source: &ModelSource) -> Result<Result<Registered, Refused>, UsageError> {
        let endpoint = &self.endpoint;
        let text = std::str::from_utf8(&source.bytes)
            .map_err(|e| UsageError(format!("{} is not UTF-8 text: {e}", source.name)))?;
        let body = serde_json::json!({
            "query": REGISTER,
            "variables": {
                "source": text,
                "format": source.format.media_type(),
                "sourceName": source.name,
                "compatibility": self.compatibility.map(CompatibilityMode::as_str),
            },
        });
        let mut request = self
            .agent
            .post(endpoint)
            .header("content-type", "application/json")
            .header("accept", "application/json");
        if let Some(token) = &self.token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let mut response = request
            .send(body.to_string())
            .map_err(|e| UsageError(format!("cannot reach the server at {endpoint}: {e}")))?;
        let status = response.status().as_u16();
        let answer = response
            .body_mut()
            .with_config()
            .limit(u64::MAX)
            .read_to_string()
            .map_err(|e| UsageError(format!("cannot read the answer of {endpoint}: {e}")))?;
        let not_graphql = || {
            UsageError(format!(
                "{endpoint} answered {status} with something other than a GraphQL response (is it \
                 a uda server?): {}",
                answer.chars().take(300).collect::<String>()
            ))
        };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&answer) else {
            // A body over the server's size limit is refused before GraphQL sees it.
            if status == 413 {
                return Ok(Err(Refused {
                    message: format!("{endpoint} refuses a model this large (HTTP 413)"),
                    by_input: true,
                }));
            }
            return Err(not_graphql());
        };
        let errors = json["errors"].as_array().filter(|e| !e.is_empty());
        if let Some(errors) = errors {
            let codes: Vec<&str> = errors
                .iter()
                .filter_map(|e| e["extensions"]["code"].as_str())
                .collect();
            let mut message = errors
                .iter()
                .map(|e| e["message"].as_str().unwrap_or("(no message)"))
                .collect::<Vec<_>>()
                .join("\n");
            let refused_token = codes
                .iter()
                .any(|c| *c == "UNAUTHORIZED" || *c == "FORBIDDEN");
            if refused_token && self.token.is_none() {
                message.push_str(" (give a token with --token or $UDA_TOKEN)");
            }
            // A request the server could not run at all is not about this model.
            if status != 200 && !refused_token && status != 413 {
                return Err(UsageError(format!(
                    "{endpoint} answered {status}: {message}"
                )));
            }
            return Ok(Err(Refused {
                by_input: !codes.contains(&"INTERNAL_SERVER_ERROR"),
                message,
            }));
        }
        registered(&json["data"]["registerDomainModel"])
            .map(Ok)
            .map_err(|e| {
                UsageError(format!(
                    "{endpoint} answered an unreadable registration: {e}"
                ))
            })
    }
}

/// A registration as the server reports it, in the terms a local registration uses.
fn registered(d: &serde_json::Value) -> Result<Registered, String> {
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
    let outcome = if flag(d, "changed")? {
        Outcome::Created
    } else {
        Outcome::Unchanged
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
