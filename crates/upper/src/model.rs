//! The typed, immutable view of domain models that projections consume.
//!
//! Built from a [`Document`](crate::Document) once it has been validated; every
//! term keeps the location where it is defined. Collections are ordered by IRI
//! so that everything derived from a model is deterministic, whatever the
//! order of the triples in the source.

use crate::diagnostic::Location;
use crate::Builtin;
use std::collections::BTreeMap;

/// Human text attached to any term. A term may have a label and a
/// description in each language; one of each is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    /// The label shown: see [`Localized::shown`].
    pub label: Option<String>,
    /// The description shown: see [`Localized::shown`].
    pub description: Option<String>,
    /// Every label as written, sorted (untagged first, then by language tag).
    pub labels: Vec<Localized>,
    /// Every description as written, sorted as the labels are.
    pub descriptions: Vec<Localized>,
}

/// A text and its language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Localized {
    /// The language tag, lower case; `None` for a plain string.
    pub language: Option<String>,
    pub value: String,
}

impl Localized {
    /// The one text of several that is shown where a single one is wanted
    /// (names, comments and titles of projections): the untagged one, else
    /// English (`en`, then a regional `en-…`), else the first by language tag.
    /// A model written for one audience often tags its only language, so
    /// English is preferred over whatever tag sorts first.
    pub fn shown(all: &[Localized]) -> Option<&str> {
        let rank = |l: &Localized| match l.language.as_deref() {
            None => 0,
            Some("en") => 1,
            Some(tag) if tag.starts_with("en-") => 2,
            Some(_) => 3,
        };
        all.iter()
            .min_by(|a, b| (rank(a), *a).cmp(&(rank(b), *b)))
            .map(|l| l.value.as_str())
    }
}

/// A domain model: one named graph of classes, properties, enumerations and datatypes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainModel {
    pub iri: String,
    /// The short name given by `upper:domain`.
    pub domain: String,
    pub text: Text,
    /// IRIs of the models this one imports directly, sorted.
    pub imports: Vec<String>,
    pub classes: BTreeMap<String, Class>,
    pub enumerations: BTreeMap<String, Enumeration>,
    pub properties: BTreeMap<String, Property>,
    pub datatypes: BTreeMap<String, Datatype>,
    /// `upper:property` arcs this model adds to classes of models it imports.
    pub extensions: Vec<Extension>,
    pub location: Location,
}

/// Whether a class is keyed or a value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClassKind {
    /// `upper:DirectClass`: a keyed entity.
    Direct,
    /// `upper:NestedClass`: a value without a key, reached through a relationship.
    Nested,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    pub iri: String,
    pub kind: ClassKind,
    pub text: Text,
    /// IRIs of the properties this model declares on the class, sorted.
    pub properties: Vec<String>,
    /// The class's own primary key, in order; empty when none is declared
    /// (it may be inherited: see [`ModelView::primary_key`](crate::ModelView::primary_key)).
    pub primary_key: Vec<String>,
    /// The parent class in the taxonomy.
    pub parent: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enumeration {
    pub iri: String,
    pub text: Text,
    /// The values, in the order of `upper:oneOf`.
    pub values: Vec<EnumValue>,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    pub iri: String,
    pub text: Text,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub iri: String,
    pub text: Text,
    pub kind: PropertyKind,
    pub min_count: u64,
    /// `None` means unbounded (many-valued).
    pub max_count: Option<u64>,
    /// Values are an RDF list whose order matters.
    pub ordered: bool,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PropertyKind {
    /// Values are literals of this datatype (a built-in or a domain datatype IRI).
    Attribute { datatype: String },
    /// Values are instances of this class or enumeration.
    Relationship { class: String },
}

impl Property {
    /// At least one value is required.
    pub fn is_required(&self) -> bool {
        self.min_count >= 1
    }

    /// More than one value is allowed.
    pub fn is_many(&self) -> bool {
        self.max_count.is_none_or(|m| m > 1)
    }

    pub fn is_attribute(&self) -> bool {
        matches!(self.kind, PropertyKind::Attribute { .. })
    }
}

/// A domain datatype: a built-in datatype restricted by facets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Datatype {
    pub iri: String,
    pub text: Text,
    pub base: Builtin,
    pub facets: Facets,
    pub location: Location,
}

/// Restrictions of a domain datatype. Numeric bounds keep their lexical form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub pattern: Option<String>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub min_inclusive: Option<String>,
    pub max_inclusive: Option<String>,
    pub min_exclusive: Option<String>,
    pub max_exclusive: Option<String>,
    pub precision: Option<u32>,
    pub scale: Option<u32>,
}

/// A property added by one model to a class owned by a model it imports.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Extension {
    pub class: String,
    pub property: String,
    pub location: Location,
}

/// The local name of an IRI: what follows its last `#`, `/` or `:`.
pub fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/', ':']).next().unwrap_or(iri)
}

impl DomainModel {
    pub fn class(&self, iri: &str) -> Option<&Class> {
        self.classes.get(iri)
    }

    pub fn property(&self, iri: &str) -> Option<&Property> {
        self.properties.get(iri)
    }

    pub fn enumeration(&self, iri: &str) -> Option<&Enumeration> {
        self.enumerations.get(iri)
    }

    pub fn datatype(&self, iri: &str) -> Option<&Datatype> {
        self.datatypes.get(iri)
    }

    /// Whether this model defines the term `iri` (class, enumeration, value, property or datatype).
    pub fn defines(&self, iri: &str) -> bool {
        self.classes.contains_key(iri)
            || self.enumerations.contains_key(iri)
            || self.properties.contains_key(iri)
            || self.datatypes.contains_key(iri)
            || self
                .enumerations
                .values()
                .any(|e| e.values.iter().any(|v| v.iri == iri))
    }
}
