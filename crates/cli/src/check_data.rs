//! `uda check-data`: validates RDF instance data against the SHACL shapes of
//! a domain model (and of the models it imports), with a readable summary on
//! stderr and, on request, the standard SHACL validation report as Turtle.

use crate::output::{print_json, ReportFormat as Format, Ui};
use crate::{input, runtime};
use oxrdf::vocab::xsd;
use oxrdf::{Graph, Literal, Term};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use uda_project_shacl::{merge, GoverningShapes, ShaclOptions};
use uda_shacl::{ValidationReport, ValidationResult};
use uda_upper::{Document, Loader};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The domain model the data must conform to (its imports are resolved
    /// among the -I directories).
    #[arg(long, value_name = "MODEL.ttl")]
    pub model: PathBuf,
    /// A directory of models that imports are resolved against (repeatable).
    #[arg(short = 'I', long = "include", value_name = "DIR")]
    pub include: Vec<PathBuf>,
    /// Also write the SHACL validation report (sh:ValidationReport) to FILE, as Turtle.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Close the shapes: instances may use only the properties of their class.
    #[arg(long)]
    pub closed: bool,
    /// Data files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD; format
    /// from the extension), checked together as one graph.
    #[arg(required = true, value_name = "DATA")]
    pub data: Vec<PathBuf>,
    /// How to report: `human` (a summary on stderr) or `json` (stdout; terms
    /// in N-Triples syntax).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// The report `--format json` prints.
#[derive(Serialize)]
struct JsonReport {
    conforms: bool,
    triples: usize,
    results: Vec<JsonResult>,
}

#[derive(Serialize)]
struct JsonResult {
    severity: String,
    focus_node: String,
    path: Option<String>,
    value: Option<String>,
    messages: Vec<String>,
    constraint_component: String,
    source_shape: String,
}

impl JsonReport {
    fn new(report: &ValidationReport, data: &Graph) -> JsonReport {
        let mut results: Vec<JsonResult> = report
            .results
            .iter()
            .map(|r| JsonResult {
                severity: severity(r),
                focus_node: r.focus_node.to_string(),
                path: r.result_path.as_ref().map(ToString::to_string),
                value: r.value.as_ref().map(ToString::to_string),
                messages: r.messages.iter().map(|m| m.value().to_owned()).collect(),
                constraint_component: r.source_constraint_component.as_str().to_owned(),
                source_shape: r.source_shape.to_string(),
            })
            .collect();
        results.sort_by(|a, b| (&a.focus_node, &a.path).cmp(&(&b.focus_node, &b.path)));
        JsonReport {
            conforms: report.conforms,
            triples: data.len(),
            results,
        }
    }
}

pub fn run(args: &Args, ui: &Ui) -> crate::Outcome {
    let mut loader = Loader::new();
    input::exists(&args.model)?;
    loader.input_file(&args.model);
    input::add_libraries(&mut loader, &args.include)?;
    for file in &args.data {
        input::exists(file)?;
    }
    let loaded = loader.load();
    let model = loaded.inputs.first().and_then(|iri| loaded.models.get(iri));
    let (model, view) = match model.and_then(|m| loaded.models.view(&m.iri).map(|v| (m, v))) {
        Some(found) if !loaded.has_errors() => found,
        _ => {
            ui.diagnostics(&loaded);
            ui.error(&format!(
                "the model {} is invalid; fix it before checking data",
                args.model.display()
            ));
            return Ok(crate::refused());
        }
    };
    let shapes = match GoverningShapes::new(
        &view,
        &ShaclOptions {
            closed: args.closed,
        },
    ) {
        Ok(shapes) => shapes,
        Err(e) => {
            ui.error(&format!("cannot make the shapes of {}: {e}", model.iri));
            return Ok(crate::refused());
        }
    };

    let mut documents = Vec::new();
    let mut broken = false;
    for file in &args.data {
        match Document::read(file, None) {
            Ok(doc) => documents.push(doc),
            Err(diagnostics) => {
                broken = true;
                // The file did not parse: its lines are quoted from the text read again.
                let text = std::fs::read_to_string(file).unwrap_or_default();
                let line = |_: &str, n: u32| {
                    text.lines()
                        .nth((n as usize).checked_sub(1)?)
                        .map(str::to_owned)
                };
                ui.render(&diagnostics, &line);
            }
        }
    }
    if broken {
        ui.error("the data could not be read");
        return Ok(crate::refused());
    }
    let data = merge(documents.iter().map(Document::graph));
    let report = shapes.validate(&data);

    let mut prefixes: Vec<(String, String)> = documents
        .iter()
        .flat_map(|d| d.prefixes().to_vec())
        .collect();
    if let Some(doc) = loaded.document(&model.location.file) {
        prefixes.extend(doc.prefixes().iter().cloned());
    }
    prefixes.extend(
        [
            ("sh", "http://www.w3.org/ns/shacl#"),
            ("xsd", "http://www.w3.org/2001/XMLSchema#"),
            ("udash", "https://w3id.org/uda/shacl#"),
        ]
        .map(|(p, n)| (p.to_owned(), n.to_owned())),
    );
    if args.format == Format::Json {
        print_json(&JsonReport::new(&report, &data))?;
    } else {
        ui.summary(
            summary(
                &report,
                &Compactor(prefixes),
                &model.domain,
                &data,
                args.data.len(),
            )
            .trim_end(),
        );
    }

    if let Some(path) = &args.report {
        std::fs::write(path, report.to_turtle()).map_err(|e| {
            runtime(format!(
                "cannot write the report to {}: {e}",
                path.display()
            ))
        })?;
    }
    Ok(if report.conforms {
        ExitCode::SUCCESS
    } else {
        crate::refused()
    })
}

/// The counts by severity, one line per result (sorted by focus node, then
/// path), and the verdict.
pub(crate) fn summary(
    report: &ValidationReport,
    names: &Compactor,
    domain: &str,
    data: &Graph,
    files: usize,
) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let checked = format!(
        "{} in {}",
        plural(data.len(), "triple"),
        plural(files, "file")
    );
    if report.conforms {
        return format!("the data conforms to {domain} ({checked})\n");
    }
    let mut results: Vec<(String, &ValidationResult)> = report
        .results
        .iter()
        .map(|r| {
            let path = r.result_path.as_ref().map(|p| names.path(&p.to_string()));
            (
                format!("{} {}", names.term(&r.focus_node), path.unwrap_or_default()),
                r,
            )
        })
        .collect();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let mut severities: Vec<(String, usize)> = Vec::new();
    for (_, result) in &results {
        let severity = severity(result);
        match severities.iter_mut().find(|(s, _)| *s == severity) {
            Some((_, n)) => *n += 1,
            None => severities.push((severity, 1)),
        }
    }
    severities.sort();
    let counts: Vec<String> = severities.iter().map(|(s, n)| plural(*n, s)).collect();
    let mut out = format!(
        "{} ({})\n",
        plural(results.len(), "result"),
        counts.join(", ")
    );
    for (_, r) in &results {
        let mut line = format!("{}: {}", severity(r), names.term(&r.focus_node));
        if let Some(path) = &r.result_path {
            line.push_str(&format!(", {}", names.path(&path.to_string())));
        }
        if let Some(value) = &r.value {
            line.push_str(&format!(", value {}", names.term(value)));
        }
        let messages: Vec<&str> = r.messages.iter().map(|m| m.value()).collect();
        line.push_str(&format!(
            ": {} ({})\n",
            messages.join("; "),
            names.iri(r.source_constraint_component.as_str())
        ));
        out.push_str(&line);
    }
    out.push_str(&format!(
        "the data does not conform to {domain} ({checked})\n"
    ));
    out
}

fn severity(result: &ValidationResult) -> String {
    let iri = result.severity.as_str();
    iri.strip_prefix("http://www.w3.org/ns/shacl#")
        .map_or_else(|| iri.to_owned(), str::to_lowercase)
}

/// Writes IRIs as prefixed names where a file declared a prefix for them.
pub(crate) struct Compactor(pub(crate) Vec<(String, String)>);

impl Compactor {
    fn iri(&self, iri: &str) -> String {
        self.0
            .iter()
            .filter(|(_, ns)| !ns.is_empty() && iri.starts_with(ns.as_str()))
            .max_by_key(|(_, ns)| ns.len())
            .map(|(p, ns)| format!("{p}:{}", &iri[ns.len()..]))
            .unwrap_or_else(|| format!("<{iri}>"))
    }

    fn term(&self, term: &Term) -> String {
        match term {
            Term::NamedNode(n) => self.iri(n.as_str()),
            Term::Literal(l) if l.language().is_none() && l.datatype() != xsd::STRING => {
                format!(
                    "{}^^{}",
                    Literal::new_simple_literal(l.value()),
                    self.iri(l.datatype().as_str())
                )
            }
            other => other.to_string(),
        }
    }

    /// A SHACL path as written by `uda_shacl::Path`'s `Display`, with its
    /// IRIs compacted.
    fn path(&self, path: &str) -> String {
        let mut out = String::new();
        let mut rest = path;
        while let Some(start) = rest.find('<') {
            out.push_str(&rest[..start]);
            let Some(end) = rest[start..].find('>') else {
                break;
            };
            out.push_str(&self.iri(&rest[start + 1..start + end]));
            rest = &rest[start + end + 1..];
        }
        out.push_str(rest);
        out
    }
}
