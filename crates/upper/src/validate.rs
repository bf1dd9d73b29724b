//! The checks a set of domain models must pass.
//!
//! Two layers. The generic layer is driven by Upper itself: every node typed
//! with an Upper class must have the properties Upper gives that class, with
//! the cardinalities, datatypes and targets Upper declares (this is what makes
//! Upper self-describing: change `ontologies/upper.ttl` and the checks change).
//! The semantic layer checks what Upper's own vocabulary cannot state: keys,
//! taxonomies, imports, extension of imported classes, name collisions.
//! Both layers report every problem they find, each with a stable code.

mod extent;

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
        let lower = unknown.to_lowercase();
        if let Some(same) = self.terms.iter().find(|t| t.to_lowercase() == lower) {
            return Some(same);
        }
        self.terms
            .iter()
            .map(|t| (strsim::levenshtein(local_name(t), local_name(unknown)), *t))
            .filter(|(d, _)| *d <= 2)
            .min()
            .map(|(_, t)| t)
    }
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

    fn check_model_node(&self, out: &mut Vec<Diagnostic>) {
        let model = NamedNodeRef::new_unchecked(&self.unit.iri);
        let domains: Vec<_> = self
            .doc()
            .graph()
            .objects_for_subject_predicate(model, vocab::DOMAIN)
            .collect();
        if domains.is_empty() {
            out.push(
                Diagnostic::error(
                    Code::MissingDomain,
                    format!("domain model {} has no upper:domain", self.c(&self.unit.iri)),
                )
                .with_iri(&self.unit.iri)
                .at(self.at_subject(&self.unit.iri))
                .help("add a short name, e.g. `upper:domain \"movies\"`; it names generated namespaces and schemas"),
            );
        }
        for domain in domains {
            let TermRef::Literal(name) = domain else {
                continue; // not a literal: U113, from the conformance checks
            };
            if !is_short_name(name.value()) {
                out.push(
                    Diagnostic::error(
                        Code::BadDomain,
                        format!(
                            "the upper:domain of {} is \"{}\", which is not a short name",
                            self.c(&self.unit.iri),
                            name.value().escape_debug()
                        ),
                    )
                    .with_iri(&self.unit.iri)
                    .at(self.at_triple(TripleRef::new(model, vocab::DOMAIN, domain)))
                    .help("a domain names generated files, namespaces and schemas: a letter, then at most 63 letters, digits, `_` or `-`, e.g. `upper:domain \"movies\"`"),
                );
            }
        }
    }

    fn check_imports(
        &self,
        index: &HashMap<String, usize>,
        closures: &[BTreeSet<usize>],
        broken_inputs: bool,
        out: &mut Vec<Diagnostic>,
    ) {
        let model = NamedNodeRef::new_unchecked(&self.unit.iri);
        for import in &self.unit.imports {
            if index.contains_key(import) {
                continue;
            }
            let object = NamedNodeRef::new_unchecked(import);
            let mut d = Diagnostic::error(
                Code::ImportNotFound,
                format!("imported model <{import}> cannot be found"),
            )
            .with_iri(import.as_str())
            .at(self.at_triple(TripleRef::new(model, vocab::IMPORTS, object)))
            .help("pass the file that declares it, or a directory holding it with -I");
            if broken_inputs {
                d = d.note(
                    "some files could not be parsed; the model may be declared in one of them",
                );
            }
            out.push(d);
        }
        if closures[self.index].contains(&self.index) {
            let smallest = closures[self.index]
                .iter()
                .filter(|&&o| closures[o].contains(&self.index))
                .map(|&o| self.units[o].iri.as_str())
                .min()
                .unwrap_or(&self.unit.iri);
            if smallest == self.unit.iri {
                out.push(
                    Diagnostic::error(
                        Code::ImportCycle,
                        format!("{} imports itself through a cycle of imports", self.c(&self.unit.iri)),
                    )
                    .with_iri(&self.unit.iri)
                    .at(self.at_subject(&self.unit.iri))
                    .note("cycles are allowed; each model in the cycle is still checked with all the others"),
                );
            }
        }
    }

    fn check_unknown_upper_terms(&self, out: &mut Vec<Diagnostic>) {
        for t in self.doc().graph() {
            let mut names = vec![t.predicate];
            if let NamedOrBlankNodeRef::NamedNode(s) = t.subject {
                names.push(s);
            }
            if let TermRef::NamedNode(o) = t.object {
                names.push(o);
            }
            for name in names {
                let iri = name.as_str();
                if iri.starts_with(vocab::NS)
                    && !self.meta.terms.contains(iri)
                    && self.unit.iri != vocab::MODEL
                {
                    let mut d = Diagnostic::error(
                        Code::UnknownUpperTerm,
                        format!("{} is not a term of Upper", self.c(iri)),
                    )
                    .with_iri(iri)
                    .at(Some(self.doc().term_location(t, name.into())));
                    if let Some(s) = self.meta.suggest(iri) {
                        d = d.help(format!("did you mean {}?", self.c(s)));
                    }
                    out.push(d);
                }
            }
        }
    }

    /// Every node typed with an Upper kind has what Upper says that kind has.
    fn check_conformance(&self, out: &mut Vec<Diagnostic>) {
        let graph = self.doc().graph();
        let mut typed: HashMap<NamedOrBlankNodeRef<'_>, BTreeSet<NamedNodeRef<'_>>> =
            HashMap::new();
        for t in graph.triples_for_predicate(rdf::TYPE) {
            if let TermRef::NamedNode(kind) = t.object {
                if self.meta.is_class(kind.as_str()) {
                    typed.entry(t.subject).or_default().insert(kind);
                }
            }
        }
        for (node, kinds) in typed {
            let iri = match node {
                NamedOrBlankNodeRef::NamedNode(n) => n.as_str(),
                _ => {
                    out.push(
                        Diagnostic::error(
                            Code::BlankTerm,
                            "a term is a blank node; terms must be IRIs",
                        )
                        .at(Some(self.doc().subject_location(node))),
                    );
                    continue;
                }
            };
            if !self.owned_here(iri) && iri != self.unit.iri {
                continue; // a restatement of an imported term: see check_extensions
            }
            if kinds.contains(&vocab::ATTRIBUTE) && kinds.contains(&vocab::RELATIONSHIP) {
                out.push(
                    Diagnostic::error(
                        Code::AttributeAndRelationship,
                        format!("{} is both an upper:Attribute and an upper:Relationship", self.c(iri)),
                    )
                    .with_iri(iri)
                    .at(self.at_subject(iri))
                    .help("an attribute holds literals, a relationship points at instances of a class: choose one"),
                );
                continue;
            } else if kinds.len() > 1 {
                let names: Vec<String> = kinds.iter().map(|k| self.c(k.as_str())).collect();
                out.push(
                    Diagnostic::error(
                        Code::ConflictingKinds,
                        format!(
                            "{} has more than one kind: {}",
                            self.c(iri),
                            names.join(", ")
                        ),
                    )
                    .with_iri(iri)
                    .at(self.at_subject(iri)),
                );
                continue;
            }
            for kind in &kinds {
                self.check_node(NamedNodeRef::new_unchecked(iri), *kind, out);
            }
        }
    }

    fn check_node(
        &self,
        node: NamedNodeRef<'_>,
        kind: NamedNodeRef<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let graph = self.doc().graph();
        let Some(class) = self.meta.view.class(kind.as_str()) else {
            return;
        };
        let props = self.meta.view.all_properties(class);
        let allowed: HashSet<&str> = props.iter().map(|p| p.iri.as_str()).collect();
        let is_nested_or_enum = kind == vocab::NESTED_CLASS || kind == vocab::ENUMERATION;
        for t in graph.triples_for_subject(node) {
            let p = t.predicate.as_str();
            if !p.starts_with(vocab::NS) || allowed.contains(p) || !self.meta.terms.contains(p) {
                continue;
            }
            let d = if t.predicate == vocab::PRIMARY_KEY && is_nested_or_enum {
                Diagnostic::error(
                    Code::UnexpectedKey,
                    format!(
                        "{} is an {} and cannot have a primary key",
                        self.c(node.as_str()),
                        self.c(kind.as_str())
                    ),
                )
                .help("only upper:DirectClass has a key; make it a direct class or remove the key")
            } else {
                Diagnostic::error(
                    Code::NotApplicable,
                    format!(
                        "{} does not apply to an {}",
                        self.c(p),
                        self.c(kind.as_str())
                    ),
                )
            };
            out.push(d.with_iri(node.as_str()).at(self.at_triple(t)));
        }
        for prop in props {
            if prop.iri == vocab::IRI.as_str() {
                continue; // implicit: the node's own IRI
            }
            let predicate = NamedNodeRef::new_unchecked(&prop.iri);
            // In the order they are written, so "the extra value" is the later one.
            let mut objects: Vec<TermRef<'_>> = graph
                .objects_for_subject_predicate(node, predicate)
                .collect();
            objects.sort_by_cached_key(|o| {
                let at = self
                    .doc()
                    .triple_location(TripleRef::new(node, predicate, *o));
                (at.line, at.column, o.to_string())
            });
            let mut values: Vec<Term> = objects.iter().map(|o| o.into_owned()).collect();
            let first_triple = objects.first().map(|o| TripleRef::new(node, predicate, *o));
            if prop.ordered && objects.len() == 1 {
                match read_list(graph, objects[0]) {
                    Ok(members) => values = members,
                    Err(why) => {
                        out.push(
                            Diagnostic::error(
                                Code::BadList,
                                format!(
                                    "the value of {} on {} {why}",
                                    self.c(&prop.iri),
                                    self.c(node.as_str())
                                ),
                            )
                            .with_iri(node.as_str())
                            .at(first_triple.and_then(|t| self.at_triple(t))),
                        );
                        continue;
                    }
                }
            }
            let count = values.len() as u64;
            if count < prop.min_count {
                let code = match prop.iri.as_str() {
                    i if i == vocab::DOMAIN.as_str() => Code::MissingDomain,
                    i if i == vocab::DATATYPE.as_str() => Code::MissingDatatype,
                    i if i == vocab::CLASS_PROP.as_str() => Code::MissingRelationshipTarget,
                    i if i == vocab::ONE_OF.as_str() => Code::EmptyEnumeration,
                    _ => Code::MissingValue,
                };
                if code == Code::MissingDomain {
                    continue; // reported by check_model_node, once
                }
                let message = if code == Code::EmptyEnumeration {
                    format!("enumeration {} has no values", self.c(node.as_str()))
                } else {
                    format!(
                        "{} is an {} but has no {} (Upper requires {})",
                        self.c(node.as_str()),
                        self.c(kind.as_str()),
                        self.c(&prop.iri),
                        cardinality_text(prop.min_count, prop.max_count)
                    )
                };
                out.push(
                    Diagnostic::error(code, message)
                        .with_iri(node.as_str())
                        .at(first_triple
                            .and_then(|t| self.at_triple(t))
                            .or(self.at_subject(node.as_str()))),
                );
            }
            if let Some(max) = prop.max_count {
                if count > max && !prop.ordered {
                    out.push(
                        Diagnostic::error(
                            Code::TooManyValues,
                            format!(
                                "{} has {count} values for {}; Upper allows {}",
                                self.c(node.as_str()),
                                self.c(&prop.iri),
                                cardinality_text(prop.min_count, prop.max_count)
                            ),
                        )
                        .with_iri(node.as_str())
                        .at(objects
                            .get(1)
                            .and_then(|o| self.at_triple(TripleRef::new(node, predicate, *o)))),
                    );
                }
            }
            if prop.ordered && objects.len() > 1 {
                out.push(
                    Diagnostic::error(
                        Code::TooManyValues,
                        format!(
                            "{} has {} lists for {}; give one list",
                            self.c(node.as_str()),
                            objects.len(),
                            self.c(&prop.iri)
                        ),
                    )
                    .with_iri(node.as_str())
                    .at(self.at_triple(TripleRef::new(node, predicate, objects[1]))),
                );
            }
            for value in &values {
                let at = if prop.ordered {
                    self.member_location(value.as_ref())
                        .or_else(|| first_triple.and_then(|t| self.at_triple(t)))
                } else {
                    self.at_triple(TripleRef::new(node, predicate, value.as_ref()))
                };
                self.check_value(node, kind, prop, value.as_ref(), at, out);
            }
        }
    }

    fn check_value(
        &self,
        node: NamedNodeRef<'_>,
        kind: NamedNodeRef<'_>,
        prop: &crate::Property,
        value: TermRef<'_>,
        at: Option<crate::Location>,
        out: &mut Vec<Diagnostic>,
    ) {
        let p = prop.iri.as_str();
        let is_count = p == vocab::MIN_COUNT.as_str() || p == vocab::MAX_COUNT.as_str();
        match &prop.kind {
            PropertyKind::Attribute { datatype } => {
                let builtin = Builtin::from_iri(datatype).unwrap_or(Builtin::String);
                let ok = matches!(value, TermRef::Literal(l) if builtin.accepts(l));
                if !ok {
                    let code = if is_count {
                        Code::BadCount
                    } else {
                        Code::WrongValueType
                    };
                    out.push(
                        Diagnostic::error(
                            code,
                            format!(
                                "the {} of {} is {}, which is not a valid {}",
                                self.c(p),
                                self.c(node.as_str()),
                                show_term(value),
                                self.c(datatype)
                            ),
                        )
                        .with_iri(node.as_str())
                        .at(at),
                    );
                }
            }
            PropertyKind::Relationship { class: wanted } => {
                // Imports are resolved by check_imports, key members by the key checks.
                if p == vocab::IMPORTS.as_str() || p == vocab::PRIMARY_KEY.as_str() {
                    return;
                }
                let target = match value {
                    TermRef::NamedNode(n) => n.as_str(),
                    _ => {
                        out.push(
                            Diagnostic::error(
                                Code::WrongValueKind,
                                format!(
                                    "the {} of {} must name a term with an IRI, not {}",
                                    self.c(p),
                                    self.c(node.as_str()),
                                    show_term(value)
                                ),
                            )
                            .with_iri(node.as_str())
                            .at(at),
                        );
                        return;
                    }
                };
                let kinds = self.kinds.get(target);
                let fits = kinds.is_some_and(|ks| ks.iter().any(|k| self.meta.is_a(k, wanted)));
                if fits {
                    return;
                }
                let (code, what) = match p {
                    _ if p == vocab::DATATYPE.as_str() => (
                        Code::UnsupportedDatatype,
                        "a built-in datatype or a declared upper:Datatype",
                    ),
                    _ if p == vocab::BASE_TYPE.as_str() => {
                        (Code::BadDatatype, "a built-in datatype")
                    }
                    _ if p == vocab::CLASS_PROP.as_str() => (
                        Code::UnknownRelationshipTarget,
                        "a class or enumeration of this model or of its imports",
                    ),
                    _ if p == vocab::ONE_OF.as_str() => {
                        (Code::NotAnEnumValue, "an upper:EnumValue")
                    }
                    _ if p == vocab::SUB_CLASS_OF.as_str() => (
                        Code::UnknownSuperclass,
                        "a class of this model or of its imports",
                    ),
                    _ if p == vocab::PROPERTY.as_str() => (
                        Code::UnknownProperty,
                        "an upper:Attribute or upper:Relationship",
                    ),
                    _ => (Code::WrongValueKind, "a term of the right kind"),
                };
                let mut d = Diagnostic::error(
                    code,
                    format!(
                        "the {} of {} is {}, which is not {what}",
                        self.c(p),
                        self.c(node.as_str()),
                        self.c(target)
                    ),
                )
                .with_iri(target)
                .at(at);
                if let Some(elsewhere) = self.defined_outside_scope(target) {
                    d = d.note(format!(
                        "it is defined by <{elsewhere}>, which this model does not import"
                    ));
                }
                if code == Code::UnsupportedDatatype {
                    let local = local_name(target).to_lowercase();
                    if let Some(b) = Builtin::ALL
                        .iter()
                        .find(|b| local_name(b.iri()).to_lowercase() == local)
                    {
                        d = d.help(format!("did you mean {}?", self.c(b.iri())));
                    }
                }
                let _ = kind;
                out.push(d);
            }
        }
    }

    fn defined_outside_scope(&self, term: &str) -> Option<&str> {
        let owner = *self.owner.get(term)?;
        (!self.scope.contains(&owner)).then(|| self.units[owner].iri.as_str())
    }

    /// Statements about terms owned by imported models may only add properties to classes.
    fn check_extensions(&self, out: &mut Vec<Diagnostic>) {
        let graph = self.doc().graph();
        for t in graph {
            let NamedOrBlankNodeRef::NamedNode(subject) = t.subject else {
                continue;
            };
            let s = subject.as_str();
            if self.owned_here(s) || s == self.unit.iri {
                continue;
            }
            let Some(&owner) = self.owner.get(s) else {
                if t.predicate == vocab::PROPERTY {
                    out.push(
                        Diagnostic::error(
                            Code::ExtensionOfUnknown,
                            format!(
                                "{} adds properties to {}, which is not a class of this model or of its imports",
                                self.c(&self.unit.iri),
                                self.c(s)
                            ),
                        )
                        .with_iri(s)
                        .at(self.at_triple(t)),
                    );
                }
                continue;
            };
            let owner_unit = &self.units[owner];
            let typed_here = self.kinds_here(subject);
            if !self.scope.contains(&owner) && typed_here {
                continue; // a conflicting definition, reported as U095
            }
            if !self.scope.contains(&owner) {
                out.push(
                    Diagnostic::error(
                        Code::ExtensionOfUnknown,
                        format!(
                            "{} makes statements about {}, defined by <{}>, which it does not import",
                            self.c(&self.unit.iri),
                            self.c(s),
                            owner_unit.iri
                        ),
                    )
                    .with_iri(s)
                    .at(self.at_triple(t))
                    .help(format!("add `upper:imports <{}>` to the model", owner_unit.iri)),
                );
                continue;
            }
            let is_class = owner_unit
                .model
                .as_ref()
                .is_some_and(|m| m.classes.contains_key(s));
            if t.predicate == vocab::PROPERTY && is_class {
                continue; // extension: allowed
            }
            if owner_unit.doc.graph().contains(t) {
                continue; // restating what the owner says changes nothing
            }
            let owner_value: Vec<String> = owner_unit
                .doc
                .graph()
                .objects_for_subject_predicate(subject, t.predicate)
                .map(show_term)
                .collect();
            let change = if t.predicate == vocab::MIN_COUNT || t.predicate == vocab::MAX_COUNT {
                format!(
                    "sets {} of {} to {} where <{}> says {}",
                    self.c(t.predicate.as_str()),
                    self.c(s),
                    show_term(t.object),
                    owner_unit.iri,
                    if owner_value.is_empty() {
                        "nothing".to_owned()
                    } else {
                        owner_value.join(", ")
                    }
                )
            } else if t.predicate == rdf::TYPE {
                format!(
                    "retypes {} (owned by <{}>) as {}",
                    self.c(s),
                    owner_unit.iri,
                    show_term(t.object)
                )
            } else {
                format!(
                    "changes {} of {} (owned by <{}>)",
                    self.c(t.predicate.as_str()),
                    self.c(s),
                    owner_unit.iri
                )
            };
            out.push(
                Diagnostic::error(Code::ExtensionChange, format!("{} {change}", self.c(&self.unit.iri)))
                    .with_iri(s)
                    .at(self.at_triple(t))
                    .note(format!(
                        "extension is monotonic: <{}> may add upper:property arcs to classes of <{}>, never change what it owns",
                        self.unit.iri, owner_unit.iri
                    )),
            );
        }
    }

    fn check_semantics(
        &self,
        model: &DomainModel,
        view: &ModelView<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        for prop in model.properties.values() {
            if let Some(max) = prop.max_count {
                if prop.min_count > max {
                    out.push(
                        Diagnostic::error(
                            Code::MinAboveMax,
                            format!(
                                "{} has upper:minCount {} greater than upper:maxCount {max}",
                                self.c(&prop.iri),
                                prop.min_count
                            ),
                        )
                        .with_iri(&prop.iri)
                        .at(Some(prop.location.clone())),
                    );
                }
            }
        }
        let mut extents = Extents::new(view);
        for class in model.classes.values() {
            self.check_taxonomy(class, view, out);
            self.check_key(class, view, out);
            self.check_extent(class, &mut extents, out);
            self.check_collisions(class, view, out);
        }
        for e in model.enumerations.values() {
            let node = NamedNodeRef::new_unchecked(&e.iri);
            if self
                .doc()
                .graph()
                .object_for_subject_predicate(node, vocab::PROPERTY)
                .is_some()
            {
                out.push(
                    Diagnostic::error(
                        Code::EnumerationWithProperties,
                        format!("enumeration {} declares properties; enumerations are closed sets of values", self.c(&e.iri)),
                    )
                    .with_iri(&e.iri)
                    .at(Some(e.location.clone()))
                    .help("use an upper:NestedClass or upper:DirectClass for values with properties"),
                );
            }
            if self
                .doc()
                .graph()
                .object_for_subject_predicate(node, vocab::SUB_CLASS_OF)
                .is_some()
            {
                out.push(
                    Diagnostic::error(
                        Code::TaxonomyKinds,
                        format!(
                            "enumeration {} cannot be in a taxonomy (upper:subClassOf)",
                            self.c(&e.iri)
                        ),
                    )
                    .with_iri(&e.iri)
                    .at(Some(e.location.clone())),
                );
            }
        }
        for d in model.datatypes.values() {
            self.check_datatype(d, out);
        }
        let mut names: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for iri in model.classes.keys().chain(model.enumerations.keys()) {
            names
                .entry(local_name(iri).to_lowercase())
                .or_default()
                .push(iri);
        }
        for clash in names.values().filter(|v| v.len() > 1) {
            self.push_collision("terms", clash, out);
        }
    }

    fn check_taxonomy(&self, class: &Class, view: &ModelView<'_>, out: &mut Vec<Diagnostic>) {
        let Some(parent_iri) = &class.parent else {
            return;
        };
        // Cycle: walking up from the class comes back to it.
        let mut seen = vec![class.iri.as_str()];
        let mut next = view.class(parent_iri);
        while let Some(c) = next {
            if c.iri == class.iri {
                out.push(
                    Diagnostic::error(
                        Code::TaxonomyCycle,
                        format!(
                            "upper:subClassOf forms a cycle: {} -> {}",
                            seen.iter()
                                .map(|s| self.c(s))
                                .collect::<Vec<_>>()
                                .join(" -> "),
                            self.c(&class.iri)
                        ),
                    )
                    .with_iri(&class.iri)
                    .at(Some(class.location.clone())),
                );
                return;
            }
            if seen.contains(&c.iri.as_str()) {
                return; // a cycle above this class; reported on its members
            }
            seen.push(&c.iri);
            next = c.parent.as_deref().and_then(|p| view.class(p));
        }
        let parent_kind = view.class(parent_iri).map(|p| p.kind);
        let is_enum = view.enumeration(parent_iri).is_some();
        if is_enum || parent_kind.is_some_and(|k| k != class.kind) {
            let what = if is_enum {
                "an enumeration".to_owned()
            } else {
                match parent_kind {
                    Some(ClassKind::Direct) => "a direct (keyed) class".to_owned(),
                    _ => "a nested class".to_owned(),
                }
            };
            let own = match class.kind {
                ClassKind::Direct => "direct class",
                ClassKind::Nested => "nested class",
            };
            out.push(
                Diagnostic::error(
                    Code::TaxonomyKinds,
                    format!("{own} {} cannot be a subclass of {}, {what}", self.c(&class.iri), self.c(parent_iri)),
                )
                .with_iri(&class.iri)
                .at(Some(class.location.clone()))
                .help("a taxonomy relates classes of one kind: direct under direct, nested under nested"),
            );
        }
    }

    fn check_key(&self, class: &Class, view: &ModelView<'_>, out: &mut Vec<Diagnostic>) {
        if class.kind != ClassKind::Direct {
            return;
        }
        let inherited = view
            .ancestors(class)
            .into_iter()
            .find(|a| !a.primary_key.is_empty());
        if class.primary_key.is_empty() {
            let node = NamedNodeRef::new_unchecked(&class.iri);
            // A malformed key (U065) or an invalid parent (U071, U072) is
            // already reported; a missing key would only repeat it.
            let key_written = self
                .doc()
                .graph()
                .object_for_subject_predicate(node, vocab::PRIMARY_KEY)
                .is_some();
            let bad_parent = class
                .parent
                .as_deref()
                .is_some_and(|p| view.class(p).is_none_or(|p| p.kind != class.kind));
            if inherited.is_none() && !key_written && !bad_parent {
                out.push(
                    Diagnostic::error(
                        Code::MissingKey,
                        format!("direct class {} has no primary key, own or inherited", self.c(&class.iri)),
                    )
                    .with_iri(&class.iri)
                    .at(Some(class.location.clone()))
                    .help("add `upper:primaryKey ( ... )`, or make it an upper:NestedClass if it has no identity"),
                );
            }
            return;
        }
        let key_triple = self
            .doc()
            .graph()
            .triples_for_subject(NamedNodeRef::new_unchecked(&class.iri))
            .find(|t| t.predicate == vocab::PRIMARY_KEY);
        let member_at = |member: &str| {
            self.member_location(NamedNodeRef::new_unchecked(member).into())
                .or(Some(class.location.clone()))
        };
        if let Some(ancestor) = inherited {
            out.push(
                Diagnostic::error(
                    Code::KeyRedeclared,
                    format!(
                        "{} declares a primary key but inherits one from {}",
                        self.c(&class.iri),
                        self.c(&ancestor.iri)
                    ),
                )
                .with_iri(&class.iri)
                .at(key_triple.map(|t| self.doc().triple_location(t)))
                .help("a taxonomy shares one key; remove this one"),
            );
        }
        let all: HashSet<&str> = view
            .all_properties(class)
            .iter()
            .map(|p| p.iri.as_str())
            .collect();
        for member in &class.primary_key {
            if !all.contains(member.as_str()) {
                out.push(
                    Diagnostic::error(
                        Code::KeyNotAProperty,
                        format!(
                            "primary key member {} is not a property of {}",
                            self.c(member),
                            self.c(&class.iri)
                        ),
                    )
                    .with_iri(member.as_str())
                    .at(member_at(member))
                    .help(format!("add it with `upper:property {}`", self.c(member))),
                );
                continue;
            }
            if let Some(p) = view.property(member) {
                if p.min_count < 1 || p.max_count != Some(1) {
                    out.push(
                        Diagnostic::error(
                            Code::KeyNotSingleRequired,
                            format!(
                                "primary key member {} of {} must be required and single-valued (minCount 1, maxCount 1), but is {}",
                                self.c(member),
                                self.c(&class.iri),
                                cardinality_text(p.min_count, p.max_count)
                            ),
                        )
                        .with_iri(member.as_str())
                        .at(member_at(member)),
                    );
                }
            }
        }
    }

    /// A key or nested value the projections could not unfold in bounded
    /// work: see [`extent`].
    fn check_extent(
        &self,
        class: &Class,
        extents: &mut Extents<'_, '_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(class) = extents.class(&class.iri) else {
            return;
        };
        let measures = extents.of(class);
        let (code, what, extent, max_width, help) = match class.kind {
            ClassKind::Direct => (
                Code::KeyTooWide,
                "the key of",
                measures.key,
                extent::MAX_KEY_WIDTH,
                "key the class by attributes of its own (an identifier) rather than by relationships to classes keyed by relationships",
            ),
            ClassKind::Nested => (
                Code::ValueTooWide,
                "a value of",
                measures.value,
                extent::MAX_NESTED_WIDTH,
                "make the deepest nested classes direct classes, referred to by key",
            ),
        };
        let problem = if extent.width > max_width {
            format!("unfolds into {} values (attributes and enumeration values reached through relationships); at most {max_width} are allowed", extent.width)
        } else if extent.depth > extent::MAX_DEPTH {
            format!(
                "unfolds through a chain of {} relationships; at most {} are allowed",
                extent.depth,
                extent::MAX_DEPTH
            )
        } else {
            return;
        };
        out.push(
            Diagnostic::error(code, format!("{what} {} {problem}", self.c(&class.iri)))
                .with_iri(&class.iri)
                .at(Some(class.location.clone()))
                .help(help),
        );
    }

    fn check_collisions(&self, class: &Class, view: &ModelView<'_>, out: &mut Vec<Diagnostic>) {
        let mut names: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for p in view.all_properties(class) {
            names
                .entry(local_name(&p.iri).to_lowercase())
                .or_default()
                .push(&p.iri);
        }
        for clash in names.values().filter(|v| v.len() > 1) {
            self.push_collision(&format!("properties of {}", self.c(&class.iri)), clash, out);
        }
    }

    fn push_collision(&self, what: &str, clash: &[&str], out: &mut Vec<Diagnostic>) {
        let shown: Vec<String> = clash.iter().map(|i| self.c(i)).collect();
        let last = clash[clash.len() - 1];
        out.push(
            Diagnostic::error(
                Code::NameCollision,
                format!(
                    "{what} {} differ only in case and collide once projected",
                    shown.join(" and ")
                ),
            )
            .with_iri(last)
            .at(self.at_subject(last))
            .note("targets such as SQL fold case; the projections will rename one of them"),
        );
    }

    fn check_datatype(&self, d: &crate::Datatype, out: &mut Vec<Diagnostic>) {
        let node = NamedNodeRef::new_unchecked(&d.iri);
        let graph = self.doc().graph();
        let mut problems = Vec::new();
        match graph.object_for_subject_predicate(node, vocab::BASE_TYPE) {
            None => problems
                .push("has no upper:baseType (the built-in datatype it restricts)".to_owned()),
            Some(TermRef::NamedNode(b)) if Builtin::from_iri(b.as_str()).is_none() => problems
                .push(format!(
                    "has base type {}, which is not a built-in datatype",
                    self.c(b.as_str())
                )),
            _ => {}
        }
        let f = &d.facets;
        let base = d.base;
        if (f.min_length.is_some() || f.max_length.is_some() || f.pattern.is_some())
            && !base.is_textual()
        {
            problems.push(format!(
                "has length or pattern facets but its base {} is not textual",
                self.c(base.iri())
            ));
        }
        if let (Some(min), Some(max)) = (f.min_length, f.max_length) {
            if min > max {
                problems.push(format!(
                    "has upper:minLength {min} greater than upper:maxLength {max}"
                ));
            }
        }
        if (f.precision.is_some() || f.scale.is_some()) && base != Builtin::Decimal {
            problems.push("has precision or scale but its base is not xsd:decimal".to_owned());
        }
        if let (Some(p), Some(s)) = (f.precision, f.scale) {
            if s > p {
                problems.push(format!(
                    "has upper:scale {s} greater than upper:precision {p}"
                ));
            }
        }
        if f.precision == Some(0) {
            problems.push("has upper:precision 0; a decimal needs at least one digit".to_owned());
        }
        let ranged = [
            &f.min_inclusive,
            &f.max_inclusive,
            &f.min_exclusive,
            &f.max_exclusive,
        ];
        if ranged.iter().any(|r| r.is_some()) && !base.is_numeric() {
            problems.push(format!(
                "has range facets but its base {} is not numeric",
                self.c(base.iri())
            ));
        }
        if let Some(pattern) = &f.pattern {
            if let Err(e) = regex::Regex::new(pattern) {
                problems.push(format!("has an invalid upper:pattern: {e}"));
            }
        }
        for problem in problems {
            out.push(
                Diagnostic::error(
                    Code::BadDatatype,
                    format!("datatype {} {problem}", self.c(&d.iri)),
                )
                .with_iri(&d.iri)
                .at(Some(d.location.clone())),
            );
        }
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
