//! Errors: what went wrong with the store, and why an input was refused.

use oxigraph::store::StorageError;
use std::fmt;
use uda_diff::Change;
use uda_diff::CompatibilityMode;
use uda_projection::ProjectionError;
use uda_upper::Diagnostic;

/// Anything a registry operation can fail with. A failed operation changes nothing.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("storage error: {0}")]
    Storage(#[from] StorageError),
    #[error("cannot open the data directory {path}: {message}")]
    Open { path: String, message: String },
    #[error(
        "the data directory {path} was written by a newer uda (data format {found}); this uda reads data format {supported}: upgrade uda to use it (nothing was changed)"
    )]
    NewerFormat {
        path: String,
        found: u64,
        supported: u64,
    },
    #[error("{path} is not a uda data directory: it holds other data and no uda catalog (nothing was changed)")]
    NotARegistry { path: String },
    #[error("the registry's catalog is inconsistent: {0}")]
    Corrupt(String),
    #[error("the system models compiled into uda are invalid:\n{0}")]
    Bootstrap(String),
    /// The input was refused; the store is unchanged.
    #[error("{0}")]
    Rejected(Box<Rejection>),
    #[error("no model named `{0}` in the registry (give its IRI or its upper:domain)")]
    UnknownModel(String),
    #[error("model <{model}> has no version {version}")]
    UnknownVersion { model: String, version: u64 },
    #[error("invalid SPARQL query: {0}")]
    QuerySyntax(String),
    #[error("SPARQL Update is not allowed: queries are read-only (register or delete models to change the registry)")]
    UpdateRefused,
    #[error("the query failed: {0}")]
    Query(String),
    #[error("invalid search term: {0}")]
    Search(#[from] uda_search::QueryError),
    /// A trace or coverage asked about something the registry does not hold.
    #[error("{0}")]
    NotFound(String),
}

impl From<Rejection> for RegistryError {
    fn from(r: Rejection) -> Self {
        RegistryError::Rejected(Box::new(r))
    }
}

impl RegistryError {
    /// The rejection, when the input was refused (as opposed to a failure of the store).
    pub fn rejection(&self) -> Option<&Rejection> {
        match self {
            RegistryError::Rejected(r) => Some(r),
            _ => None,
        }
    }
}

/// A dependent model that a new version would make invalid.
#[derive(Debug, Clone)]
pub struct DependentFailure {
    pub model: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The diagnostics rendered for humans.
    pub rendered: String,
}

/// The changes that make a new version incompatible with one earlier version.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub version: u64,
    pub changes: Vec<Change>,
}

/// A registered mapping that a new version of its model or container breaks.
#[derive(Debug, Clone)]
pub struct BrokenMapping {
    /// The mapping's IRI (its `map:MappingSet`).
    pub mapping: String,
    /// What the check found, each naming both IRIs.
    pub problems: Vec<String>,
}

/// Why an input was refused. Nothing was written.
#[derive(Debug, Clone)]
pub enum Rejection {
    /// The model is not valid against Upper (with its imports resolved from the store).
    Invalid {
        source: String,
        diagnostics: Vec<Diagnostic>,
        rendered: String,
    },
    /// The IRI belongs to uda itself; system models are loaded only at bootstrap.
    Reserved { model: String },
    /// The model's IRI is already the name of a graph of another kind.
    NameClash { model: String, existing: String },
    /// The new version breaks the model's compatibility mode.
    Incompatible {
        model: String,
        mode: CompatibilityMode,
        conflicts: Vec<Conflict>,
    },
    /// Models that import or extend this one would become invalid.
    DependentsBroken {
        model: String,
        dependents: Vec<DependentFailure>,
    },
    /// A projection failed.
    Projection {
        model: String,
        error: ProjectionError,
    },
    /// A projection's container representation has a root element no system model defines.
    Ungoverned {
        graph: String,
        target: String,
        class: String,
    },
    /// A graph does not conform to its governing model.
    NotConformant {
        graph: String,
        governing_model: String,
        problems: Vec<String>,
    },
    /// Other current models import this one.
    InUse {
        model: String,
        dependents: Vec<String>,
    },
    /// System models cannot be deleted or replaced.
    SystemModel { model: String },
    /// The model was already deleted.
    AlreadyDeleted { model: String },
    /// The caller's [`crate::WriteCheck`] refused the write.
    Refused { reason: String },
    /// The registration passed its deadline (`RegisterOptions::deadline`)
    /// during `phase` (`validating`, `projecting`...).
    TimedOut { model: String, phase: String },
    /// Canonicalizing the model (RDFC-1.0, for its content hash) would take
    /// more work than `limit` allows: its blank nodes are too many and too
    /// alike to be told apart cheaply. `model` is its IRI, or the source's
    /// name when it declares none.
    CanonicalizationLimit { model: String, limit: String },
    /// A mapping cannot be registered: unreadable, an end that is not
    /// registered, or errors checking it against both ends (each at its
    /// `file:line:column`, naming both IRIs).
    MappingRefused {
        mapping: String,
        problems: Vec<String>,
    },
    /// The new version of `artifact` (a domain model or an existing
    /// container) breaks registered mappings, under a compatibility mode
    /// other than NONE.
    BreaksMappings {
        artifact: String,
        mappings: Vec<BrokenMapping>,
    },
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Invalid { source, rendered, .. } => {
                write!(f, "{source} is not a valid domain model:\n{}", rendered.trim_end())
            }
            Rejection::Reserved { model } => write!(
                f,
                "<{model}> is in uda's own namespace (https://w3id.org/uda/): system models are loaded by uda itself and cannot be registered"
            ),
            Rejection::NameClash { model, existing } => {
                write!(f, "<{model}> is already the name of a {existing} graph in the registry; choose another model IRI")
            }
            Rejection::Incompatible { model, mode, conflicts } => {
                write!(f, "the new version of <{model}> is incompatible under {mode}:")?;
                for c in conflicts {
                    write!(f, "\n  against version {}:", c.version)?;
                    for change in &c.changes {
                        write!(f, "\n    - {}", change.description)?;
                        for p in &change.projections {
                            write!(f, "\n        {}: {}", p.target, p.description)?;
                        }
                    }
                }
                Ok(())
            }
            Rejection::DependentsBroken { model, dependents } => {
                write!(f, "the new version of <{model}> would make models that import it invalid:")?;
                for d in dependents {
                    write!(f, "\n  <{}>:\n{}", d.model, indent(&d.rendered))?;
                }
                Ok(())
            }
            Rejection::Projection { model, error } => write!(f, "<{model}>: {error}"),
            Rejection::Ungoverned { graph, target, class } => write!(
                f,
                "the {target} projection's container representation <{graph}> has a root of type <{class}>, which no system model defines: cannot tell which model governs it"
            ),
            Rejection::NotConformant {
                graph,
                governing_model,
                problems,
            } => {
                write!(f, "<{graph}> does not conform to its governing model <{governing_model}>:")?;
                for p in problems {
                    write!(f, "\n  - {p}")?;
                }
                Ok(())
            }
            Rejection::InUse { model, dependents } => {
                write!(f, "<{model}> cannot be deleted: it is imported by")?;
                for d in dependents {
                    write!(f, " <{d}>")?;
                }
                Ok(())
            }
            Rejection::SystemModel { model } => {
                write!(f, "<{model}> is a system model of uda: it cannot be deleted or replaced")
            }
            Rejection::AlreadyDeleted { model } => write!(f, "<{model}> is already deleted"),
            Rejection::Refused { reason } => write!(f, "the write was refused: {reason}"),
            Rejection::TimedOut { model, phase } => write!(
                f,
                "registering <{model}> took longer than its time limit (stopped while {phase}); nothing was written"
            ),
            Rejection::CanonicalizationLimit { model, limit } => write!(
                f,
                "{model} cannot be canonicalized within uda's limit ({limit}): it has many blank nodes that only their position in a symmetric pattern tells apart; give them IRIs or distinguishing properties"
            ),
            Rejection::MappingRefused { mapping, problems } => {
                write!(f, "the mapping {mapping} cannot be registered:")?;
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
            Rejection::BreaksMappings { artifact, mappings } => {
                write!(f, "the new version of <{artifact}> breaks registered mappings:")?;
                for m in mappings {
                    write!(f, "\n  <{}>:", m.mapping)?;
                    for p in &m.problems {
                        write!(f, "\n    {p}")?;
                    }
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Rejection {}

fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
