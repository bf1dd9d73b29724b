//! Protobuf names: a package and a file per domain model, and valid,
//! collision-free names for every type of a package, handed out from that
//! package's model alone in a fixed order, so that a model and the models
//! importing it agree on its types' names without seeing each other's output.

use std::collections::{BTreeMap, BTreeSet};
use uda_projection::{package_name, Case, Names};
use uda_upper::{local_name, Class, ClassKind, DomainModel, ModelView};

/// The types a domain term gives rise to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// The message of a class, or the enum of an enumeration.
    Own,
    /// The key message of a class that declares a primary key.
    Key,
    /// The oneof message of a nested class with subclasses.
    Choice,
    /// The root model's extension message of a class it imports.
    Extension,
    /// The package's `LangString` message (keyed by `rdf:langString`).
    LangString,
}

/// Every name of one projection.
#[derive(Debug)]
pub struct Naming {
    packages: BTreeMap<String, String>,
    /// One scope per package: type names and enum value names (proto3 enum
    /// values are siblings of their enum, so they share the package's scope).
    /// No word is reserved: type names are PascalCase, and the scalar types
    /// (`string`, `bytes`...), the only words a type name could clash with,
    /// are lower case.
    scopes: BTreeMap<String, Names>,
    types: BTreeMap<(Role, String), (String, String)>,
}

impl Naming {
    pub fn new(view: &ModelView<'_>) -> Self {
        let mut naming = Self {
            packages: BTreeMap::new(),
            scopes: BTreeMap::new(),
            types: BTreeMap::new(),
        };
        for model in view.models() {
            let package = package_of(model);
            naming.packages.insert(model.iri.clone(), package.clone());
            for iri in model.classes.keys().chain(model.enumerations.keys()) {
                naming.claim(Role::Own, iri, &package, local_name(iri));
            }
            // Key and choice names after every own name, so a class that
            // happens to be called `WorkKey` keeps its name.
            for class in model.classes.values() {
                if let Some(role) = derived_role(view, class) {
                    let own = naming.name(Role::Own, &class.iri).unwrap_or_default();
                    let suffix = if role == Role::Key { "Key" } else { "Choice" };
                    naming.claim(role, &class.iri, &package, &format!("{own}{suffix}"));
                }
            }
        }
        let root = view.root();
        let package = naming.package(root);
        for class in view.extended_classes() {
            let own = naming.name(Role::Own, &class.iri).unwrap_or_default();
            let wanted = format!("{own}_{}", root.domain);
            naming.claim(Role::Extension, &class.iri, &package, &wanted);
        }
        naming.claim(
            Role::LangString,
            uda_upper::Builtin::LangString.iri(),
            &package,
            "LangString",
        );
        naming
    }

    fn claim(&mut self, role: Role, iri: &str, package: &str, wanted: &str) {
        let scope = self
            .scopes
            .entry(package.to_owned())
            .or_insert_with(|| Names::new(&[], false));
        let name = scope.claim(wanted, Case::Pascal);
        self.types
            .insert((role, iri.to_owned()), (package.to_owned(), name));
    }

    /// The package of `model`.
    pub fn package(&self, model: &DomainModel) -> String {
        self.packages
            .get(&model.iri)
            .cloned()
            .unwrap_or_else(|| package_of(model))
    }

    /// The simple name of the type `iri` gives rise to in `role`.
    pub fn name(&self, role: Role, iri: &str) -> Option<String> {
        self.types
            .get(&(role, iri.to_owned()))
            .map(|(_, n)| n.clone())
    }

    /// The package and simple name of the type `iri` gives rise to in `role`.
    pub fn qualified(&self, role: Role, iri: &str) -> Option<(&str, &str)> {
        self.types
            .get(&(role, iri.to_owned()))
            .map(|(p, n)| (p.as_str(), n.as_str()))
    }

    /// A name for a value of the enum `enum_name` in `package`, prefixed by
    /// the enum's name as the style guide asks (`GENRE_DRAMA`). Claimed
    /// after every type name, in the enum's own package.
    pub fn enum_value(&mut self, package: &str, enum_name: &str, value: &str) -> String {
        let scope = self
            .scopes
            .entry(package.to_owned())
            .or_insert_with(|| Names::new(&[], false));
        scope.claim(&format!("{enum_name}_{value}"), Case::ScreamingSnake)
    }
}

/// The field names of one message: snake_case, unique, and unique in JSON
/// too, as proto3 requires: protoc refuses two fields whose JSON names
/// (`foo_bar` → `fooBar`) are equal ignoring case, such as `foo_bar` and
/// `foobar`, or `x_2` and `x2`.
#[derive(Debug)]
pub struct FieldNames {
    names: Names,
    json: BTreeSet<String>,
}

impl FieldNames {
    pub fn new() -> Self {
        Self {
            names: Names::new(&[], false),
            json: BTreeSet::new(),
        }
    }

    /// A field name for `wanted`.
    pub fn claim(&mut self, wanted: &str) -> String {
        let mut name = self.names.claim(wanted, Case::Snake);
        // Each claim hands out a name not given before, so this ends.
        while !self.json.insert(name.replace('_', "").to_lowercase()) {
            name = self.names.claim(&name, Case::Snake);
        }
        name
    }
}

/// The derived type a class has besides its own message: a key message when
/// it declares a primary key, a choice when it is nested and has subclasses.
pub fn derived_role(view: &ModelView<'_>, class: &Class) -> Option<Role> {
    match class.kind {
        ClassKind::Direct if !class.primary_key.is_empty() => Some(Role::Key),
        ClassKind::Nested if choice(view, class).len() > 1 => Some(Role::Choice),
        _ => None,
    }
}

/// A nested class and its subclasses of the same model: the members of its
/// choice message. Subclasses another model adds are left out, as the
/// class's own file, which defines the choice, knows nothing of them.
pub fn choice<'a>(view: &ModelView<'a>, class: &'a Class) -> Vec<&'a Class> {
    let owner = view.owner(&class.iri).map(|m| m.iri.as_str());
    std::iter::once(class)
        .chain(
            view.descendants(class)
                .into_iter()
                .filter(|c| view.owner(&c.iri).map(|m| m.iri.as_str()) == owner),
        )
        .collect()
}

/// The file of a model's package: its domain, e.g. `studio.proto`.
pub fn file_name(model: &DomainModel) -> String {
    format!(
        "{}.proto",
        uda_projection::Names::new(&[], false).claim(&model.domain, Case::Snake)
    )
}

fn package_of(model: &DomainModel) -> String {
    package_name(&model.iri, &model.domain)
}
