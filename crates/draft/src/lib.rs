#![doc = include_str!("../README.md")]

mod avro;
mod container;
mod graphql;
mod model;
mod sql;
mod types;

pub use container::MAX_NAME_LENGTH;

use container::{iri, Container};
use model::{Drafted, Kind};
use oxrdf::{Graph, NamedNode};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// What the drafted model is called and where its terms are named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftOptions {
    /// The model's `upper:domain`, a short name.
    pub domain: String,
    /// The namespace of its terms, ending in `#` or `/`; the model's IRI is
    /// the namespace without that last character.
    pub namespace: String,
}

/// A drafted model: valid Upper Turtle, and what was guessed or left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub turtle: String,
    /// Each note names the container element it is about, sorted.
    pub notes: Vec<String>,
}

/// Why no model could be drafted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// The schema node is not typed as the schema of a known system.
    UnknownSystem(String),
    /// A container name is longer than [`MAX_NAME_LENGTH`] bytes.
    NameTooLong { element: String, length: usize },
    /// The namespace is not an IRI ending in `#` or `/`.
    Namespace(String),
    /// The domain is not a short name (what `upper:domain` takes).
    Domain(String),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::UnknownSystem(schema) => write!(
                f,
                "{schema}: not a GraphQL, Avro or SQL schema (gql:Schema, avro:Schema, sql:Schema)"
            ),
            DraftError::NameTooLong { element, length } => {
                write!(f, "{element}: its name is {length} bytes long, over the {MAX_NAME_LENGTH} a draft takes")
            }
            DraftError::Namespace(ns) => {
                write!(f, "{ns}: a namespace is an absolute IRI ending in # or /")
            }
            DraftError::Domain(domain) => write!(
                f,
                "{domain:?}: a domain is a letter, then at most 63 letters, digits, _ or -"
            ),
        }
    }
}

impl std::error::Error for DraftError {}

/// Drafts a domain model from the container representation `container`
/// whose root is `schema`.
pub fn draft(
    container: &Graph,
    schema: &NamedNode,
    options: &DraftOptions,
) -> Result<Draft, DraftError> {
    let model = options
        .namespace
        .strip_suffix(['#', '/'])
        .filter(|m| {
            NamedNode::new(*m).is_ok() && NamedNode::new(format!("{}X", options.namespace)).is_ok()
        })
        .ok_or_else(|| DraftError::Namespace(options.namespace.clone()))?;
    let mut chars = options.domain.chars();
    let short = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && options.domain.len() <= 64
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !short {
        return Err(DraftError::Domain(options.domain.clone()));
    }
    let c = Container::new(container);
    let system = |ns: &str| c.is_a(schema, &iri(ns, "Schema"));
    let mut drafted = if system("https://w3id.org/uda/graphql#") {
        graphql::draft(&c)?
    } else if system("https://w3id.org/uda/avro#") {
        avro::draft(&c)?
    } else if system("https://w3id.org/uda/sql#") {
        sql::draft(&c)?
    } else {
        return Err(DraftError::UnknownSystem(schema.as_str().to_owned()));
    };
    settle_keys(&mut drafted);
    let (graph, mut notes) = model::write(drafted, &options.domain, &options.namespace, model);
    notes.sort();
    notes.dedup();
    let turtle = uda_projection::write_turtle(
        graph.iter(),
        &[
            ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
            ("xsd", "http://www.w3.org/2001/XMLSchema#"),
            ("", &options.namespace),
        ],
    );
    Ok(Draft { turtle, notes })
}

/// Upper wants keys of required, single-valued properties whose targets are
/// drafted: a key member that is not is dropped, and a class left without a
/// key is drafted nested.
fn settle_keys(d: &mut Drafted) {
    let known: BTreeSet<String> = d.classes.keys().chain(d.enums.keys()).cloned().collect();
    let mut notes = Vec::new();
    for class in d.classes.values_mut() {
        class.props.retain(|p| match &p.range {
            model::Range::Class(t) if !known.contains(t) => {
                notes.push(format!(
                    "{}.{}: its type {t} is not drafted; left out",
                    class.name, p.name
                ));
                false
            }
            _ => true,
        });
        let props = &class.props;
        class
            .key
            .retain(|k| props.iter().any(|p| &p.name == k && p.required && !p.many));
        if class.kind == Kind::Direct && class.parent.is_none() && class.key.is_empty() {
            notes.push(format!(
                "{}: no usable key; drafted as a nested class",
                class.name
            ));
            class.kind = Kind::Nested;
        }
    }
    d.notes.extend(notes);
    settle_taxonomy(d);
    // Once: the classes keyed here become roots, and their subclasses take
    // their kind when the taxonomy is settled again.
    if key_subclasses_of_nested_roots(d) {
        settle_taxonomy(d);
    }
}

/// Breaks taxonomy cycles and gives every subclass its root's kind (Upper
/// relates classes of one kind only). Each class is visited once: the walk
/// from it stops at a class whose root is known, at a root, or at a class
/// already on its path (a cycle, broken there).
fn settle_taxonomy(d: &mut Drafted) {
    let names: Vec<String> = d.classes.keys().cloned().collect();
    let mut root: BTreeMap<String, String> = BTreeMap::new();
    for start in &names {
        let mut path = Vec::new();
        let mut on_path = BTreeSet::new();
        let mut at = start.clone();
        let found = loop {
            if let Some(r) = root.get(&at) {
                break r.clone();
            }
            if !on_path.insert(at.clone()) {
                d.note(format!(
                    "{at}: its taxonomy forms a cycle; drafted without a parent"
                ));
                if let Some(class) = d.classes.get_mut(&at) {
                    class.parent = None;
                }
                break at;
            }
            path.push(at.clone());
            match d.classes.get(&at).and_then(|c| c.parent.clone()) {
                Some(parent) if d.classes.contains_key(&parent) => at = parent,
                Some(parent) => {
                    d.note(format!(
                        "{at}: its parent {parent} is not drafted; drafted without it"
                    ));
                    if let Some(class) = d.classes.get_mut(&at) {
                        class.parent = None;
                    }
                    break at;
                }
                None => break at,
            }
        };
        for p in path {
            root.insert(p, found.clone());
        }
    }
    // A root left keyless (its cycle broken) is nested, and so its subclasses.
    for class in d.classes.values_mut() {
        if class.parent.is_none() && class.kind == Kind::Direct && class.key.is_empty() {
            class.kind = Kind::Nested;
        }
    }
    for (name, r) in &root {
        let kind = d.classes.get(r).map_or(Kind::Nested, |c| c.kind);
        if let Some(class) = d.classes.get_mut(name) {
            class.kind = kind;
        }
    }
}

/// A subclass of a keyless (nested) root that has a key of its own by
/// convention (an id-like property, see [`model::id_like`]) is drafted as a
/// keyed class without that parent: left nested, the classes of a large
/// schema (GitHub's audit entries under one keyless interface) embed each
/// other past what a model may unfold (U067). Returns whether any was.
fn key_subclasses_of_nested_roots(d: &mut Drafted) -> bool {
    let mut keyed = Vec::new();
    for class in d.classes.values_mut() {
        if class.kind != Kind::Nested || class.parent.is_none() {
            continue;
        }
        if let Some(id) = model::id_like(&class.name, &class.props) {
            keyed.push(format!(
                "{}: its parent {} has no key; drafted without it, keyed by its field {}",
                class.name,
                class.parent.take().unwrap_or_default(),
                id.name
            ));
            class.key = vec![id.name.clone()];
            class.kind = Kind::Direct;
        }
    }
    let any = !keyed.is_empty();
    d.notes.extend(keyed);
    any
}
