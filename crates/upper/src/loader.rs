//! Loading a set of model files, resolving their imports, and validating them.
//!
//! Input files are the models the user asked about; library files (from `-I`
//! directories) are read only to resolve imports, and are validated only when
//! an input imports them. Upper itself is always loaded, from the copy
//! compiled into this crate.

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::document::{format_from_path, Document};
use crate::validate::{validate, Unit};
use crate::view::ModelSet;
use crate::vocab;
use oxrdf::vocab::rdf;
use oxrdf::{NamedNodeRef, NamedOrBlankNodeRef, TripleRef};
use oxrdfio::RdfFormat;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Collects model sources, then [`load`](Loader::load)s and validates them.
#[derive(Debug, Default)]
pub struct Loader {
    sources: Vec<Source>,
}

#[derive(Debug)]
enum Origin {
    File(PathBuf, Option<RdfFormat>),
    Text(String, Vec<u8>, RdfFormat),
}

#[derive(Debug)]
struct Source {
    origin: Origin,
    input: bool,
}

/// The result of loading: every model that could be built, the diagnostics,
/// and the documents (to quote source lines).
#[derive(Debug)]
pub struct Loaded {
    /// Every model read (inputs, imported libraries and Upper).
    pub models: ModelSet,
    /// IRIs of the models read from the input sources, in input order.
    pub inputs: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    documents: BTreeMap<Arc<str>, Document>,
}

impl Loaded {
    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The text of a line of a loaded file, for quoting in diagnostics.
    pub fn source_line(&self, file: &str, line: u32) -> Option<String> {
        self.documents.get(file)?.line_text(line).map(str::to_owned)
    }

    /// Every diagnostic rendered in the style of rustc, followed by a summary line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&d.render(&|f, l| self.source_line(f, l)));
            out.push('\n');
        }
        out
    }

    /// The parsed document a model was read from.
    pub fn document(&self, file: &str) -> Option<&Document> {
        self.documents.get(file)
    }
}

impl Loader {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a model file the user asked about; its format comes from its extension.
    pub fn input_file(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.input_file_as(path, None)
    }

    /// Adds a model file in an explicit format.
    pub fn input_file_as(
        &mut self,
        path: impl Into<PathBuf>,
        format: Option<RdfFormat>,
    ) -> &mut Self {
        self.sources.push(Source {
            origin: Origin::File(path.into(), format),
            input: true,
        });
        self
    }

    /// Adds a model given as text; `name` is how diagnostics name it.
    pub fn input_text(
        &mut self,
        name: &str,
        text: impl Into<Vec<u8>>,
        format: RdfFormat,
    ) -> &mut Self {
        self.sources.push(Source {
            origin: Origin::Text(name.to_owned(), text.into(), format),
            input: true,
        });
        self
    }

    /// Adds a model given as text, used only to resolve imports.
    pub fn library_text(
        &mut self,
        name: &str,
        text: impl Into<Vec<u8>>,
        format: RdfFormat,
    ) -> &mut Self {
        self.sources.push(Source {
            origin: Origin::Text(name.to_owned(), text.into(), format),
            input: false,
        });
        self
    }

    /// Adds one model file used only to resolve imports.
    pub fn library_file(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.sources.push(Source {
            origin: Origin::File(path.into(), None),
            input: false,
        });
        self
    }

    /// Adds every RDF file under `dir` (recursively) as a library for imports.
    pub fn library_dir(&mut self, dir: &Path) -> std::io::Result<&mut Self> {
        let mut files = Vec::new();
        collect_rdf_files(dir, &mut files)?;
        files.sort();
        for path in files {
            self.sources.push(Source {
                origin: Origin::File(path, None),
                input: false,
            });
        }
        Ok(self)
    }

    /// Parses everything, builds the typed models and validates the inputs
    /// and what they import.
    pub fn load(&self) -> Loaded {
        let mut diagnostics = Vec::new();
        let mut documents: Vec<(Document, bool)> = Vec::new();
        let mut broken_inputs = 0usize;
        let mut input_paths = BTreeSet::new();
        for source in &self.sources {
            let parsed = match &source.origin {
                Origin::File(path, format) => {
                    // A library file that is also an input is read once, as an input.
                    if !source.input && input_paths.contains(path) {
                        continue;
                    }
                    if source.input {
                        input_paths.insert(path.clone());
                    }
                    Document::read(path, *format)
                }
                Origin::Text(name, bytes, format) => Document::parse(
                    name.as_str().into(),
                    bytes,
                    *format,
                    &crate::iri::source_iri(name),
                ),
            };
            match parsed {
                Ok(doc) => documents.push((doc, source.input)),
                Err(errors) if source.input => {
                    broken_inputs += 1;
                    diagnostics.extend(errors)
                }
                // A broken library file matters only if something imports it;
                // it is then reported as a missing import, with a note.
                Err(_) => {}
            }
        }

        // Upper is always there; a file that declares it (e.g. a modified
        // ontologies/upper.ttl) takes the place of the compiled-in copy.
        let declares_upper = documents.iter().any(|(d, _)| {
            d.graph().contains(TripleRef::new(
                NamedNodeRef::new_unchecked(vocab::MODEL),
                rdf::TYPE,
                vocab::DOMAIN_MODEL,
            ))
        });
        if !declares_upper {
            match Document::parse(
                "ontologies/upper.ttl".into(),
                vocab::UPPER_TTL.as_bytes(),
                RdfFormat::Turtle,
                vocab::MODEL,
            ) {
                Ok(doc) => documents.push((doc, false)),
                Err(errors) => diagnostics.extend(errors),
            }
        }

        // One model per document.
        let mut units: Vec<Unit<'_>> = Vec::new();
        let mut seen_models: HashMap<String, Arc<str>> = HashMap::new();
        for (doc, input) in &documents {
            let graph = doc.graph();
            let models: Vec<_> = graph
                .subjects_for_predicate_object(rdf::TYPE, vocab::DOMAIN_MODEL)
                .collect();
            let mut named: Vec<NamedNodeRef<'_>> = Vec::new();
            for m in &models {
                match m {
                    NamedOrBlankNodeRef::NamedNode(n) => named.push(*n),
                    _ if *input => diagnostics.push(
                        Diagnostic::error(
                            Code::BlankTerm,
                            "the domain model is a blank node; give it an IRI",
                        )
                        .at(Some(doc.subject_location(*m))),
                    ),
                    _ => {}
                }
            }
            named.sort();
            let Some(first) = named.first().copied() else {
                if *input && models.is_empty() {
                    diagnostics.push(
                        Diagnostic::error(Code::NoDomainModel, "this file declares no domain model")
                            .at(Some(Location::file_only(doc.path().clone())))
                            .help("add a node such as `<https://example.org/movies> a upper:DomainModel ; upper:domain \"movies\" .`"),
                    );
                }
                continue;
            };
            if *input {
                for extra in &named[1..] {
                    diagnostics.push(
                        Diagnostic::error(
                            Code::TwoDomainModels,
                            format!(
                                "this file declares a second domain model, {}; one file holds one model",
                                doc.compact(extra.as_str())
                            ),
                        )
                        .with_iri(extra.as_str())
                        .at(Some(doc.subject_location((*extra).into())))
                        .note(format!("the first is {}", doc.compact(first.as_str()))),
                    );
                }
            }
            if let Some(previous) = seen_models.get(first.as_str()) {
                if *input {
                    diagnostics.push(
                        Diagnostic::error(
                            Code::DuplicateModel,
                            format!(
                                "the domain model {} is also declared in {previous}",
                                doc.compact(first.as_str())
                            ),
                        )
                        .with_iri(first.as_str())
                        .at(Some(doc.subject_location(first.into()))),
                    );
                }
                continue;
            }
            seen_models.insert(first.as_str().to_owned(), doc.path().clone());
            units.push(Unit {
                doc,
                iri: first.as_str().to_owned(),
                input: *input,
                imports: Vec::new(),
                model: None,
            });
        }

        let mut result = validate(&mut units, broken_inputs > 0);
        diagnostics.append(&mut result.diagnostics);
        diagnostics.sort_by(|a, b| {
            (&a.location, a.code, &a.message).cmp(&(&b.location, b.code, &b.message))
        });
        diagnostics.dedup();

        let inputs = units
            .iter()
            .filter(|u| u.input)
            .map(|u| u.iri.clone())
            .collect();
        let models = ModelSet::new(units.iter_mut().filter_map(|u| u.model.take()));
        Loaded {
            models,
            inputs,
            diagnostics,
            documents: documents
                .into_iter()
                .map(|(d, _)| (d.path().clone(), d))
                .collect(),
        }
    }
}

fn collect_rdf_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_rdf_files(&path, out)?;
        } else if format_from_path(&path).is_some() {
            out.push(path);
        }
    }
    Ok(())
}
