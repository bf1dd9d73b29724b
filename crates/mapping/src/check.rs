//! The checks of hand-written mappings against a domain model and a
//! container representation, and the datatype matrix they use.

use crate::container::{Category, Container, FieldType, Kind, System};
use crate::read::{FieldMapping, Mapping, Mappings, Ref};
use std::collections::BTreeSet;
use std::fmt;
use uda_upper::{Builtin, Class, Location, ModelView, Property, PropertyKind, Severity, Target};

/// The stable codes of mapping diagnostics (see the crate README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// M001: the container has no such element.
    UnknownContainerElement,
    /// M002: the model has no such class or property.
    UnknownDomainTerm,
    /// M003: a class mapped to something not a data asset, a property to something not a field.
    KindMismatch,
    /// M004: the field's type cannot hold the property's datatype.
    IncompatibleDatatype,
    /// M005: a many-valued property mapped to a single-valued field.
    ManyToSingle,
    /// M006: the data asset's key does not cover a key property of the concept.
    KeyNotCovered,
    /// M007: a path step is not a property of the class the path has reached.
    BrokenPath,
    /// M008: a field mapped that is not part of the mapping's data asset.
    FieldOfOtherAsset,
    /// W001: the field holds the property's values with a loss (narrower, less precise).
    LossyDatatype,
    /// W002: a required property mapped to a nullable field.
    RequiredToNullable,
    /// W003: some values of an enumeration are mapped, not all of them.
    EnumValueUnmapped,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnknownContainerElement => "M001",
            Code::UnknownDomainTerm => "M002",
            Code::KindMismatch => "M003",
            Code::IncompatibleDatatype => "M004",
            Code::ManyToSingle => "M005",
            Code::KeyNotCovered => "M006",
            Code::BrokenPath => "M007",
            Code::FieldOfOtherAsset => "M008",
            Code::LossyDatatype => "W001",
            Code::RequiredToNullable => "W002",
            Code::EnumValueUnmapped => "W003",
        }
    }

    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem with one mapping statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// The mapping statement's `file:line:column`.
    pub location: Location,
    /// The domain model's side: a class or a property.
    pub domain: String,
    /// The container's side: a data asset or a field.
    pub container: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {kind}[{}]: {} (<{}> to <{}>)",
            self.location, self.code, self.message, self.domain, self.container
        )
    }
}

/// Checks every mapping of `mappings` against `model` and the container
/// representation `container`, whose field types are read as `system`
/// writes them. Diagnostics come in the order of the mappings.
pub fn check(
    mappings: &Mappings,
    model: &ModelView<'_>,
    container: &oxrdf::Graph,
    system: System,
) -> Vec<Diagnostic> {
    let mut checker = Checker {
        enum_values: model
            .enumerations()
            .into_iter()
            .flat_map(|e| e.values.iter().map(|v| v.iri.as_str()))
            .collect(),
        model,
        container: Container::new(container, system),
        out: Vec::new(),
    };
    for mapping in &mappings.mappings {
        checker.mapping(mapping);
    }
    checker.out
}

struct Checker<'m, 'c> {
    model: &'m ModelView<'m>,
    /// Every value of the model's enumerations.
    enum_values: BTreeSet<&'m str>,
    container: Container<'c>,
    out: Vec<Diagnostic>,
}

impl<'m> Checker<'m, '_> {
    fn report(&mut self, code: Code, at: &Ref, domain: &str, container: &str, message: String) {
        self.out.push(Diagnostic {
            code,
            severity: code.severity(),
            message,
            location: at.location.clone(),
            domain: domain.to_owned(),
            container: container.to_owned(),
        });
    }

    fn mapping(&mut self, m: &Mapping) {
        let class = self.model.class(&m.primary_concept.iri);
        if class.is_none() {
            self.report(
                Code::UnknownDomainTerm,
                &m.primary_concept,
                &m.primary_concept.iri,
                &m.data_asset.iri,
                "the model has no such class".into(),
            );
        }
        let asset_ok = match self.container.kind(&m.data_asset.iri) {
            Kind::Asset => true,
            Kind::Missing => {
                self.report(
                    Code::UnknownContainerElement,
                    &m.data_asset,
                    &m.primary_concept.iri,
                    &m.data_asset.iri,
                    "the container has no such element".into(),
                );
                false
            }
            Kind::Field | Kind::Symbol | Kind::Other => {
                self.report(
                    Code::KindMismatch,
                    &m.data_asset,
                    &m.primary_concept.iri,
                    &m.data_asset.iri,
                    "a class maps to a table, record or object type; this is not one".into(),
                );
                false
            }
        };
        let fields: Vec<&FieldMapping> = m
            .fields
            .iter()
            .chain(m.related.iter().flat_map(|r| &r.fields))
            .collect();
        for fm in &fields {
            if asset_ok {
                self.field_of_asset(fm, &m.data_asset.iri);
            }
        }
        if let Some(class) = class {
            for fm in &m.fields {
                self.field(fm, class);
            }
            self.enum_coverage(m);
            if asset_ok {
                self.key_coverage(m, class);
            }
        }
        for related in &m.related {
            let Some(concept) = self.model.class(&related.concept.iri) else {
                self.report(
                    Code::UnknownDomainTerm,
                    &related.concept,
                    &related.concept.iri,
                    &m.data_asset.iri,
                    "the model has no such class".into(),
                );
                continue;
            };
            for fm in &related.fields {
                self.field(fm, concept);
            }
            self.related_key(
                related.concept.clone(),
                concept,
                &related.fields,
                &m.data_asset.iri,
            );
        }
    }

    /// When a mapping maps some values of an enumeration one of its fields
    /// holds, it maps all of them: each one left out is reported where the
    /// enumeration's property is mapped.
    fn enum_coverage(&mut self, m: &Mapping) {
        let mapped: BTreeSet<&str> = m
            .fields
            .iter()
            .filter_map(|fm| match fm.path.as_slice() {
                [value] if self.enum_values.contains(value.iri.as_str()) => {
                    Some(value.iri.as_str())
                }
                _ => None,
            })
            .collect();
        if mapped.is_empty() {
            return;
        }
        for fm in &m.fields {
            let Some(last) = fm.path.last() else { continue };
            let Some(Target::Enumeration(e)) = self
                .model
                .property(&last.iri)
                .and_then(|p| self.model.target(p))
            else {
                continue;
            };
            if !e.values.iter().any(|v| mapped.contains(v.iri.as_str())) {
                continue;
            }
            for value in e.values.iter().filter(|v| !mapped.contains(v.iri.as_str())) {
                self.report(
                    Code::EnumValueUnmapped,
                    &fm.field,
                    &value.iri,
                    &fm.field.iri,
                    "this value of the enumeration is not mapped, although others are".into(),
                );
            }
        }
    }

    /// An enumeration value maps to an enum symbol, an enum type's label
    /// or a value a CHECK admits.
    fn enum_value(&mut self, value: &Ref, at: &Ref, kind: Kind) {
        match kind {
            Kind::Symbol => {}
            Kind::Missing => self.report(
                Code::UnknownContainerElement,
                at,
                &value.iri,
                &at.iri,
                "the container has no such element".into(),
            ),
            Kind::Asset | Kind::Field | Kind::Other => self.report(
                Code::KindMismatch,
                at,
                &value.iri,
                &at.iri,
                "an enumeration value maps to an enum symbol, label or allowed value; this is not one"
                    .into(),
            ),
        }
    }

    fn field_of_asset(&mut self, fm: &FieldMapping, asset: &str) {
        if self.container.kind(&fm.field.iri) == Kind::Field
            && self.container.part_of(&fm.field.iri) != Some(asset)
        {
            let domain = fm.path.last().map_or("", |s| s.iri.as_str()).to_owned();
            self.report(
                Code::FieldOfOtherAsset,
                &fm.field,
                &domain,
                &fm.field.iri,
                format!("the field is not part of <{asset}>"),
            );
        }
    }

    /// Resolves the path from `class`; reports the first broken step.
    fn resolve(&mut self, fm: &FieldMapping, class: &'m Class) -> Option<Vec<&'m Property>> {
        let mut at = class;
        let mut steps = Vec::with_capacity(fm.path.len());
        for (i, step) in fm.path.iter().enumerate() {
            let Some(property) = self.model.property(&step.iri) else {
                self.report(
                    Code::UnknownDomainTerm,
                    step,
                    &step.iri,
                    &fm.field.iri,
                    "the model has no such property".into(),
                );
                return None;
            };
            if !self
                .model
                .all_properties(at)
                .iter()
                .any(|p| p.iri == property.iri)
            {
                self.report(
                    Code::BrokenPath,
                    step,
                    &step.iri,
                    &fm.field.iri,
                    format!("step {} is not a property of <{}>", i + 1, at.iri),
                );
                return None;
            }
            steps.push(property);
            if i + 1 < fm.path.len() {
                match self.model.target(property) {
                    Some(Target::Class(next)) => at = next,
                    _ => {
                        self.report(
                            Code::BrokenPath,
                            step,
                            &step.iri,
                            &fm.field.iri,
                            format!("step {} leads to no class, yet the path goes on", i + 1),
                        );
                        return None;
                    }
                }
            }
        }
        Some(steps)
    }

    fn field(&mut self, fm: &FieldMapping, class: &'m Class) {
        let field_kind = self.container.kind(&fm.field.iri);
        if let [value] = fm.path.as_slice() {
            if self.enum_values.contains(value.iri.as_str()) {
                return self.enum_value(value, &fm.field, field_kind);
            }
        }
        let Some(steps) = self.resolve(fm, class) else {
            return;
        };
        let Some(last) = steps.last().copied() else {
            return;
        };
        let (domain, at) = (last.iri.as_str(), &fm.field);
        match field_kind {
            Kind::Field => {}
            Kind::Missing => {
                return self.report(
                    Code::UnknownContainerElement,
                    at,
                    domain,
                    &at.iri,
                    "the container has no such element".into(),
                )
            }
            Kind::Asset | Kind::Symbol | Kind::Other => {
                return self.report(
                    Code::KindMismatch,
                    at,
                    domain,
                    &at.iri,
                    "a property maps to a column or field; this is not one".into(),
                )
            }
        }
        let Some(ty) = self.container.field_type(&at.iri) else {
            return;
        };
        let many = steps.iter().any(|p| p.max_count != Some(1));
        if many && !ty.list {
            self.report(
                Code::ManyToSingle,
                at,
                domain,
                &at.iri,
                "a many-valued property (path) maps to a single-valued field".into(),
            );
        }
        if steps.iter().all(|p| p.is_required()) && ty.nullable {
            self.report(
                Code::RequiredToNullable,
                at,
                domain,
                &at.iri,
                "a required property maps to a nullable field".into(),
            );
        }
        if let Some(builtin) = value_datatype(self.model, last) {
            match fit(builtin, ty) {
                Fit::Exact => {}
                Fit::Lossy => self.report(
                    Code::LossyDatatype,
                    at,
                    domain,
                    &at.iri,
                    format!(
                        "{} values lose range or precision in this field",
                        builtin.iri()
                    ),
                ),
                Fit::No => self.report(
                    Code::IncompatibleDatatype,
                    at,
                    domain,
                    &at.iri,
                    format!("the field's type cannot hold {} values", builtin.iri()),
                ),
            }
        }
    }

    fn key_coverage(&mut self, m: &Mapping, class: &Class) {
        let key_fields = self.container.key_fields(&m.data_asset.iri);
        for key in self.model.primary_key(class) {
            let covered = m.fields.iter().any(|fm| {
                fm.path.first().is_some_and(|s| s.iri == key.iri)
                    && key_fields.contains(fm.field.iri.as_str())
            });
            if !covered {
                self.report(
                    Code::KeyNotCovered,
                    &m.primary_concept,
                    &key.iri,
                    &m.data_asset.iri,
                    format!(
                        "the key property <{}> is mapped to none of the data asset's key fields",
                        key.iri
                    ),
                );
            }
        }
    }

    /// A related concept's field mappings must hold every property of its key.
    fn related_key(&mut self, at: Ref, concept: &Class, fields: &[FieldMapping], asset: &str) {
        let mapped: BTreeSet<&str> = fields
            .iter()
            .filter_map(|fm| fm.path.first().map(|s| s.iri.as_str()))
            .collect();
        for key in self.model.primary_key(concept) {
            if !mapped.contains(key.iri.as_str()) {
                self.report(
                    Code::KeyNotCovered,
                    &at,
                    &key.iri,
                    asset,
                    format!("no field mapping holds the key property <{}>", key.iri),
                );
            }
        }
    }
}

/// The built-in datatype of the values a field holds for `p`: its own, or
/// for a relationship the one attribute of its target's key (none when the
/// key is composite or a relationship itself).
pub(crate) fn value_datatype(model: &ModelView<'_>, p: &Property) -> Option<Builtin> {
    match &p.kind {
        PropertyKind::Attribute { .. } => Some(model.datatype(p)?.builtin),
        PropertyKind::Relationship { .. } => match model.target(p)? {
            Target::Enumeration(_) => Some(Builtin::String),
            Target::Class(c) => match model.primary_key(c).as_slice() {
                [key] if matches!(key.kind, PropertyKind::Attribute { .. }) => {
                    Some(model.datatype(key)?.builtin)
                }
                _ => None,
            },
        },
    }
}

pub(crate) enum Fit {
    Exact,
    Lossy,
    No,
}

/// The datatype matrix (the crate README writes it out).
pub(crate) fn fit(builtin: Builtin, ty: FieldType) -> Fit {
    use Builtin as B;
    use Category as C;
    let int_bits = |b: Builtin| match b {
        B::Byte => Some(8),
        B::Short => Some(16),
        B::Int => Some(32),
        B::Long => Some(64),
        B::Integer | B::NonNegativeInteger => Some(u16::MAX),
        _ => None,
    };
    match (builtin, ty.category) {
        (_, C::Unknown | C::Json) => Fit::Exact,
        (B::LangString, C::Text) => Fit::Lossy,
        (_, C::Text) => Fit::Exact,
        (B::Boolean, C::Bool) => Fit::Exact,
        (b, C::Int(bits)) if int_bits(b).is_some() => {
            if int_bits(b) <= Some(bits) {
                Fit::Exact
            } else {
                Fit::Lossy
            }
        }
        (b, C::Decimal) if int_bits(b).is_some() => Fit::Exact,
        (b, C::Float(_)) if int_bits(b).is_some() => Fit::Lossy,
        (B::Decimal, C::Decimal) => Fit::Exact,
        (B::Decimal, C::Int(_) | C::Float(_)) => Fit::Lossy,
        (B::Float, C::Float(_)) | (B::Double, C::Float(64)) => Fit::Exact,
        (B::Double, C::Float(_)) | (B::Float | B::Double, C::Decimal | C::Int(_)) => Fit::Lossy,
        (B::Date, C::Date | C::Timestamp) => Fit::Exact,
        (B::Time, C::Time) => Fit::Exact,
        (B::DateTime | B::DateTimeStamp, C::Timestamp) => Fit::Exact,
        (B::DateTime | B::DateTimeStamp, C::Date) => Fit::Lossy,
        (B::Duration, C::Interval) => Fit::Exact,
        (B::Base64Binary | B::HexBinary, C::Binary) => Fit::Exact,
        _ => Fit::No,
    }
}
