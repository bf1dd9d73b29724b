//! What the schema holds, before any SDL is written: which classes,
//! enumerations and datatypes become types, in which role (a full type or a
//! Federation entity stub), which fields each type has, and every name.
//!
//! Names are claimed in a fixed order so that they are stable: types of
//! imported models before the root model's own (so a subgraph names a shared
//! entity as its owner's subgraph does), then the object types standing for a
//! taxonomy's own instances, then scalars, then pagination types. A
//! property's field name is claimed once per taxonomy, top down, so an
//! interface and its implementations agree on it, and the owner's properties
//! are named before extension properties, so extending a class never renames
//! its owner's fields.

use crate::keys::{self, KeyPath, KeyTrees, Selected};
use crate::scalars::{self, CustomScalar, Scalar};
use crate::GraphqlError;
use std::collections::{BTreeMap, BTreeSet};
use uda_projection::{Case, Names};
use uda_upper::{
    local_name, Builtin, Class, ClassKind, Datatype, ModelView, Property, PropertyKind, Target,
};

/// Names the schema itself defines or GraphQL reserves; a domain term wanting
/// one of them is renamed.
const TYPE_RESERVED: &[&str] = &[
    "String",
    "Int",
    "Float",
    "Boolean",
    "ID",
    "Query",
    "Mutation",
    "Subscription",
    "PageInfo",
];
/// GraphQL forbids these as enum values.
const ENUM_VALUE_RESERVED: &[&str] = &["true", "false", "null"];

/// How a class appears in the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Every field, resolved by this schema.
    Full,
    /// Federation: an entity of another subgraph, with its key fields and the
    /// fields this subgraph adds to it.
    Stub {
        /// This subgraph adds fields to the entity and so resolves it by key.
        resolvable: bool,
        /// The owner's subgraph renders the class as an interface.
        interface_object: bool,
    },
}

/// One field of a type.
#[derive(Debug, Clone)]
pub(crate) struct FieldPlan<'a> {
    pub name: String,
    pub source: FieldSource<'a>,
}

#[derive(Debug, Clone)]
pub(crate) enum FieldSource<'a> {
    /// The field realizing a property.
    Property(&'a Property),
    /// Federation: a key leaf reached through an interface, flattened onto the entity.
    KeyLeaf(KeyPath<'a>),
}

impl<'a> FieldSource<'a> {
    /// The property the field realizes: for a flattened key leaf, the key member it belongs to.
    pub fn property(&self) -> Option<&'a Property> {
        match self {
            FieldSource::Property(p) => Some(p),
            FieldSource::KeyLeaf(path) => path.first().copied(),
        }
    }

    /// The property whose values the field holds.
    pub fn leaf(&self) -> Option<&'a Property> {
        match self {
            FieldSource::Property(p) => Some(p),
            FieldSource::KeyLeaf(path) => path.last().copied(),
        }
    }
}

/// A class in the schema.
#[derive(Debug, Clone)]
pub(crate) struct TypePlan<'a> {
    pub class: &'a Class,
    pub role: Role,
    pub name: String,
    /// For a class rendered as an interface: the object type of the
    /// instances that belong to no subclass.
    pub companion: Option<String>,
    /// Ancestors rendered as interfaces, from the root of the taxonomy down.
    pub implements: Vec<&'a str>,
    pub fields: Vec<FieldPlan<'a>>,
    /// Federation: the `@key` field set of a keyed class.
    pub key: Option<Vec<Selected<'a>>>,
}

impl TypePlan<'_> {
    /// The name of the field realizing the property `iri` (empty if none does).
    pub fn property_field(&self, iri: &str) -> &str {
        self.field_named(|s| matches!(s, FieldSource::Property(p) if p.iri == iri))
    }

    /// The name of the field holding the flattened key leaf `path` (empty if none does).
    pub fn leaf_field(&self, path: &[&Property]) -> &str {
        self.field_named(
            |s| matches!(s, FieldSource::KeyLeaf(q) if path_iris(q) == path_iris(path)),
        )
    }

    fn field_named(&self, wanted: impl Fn(&FieldSource<'_>) -> bool) -> &str {
        self.fields
            .iter()
            .find(|f| wanted(&f.source))
            .map_or("", |f| f.name.as_str())
    }
}

/// A custom scalar the schema declares.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ScalarSource<'a> {
    Domain(&'a Datatype),
    Builtin(Builtin, CustomScalar),
}

/// A lookup by key and a paginated list for one keyed class.
#[derive(Debug, Clone)]
pub(crate) struct QueryPlan<'a> {
    pub class: &'a str,
    pub lookup: String,
    pub list: String,
    /// The lookup's arguments: one per key leaf.
    pub args: Vec<(String, KeyPath<'a>)>,
    pub connection: String,
    pub edge: String,
}

/// Everything the renderer needs. See the module documentation.
#[derive(Debug)]
pub(crate) struct Plan<'a> {
    pub federation: bool,
    /// Classes by IRI.
    pub types: BTreeMap<&'a str, TypePlan<'a>>,
    /// Enumerations by IRI, with their type names.
    pub enums: BTreeMap<&'a str, String>,
    /// Enum value names by value IRI.
    pub enum_values: BTreeMap<&'a str, String>,
    /// Custom scalars by datatype IRI.
    pub scalars: BTreeMap<&'a str, (String, ScalarSource<'a>)>,
    pub queries: Vec<QueryPlan<'a>>,
}

impl<'a> Plan<'a> {
    pub fn new(view: &ModelView<'a>, federation: bool) -> Result<Self, GraphqlError> {
        let mut key_trees = KeyTrees::default();
        let (roles, enums) = select(view, federation, &mut key_trees)?;
        if federation {
            check_interface_objects(view, &roles)?;
        }
        let is_full = |iri: &str| matches!(roles.get(iri), Some((_, Role::Full)));

        let mut field_names = FieldNames::default();
        let mut shapes = BTreeMap::new();
        for (&iri, &(class, role)) in &roles {
            let key = (federation && class.kind == ClassKind::Direct)
                .then(|| key_trees.of(view, class))
                .transpose()?
                .map(|tree| keys::selection(&tree, &|c| is_interface_in_owner(view, c)));
            let names = field_names.of(view, class, federation, &mut key_trees)?;
            let fields = match role {
                Role::Full => full_fields(view, class, key.as_deref(), names),
                Role::Stub { .. } => {
                    stub_fields(view, class, key.as_deref().unwrap_or_default(), names)
                }
            };
            shapes.insert(iri, (fields, key));
        }
        let mut queried = Vec::new();
        for &(class, role) in roles.values() {
            if role == Role::Full
                && class.kind == ClassKind::Direct
                && (!federation || view.is_own(&class.iri))
            {
                queried.push((class, keys::leaves(&key_trees.of(view, class)?)));
            }
        }
        let used = shapes
            .values()
            .flat_map(|(fields, _)| fields.iter().filter_map(|f| f.source.leaf()))
            .chain(
                queried
                    .iter()
                    .flat_map(|(_, paths)| paths.iter().filter_map(|p| p.last().copied())),
            );
        let scalars = used_scalars(view, used)?;

        // Names: see the module documentation for the order.
        let mut type_names = Names::new(TYPE_RESERVED, false);
        let rank = |iri: &str| model_rank(view, iri);
        let mut terms: Vec<&'a str> = roles.keys().chain(&enums).copied().collect();
        terms.sort_by_key(|iri| (rank(iri), *iri));
        let mut names: BTreeMap<&'a str, String> = terms
            .iter()
            .map(|iri| {
                (
                    *iri,
                    type_names.claim(&wanted(local_name(iri)), Case::Pascal),
                )
            })
            .collect();
        let mut companions = BTreeMap::new();
        for iri in &terms {
            let Some(&(class, Role::Full)) = roles.get(iri) else {
                continue;
            };
            if view.children(class).iter().any(|c| is_full(&c.iri)) {
                let suffix = match class.kind {
                    ClassKind::Direct => "Entity",
                    ClassKind::Nested => "Value",
                };
                let name = names.get(iri).map_or("", String::as_str);
                companions.insert(
                    *iri,
                    type_names.claim(&format!("{name}{suffix}"), Case::Pascal),
                );
            }
        }
        let scalars = name_scalars(scalars, &rank, &mut type_names);

        let types = roles
            .iter()
            .map(|(&iri, &(class, role))| {
                let (fields, key) = shapes.remove(iri).unwrap_or_default();
                let implements = match role {
                    Role::Full => view
                        .ancestors(class)
                        .into_iter()
                        .rev()
                        .map(|a| a.iri.as_str())
                        .filter(|a| is_full(a))
                        .collect(),
                    Role::Stub { .. } => Vec::new(),
                };
                let plan = TypePlan {
                    class,
                    role,
                    name: names.get(iri).cloned().unwrap_or_default(),
                    companion: companions.remove(iri),
                    implements,
                    fields,
                    key,
                };
                (iri, plan)
            })
            .collect();
        let enum_values = name_enum_values(view, &enums);
        let enums = enums
            .into_iter()
            .map(|e| (e, names.remove(e).unwrap_or_default()))
            .collect();
        let mut plan = Plan {
            federation,
            types,
            enums,
            enum_values,
            scalars,
            queries: Vec::new(),
        };
        plan.queries = plan.plan_queries(queried, &mut type_names);
        Ok(plan)
    }

    /// The GraphQL type name of a class or enumeration in the schema.
    pub fn type_name(&self, iri: &str) -> Option<&str> {
        self.types
            .get(iri)
            .map(|t| t.name.as_str())
            .or_else(|| self.enums.get(iri).map(String::as_str))
    }

    /// The GraphQL type name of the values of `property`.
    pub fn value_type(
        &self,
        view: &ModelView<'a>,
        property: &'a Property,
    ) -> Result<String, GraphqlError> {
        match &property.kind {
            PropertyKind::Relationship { class } => self
                .type_name(class)
                .map(str::to_owned)
                .ok_or_else(|| GraphqlError::unknown_target(property)),
            PropertyKind::Attribute { datatype } => {
                if let Some((name, _)) = self.scalars.get(datatype.as_str()) {
                    return Ok(name.clone());
                }
                match view
                    .resolve_datatype(datatype)
                    .map(|d| scalars::scalar(d.builtin))
                {
                    Some(Scalar::BuiltIn(name)) => Ok(name.to_owned()),
                    // Every custom scalar in use was collected beforehand.
                    _ => Err(GraphqlError::unknown_datatype(property)),
                }
            }
        }
    }

    /// Query fields, their arguments and the connection types, in the order of the types' names.
    fn plan_queries(
        &self,
        mut classes: Vec<(&'a Class, Vec<KeyPath<'a>>)>,
        type_names: &mut Names,
    ) -> Vec<QueryPlan<'a>> {
        classes.sort_by(|(a, _), (b, _)| self.type_name(&a.iri).cmp(&self.type_name(&b.iri)));
        let mut fields = Names::new(&[], false);
        let mut out = Vec::new();
        for (class, paths) in classes {
            let name = self.type_name(&class.iri).unwrap_or_default();
            // From the local name: a renamed type (`Query_`) would make `allQueryS`.
            let word = Names::new(&[], false).claim(&wanted(local_name(&class.iri)), Case::Pascal);
            let mut args = Names::new(&[], false);
            out.push(QueryPlan {
                class: class.iri.as_str(),
                lookup: fields.claim(&word, Case::Camel),
                list: fields.claim(&format!("all{}", plural(&word)), Case::Camel),
                args: paths
                    .into_iter()
                    .map(|path| (args.claim(&path_name(&path), Case::Camel), path))
                    .collect(),
                connection: type_names.claim(&format!("{name}Connection"), Case::Pascal),
                edge: type_names.claim(&format!("{name}Edge"), Case::Pascal),
            });
        }
        out
    }
}

/// Where the model owning `iri` comes in the naming order: imported models
/// (the deepest first), then the root model.
fn model_rank(view: &ModelView<'_>, iri: &str) -> std::cmp::Reverse<usize> {
    let models = view.models();
    let index = view
        .owner(iri)
        .and_then(|owner| models.iter().position(|m| std::ptr::eq(*m, owner)));
    std::cmp::Reverse(index.unwrap_or(0))
}

/// Federation forbids a subgraph to define an implementation of an
/// interface it has as an `@interfaceObject`.
fn check_interface_objects(view: &ModelView<'_>, roles: &Roles<'_>) -> Result<(), GraphqlError> {
    let is_interface_object = |iri: &str| {
        matches!(
            roles.get(iri),
            Some((
                _,
                Role::Stub {
                    interface_object: true,
                    ..
                }
            ))
        )
    };
    for &(class, _) in roles.values().filter(|(c, _)| is_interface_object(&c.iri)) {
        // An interface below it is an @interfaceObject too, not an implementation.
        let implementation = view
            .descendants(class)
            .into_iter()
            .find(|d| roles.contains_key(d.iri.as_str()) && !is_interface_object(&d.iri));
        if let Some(d) = implementation {
            return Err(GraphqlError::InterfaceObjectConflict {
                interface: class.iri.clone(),
                implementation: d.iri.clone(),
            });
        }
    }
    Ok(())
}

/// Names the custom scalars: domain datatypes (by model, then IRI) before
/// the built-in ones (in Upper's order), whose names are chosen here (`URI`)
/// and kept as they are.
fn name_scalars<'a>(
    scalars: BTreeMap<&'a str, ScalarSource<'a>>,
    rank: &dyn Fn(&str) -> std::cmp::Reverse<usize>,
    names: &mut Names,
) -> BTreeMap<&'a str, (String, ScalarSource<'a>)> {
    let (mut domain, mut builtin): (Vec<_>, Vec<_>) = scalars
        .into_iter()
        .partition(|(_, source)| matches!(source, ScalarSource::Domain(_)));
    domain.sort_by_key(|(iri, _)| (rank(iri), *iri));
    builtin.sort_by_key(|(_, source)| match source {
        ScalarSource::Builtin(b, _) => Some(*b),
        ScalarSource::Domain(_) => None,
    });
    let mut out = BTreeMap::new();
    for (iri, source) in domain.into_iter().chain(builtin) {
        let name = match source {
            ScalarSource::Domain(_) => names.claim(&wanted(local_name(iri)), Case::Pascal),
            ScalarSource::Builtin(_, custom) => names.claim(custom.name, Case::AsIs),
        };
        out.insert(iri, (name, source));
    }
    out
}

/// The custom scalars the properties' values need, by datatype IRI.
fn used_scalars<'a>(
    view: &ModelView<'a>,
    properties: impl Iterator<Item = &'a Property>,
) -> Result<BTreeMap<&'a str, ScalarSource<'a>>, GraphqlError> {
    let mut out = BTreeMap::new();
    for property in properties {
        let PropertyKind::Attribute { datatype } = &property.kind else {
            continue;
        };
        let resolved = view
            .resolve_datatype(datatype)
            .ok_or_else(|| GraphqlError::unknown_datatype(property))?;
        let (iri, source) = match (resolved.domain, scalars::scalar(resolved.builtin)) {
            (Some(domain), _) => (domain.iri.as_str(), ScalarSource::Domain(domain)),
            (None, Scalar::Custom(custom)) => (
                resolved.builtin.iri(),
                ScalarSource::Builtin(resolved.builtin, custom),
            ),
            (None, Scalar::BuiltIn(_)) => continue,
        };
        out.insert(iri, source);
    }
    Ok(out)
}

/// Enum value names by value IRI, unique within each enumeration.
fn name_enum_values<'a>(
    view: &ModelView<'a>,
    enums: &BTreeSet<&'a str>,
) -> BTreeMap<&'a str, String> {
    let mut out = BTreeMap::new();
    for enumeration in enums.iter().filter_map(|e| view.enumeration(e)) {
        let mut names = Names::new(ENUM_VALUE_RESERVED, false);
        for value in &enumeration.values {
            out.insert(
                value.iri.as_str(),
                names.claim(&wanted(local_name(&value.iri)), Case::ScreamingSnake),
            );
        }
    }
    out
}

/// The classes of the schema, by IRI, with their roles.
type Roles<'a> = BTreeMap<&'a str, (&'a Class, Role)>;

/// Chooses the classes and enumerations of the schema and each class's role.
///
/// Plain: the root model's classes and enumerations, the classes it extends,
/// and everything they reach through relationships and taxonomies, so the
/// schema is self-contained. Federation: the root model's classes, value
/// types (nested classes) wherever they come from, and entity stubs for the
/// keyed classes of other models that these reference or the root extends.
fn select<'a>(
    view: &ModelView<'a>,
    federation: bool,
    key_trees: &mut KeyTrees<'a>,
) -> Result<(Roles<'a>, BTreeSet<&'a str>), GraphqlError> {
    let root = view.root();
    let extended: BTreeSet<&str> = root.extensions.iter().map(|e| e.class.as_str()).collect();
    let role_of = |class: &Class| {
        if !federation || view.is_own(&class.iri) || class.kind == ClassKind::Nested {
            Role::Full
        } else {
            Role::Stub {
                resolvable: extended.contains(class.iri.as_str()),
                interface_object: is_interface_in_owner(view, class),
            }
        }
    };
    let mut roles = Roles::new();
    let mut enums: BTreeSet<&'a str> = root
        .enumerations
        .keys()
        .filter_map(|e| view.enumeration(e))
        .map(|e| e.iri.as_str())
        .collect();
    let mut work: Vec<&'a Class> = root
        .classes
        .keys()
        .map(String::as_str)
        .chain(extended.iter().copied())
        .filter_map(|c| view.class(c))
        .collect();
    while let Some(class) = work.pop() {
        if roles.contains_key(class.iri.as_str()) {
            continue;
        }
        let role = role_of(class);
        roles.insert(class.iri.as_str(), (class, role));
        // The properties whose values the class's fields (and lookup arguments) hold.
        let tree = key_trees.of(view, class)?;
        let mut reached: Vec<&'a Property> = keys::leaves(&tree)
            .into_iter()
            .filter_map(|path| path.last().copied())
            .collect();
        match role {
            Role::Full => {
                work.extend(
                    view.ancestors(class)
                        .into_iter()
                        .chain(view.descendants(class))
                        .filter(|c| role_of(c) == Role::Full),
                );
                reached.extend(view.all_properties(class));
            }
            Role::Stub { .. } => {
                let selection = keys::selection(&tree, &|c| is_interface_in_owner(view, c));
                reached.extend(
                    stub_sources(view, class, &selection)
                        .iter()
                        .filter_map(FieldSource::leaf),
                );
            }
        }
        for property in reached {
            match view.target(property) {
                Some(Target::Class(target)) => work.push(target),
                Some(Target::Enumeration(e)) => {
                    enums.insert(e.iri.as_str());
                }
                None if property.is_attribute() => {}
                None => return Err(GraphqlError::unknown_target(property)),
            }
        }
    }
    Ok((roles, enums))
}

/// Whether the subgraph of the model owning `class` renders it as an
/// interface: it has subclasses in that model.
pub(crate) fn is_interface_in_owner(view: &ModelView<'_>, class: &Class) -> bool {
    let owner = view.owner(&class.iri);
    view.children(class).iter().any(|c| {
        view.owner(&c.iri)
            .zip(owner)
            .is_some_and(|(a, b)| std::ptr::eq(a, b))
    })
}

/// The fields of a class rendered in full: every property, inherited ones
/// first, with flattened key leaves right after the key member they belong to.
fn full_fields<'a>(
    view: &ModelView<'a>,
    class: &'a Class,
    key: Option<&[Selected<'a>]>,
    names: &ClassNames<'a>,
) -> Vec<FieldPlan<'a>> {
    let flats: Vec<&KeyPath<'a>> = key
        .unwrap_or_default()
        .iter()
        .filter_map(|s| match s {
            Selected::Flat(path) => Some(path),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for property in view.all_properties(class) {
        out.push(names.field(FieldSource::Property(property)));
        for path in flats
            .iter()
            .filter(|p| p.first().is_some_and(|m| m.iri == property.iri))
        {
            out.push(names.field(FieldSource::KeyLeaf((*path).clone())));
        }
    }
    out
}

/// The fields of an entity stub: those its key selects, then the ones the
/// root model adds to the class.
fn stub_fields<'a>(
    view: &ModelView<'a>,
    class: &'a Class,
    key: &[Selected<'a>],
    names: &ClassNames<'a>,
) -> Vec<FieldPlan<'a>> {
    stub_sources(view, class, key)
        .into_iter()
        .map(|source| names.field(source))
        .collect()
}

fn stub_sources<'a>(
    view: &ModelView<'a>,
    class: &'a Class,
    key: &[Selected<'a>],
) -> Vec<FieldSource<'a>> {
    let keyed = key.iter().map(|s| match s {
        Selected::Field(p) | Selected::Nested(p, _) => FieldSource::Property(p),
        Selected::Flat(path) => FieldSource::KeyLeaf(path.clone()),
    });
    keyed
        .chain(
            view.extension_properties(class)
                .into_iter()
                .map(FieldSource::Property),
        )
        .collect()
}

/// The field names of one class: its properties' (inherited ones named as in
/// the parent) and, in Federation, its flattened key leaves'.
#[derive(Debug, Clone)]
pub(crate) struct ClassNames<'a> {
    scope: Names,
    properties: BTreeMap<&'a str, String>,
    leaves: BTreeMap<Vec<&'a str>, String>,
}

impl<'a> ClassNames<'a> {
    fn field(&self, source: FieldSource<'a>) -> FieldPlan<'a> {
        let name = match &source {
            FieldSource::Property(p) => self.properties.get(p.iri.as_str()),
            FieldSource::KeyLeaf(path) => self.leaves.get(&path_iris(path)),
        };
        // Every field of the class was named when the class was; the
        // fallback only keeps this total.
        let name = name.cloned().unwrap_or_else(|| {
            source
                .leaf()
                .map_or_else(String::new, |p| local_name(&p.iri).to_owned())
        });
        FieldPlan { name, source }
    }
}

/// Field names of every class seen so far, by class IRI.
#[derive(Debug, Default)]
struct FieldNames<'a> {
    classes: BTreeMap<&'a str, ClassNames<'a>>,
}

impl<'a> FieldNames<'a> {
    /// Names the fields of `class`, after those of its ancestors.
    fn of(
        &mut self,
        view: &ModelView<'a>,
        class: &'a Class,
        federation: bool,
        key_trees: &mut KeyTrees<'a>,
    ) -> Result<&ClassNames<'a>, GraphqlError> {
        let mut lineage = view.ancestors(class);
        lineage.reverse();
        lineage.push(class);
        let mut inherited: Option<ClassNames<'a>> = None;
        for level in lineage {
            if let Some(known) = self.classes.get(level.iri.as_str()) {
                inherited = Some(known.clone());
                continue;
            }
            let mut names = inherited.take().unwrap_or_else(|| ClassNames {
                scope: Names::new(&[], false),
                properties: BTreeMap::new(),
                leaves: BTreeMap::new(),
            });
            let declared = view.declared_properties(level);
            let (owned, added): (Vec<&Property>, Vec<&Property>) = declared
                .into_iter()
                .partition(|p| level.properties.contains(&p.iri));
            for property in owned {
                let name = names
                    .scope
                    .claim(&wanted(local_name(&property.iri)), Case::Camel);
                names.properties.insert(property.iri.as_str(), name);
            }
            if federation && !level.primary_key.is_empty() {
                let tree = key_trees.of(view, level)?;
                for selected in keys::selection(&tree, &|c| is_interface_in_owner(view, c)) {
                    if let Selected::Flat(path) = selected {
                        let name = names.scope.claim(&path_name(&path), Case::Camel);
                        names.leaves.insert(path_iris(&path), name);
                    }
                }
            }
            for property in added {
                let name = names
                    .scope
                    .claim(&wanted(local_name(&property.iri)), Case::Camel);
                names.properties.insert(property.iri.as_str(), name);
            }
            self.classes.insert(level.iri.as_str(), names.clone());
            inherited = Some(names);
        }
        self.classes
            .get(class.iri.as_str())
            .ok_or_else(|| GraphqlError::unknown_class(&class.iri))
    }
}

fn path_iris<'a>(path: &[&'a Property]) -> Vec<&'a str> {
    path.iter().map(|p| p.iri.as_str()).collect()
}

/// The name wanted for a key leaf: its path's local names, joined.
fn path_name(path: &[&Property]) -> String {
    let parts: Vec<&str> = path.iter().map(|p| local_name(&p.iri)).collect();
    wanted(&parts.join("_"))
}

/// A local name with something to make a name of: a name with no ASCII
/// letter or digit would shrink to `_`, and its collision-free variants would
/// start with the reserved `__`.
fn wanted(local: &str) -> String {
    if local.chars().any(|c| c.is_ascii_alphanumeric()) {
        local.to_owned()
    } else {
        "unnamed".to_owned()
    }
}

/// An English plural, good enough for list field names (`allCharacters`,
/// `allDocumentaries`, `allAddresses`); a word already ending in `s` (`Series`)
/// is kept as it is.
fn plural(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let consonant_y = name.strip_suffix(['y', 'Y']).filter(|stem| {
        stem.chars()
            .last()
            .is_some_and(|c| !"aeiouAEIOU".contains(c))
    });
    if ["ss", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{name}es")
    } else if lower.ends_with('s') {
        name.to_owned()
    } else if let Some(stem) = consonant_y {
        format!("{stem}ies")
    } else {
        format!("{name}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        for (one, many) in [
            ("Character", "Characters"),
            ("Documentary", "Documentaries"),
            ("Day", "Days"),
            ("Address", "Addresses"),
            ("Series", "Series"),
            ("Box", "Boxes"),
            ("Match", "Matches"),
            ("Y", "Ys"),
        ] {
            assert_eq!(plural(one), many);
        }
    }

    #[test]
    fn names_never_start_with_two_underscores() {
        assert_eq!(wanted("--"), "unnamed");
        assert_eq!(wanted("é"), "unnamed");
        assert_eq!(wanted("__typename"), "__typename");
        let mut names = Names::new(&[], false);
        assert_eq!(names.claim(&wanted("__typename"), Case::Camel), "typename");
    }
}
