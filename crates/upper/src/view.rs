//! A set of typed domain models, and the resolved view of one model with its imports.
//!
//! A [`ModelView`] is what projections work from: the root model, every model
//! it imports transitively (and Upper, which every model imports implicitly),
//! and answers to the questions a projection asks: what are the properties of
//! this class (own, added by extensions, inherited), what is its key, what
//! does this relationship point at, what is the built-in base of this datatype.

use crate::model::*;
use crate::{vocab, Builtin};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::Arc;

/// Domain models by IRI.
#[derive(Debug, Clone, Default)]
pub struct ModelSet {
    models: BTreeMap<String, Arc<DomainModel>>,
}

impl ModelSet {
    pub fn new(models: impl IntoIterator<Item = DomainModel>) -> Self {
        Self {
            models: models
                .into_iter()
                .map(|m| (m.iri.clone(), Arc::new(m)))
                .collect(),
        }
    }

    pub fn insert(&mut self, model: DomainModel) {
        self.models.insert(model.iri.clone(), Arc::new(model));
    }

    pub fn get(&self, iri: &str) -> Option<&Arc<DomainModel>> {
        self.models.get(iri)
    }

    /// The model whose `upper:domain` is `domain`.
    pub fn by_domain(&self, domain: &str) -> Option<&Arc<DomainModel>> {
        self.models.values().find(|m| m.domain == domain)
    }

    /// The model with IRI `name`, or whose `upper:domain` is `name`.
    pub fn find(&self, name: &str) -> Option<&Arc<DomainModel>> {
        self.get(name).or_else(|| self.by_domain(name))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<DomainModel>> {
        self.models.values()
    }

    /// IRIs of the models `iri` imports, transitively, in breadth-first order
    /// (sorted within a level), without `iri` itself. Missing imports are skipped.
    pub fn import_closure(&self, iri: &str) -> Vec<String> {
        let mut seen = BTreeSet::from([iri.to_owned()]);
        let mut order = Vec::new();
        let mut queue = VecDeque::from([iri.to_owned()]);
        while let Some(next) = queue.pop_front() {
            let Some(model) = self.models.get(&next) else {
                continue;
            };
            let mut imports = model.imports.clone();
            if next != vocab::MODEL {
                imports.push(vocab::MODEL.to_owned());
            }
            imports.sort();
            for import in imports {
                if self.models.contains_key(&import) && seen.insert(import.clone()) {
                    order.push(import.clone());
                    queue.push_back(import);
                }
            }
        }
        order
    }

    /// The view of model `iri` with its imports resolved.
    pub fn view(&self, iri: &str) -> Option<ModelView<'_>> {
        let root = self.models.get(iri)?;
        let models: Vec<&DomainModel> = std::iter::once(root.as_ref())
            .chain(
                self.import_closure(iri)
                    .iter()
                    .filter_map(|i| self.models.get(i).map(Arc::as_ref)),
            )
            .collect();
        Some(ModelView::new(models))
    }
}

/// What a relationship points at.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Class(&'a Class),
    Enumeration(&'a Enumeration),
}

/// A datatype resolved to its built-in base, with the domain datatype when there is one.
#[derive(Debug, Clone, Copy)]
pub struct ResolvedDatatype<'a> {
    pub builtin: Builtin,
    pub domain: Option<&'a Datatype>,
}

/// One model with its imports resolved. See the module documentation.
#[derive(Debug, Clone)]
pub struct ModelView<'a> {
    models: Vec<&'a DomainModel>,
    owners: HashMap<&'a str, &'a DomainModel>,
    class_properties: HashMap<&'a str, BTreeSet<&'a str>>,
    children: HashMap<&'a str, Vec<&'a Class>>,
}

impl<'a> ModelView<'a> {
    /// `models[0]` is the root; the others are its imports.
    pub fn new(models: Vec<&'a DomainModel>) -> Self {
        let mut owners = HashMap::new();
        let mut class_properties: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        let mut children: HashMap<&str, Vec<&Class>> = HashMap::new();
        // Later models are imports; the first definition seen wins, so the
        // root's own terms are found in the root.
        for model in models.iter().rev() {
            let terms = model
                .classes
                .keys()
                .chain(model.enumerations.keys())
                .chain(model.properties.keys())
                .chain(model.datatypes.keys())
                .chain(
                    model
                        .enumerations
                        .values()
                        .flat_map(|e| e.values.iter().map(|v| &v.iri)),
                );
            for term in terms {
                owners.insert(term.as_str(), *model);
            }
        }
        for model in &models {
            for class in model.classes.values() {
                class_properties
                    .entry(class.iri.as_str())
                    .or_default()
                    .extend(class.properties.iter().map(String::as_str));
                if let Some(parent) = &class.parent {
                    children.entry(parent.as_str()).or_default().push(class);
                }
            }
            for extension in &model.extensions {
                class_properties
                    .entry(extension.class.as_str())
                    .or_default()
                    .insert(extension.property.as_str());
            }
        }
        for list in children.values_mut() {
            list.sort_by(|a, b| a.iri.cmp(&b.iri));
            list.dedup_by(|a, b| a.iri == b.iri);
        }
        Self {
            models,
            owners,
            class_properties,
            children,
        }
    }

    /// The model this view is of.
    pub fn root(&self) -> &'a DomainModel {
        self.models[0]
    }

    /// The root followed by every model it imports, transitively.
    pub fn models(&self) -> &[&'a DomainModel] {
        &self.models
    }

    /// The model that defines the term `iri`.
    pub fn owner(&self, iri: &str) -> Option<&'a DomainModel> {
        self.owners.get(iri).copied()
    }

    /// Whether the term `iri` is defined by the root model.
    pub fn is_own(&self, iri: &str) -> bool {
        self.owner(iri)
            .is_some_and(|m| std::ptr::eq(m, self.root()))
    }

    pub fn class(&self, iri: &str) -> Option<&'a Class> {
        self.owner(iri)?.classes.get(iri)
    }

    pub fn enumeration(&self, iri: &str) -> Option<&'a Enumeration> {
        self.owner(iri)?.enumerations.get(iri)
    }

    pub fn property(&self, iri: &str) -> Option<&'a Property> {
        self.owner(iri)?.properties.get(iri)
    }

    /// Every class of every model in the view, sorted by IRI.
    pub fn classes(&self) -> Vec<&'a Class> {
        let mut all: Vec<&Class> = self
            .models
            .iter()
            .flat_map(|m| m.classes.values())
            .collect();
        all.sort_by(|a, b| a.iri.cmp(&b.iri));
        all.dedup_by(|a, b| a.iri == b.iri);
        all
    }

    /// Every enumeration of every model in the view, sorted by IRI.
    pub fn enumerations(&self) -> Vec<&'a Enumeration> {
        let mut all: Vec<&Enumeration> = self
            .models
            .iter()
            .flat_map(|m| m.enumerations.values())
            .collect();
        all.sort_by(|a, b| a.iri.cmp(&b.iri));
        all.dedup_by(|a, b| a.iri == b.iri);
        all
    }

    /// What relationship `property` points at; `None` for attributes and dangling targets.
    pub fn target(&self, property: &Property) -> Option<Target<'a>> {
        let PropertyKind::Relationship { class } = &property.kind else {
            return None;
        };
        self.class(class)
            .map(Target::Class)
            .or_else(|| self.enumeration(class).map(Target::Enumeration))
    }

    /// The datatype of attribute `property`, resolved to its built-in base.
    pub fn datatype(&self, property: &Property) -> Option<ResolvedDatatype<'a>> {
        let PropertyKind::Attribute { datatype } = &property.kind else {
            return None;
        };
        self.resolve_datatype(datatype)
    }

    /// Resolves a datatype IRI (built-in or a domain datatype in the view).
    pub fn resolve_datatype(&self, iri: &str) -> Option<ResolvedDatatype<'a>> {
        if let Some(builtin) = Builtin::from_iri(iri) {
            return Some(ResolvedDatatype {
                builtin,
                domain: None,
            });
        }
        let domain = self.owner(iri)?.datatypes.get(iri)?;
        Some(ResolvedDatatype {
            builtin: domain.base,
            domain: Some(domain),
        })
    }

    /// The properties declared on `class` itself (by its model, or added to it
    /// by any model in the view), not inherited ones: key members first, in
    /// key order, then the others by IRI.
    pub fn declared_properties(&self, class: &Class) -> Vec<&'a Property> {
        let key = &class.primary_key;
        let mut props: Vec<&Property> = self
            .class_properties
            .get(class.iri.as_str())
            .into_iter()
            .flatten()
            .filter_map(|p| self.property(p))
            .collect();
        props.sort_by_key(|p| {
            (
                key.iter().position(|k| *k == p.iri).unwrap_or(usize::MAX),
                p.iri.as_str(),
            )
        });
        props
    }

    /// Every property of `class`, inherited ones first (from the root of the
    /// taxonomy down), key members first within each level.
    pub fn all_properties(&self, class: &Class) -> Vec<&'a Property> {
        let mut lineage = self.ancestors(class);
        lineage.reverse();
        let mut seen = BTreeSet::new();
        lineage
            .into_iter()
            .flat_map(|c| self.declared_properties(c))
            .chain(self.declared_properties(class))
            .filter(|p| seen.insert(p.iri.as_str()))
            .collect()
    }

    /// The properties added to `class` by the root model (extension), sorted by IRI.
    pub fn extension_properties(&self, class: &Class) -> Vec<&'a Property> {
        let mut props: Vec<&Property> = self
            .root()
            .extensions
            .iter()
            .filter(|e| e.class == class.iri)
            .filter_map(|e| self.property(&e.property))
            .collect();
        props.sort_by(|a, b| a.iri.cmp(&b.iri));
        props.dedup_by(|a, b| a.iri == b.iri);
        props
    }

    /// Classes of imported models that the root model extends, sorted by IRI.
    pub fn extended_classes(&self) -> Vec<&'a Class> {
        let iris: BTreeSet<&str> = self
            .root()
            .extensions
            .iter()
            .map(|e| e.class.as_str())
            .collect();
        iris.into_iter().filter_map(|i| self.class(i)).collect()
    }

    /// The class's primary key, own or inherited from its nearest keyed ancestor.
    pub fn primary_key(&self, class: &Class) -> Vec<&'a Property> {
        std::iter::once(class)
            .chain(self.ancestors(class))
            .find(|c| !c.primary_key.is_empty())
            .map(|c| {
                c.primary_key
                    .iter()
                    .filter_map(|p| self.property(p))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn parent(&self, class: &Class) -> Option<&'a Class> {
        class.parent.as_deref().and_then(|p| self.class(p))
    }

    /// Ancestors, nearest first. Stops at a cycle.
    pub fn ancestors(&self, class: &Class) -> Vec<&'a Class> {
        let mut out: Vec<&Class> = Vec::new();
        let mut next = self.parent(class);
        while let Some(c) = next {
            if c.iri == class.iri || out.iter().any(|o| o.iri == c.iri) {
                break;
            }
            out.push(c);
            next = self.parent(c);
        }
        out
    }

    /// Direct subclasses, sorted by IRI.
    pub fn children(&self, class: &Class) -> &[&'a Class] {
        self.children
            .get(class.iri.as_str())
            .map_or(&[], Vec::as_slice)
    }

    /// All subclasses, transitively, sorted by IRI.
    pub fn descendants(&self, class: &Class) -> Vec<&'a Class> {
        let mut out: BTreeMap<&str, &Class> = BTreeMap::new();
        let mut stack: Vec<&Class> = self.children(class).to_vec();
        while let Some(c) = stack.pop() {
            if c.iri != class.iri && out.insert(c.iri.as_str(), c).is_none() {
                stack.extend(self.children(c));
            }
        }
        out.into_values().collect()
    }
}
