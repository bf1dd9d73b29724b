//! The drafted model before it is written: classes, properties and
//! enumerations with container names, turned into Upper Turtle.

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{BlankNode, Graph, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use std::collections::{BTreeMap, BTreeSet};
use uda_projection::{Case, Names};

const UPPER: &str = "https://w3id.org/uda/upper#";

/// What kind of class a container element becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Direct,
    Nested,
}

/// The values of a property: literals of a datatype, or instances of a class
/// (a drafted class or enumeration, by its container name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Range {
    Datatype(Datatype),
    Class(String),
}

/// A built-in XSD datatype, or a decimal restricted to a precision and scale
/// (which becomes a domain `upper:Datatype`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Datatype {
    Xsd(&'static str),
    Decimal {
        precision: u32,
        scale: u32,
    },
    /// A named datatype the container declares (a GraphQL custom scalar) over a built-in one.
    Named {
        name: String,
        base: &'static str,
    },
}

/// A property as the container has it, named by its container name.
#[derive(Debug, Clone)]
pub(crate) struct Prop {
    pub name: String,
    pub range: Range,
    pub required: bool,
    pub many: bool,
    pub description: Option<String>,
}

/// The property a class of a keyless container is keyed by, by convention:
/// a required, single-valued one named `id` or `{class}Id` (in any case,
/// with or without `_`), as Relay's `Node` and most records name theirs.
pub(crate) fn id_like<'a>(class: &str, props: &'a [Prop]) -> Option<&'a Prop> {
    let own = format!("{}id", class.to_ascii_lowercase());
    props.iter().find(|p| {
        let lower = p.name.to_ascii_lowercase().replace('_', "");
        p.required && !p.many && (lower == "id" || lower == own)
    })
}

#[derive(Debug, Clone)]
pub(crate) struct Class {
    pub name: String,
    pub kind: Kind,
    pub description: Option<String>,
    pub props: Vec<Prop>,
    /// Container names of the key's properties, in order.
    pub key: Vec<String>,
    /// Container name of the parent class in a taxonomy.
    pub parent: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Enumeration {
    pub name: String,
    pub description: Option<String>,
    /// Container values, in order.
    pub values: Vec<String>,
    /// The case the container writes values in, to read them back.
    pub value_case: Case,
}

/// Everything drafted from one container, keyed by container name.
#[derive(Debug, Default)]
pub(crate) struct Drafted {
    pub classes: BTreeMap<String, Class>,
    pub enums: BTreeMap<String, Enumeration>,
    pub notes: Vec<String>,
}

impl Drafted {
    pub(crate) fn note(&mut self, text: impl Into<String>) {
        self.notes.push(text.into());
    }
}

/// Writes the model: one IRI per class, property and value under
/// `namespace`, every container name kept as the term's `upper:label`.
pub(crate) fn write(
    mut drafted: Drafted,
    domain: &str,
    namespace: &str,
    model: &str,
) -> (Graph, Vec<String>) {
    let mut w = Writer {
        graph: Graph::new(),
        names: Scope::default(),
        namespace,
        blank: 0,
        datatypes: BTreeMap::new(),
    };
    let model_node = NamedNode::new_unchecked(model);
    w.add(model_node.clone(), rdf::TYPE, upper("DomainModel"));
    w.add(
        model_node.clone(),
        upper("domain"),
        Literal::new_simple_literal(domain),
    );
    w.add(
        model_node.clone(),
        upper("description"),
        Literal::new_simple_literal(
            "Drafted by uda from an existing container; review before use.",
        ),
    );

    // Class IRIs first, so that relationships can name their targets.
    let mut class_iri = BTreeMap::new();
    for name in drafted.enums.keys().chain(drafted.classes.keys()) {
        let local = w.names.claim(name, Case::Pascal);
        class_iri.insert(name.clone(), w.iri(&local));
    }
    for e in drafted.enums.values() {
        let node = &class_iri[&e.name];
        w.term(node, "Enumeration", &e.name, e.description.as_deref());
        let values: Vec<Term> = e
            .values
            .iter()
            .map(|v| {
                let local = w.names.claim(&value_local(v, e.value_case), Case::AsIs);
                let value = w.iri(&local);
                w.term(&value, "EnumValue", v, None);
                value.into()
            })
            .collect();
        let list = w.list(values);
        w.add(node.clone(), upper("oneOf"), list);
    }
    let mut notes = std::mem::take(&mut drafted.notes);
    let mut properties = Properties::default();
    for c in drafted.classes.values() {
        let node = &class_iri[&c.name];
        let kind = match c.kind {
            Kind::Direct => "DirectClass",
            Kind::Nested => "NestedClass",
        };
        w.term(node, kind, &c.name, c.description.as_deref());
        if let Some(parent) = c.parent.as_ref().and_then(|p| class_iri.get(p)) {
            w.add(node.clone(), upper("subClassOf"), parent.clone());
        }
        let mut by_name = BTreeMap::new();
        for p in &c.props {
            let range = match &p.range {
                Range::Class(target) => match class_iri.get(target) {
                    Some(iri) => TermRange::Class(iri.clone()),
                    None => {
                        notes.push(format!(
                            "{}.{}: its type {target} is not drafted; drafted as a string",
                            c.name, p.name
                        ));
                        TermRange::Datatype(w.datatype(&Datatype::Xsd("string")))
                    }
                },
                Range::Datatype(d) => TermRange::Datatype(w.datatype(d)),
            };
            let iri = properties.claim(&mut w, (&c.name, node), p, range, &mut notes);
            w.add(node.clone(), upper("property"), iri.clone());
            by_name.insert(p.name.clone(), iri);
        }
        if c.kind == Kind::Direct && c.parent.is_none() {
            let key: Vec<Term> = c
                .key
                .iter()
                .filter_map(|k| by_name.get(k))
                .map(|n| n.clone().into())
                .collect();
            let list = w.list(key);
            w.add(node.clone(), upper("primaryKey"), list);
        }
    }
    (w.graph, notes)
}

/// An enumeration value's local name: the readable form of a value written
/// in SCREAMING_SNAKE (GraphQL, Avro), or the value itself.
fn value_local(value: &str, case: Case) -> String {
    match case {
        Case::ScreamingSnake => plain(value, Case::Pascal),
        _ => plain(value, Case::AsIs),
    }
}

/// Names handed out in one scope. Like [`uda_projection::Names`], but it
/// remembers the next free suffix of each base, so that many names made the
/// same (`a`, `a-`, `a.` are all `A`) cost linear time, not quadratic.
#[derive(Default)]
pub(crate) struct Scope {
    taken: BTreeSet<String>,
    next: BTreeMap<String, usize>,
}

impl Scope {
    /// Takes `name` as it is (a name the container itself gives).
    pub(crate) fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// `wanted` in `case`, made valid and unique in this scope.
    pub(crate) fn claim(&mut self, wanted: &str, case: Case) -> String {
        let base = plain(wanted, case);
        let mut name = base.clone();
        while self.taken.contains(&name) {
            let n = self.next.entry(base.clone()).or_insert(2);
            name = format!("{base}_{n}");
            *n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// `value` made a valid name in `case`, in a scope of its own.
fn plain(value: &str, case: Case) -> String {
    let mut names = Names::new(&[], false);
    names.claim(value, case)
}

fn upper(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{UPPER}{local}"))
}

enum TermRange {
    Datatype(NamedNode),
    Class(NamedNode),
}

/// Properties are shared nodes in Upper: classes whose properties of one
/// name agree in type and cardinality share one. One that differs gets an
/// IRI under its class (`{namespace}{Class}/{name}`), whose local name, and
/// so whose container name, is still the property's (and a note).
#[derive(Default)]
struct Properties {
    /// (container name, range, required, many) → the property.
    claimed: BTreeMap<(String, String, bool, bool), NamedNode>,
    /// Container names already given a shared property.
    shared: BTreeMap<String, ()>,
}

impl Properties {
    fn claim(
        &mut self,
        w: &mut Writer<'_>,
        class: (&str, &NamedNode),
        p: &Prop,
        range: TermRange,
        notes: &mut Vec<String>,
    ) -> NamedNode {
        let range_text = match &range {
            TermRange::Datatype(d) => format!("d{d}"),
            TermRange::Class(c) => format!("c{c}"),
        };
        let id = (p.name.clone(), range_text, p.required, p.many);
        if let Some(iri) = self.claimed.get(&id) {
            return iri.clone();
        }
        let iri = if self.shared.insert(p.name.clone(), ()).is_none() {
            let local = w.names.claim(&p.name, Case::Camel);
            w.iri(&local)
        } else {
            let (class_name, class_iri) = class;
            let iri = NamedNode::new_unchecked(format!(
                "{}/{}",
                class_iri.as_str(),
                plain(&p.name, Case::Camel)
            ));
            notes.push(format!(
                "{class_name}.{}: differs from another element's {} in type or cardinality; drafted as its own property {iri}",
                p.name, p.name
            ));
            iri
        };
        self.claimed.insert(id, iri.clone());
        let (kind, predicate, object) = match range {
            TermRange::Datatype(d) => ("Attribute", "datatype", d),
            TermRange::Class(c) => ("Relationship", "class", c),
        };
        w.term(&iri, kind, &p.name, p.description.as_deref());
        w.add(iri.clone(), upper(predicate), object);
        w.add(iri.clone(), upper("minCount"), count(u32::from(p.required)));
        if !p.many {
            w.add(iri.clone(), upper("maxCount"), count(1));
        }
        iri
    }
}

fn count(n: u32) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::NON_NEGATIVE_INTEGER)
}

struct Writer<'a> {
    graph: Graph,
    names: Scope,
    namespace: &'a str,
    blank: usize,
    datatypes: BTreeMap<Datatype, NamedNode>,
}

impl Writer<'_> {
    fn iri(&self, local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{local}", self.namespace))
    }

    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: impl Into<NamedNode>, o: impl Into<Term>) {
        self.graph
            .insert(&Triple::new(s.into(), p.into(), o.into()));
    }

    /// Types a term and gives it its container name as label.
    fn term(&mut self, node: &NamedNode, kind: &str, name: &str, description: Option<&str>) {
        self.add(node.clone(), rdf::TYPE, upper(kind));
        self.add(
            node.clone(),
            upper("label"),
            Literal::new_simple_literal(name),
        );
        if let Some(d) = description.filter(|d| !d.is_empty()) {
            self.add(
                node.clone(),
                upper("description"),
                Literal::new_simple_literal(d),
            );
        }
    }

    /// An RDF list; its cells are numbered in the order they are made, so
    /// the same draft gives the same labels.
    fn list(&mut self, items: Vec<Term>) -> Term {
        let mut rest: Term = rdf::NIL.into_owned().into();
        for item in items.into_iter().rev() {
            self.blank += 1;
            let cell = BlankNode::new_unchecked(format!("l{}", self.blank));
            self.add(cell.clone(), rdf::FIRST.into_owned(), item);
            self.add(cell.clone(), rdf::REST.into_owned(), rest);
            rest = cell.into();
        }
        rest
    }

    fn datatype(&mut self, d: &Datatype) -> NamedNode {
        let xsd_iri = |local: &str| {
            NamedNode::new_unchecked(format!("http://www.w3.org/2001/XMLSchema#{local}"))
        };
        let (wanted, label, base) = match d {
            Datatype::Xsd("langString") => return rdf::LANG_STRING.into_owned(),
            Datatype::Xsd(local) => return xsd_iri(local),
            Datatype::Decimal { precision, scale } => (
                format!("Decimal{precision}_{scale}"),
                format!("DECIMAL({precision},{scale})"),
                "decimal",
            ),
            Datatype::Named { name, base } => (name.clone(), name.clone(), *base),
        };
        if let Some(node) = self.datatypes.get(d) {
            return node.clone();
        }
        let local = self.names.claim(&wanted, Case::AsIs);
        let node = self.iri(&local);
        self.term(&node, "Datatype", &label, None);
        self.add(node.clone(), upper("baseType"), xsd_iri(base));
        if let Datatype::Decimal { precision, scale } = d {
            self.add(node.clone(), upper("precision"), count(*precision));
            self.add(node.clone(), upper("scale"), count(*scale));
        }
        self.datatypes.insert(d.clone(), node.clone());
        node
    }
}
