//! The checks a set of domain models must pass.
//!
//! Two layers. The generic layer is driven by Upper itself: every node typed
//! with an Upper class must have the properties Upper gives that class, with
//! the cardinalities, datatypes and targets Upper declares (this is what makes
//! Upper self-describing: change `ontologies/upper.ttl` and the checks change).
//! The semantic layer checks what Upper's own vocabulary cannot state: keys,
//! taxonomies, imports, extension of imported classes, name collisions.
//! Both layers report every problem they find, each with a stable code.

mod conformance;
mod datatypes;
mod extent;
mod keys;
mod models;
mod semantics;

use crate::build::build_model;
use crate::diagnostic::{Code, Diagnostic};
use crate::document::Document;
use crate::list::read_list;
use crate::model::{local_name, Class, ClassKind, DomainModel, PropertyKind};
use crate::view::ModelView;
use crate::{vocab, Builtin};
use extent::Extents;
use oxrdf::vocab::rdf;
use oxrdf::{NamedNodeRef, NamedOrBlankNodeRef, Term, TermRef, TripleRef};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One document with its domain model, as the loader hands it over.
pub(crate) struct Unit<'d> {
    pub doc: &'d Document,
    pub iri: String,
    pub input: bool,
    pub imports: Vec<String>,
    pub model: Option<DomainModel>,
}

pub(crate) struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
}

/// Upper, as the validator consults it.
struct Meta<'a> {
    view: ModelView<'a>,
    terms: BTreeSet<&'a str>,
}

impl<'a> Meta<'a> {
    fn is_class(&self, iri: &str) -> bool {
        self.view.class(iri).is_some()
    }

    /// Whether Upper class `kind` is `wanted` or one of its subclasses.
    fn is_a(&self, kind: &str, wanted: &str) -> bool {
        kind == wanted
            || self
                .view
                .class(kind)
                .is_some_and(|c| self.view.ancestors(c).iter().any(|a| a.iri == wanted))
    }

    fn suggest(&self, unknown: &str) -> Option<&'a str> {
        nearest(unknown, self.terms.iter().copied())
    }
}

/// The term of `known` a misspelt `unknown` most likely means: the same IRI
/// in another case, else the nearest local name within two edits.
fn nearest<'a>(unknown: &str, known: impl Iterator<Item = &'a str> + Clone) -> Option<&'a str> {
    let lower = unknown.to_lowercase();
    if let Some(same) = known.clone().find(|t| t.to_lowercase() == lower) {
        return Some(same);
    }
    known
        .map(|t| (strsim::levenshtein(local_name(t), local_name(unknown)), t))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, t)| t)
}

pub(crate) fn validate(units: &mut [Unit<'_>], broken_inputs: bool) -> Outcome {
    let mut out = Vec::new();
    let index: HashMap<String, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.iri.clone(), i))
        .collect();
    for unit in units.iter_mut() {
        let mut imports: Vec<String> = unit
            .doc
            .graph()
            .objects_for_subject_predicate(NamedNodeRef::new_unchecked(&unit.iri), vocab::IMPORTS)
            .filter_map(|o| match o {
                TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
                _ => None,
            })
            .collect();
        imports.sort();
        unit.imports = imports;
    }
    let closures: Vec<BTreeSet<usize>> = (0..units.len())
        .map(|i| closure(units, &index, i))
        .collect();
    let upper_index = index.get(vocab::MODEL).copied();
    let relevant: BTreeSet<usize> = units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.input)
        .flat_map(|(i, _)| closures[i].iter().copied().chain([i]))
        .collect();

    // Which model owns each term typed with an Upper kind.
    let mut typed_in: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, unit) in units.iter().enumerate() {
        let mut terms = BTreeSet::new();
        for t in unit.doc.graph().triples_for_predicate(rdf::TYPE) {
            if let (NamedOrBlankNodeRef::NamedNode(s), TermRef::NamedNode(o)) =
                (t.subject, t.object)
            {
                if o.as_str().starts_with(vocab::NS) && o != vocab::DOMAIN_MODEL {
                    terms.insert(s.as_str().to_owned());
                }
            }
        }
        for term in terms {
            typed_in.entry(term).or_default().push(i);
        }
    }
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (term, defined_in) in &typed_in {
        // The owner is the model every other definer imports.
        let found = defined_in.iter().find(|&&candidate| {
            defined_in
                .iter()
                .all(|&o| o == candidate || closures[o].contains(&candidate))
        });
        match found {
            Some(&o) => {
                owner.insert(term.clone(), o);
            }
            None => {
                // Conflicting definitions: the one read only as a library (or
                // else the first) keeps the term; the others are reported.
                let kept = defined_in
                    .iter()
                    .copied()
                    .find(|&i| !units[i].input)
                    .unwrap_or(defined_in[0]);
                owner.insert(term.clone(), kept);
                for &i in defined_in.iter().filter(|&&i| i != kept) {
                    if relevant.contains(&i) {
                        let doc = units[i].doc;
                        out.push(
                            Diagnostic::error(
                                Code::TermRedefined,
                                format!(
                                    "{} is also defined by model <{}>, which this model does not import",
                                    doc.compact(term),
                                    units[kept].iri
                                ),
                            )
                            .with_iri(term.as_str())
                            .at(Some(doc.subject_location(NamedNodeRef::new_unchecked(term).into())))
                            .help("a term is defined by one model; import that model to add properties to its classes"),
                        );
                    }
                }
            }
        }
    }

    for (i, unit) in units.iter_mut().enumerate() {
        let foreign: HashSet<String> = typed_in
            .iter()
            .filter(|(term, defs)| defs.contains(&i) && owner.get(*term) != Some(&i))
            .map(|(t, _)| t.clone())
            .collect();
        unit.model = Some(build_model(
            unit.doc,
            NamedNodeRef::new_unchecked(&unit.iri),
            &foreign,
        ));
    }

    let Some(upper_index) = upper_index else {
        return Outcome { diagnostics: out };
    };
    let Some(upper_model) = units[upper_index].model.as_ref() else {
        return Outcome { diagnostics: out };
    };
    let meta_view = ModelView::new(vec![upper_model]);
    let mut terms: BTreeSet<&str> = upper_model.classes.keys().map(String::as_str).collect();
    terms.extend(upper_model.properties.keys().map(String::as_str));
    let meta = Meta {
        view: meta_view,
        terms,
    };

    for &i in &relevant {
        let unit = &units[i];
        let mut scope: Vec<usize> = vec![i];
        scope.extend(closures[i].iter().copied().filter(|&c| c != i));
        if !scope.contains(&upper_index) {
            scope.push(upper_index);
        }
        let kinds = kinds_in(units, &scope);
        let ctx = Ctx {
            unit,
            units,
            meta: &meta,
            kinds: &kinds,
            owner: &owner,
            index: i,
            scope: &scope,
        };
        ctx.check_model_node(&mut out);
        ctx.check_imports(&index, &closures, broken_inputs, &mut out);
        ctx.check_dialect(&mut out);
        ctx.check_unknown_upper_terms(&mut out);
        ctx.check_conformance(&mut out);
        ctx.check_extensions(&mut out);
        let models: Vec<&DomainModel> = scope
            .iter()
            .filter_map(|&s| units[s].model.as_ref())
            .collect();
        if let Some(model) = unit.model.as_ref() {
            ctx.check_semantics(model, &ModelView::new(models), &mut out);
        }
    }
    Outcome { diagnostics: out }
}

/// The models `start` imports, transitively (not including `start` unless a cycle leads back).
fn closure(units: &[Unit<'_>], index: &HashMap<String, usize>, start: usize) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<usize> = units[start]
        .imports
        .iter()
        .filter_map(|i| index.get(i).copied())
        .collect();
    while let Some(next) = stack.pop() {
        if seen.insert(next) {
            stack.extend(
                units[next]
                    .imports
                    .iter()
                    .filter_map(|i| index.get(i).copied()),
            );
        }
    }
    seen
}

/// Upper kinds of every term typed in the given units.
fn kinds_in(units: &[Unit<'_>], scope: &[usize]) -> HashMap<String, BTreeSet<String>> {
    let mut kinds: HashMap<String, BTreeSet<String>> = HashMap::new();
    for &u in scope {
        for t in units[u].doc.graph().triples_for_predicate(rdf::TYPE) {
            if let (NamedOrBlankNodeRef::NamedNode(s), TermRef::NamedNode(o)) =
                (t.subject, t.object)
            {
                if o.as_str().starts_with(vocab::NS) {
                    kinds
                        .entry(s.as_str().to_owned())
                        .or_default()
                        .insert(o.as_str().to_owned());
                }
            }
        }
    }
    kinds
}

struct Ctx<'a, 'd> {
    unit: &'a Unit<'d>,
    units: &'a [Unit<'d>],
    meta: &'a Meta<'a>,
    kinds: &'a HashMap<String, BTreeSet<String>>,
    owner: &'a HashMap<String, usize>,
    index: usize,
    scope: &'a [usize],
}

impl Ctx<'_, '_> {
    fn doc(&self) -> &Document {
        self.unit.doc
    }

    fn c(&self, iri: &str) -> String {
        self.doc().compact(iri)
    }

    fn at_triple(&self, t: TripleRef<'_>) -> Option<crate::Location> {
        Some(self.doc().triple_location(t))
    }

    fn at_subject(&self, iri: &str) -> Option<crate::Location> {
        Some(
            self.doc()
                .subject_location(NamedNodeRef::new_unchecked(iri).into()),
        )
    }

    /// Whether this document types `node` with an Upper kind.
    fn kinds_here(&self, node: NamedNodeRef<'_>) -> bool {
        self.doc()
            .graph()
            .objects_for_subject_predicate(node, rdf::TYPE)
            .any(|k| matches!(k, TermRef::NamedNode(k) if self.meta.is_class(k.as_str())))
    }

    /// Where `member` is written as a member of an RDF list.
    fn member_location(&self, member: TermRef<'_>) -> Option<crate::Location> {
        let graph = self.doc().graph();
        let cell = graph
            .triples_for_object(member)
            .find(|t| t.predicate == rdf::FIRST)?;
        Some(self.doc().term_location(cell, member))
    }

    fn owned_here(&self, iri: &str) -> bool {
        self.owner.get(iri) == Some(&self.index)
    }
}

/// Whether `name` is a short name fit for `upper:domain`: `[A-Za-z][A-Za-z0-9_-]{0,63}`.
/// Generated file names, namespaces and schema names are made of it.
pub(crate) fn is_short_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.len() <= 64
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn cardinality_text(min: u64, max: Option<u64>) -> String {
    match max {
        Some(max) if max == min => format!("exactly {min}"),
        Some(max) => format!("{min} to {max}"),
        None => format!("at least {min}"),
    }
}

fn show_term(t: TermRef<'_>) -> String {
    match t {
        TermRef::Literal(l) => format!("\"{}\"", l.value()),
        other => other.to_string(),
    }
}
