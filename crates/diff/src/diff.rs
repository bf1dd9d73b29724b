//! The semantic difference between two versions of a domain model, and how
//! each change affects compatibility.
//!
//! The diff works on typed models with their imports resolved ([`ModelView`]),
//! not on triples: reordering, renaming blank nodes or rewriting the Turtle
//! changes nothing, and each change is said in the modeller's words
//! ("property `studio:synopsis` became required"). Which compatibility modes
//! each kind of change breaks is the table in the crate README; it follows
//! Confluent: BACKWARD = consumers using the new version can read data
//! written with the old one, FORWARD = the reverse.

use crate::compat::{Breaks, CompatibilityMode};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use uda_upper::{
    local_name, Builtin, Class, ClassKind, Facets, ModelView, Property, PropertyKind, Text,
};

/// What kind of change a [`Change`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// `upper:domain` changed: every generated name changes.
    DomainRenamed,
    ImportAdded,
    ImportRemoved,
    ClassAdded,
    ClassRemoved,
    /// Keyed class, nested class and enumeration turned into one another.
    ClassKindChanged,
    /// `upper:subClassOf` added, removed or changed.
    TaxonomyChanged,
    /// The effective primary key (own or inherited) changed.
    KeyChanged,
    EnumerationAdded,
    EnumerationRemoved,
    EnumValueAdded,
    EnumValueRemoved,
    EnumValuesReordered,
    /// A property was attached to a class (declared or by extension).
    PropertyAdded,
    /// A property was detached from a class.
    PropertyRemoved,
    /// An attribute became a relationship or the reverse.
    PropertyKindChanged,
    /// Fewer values allowed: minimum raised or maximum lowered.
    CardinalityTightened,
    /// More values allowed: minimum lowered or maximum raised.
    CardinalityLoosened,
    /// The values allowed are a superset of the old ones.
    DatatypeWidened,
    /// The values allowed are a subset of the old ones.
    DatatypeNarrowed,
    /// The values allowed are neither a subset nor a superset of the old ones.
    DatatypeChanged,
    /// Another datatype with the same values (e.g. a domain datatype without facets).
    DatatypeReplaced,
    DatatypeAdded,
    DatatypeRemoved,
    /// The relationship now points at an ancestor of its old target.
    RelationshipTargetWidened,
    /// The relationship now points at a descendant of its old target.
    RelationshipTargetNarrowed,
    /// The relationship now points at an unrelated class.
    RelationshipTargetChanged,
    /// `upper:ordered` changed.
    OrderingChanged,
    /// A label or description changed.
    Documentation,
}

impl ChangeKind {
    /// Every kind, for documentation and tests.
    pub const ALL: [ChangeKind; 29] = [
        Self::DomainRenamed,
        Self::ImportAdded,
        Self::ImportRemoved,
        Self::ClassAdded,
        Self::ClassRemoved,
        Self::ClassKindChanged,
        Self::TaxonomyChanged,
        Self::KeyChanged,
        Self::EnumerationAdded,
        Self::EnumerationRemoved,
        Self::EnumValueAdded,
        Self::EnumValueRemoved,
        Self::EnumValuesReordered,
        Self::PropertyAdded,
        Self::PropertyRemoved,
        Self::PropertyKindChanged,
        Self::CardinalityTightened,
        Self::CardinalityLoosened,
        Self::DatatypeWidened,
        Self::DatatypeNarrowed,
        Self::DatatypeChanged,
        Self::DatatypeReplaced,
        Self::DatatypeAdded,
        Self::DatatypeRemoved,
        Self::RelationshipTargetWidened,
        Self::RelationshipTargetNarrowed,
        Self::RelationshipTargetChanged,
        Self::OrderingChanged,
        Self::Documentation,
    ];
}

/// One semantic change between two versions of a model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// The IRI of the term that changed (class, property, enumeration, value, datatype or the model).
    pub term: String,
    /// For a property attached to or detached from a class: that class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// The change in the modeller's words.
    pub description: String,
    /// Which readers the change breaks.
    pub breaks: Breaks,
    /// What the change does to each projection, when projections were compared.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub projections: Vec<ProjectionChange>,
}

/// What a model change does to one projection's schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ProjectionChange {
    /// The projection target (`graphql`, `avro`, `sql-postgres`...).
    pub target: String,
    /// E.g. "Field `Title.synopsis`: `type` changes from `String` to `String!`".
    pub description: String,
}

impl Change {
    /// Whether this change is refused under `mode`.
    pub fn breaks_mode(&self, mode: CompatibilityMode) -> bool {
        mode.is_broken_by(self.breaks)
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.description)?;
        for p in &self.projections {
            write!(f, "\n    {}: {}", p.target, p.description)?;
        }
        Ok(())
    }
}

/// The changes from one version of a model to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModelDiff {
    /// How the old side is named (a file, or `<model>@<version>`).
    pub old: String,
    /// How the new side is named.
    pub new: String,
    pub changes: Vec<Change>,
}

impl ModelDiff {
    /// The changes refused under `mode` (comparing these two versions only).
    pub fn breaking(&self, mode: CompatibilityMode) -> Vec<&Change> {
        self.changes
            .iter()
            .filter(|c| c.breaks_mode(mode))
            .collect()
    }

    /// Whether the new version is compatible with the old one under `mode`.
    pub fn is_compatible(&self, mode: CompatibilityMode) -> bool {
        self.breaking(mode).is_empty()
    }
}

/// The semantic changes from `old` to `new` (the root models of the views).
///
/// Terms the root model owns are compared, and so are the properties it adds
/// to imported classes (extensions). Changes inside imported models are those
/// models' own changes and are not repeated here.
pub fn diff(old: &ModelView<'_>, new: &ModelView<'_>) -> Vec<Change> {
    let mut d = Differ {
        old,
        new,
        changes: Vec::new(),
    };
    d.model();
    d.classes();
    d.extensions();
    d.enumerations();
    d.properties();
    d.datatypes();
    d.changes
}

struct Differ<'v, 'a> {
    old: &'v ModelView<'a>,
    new: &'v ModelView<'a>,
    changes: Vec<Change>,
}

impl Differ<'_, '_> {
    /// `domain:local` for a term of a model in either view, `<iri>` otherwise.
    fn name(&self, iri: &str) -> String {
        if let Some(b) = Builtin::from_iri(iri) {
            let iri = b.iri();
            return match iri.strip_prefix("http://www.w3.org/2001/XMLSchema#") {
                Some(local) => format!("xsd:{local}"),
                None => format!("rdf:{}", local_name(iri)),
            };
        }
        let owner = self.new.owner(iri).or_else(|| self.old.owner(iri));
        match owner {
            Some(m) => format!("{}:{}", m.domain, local_name(iri)),
            None if self.new.root().iri == iri || self.old.root().iri == iri => {
                self.new.root().domain.clone()
            }
            None => format!("<{iri}>"),
        }
    }

    fn push(
        &mut self,
        kind: ChangeKind,
        term: &str,
        class: Option<&str>,
        breaks: Breaks,
        description: String,
    ) {
        self.changes.push(Change {
            kind,
            term: term.to_owned(),
            class: class.map(str::to_owned),
            description,
            breaks,
            projections: Vec::new(),
        });
    }

    fn text(&mut self, term: &str, what: &str, old: &Text, new: &Text) {
        if old.label != new.label {
            let d = format!("label of {what} `{}` changed", self.name(term));
            self.push(ChangeKind::Documentation, term, None, Breaks::NONE, d);
        }
        if old.description != new.description {
            let d = format!("description of {what} `{}` changed", self.name(term));
            self.push(ChangeKind::Documentation, term, None, Breaks::NONE, d);
        }
    }

    fn model(&mut self) {
        let (o, n) = (self.old.root(), self.new.root());
        if o.domain != n.domain {
            let d = format!(
                "domain name changed from `{}` to `{}`: every generated name changes",
                o.domain, n.domain
            );
            self.push(ChangeKind::DomainRenamed, &n.iri, None, Breaks::BOTH, d);
        }
        let (oi, ni): (BTreeSet<&String>, BTreeSet<&String>) =
            (o.imports.iter().collect(), n.imports.iter().collect());
        for added in ni.difference(&oi) {
            let d = format!("now imports <{added}>");
            self.push(ChangeKind::ImportAdded, added, None, Breaks::NONE, d);
        }
        for removed in oi.difference(&ni) {
            let d = format!("no longer imports <{removed}>");
            self.push(ChangeKind::ImportRemoved, removed, None, Breaks::NONE, d);
        }
        let (ot, nt) = (o.text.clone(), n.text.clone());
        let iri = n.iri.clone();
        self.text(&iri, "model", &ot, &nt);
    }

    fn classes(&mut self) {
        let (o, n) = (self.old.root(), self.new.root());
        for (iri, oc) in &o.classes {
            match n.classes.get(iri) {
                Some(nc) => self.class(oc, nc),
                None if n.enumerations.contains_key(iri) => {
                    let d = format!("class `{}` became an enumeration", self.name(iri));
                    self.push(ChangeKind::ClassKindChanged, iri, None, Breaks::BOTH, d);
                }
                None => {
                    let d = format!("class `{}` removed", self.name(iri));
                    self.push(ChangeKind::ClassRemoved, iri, None, Breaks::FORWARD, d);
                }
            }
        }
        for iri in n.classes.keys() {
            if o.classes.contains_key(iri) {
                continue;
            }
            if o.enumerations.contains_key(iri) {
                let d = format!("enumeration `{}` became a class", self.name(iri));
                self.push(ChangeKind::ClassKindChanged, iri, None, Breaks::BOTH, d);
            } else {
                let d = format!("class `{}` added", self.name(iri));
                self.push(ChangeKind::ClassAdded, iri, None, Breaks::NONE, d);
            }
        }
    }

    fn class(&mut self, oc: &Class, nc: &Class) {
        let iri = nc.iri.as_str();
        let name = self.name(iri);
        if oc.kind != nc.kind {
            let kind = |k: ClassKind| match k {
                ClassKind::Direct => "a keyed class",
                ClassKind::Nested => "a nested class",
            };
            let d = format!(
                "class `{name}` changed from {} to {}",
                kind(oc.kind),
                kind(nc.kind)
            );
            self.push(ChangeKind::ClassKindChanged, iri, None, Breaks::BOTH, d);
        }
        if oc.parent != nc.parent {
            let d = match (&oc.parent, &nc.parent) {
                (None, Some(p)) => format!("class `{name}` now extends `{}`", self.name(p)),
                (Some(p), None) => format!("class `{name}` no longer extends `{}`", self.name(p)),
                (Some(a), Some(b)) => format!(
                    "class `{name}` now extends `{}` instead of `{}`",
                    self.name(b),
                    self.name(a)
                ),
                (None, None) => String::new(),
            };
            self.push(ChangeKind::TaxonomyChanged, iri, None, Breaks::BOTH, d);
        }
        if oc.kind == ClassKind::Direct && nc.kind == ClassKind::Direct {
            let key = |view: &ModelView<'_>, c: &Class| -> Vec<String> {
                view.primary_key(c).iter().map(|p| p.iri.clone()).collect()
            };
            let (ok, nk) = (key(self.old, oc), key(self.new, nc));
            if ok != nk {
                let list = |k: &[String]| {
                    k.iter()
                        .map(|p| self.name(p))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let d = format!(
                    "primary key of `{name}` changed from ({}) to ({})",
                    list(&ok),
                    list(&nk)
                );
                self.push(ChangeKind::KeyChanged, iri, None, Breaks::BOTH, d);
            }
        }
        let own = |view: &ModelView<'_>, c: &Class| -> BTreeSet<String> {
            view.declared_properties(c)
                .iter()
                .map(|p| p.iri.clone())
                .collect()
        };
        let (op, np) = (own(self.old, oc), own(self.new, nc));
        self.attachments(iri, &name, &op, &np, "");
        self.text(iri, "class", &oc.text, &nc.text);
    }

    /// Properties attached to or detached from class `class`.
    fn attachments(
        &mut self,
        class: &str,
        class_name: &str,
        old: &BTreeSet<String>,
        new: &BTreeSet<String>,
        how: &str,
    ) {
        for p in new.difference(old) {
            let required = self.new.property(p).is_some_and(Property::is_required);
            let (breaks, which) = if required {
                (Breaks::BACKWARD, "required")
            } else {
                (Breaks::NONE, "optional")
            };
            let d = format!(
                "{which} property `{}` added to `{class_name}`{how}",
                self.name(p)
            );
            self.push(ChangeKind::PropertyAdded, p, Some(class), breaks, d);
        }
        for p in old.difference(new) {
            let required = self.old.property(p).is_some_and(Property::is_required);
            let (breaks, which) = if required {
                (Breaks::FORWARD, "required")
            } else {
                (Breaks::NONE, "optional")
            };
            let d = format!(
                "{which} property `{}` removed from `{class_name}`{how}",
                self.name(p)
            );
            self.push(ChangeKind::PropertyRemoved, p, Some(class), breaks, d);
        }
    }

    /// Properties the root model adds to imported classes.
    fn extensions(&mut self) {
        let collect = |view: &ModelView<'_>| -> BTreeMap<String, BTreeSet<String>> {
            let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for e in &view.root().extensions {
                out.entry(e.class.clone())
                    .or_default()
                    .insert(e.property.clone());
            }
            out
        };
        let (o, n) = (collect(self.old), collect(self.new));
        let classes: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
        let empty = BTreeSet::new();
        for class in classes {
            let name = self.name(class);
            let (op, np) = (
                o.get(class).unwrap_or(&empty),
                n.get(class).unwrap_or(&empty),
            );
            self.attachments(class, &name, op, np, " (by extension)");
        }
    }

    fn enumerations(&mut self) {
        let (o, n) = (self.old.root(), self.new.root());
        for (iri, oe) in &o.enumerations {
            let Some(ne) = n.enumerations.get(iri) else {
                if !n.classes.contains_key(iri) {
                    let d = format!("enumeration `{}` removed", self.name(iri));
                    self.push(
                        ChangeKind::EnumerationRemoved,
                        iri,
                        None,
                        Breaks::FORWARD,
                        d,
                    );
                }
                continue;
            };
            let name = self.name(iri);
            let ov: Vec<&String> = oe.values.iter().map(|v| &v.iri).collect();
            let nv: Vec<&String> = ne.values.iter().map(|v| &v.iri).collect();
            let (os, ns): (BTreeSet<&String>, BTreeSet<&String>) =
                (ov.iter().copied().collect(), nv.iter().copied().collect());
            for added in ns.difference(&os) {
                let d = format!("value `{}` added to enumeration `{name}`", self.name(added));
                self.push(
                    ChangeKind::EnumValueAdded,
                    added,
                    Some(iri.as_str()),
                    Breaks::FORWARD,
                    d,
                );
            }
            for removed in os.difference(&ns) {
                let d = format!(
                    "value `{}` removed from enumeration `{name}`",
                    self.name(removed)
                );
                self.push(
                    ChangeKind::EnumValueRemoved,
                    removed,
                    Some(iri.as_str()),
                    Breaks::BACKWARD,
                    d,
                );
            }
            let common_old: Vec<&String> = ov.iter().copied().filter(|v| ns.contains(v)).collect();
            let common_new: Vec<&String> = nv.iter().copied().filter(|v| os.contains(v)).collect();
            if common_old != common_new {
                let d = format!("values of enumeration `{name}` reordered");
                self.push(ChangeKind::EnumValuesReordered, iri, None, Breaks::NONE, d);
            }
            self.text(iri, "enumeration", &oe.text, &ne.text);
            for value in &ne.values {
                if let Some(old_value) = oe.values.iter().find(|v| v.iri == value.iri) {
                    self.text(
                        &value.iri,
                        "enumeration value",
                        &old_value.text,
                        &value.text,
                    );
                }
            }
        }
        for iri in n.enumerations.keys() {
            if !o.enumerations.contains_key(iri) && !o.classes.contains_key(iri) {
                let d = format!("enumeration `{}` added", self.name(iri));
                self.push(ChangeKind::EnumerationAdded, iri, None, Breaks::NONE, d);
            }
        }
    }

    /// Properties attached to a class of the root model or by its extensions.
    fn attached(view: &ModelView<'_>) -> BTreeSet<String> {
        let root = view.root();
        let mut out: BTreeSet<String> =
            root.extensions.iter().map(|e| e.property.clone()).collect();
        for class in root.classes.values() {
            out.extend(
                view.declared_properties(class)
                    .iter()
                    .map(|p| p.iri.clone()),
            );
        }
        out
    }

    /// Changes to the definitions of properties the root model owns and uses.
    fn properties(&mut self) {
        let (oa, na) = (Self::attached(self.old), Self::attached(self.new));
        let (o, n) = (self.old.root(), self.new.root());
        for (iri, op) in &o.properties {
            let Some(np) = n.properties.get(iri) else {
                continue;
            };
            if !oa.contains(iri) || !na.contains(iri) {
                continue;
            }
            self.property(op, np);
        }
    }

    fn property(&mut self, op: &Property, np: &Property) {
        let iri = np.iri.as_str();
        let name = self.name(iri);
        match (&op.kind, &np.kind) {
            (PropertyKind::Attribute { datatype: a }, PropertyKind::Attribute { datatype: b })
                if a != b =>
            {
                self.datatype_switch(iri, &name, a, b)
            }
            (PropertyKind::Relationship { class: a }, PropertyKind::Relationship { class: b })
                if a != b =>
            {
                self.target_switch(iri, &name, a, b)
            }
            (PropertyKind::Attribute { .. }, PropertyKind::Relationship { .. }) => {
                let d = format!("property `{name}` changed from an attribute to a relationship");
                self.push(ChangeKind::PropertyKindChanged, iri, None, Breaks::BOTH, d);
            }
            (PropertyKind::Relationship { .. }, PropertyKind::Attribute { .. }) => {
                let d = format!("property `{name}` changed from a relationship to an attribute");
                self.push(ChangeKind::PropertyKindChanged, iri, None, Breaks::BOTH, d);
            }
            _ => {}
        }
        if np.min_count > op.min_count {
            let d = if op.min_count == 0 {
                format!("property `{name}` became required")
            } else {
                format!(
                    "minimum count of `{name}` raised from {} to {}",
                    op.min_count, np.min_count
                )
            };
            self.push(
                ChangeKind::CardinalityTightened,
                iri,
                None,
                Breaks::BACKWARD,
                d,
            );
        } else if np.min_count < op.min_count {
            let d = if np.min_count == 0 {
                format!("property `{name}` became optional")
            } else {
                format!(
                    "minimum count of `{name}` lowered from {} to {}",
                    op.min_count, np.min_count
                )
            };
            self.push(
                ChangeKind::CardinalityLoosened,
                iri,
                None,
                Breaks::FORWARD,
                d,
            );
        }
        // An absent maximum is unbounded.
        let bound = |m: Option<u64>| m.unwrap_or(u64::MAX);
        let show = |m: Option<u64>| m.map_or_else(|| "unbounded".to_owned(), |m| m.to_string());
        if bound(np.max_count) < bound(op.max_count) {
            let d = if np.max_count == Some(1) {
                format!("property `{name}` became single-valued")
            } else {
                format!(
                    "maximum count of `{name}` lowered from {} to {}",
                    show(op.max_count),
                    show(np.max_count)
                )
            };
            self.push(
                ChangeKind::CardinalityTightened,
                iri,
                None,
                Breaks::BACKWARD,
                d,
            );
        } else if bound(np.max_count) > bound(op.max_count) {
            let d = if op.max_count == Some(1) {
                format!("property `{name}` became many-valued")
            } else {
                format!(
                    "maximum count of `{name}` raised from {} to {}",
                    show(op.max_count),
                    show(np.max_count)
                )
            };
            self.push(
                ChangeKind::CardinalityLoosened,
                iri,
                None,
                Breaks::FORWARD,
                d,
            );
        }
        if op.ordered != np.ordered {
            let d = if np.ordered {
                format!("property `{name}` became ordered")
            } else {
                format!("property `{name}` is no longer ordered")
            };
            self.push(ChangeKind::OrderingChanged, iri, None, Breaks::BOTH, d);
        }
        self.text(iri, "property", &op.text, &np.text);
    }

    fn datatype_switch(&mut self, iri: &str, name: &str, old: &str, new: &str) {
        let rel = match (
            self.old.resolve_datatype(old),
            self.new.resolve_datatype(new),
        ) {
            (Some(a), Some(b)) => {
                let empty = Facets::default();
                let fa = a.domain.map_or(&empty, |d| &d.facets);
                let fb = b.domain.map_or(&empty, |d| &d.facets);
                builtin_rel(a.builtin, b.builtin).and(facets_rel(fa, fb))
            }
            _ => Rel::Other,
        };
        let (o, n) = (self.name(old), self.name(new));
        let (kind, breaks, how) = match rel {
            Rel::Wider => (ChangeKind::DatatypeWidened, Breaks::FORWARD, "widened"),
            Rel::Narrower => (ChangeKind::DatatypeNarrowed, Breaks::BACKWARD, "narrowed"),
            Rel::Other => (ChangeKind::DatatypeChanged, Breaks::BOTH, "changed"),
            Rel::Same => (
                ChangeKind::DatatypeReplaced,
                Breaks::NONE,
                "replaced by one with the same values",
            ),
        };
        let d = format!("datatype of `{name}` {how}: `{o}` to `{n}`");
        self.push(kind, iri, None, breaks, d);
    }

    fn target_switch(&mut self, iri: &str, name: &str, old: &str, new: &str) {
        // Whether `ancestor` is a (strict) ancestor of `class` in `view`'s taxonomy.
        let is_ancestor = |view: &ModelView<'_>, class: &str, ancestor: &str| {
            view.class(class)
                .is_some_and(|c| view.ancestors(c).iter().any(|a| a.iri == ancestor))
        };
        let (o, n) = (self.name(old), self.name(new));
        if is_ancestor(self.new, old, new) {
            let d = format!(
                "relationship `{name}` widened: it now points at `{n}`, an ancestor of `{o}`"
            );
            self.push(
                ChangeKind::RelationshipTargetWidened,
                iri,
                None,
                Breaks::FORWARD,
                d,
            );
        } else if is_ancestor(self.new, new, old) {
            let d = format!(
                "relationship `{name}` narrowed: it now points at `{n}`, a subclass of `{o}`"
            );
            self.push(
                ChangeKind::RelationshipTargetNarrowed,
                iri,
                None,
                Breaks::BACKWARD,
                d,
            );
        } else {
            let d = format!("relationship `{name}` now points at `{n}` instead of `{o}`");
            self.push(
                ChangeKind::RelationshipTargetChanged,
                iri,
                None,
                Breaks::BOTH,
                d,
            );
        }
    }

    /// Domain datatypes the root model defines.
    fn datatypes(&mut self) {
        let (o, n) = (self.old.root(), self.new.root());
        for (iri, od) in &o.datatypes {
            let name = self.name(iri);
            let Some(nd) = n.datatypes.get(iri) else {
                let d = format!("datatype `{name}` removed");
                self.push(ChangeKind::DatatypeRemoved, iri, None, Breaks::NONE, d);
                continue;
            };
            if od.base != nd.base || od.facets != nd.facets {
                let rel = builtin_rel(od.base, nd.base).and(facets_rel(&od.facets, &nd.facets));
                let (kind, breaks, how) = match rel {
                    Rel::Wider | Rel::Same => {
                        (ChangeKind::DatatypeWidened, Breaks::FORWARD, "widened")
                    }
                    Rel::Narrower => (ChangeKind::DatatypeNarrowed, Breaks::BACKWARD, "narrowed"),
                    Rel::Other => (ChangeKind::DatatypeChanged, Breaks::BOTH, "changed"),
                };
                let d = format!("datatype `{name}` {how} ({})", describe_facets(od, nd));
                self.push(kind, iri, None, breaks, d);
            }
            self.text(iri, "datatype", &od.text, &nd.text);
        }
        for iri in n.datatypes.keys() {
            if !o.datatypes.contains_key(iri) {
                let d = format!("datatype `{}` added", self.name(iri));
                self.push(ChangeKind::DatatypeAdded, iri, None, Breaks::NONE, d);
            }
        }
    }
}

fn describe_facets(old: &uda_upper::Datatype, new: &uda_upper::Datatype) -> String {
    let mut parts = Vec::new();
    if old.base != new.base {
        parts.push(format!("base {} to {}", old.base, new.base));
    }
    let (o, n) = (&old.facets, &new.facets);
    let mut facet = |name: &str, a: Option<String>, b: Option<String>| {
        if a != b {
            let show = |v: Option<String>| v.unwrap_or_else(|| "none".to_owned());
            parts.push(format!("{name} {} to {}", show(a), show(b)));
        }
    };
    facet("pattern", o.pattern.clone(), n.pattern.clone());
    facet(
        "minLength",
        o.min_length.map(|v| v.to_string()),
        n.min_length.map(|v| v.to_string()),
    );
    facet(
        "maxLength",
        o.max_length.map(|v| v.to_string()),
        n.max_length.map(|v| v.to_string()),
    );
    facet(
        "minInclusive",
        o.min_inclusive.clone(),
        n.min_inclusive.clone(),
    );
    facet(
        "maxInclusive",
        o.max_inclusive.clone(),
        n.max_inclusive.clone(),
    );
    facet(
        "minExclusive",
        o.min_exclusive.clone(),
        n.min_exclusive.clone(),
    );
    facet(
        "maxExclusive",
        o.max_exclusive.clone(),
        n.max_exclusive.clone(),
    );
    facet(
        "precision",
        o.precision.map(|v| v.to_string()),
        n.precision.map(|v| v.to_string()),
    );
    facet(
        "scale",
        o.scale.map(|v| v.to_string()),
        n.scale.map(|v| v.to_string()),
    );
    parts.join(", ")
}

/// How the values a new datatype allows relate to the old one's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    Same,
    Wider,
    Narrower,
    Other,
}

impl Rel {
    fn and(self, other: Rel) -> Rel {
        match (self, other) {
            (Rel::Same, x) | (x, Rel::Same) => x,
            (a, b) if a == b => a,
            _ => Rel::Other,
        }
    }

    fn all(rels: impl IntoIterator<Item = Rel>) -> Rel {
        rels.into_iter().fold(Rel::Same, Rel::and)
    }
}

/// The built-in datatype whose values strictly include `b`'s, if any: the
/// XSD derivation chains uda's datatypes sit on.
fn wider_builtin(b: Builtin) -> Option<Builtin> {
    Some(match b {
        Builtin::Byte => Builtin::Short,
        Builtin::Short => Builtin::Int,
        Builtin::Int => Builtin::Long,
        Builtin::Long | Builtin::NonNegativeInteger => Builtin::Integer,
        Builtin::Integer => Builtin::Decimal,
        Builtin::Float => Builtin::Double,
        Builtin::DateTimeStamp => Builtin::DateTime,
        _ => return None,
    })
}

fn within(a: Builtin, b: Builtin) -> bool {
    let mut next = Some(a);
    while let Some(x) = next {
        if x == b {
            return true;
        }
        next = wider_builtin(x);
    }
    false
}

fn builtin_rel(old: Builtin, new: Builtin) -> Rel {
    if old == new {
        Rel::Same
    } else if within(old, new) {
        Rel::Wider
    } else if within(new, old) {
        Rel::Narrower
    } else {
        Rel::Other
    }
}

/// A bound of a value range: the value and whether it is exclusive.
type Bound = Option<(f64, bool)>;

fn number(lexical: &Option<String>) -> Result<Option<f64>, ()> {
    match lexical {
        None => Ok(None),
        Some(v) => v.trim().parse::<f64>().map(Some).map_err(|_| ()),
    }
}

fn bound(inclusive: &Option<String>, exclusive: &Option<String>) -> Result<Bound, ()> {
    Ok(match (number(inclusive)?, number(exclusive)?) {
        (_, Some(e)) => Some((e, true)),
        (Some(i), None) => Some((i, false)),
        (None, None) => None,
    })
}

/// How a new lower bound relates to an old one (absent = no bound).
fn lower_rel(old: Bound, new: Bound) -> Rel {
    match (old, new) {
        (None, None) => Rel::Same,
        (Some(_), None) => Rel::Wider,
        (None, Some(_)) => Rel::Narrower,
        (Some((o, oe)), Some((n, ne))) => {
            if n < o {
                Rel::Wider
            } else if n > o {
                Rel::Narrower
            } else if oe == ne {
                Rel::Same
            } else if ne {
                Rel::Narrower
            } else {
                Rel::Wider
            }
        }
    }
}

/// How a new upper bound relates to an old one: the mirror of [`lower_rel`].
fn upper_rel(old: Bound, new: Bound) -> Rel {
    let flip = |b: Bound| b.map(|(v, e)| (-v, e));
    lower_rel(flip(old), flip(new))
}

fn ranges_rel(old: &Facets, new: &Facets) -> Result<Rel, ()> {
    Ok(Rel::all([
        lower_rel(
            bound(&old.min_inclusive, &old.min_exclusive)?,
            bound(&new.min_inclusive, &new.min_exclusive)?,
        ),
        upper_rel(
            bound(&old.max_inclusive, &old.max_exclusive)?,
            bound(&new.max_inclusive, &new.max_exclusive)?,
        ),
    ]))
}

fn facets_rel(old: &Facets, new: &Facets) -> Rel {
    let pattern = match (&old.pattern, &new.pattern) {
        (a, b) if a == b => Rel::Same,
        (Some(_), None) => Rel::Wider,
        (None, Some(_)) => Rel::Narrower,
        _ => Rel::Other,
    };
    let count = |v: Option<u64>| v.map(|v| (v as f64, false));
    let count32 = |v: Option<u32>| v.map(|v| (f64::from(v), false));
    // An unreadable bound cannot be compared: treat it as a change.
    let ranges = ranges_rel(old, new).unwrap_or(Rel::Other);
    Rel::all([
        pattern,
        // No minimum length is a minimum of 0.
        lower_rel(
            count(Some(old.min_length.unwrap_or(0))),
            count(Some(new.min_length.unwrap_or(0))),
        ),
        upper_rel(count(old.max_length), count(new.max_length)),
        upper_rel(count32(old.precision), count32(new.precision)),
        upper_rel(count32(old.scale), count32(new.scale)),
        ranges,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_widen_along_derivation_chains() {
        assert_eq!(builtin_rel(Builtin::Int, Builtin::Long), Rel::Wider);
        assert_eq!(builtin_rel(Builtin::Long, Builtin::Short), Rel::Narrower);
        assert_eq!(builtin_rel(Builtin::Byte, Builtin::Decimal), Rel::Wider);
        assert_eq!(builtin_rel(Builtin::String, Builtin::Int), Rel::Other);
        assert_eq!(builtin_rel(Builtin::Float, Builtin::Double), Rel::Wider);
    }

    #[test]
    fn facets_compare_per_bound() {
        let a = Facets {
            max_length: Some(10),
            ..Facets::default()
        };
        let b = Facets {
            max_length: Some(20),
            ..Facets::default()
        };
        assert_eq!(facets_rel(&a, &b), Rel::Wider);
        assert_eq!(facets_rel(&b, &a), Rel::Narrower);
        assert_eq!(facets_rel(&a, &Facets::default()), Rel::Wider);
        let c = Facets {
            max_length: Some(20),
            min_inclusive: Some("5".into()),
            ..Facets::default()
        };
        assert_eq!(facets_rel(&a, &c), Rel::Other);
        let d = Facets {
            min_exclusive: Some("0".into()),
            ..Facets::default()
        };
        let e = Facets {
            min_inclusive: Some("0".into()),
            ..Facets::default()
        };
        assert_eq!(facets_rel(&d, &e), Rel::Wider);
    }
}
