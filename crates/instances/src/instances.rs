//! The instances of a data graph: each subject typed with a keyed class,
//! its most specific class, its key values, and the IRI its key names it by.
//! Every container identifies instances by their keys only, so an instance
//! read back from one is named by an IRI minted from its key ([`mint`]).

use std::collections::HashMap;

use oxrdf::{Graph, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, TermRef};
use uda_upper::{Builtin, Class, ClassKind, ModelView, Property, Target};

use crate::literal::{to_cell, Cell};
use crate::DataError;

pub(crate) const RDF_TYPE: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

/// Keys made of references nest at most this deep (a projection refuses
/// keys that refer to each other, so this only bounds hostile models).
const MAX_KEY_DEPTH: usize = 32;

/// What one key value is: a literal of a datatype, or a value of an enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    Literal(Builtin),
    Enum(String),
}

/// The class that declares the key `class` is identified by (itself or its
/// nearest keyed ancestor): instances are named after it, so that a
/// reference to a `Work` and the `Film` it is agree.
pub fn key_class<'a>(view: &ModelView<'a>, class: &'a Class) -> &'a Class {
    std::iter::once(class)
        .chain(view.ancestors(class))
        .find(|c| !c.primary_key.is_empty())
        .unwrap_or(class)
}

/// The key values of an instance of `class`, flattened: a key member that
/// is a reference contributes the key values of what it refers to.
pub fn key_atoms(view: &ModelView<'_>, class: &Class) -> Result<Vec<Atom>, String> {
    fn walk(
        view: &ModelView<'_>,
        class: &Class,
        depth: usize,
        out: &mut Vec<Atom>,
    ) -> Result<(), String> {
        if depth > MAX_KEY_DEPTH {
            return Err(format!("the key of {} refers to itself", class.iri));
        }
        let key = view.primary_key(class);
        if key.is_empty() {
            return Err(format!("{} has no key", class.iri));
        }
        for p in key {
            match (view.datatype(p), view.target(p)) {
                (Some(d), _) => out.push(Atom::Literal(d.builtin)),
                (None, Some(Target::Enumeration(e))) => out.push(Atom::Enum(e.iri.clone())),
                (None, Some(Target::Class(c))) => walk(view, c, depth + 1, out)?,
                (None, None) => return Err(format!("key member {} is unresolved", p.iri)),
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(view, class, 0, &mut out)?;
    Ok(out)
}

/// The IRI of the instance of key class `class` whose key values are
/// `atoms`: `{base}{class local name}/{value}/{value}...`, each value
/// percent-encoded.
pub fn mint(base: &str, class: &Class, atoms: &[Cell]) -> String {
    let mut iri = format!("{base}{}", uda_upper::local_name(&class.iri));
    for atom in atoms {
        iri.push('/');
        let text = atom.lexical().unwrap_or_default();
        iri.extend(percent_encoding::utf8_percent_encode(&text, SEGMENT));
    }
    iri
}

/// What a key value may hold unencoded in a path segment: RFC 3986's unreserved characters.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The keyed instances of a data graph.
pub struct Instances<'g, 'v> {
    view: &'g ModelView<'v>,
    graph: &'g Graph,
    /// Subject → its most specific keyed class.
    class_of: HashMap<NamedOrBlankNodeRef<'g>, &'v Class>,
    /// Class → the instances of it and of its subclasses, sorted.
    members: HashMap<&'v str, Vec<NamedOrBlankNodeRef<'g>>>,
    /// Enumeration → (value IRI → label), the labels containers store.
    labels: &'g HashMap<String, Vec<(String, String)>>,
    keys: std::cell::RefCell<HashMap<NamedOrBlankNodeRef<'g>, Vec<Cell>>>,
}

impl<'g, 'v> Instances<'g, 'v> {
    /// Finds every subject typed with a keyed class of the view. A subject
    /// typed with two classes neither of which is a subclass of the other is an error.
    pub fn new(
        view: &'g ModelView<'v>,
        graph: &'g Graph,
        labels: &'g HashMap<String, Vec<(String, String)>>,
    ) -> Result<Self, Vec<DataError>> {
        let mut class_of: HashMap<NamedOrBlankNodeRef<'g>, &'v Class> = HashMap::new();
        let mut errors = Vec::new();
        for t in graph.triples_for_predicate(RDF_TYPE) {
            let TermRef::NamedNode(c) = t.object else {
                continue;
            };
            let Some(class) = view
                .class(c.as_str())
                .filter(|c| c.kind == ClassKind::Direct)
            else {
                continue;
            };
            match class_of.get(&t.subject) {
                None => {
                    class_of.insert(t.subject, class);
                }
                Some(known) if view.ancestors(class).iter().any(|a| a.iri == known.iri) => {
                    class_of.insert(t.subject, class);
                }
                Some(known)
                    if known.iri == class.iri
                        || view.ancestors(known).iter().any(|a| a.iri == class.iri) => {}
                Some(known) => errors.push(DataError::new(
                    t.subject.to_string(),
                    format!(
                        "is both a {} and a {}, unrelated classes",
                        known.iri, class.iri
                    ),
                )),
            }
        }
        let mut members: HashMap<&'v str, Vec<NamedOrBlankNodeRef<'g>>> = HashMap::new();
        for (s, c) in &class_of {
            for class in std::iter::once(*c).chain(view.ancestors(c)) {
                members.entry(class.iri.as_str()).or_default().push(*s);
            }
        }
        for list in members.values_mut() {
            list.sort_by_cached_key(ToString::to_string);
        }
        if errors.is_empty() {
            Ok(Self {
                view,
                graph,
                class_of,
                members,
                labels,
                keys: Default::default(),
            })
        } else {
            Err(errors)
        }
    }

    /// The instances of `class` or of its subclasses, sorted by subject.
    pub fn of(&self, class: &Class) -> &[NamedOrBlankNodeRef<'g>] {
        self.members
            .get(class.iri.as_str())
            .map_or(&[], Vec::as_slice)
    }

    /// Every instance with its most specific class.
    pub fn all(&self) -> impl Iterator<Item = (NamedOrBlankNodeRef<'g>, &'v Class)> + '_ {
        self.class_of.iter().map(|(s, c)| (*s, *c))
    }

    pub fn class_of(&self, subject: NamedOrBlankNodeRef<'_>) -> Option<&'v Class> {
        self.class_of.get(&subject).copied()
    }

    /// The one value of `property` on `subject`, or none; two are an error.
    pub fn single(
        &self,
        subject: NamedOrBlankNodeRef<'_>,
        property: &Property,
    ) -> Result<Option<TermRef<'g>>, DataError> {
        let mut values = self
            .graph
            .objects_for_subject_predicate(subject, NamedNodeRef::new_unchecked(&property.iri));
        let first = values.next();
        if values.next().is_some() {
            return Err(DataError::new(
                subject.to_string(),
                format!("has several values of {}, which takes one", property.iri),
            ));
        }
        Ok(first)
    }

    /// The values of `property` on `subject`.
    pub fn values(
        &self,
        subject: NamedOrBlankNodeRef<'_>,
        property: &Property,
    ) -> Vec<TermRef<'g>> {
        self.graph
            .objects_for_subject_predicate(subject, NamedNodeRef::new_unchecked(&property.iri))
            .collect()
    }

    /// The label a container stores for enumeration value `value` of `enumeration`.
    pub fn label(
        &self,
        subject: NamedOrBlankNodeRef<'_>,
        enumeration: &str,
        value: TermRef<'_>,
    ) -> Result<Cell, DataError> {
        let TermRef::NamedNode(v) = value else {
            return Err(DataError::new(
                subject.to_string(),
                format!("{value} is no value of {enumeration}"),
            ));
        };
        self.labels
            .get(enumeration)
            .and_then(|values| values.iter().find(|(iri, _)| iri == v.as_str()))
            .map(|(_, label)| Cell::Text(label.clone()))
            .ok_or_else(|| {
                DataError::new(
                    subject.to_string(),
                    format!("{v} is no value of {enumeration}"),
                )
            })
    }

    /// The key values of instance `subject`, flattened (see [`key_atoms`]).
    pub fn key(&self, subject: NamedOrBlankNodeRef<'g>) -> Result<Vec<Cell>, DataError> {
        self.key_at(subject, 0)
    }

    fn key_at(
        &self,
        subject: NamedOrBlankNodeRef<'g>,
        depth: usize,
    ) -> Result<Vec<Cell>, DataError> {
        if let Some(known) = self.keys.borrow().get(&subject) {
            return Ok(known.clone());
        }
        let error = |message: String| DataError::new(subject.to_string(), message);
        if depth > MAX_KEY_DEPTH {
            return Err(error("its key refers to itself".into()));
        }
        let class = self
            .class_of(subject)
            .ok_or_else(|| error("is not an instance of any keyed class of the model".into()))?;
        let mut cells = Vec::new();
        for p in self.view.primary_key(class) {
            let value = self
                .single(subject, p)?
                .ok_or_else(|| error(format!("has no value of key member {}", p.iri)))?;
            match (self.view.datatype(p), self.view.target(p), value) {
                (Some(d), _, TermRef::Literal(l)) => {
                    cells.push(to_cell(l, d.builtin).map_err(|e| error(format!("{}: {e}", p.iri)))?)
                }
                // Named by the value's local name, as every container's label is.
                (None, Some(Target::Enumeration(e)), TermRef::NamedNode(v))
                    if e.values.iter().any(|x| x.iri == v.as_str()) =>
                {
                    cells.push(Cell::Text(uda_upper::local_name(v.as_str()).to_owned()))
                }
                (None, Some(Target::Class(_)), TermRef::NamedNode(n)) => {
                    cells.extend(self.key_at(NamedOrBlankNodeRef::NamedNode(n), depth + 1)?)
                }
                (None, Some(Target::Class(_)), TermRef::BlankNode(b)) => {
                    cells.extend(self.key_at(NamedOrBlankNodeRef::BlankNode(b), depth + 1)?)
                }
                (_, _, v) => return Err(error(format!("{v} is not a value {} takes", p.iri))),
            }
        }
        self.keys.borrow_mut().insert(subject, cells.clone());
        Ok(cells)
    }

    /// The IRI instance `subject` is named by in every container: minted from its key.
    pub fn minted(
        &self,
        base: &str,
        subject: NamedOrBlankNodeRef<'g>,
    ) -> Result<NamedOrBlankNode, DataError> {
        let class = self.class_of(subject).ok_or_else(|| {
            DataError::new(
                subject.to_string(),
                "is not an instance of any keyed class of the model".into(),
            )
        })?;
        let key = self.key(subject)?;
        Ok(oxrdf::NamedNode::new_unchecked(mint(base, key_class(self.view, class), &key)).into())
    }
}
