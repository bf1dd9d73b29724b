//! Avro names: one namespace per domain model, and valid, collision-free
//! names for every named type of the view, handed out up front in a fixed
//! order, so that a type's name never depends on which types a model uses.

use std::collections::BTreeMap;
use uda_projection::{package_name, Case, Names};
use uda_upper::{local_name, vocab, Builtin, Class, ClassKind, DomainModel, ModelView};

/// Avro's primitive type names may not name a named type (specification, "Names").
const RESERVED: &[&str] = &[
    "null", "boolean", "int", "long", "float", "double", "bytes", "string",
];

/// The named types a domain term gives rise to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    /// The record of a class, or the enum of an enumeration.
    Own,
    /// The reference record of a class that declares a primary key.
    Reference,
    /// The root model's extension record of a class it imports.
    Extension,
    /// The `LangString` record of `rdf:langString` (keyed by that IRI).
    LangString,
}

/// A namespace-qualified Avro name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FullName {
    pub namespace: String,
    pub name: String,
}

impl FullName {
    pub fn full(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
}

/// Every name of one projection.
#[derive(Debug)]
pub struct Naming {
    namespaces: BTreeMap<String, String>,
    scopes: BTreeMap<String, Names>,
    types: BTreeMap<(Role, String), FullName>,
}

impl Naming {
    pub fn new(view: &ModelView<'_>) -> Self {
        let mut naming = Self {
            namespaces: BTreeMap::new(),
            scopes: BTreeMap::new(),
            types: BTreeMap::new(),
        };
        for model in view.models() {
            let namespace = namespace_of(model);
            naming
                .namespaces
                .insert(model.iri.clone(), namespace.clone());
            for iri in model.classes.keys().chain(model.enumerations.keys()) {
                naming.name(Role::Own, iri, &namespace, local_name(iri));
            }
        }
        // Reference and extension names come after every record name, so a
        // class that happens to be called `WorkRef` keeps its name.
        for model in view.models() {
            for class in model.classes.values() {
                if class.kind == ClassKind::Direct && !class.primary_key.is_empty() {
                    naming.reference(class, model);
                }
            }
        }
        for class in view.extended_classes() {
            let owner = view.owner(&class.iri).unwrap_or(view.root());
            naming.extension(class, owner, view.root());
        }
        naming.lang_string();
        naming
    }

    /// The namespace of `model`.
    pub fn namespace(&self, model: &DomainModel) -> String {
        self.namespaces
            .get(&model.iri)
            .cloned()
            .unwrap_or_else(|| namespace_of(model))
    }

    /// The name of the type `iri` gives rise to in `role`, claiming
    /// `wanted` in `namespace` the first time.
    fn name(&mut self, role: Role, iri: &str, namespace: &str, wanted: &str) -> FullName {
        if let Some(full) = self.types.get(&(role, iri.to_owned())) {
            return full.clone();
        }
        let scope = self
            .scopes
            .entry(namespace.to_owned())
            .or_insert_with(|| Names::new(RESERVED, false));
        let full = FullName {
            namespace: namespace.to_owned(),
            name: scope.claim(wanted, Case::Pascal),
        };
        self.types.insert((role, iri.to_owned()), full.clone());
        full
    }

    /// The record of class or the enum of enumeration `iri`, owned by `model`.
    pub fn own(&mut self, iri: &str, model: &DomainModel) -> FullName {
        let namespace = self.namespace(model);
        self.name(Role::Own, iri, &namespace, local_name(iri))
    }

    /// The reference record of `class` of `model` (a class that declares a
    /// key): `{Record}Ref` in the class's namespace.
    pub fn reference(&mut self, class: &Class, model: &DomainModel) -> FullName {
        let own = self.own(&class.iri, model);
        self.name(
            Role::Reference,
            &class.iri,
            &own.namespace,
            &format!("{}_ref", own.name),
        )
    }

    /// The extension record of `class` (of model `owner`) by `root`:
    /// `{Record}{Domain}` in the root's namespace.
    pub fn extension(
        &mut self,
        class: &Class,
        owner: &DomainModel,
        root: &DomainModel,
    ) -> FullName {
        let own = self.own(&class.iri, owner);
        let namespace = self.namespace(root);
        self.name(
            Role::Extension,
            &class.iri,
            &namespace,
            &format!("{}_{}", own.name, root.domain),
        )
    }

    /// The record of `rdf:langString` values, in Upper's namespace (the
    /// model that defines the built-in datatypes).
    pub fn lang_string(&mut self) -> FullName {
        let namespace = package_name(vocab::MODEL, "upper");
        self.name(
            Role::LangString,
            Builtin::LangString.iri(),
            &namespace,
            "LangString",
        )
    }
}

fn namespace_of(model: &DomainModel) -> String {
    package_name(&model.iri, &model.domain)
}
