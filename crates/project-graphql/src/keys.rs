//! Keys as GraphQL sees them: the arguments of a lookup by key, and the field
//! set of a Federation `@key`.
//!
//! A key member that is a relationship is identified by the key of the class
//! it points at, recursively, so every key unfolds into a tree whose leaves
//! are attributes or enumeration-valued relationships.

use crate::GraphqlError;
use std::collections::HashMap;
use std::rc::Rc;
use uda_upper::{Class, ClassKind, ModelView, Property, Target};

/// One member of a key, with the members identifying its target when it is a
/// relationship to a class.
#[derive(Debug, Clone)]
pub(crate) struct KeyMember<'a> {
    pub property: &'a Property,
    /// The target class, for a relationship to a class.
    pub target: Option<&'a Class>,
    /// The target's key tree, shared with every other key that reaches it.
    pub members: Rc<[KeyMember<'a>]>,
}

/// A chain of properties from a class down to a leaf of its key.
pub(crate) type KeyPath<'a> = Vec<&'a Property>;

/// The key trees of the classes of one view, each unfolded once.
///
/// A tree shares the trees of the classes its relationship members point at,
/// so unfolding every key of a model is linear in the model: a key made of
/// two relationships to a class keyed the same way would otherwise be
/// unfolded twice per level (uda-upper bounds how wide and deep keys unfold).
#[derive(Debug, Default)]
pub(crate) struct KeyTrees<'a> {
    trees: HashMap<&'a str, Rc<[KeyMember<'a>]>>,
}

impl<'a> KeyTrees<'a> {
    /// The key of `class` unfolded into a tree. A nested class has no key:
    /// its value is identified by all its single-valued properties. Fails
    /// when a key reaches its own class again through relationships.
    pub fn of(
        &mut self,
        view: &ModelView<'a>,
        class: &'a Class,
    ) -> Result<Rc<[KeyMember<'a>]>, GraphqlError> {
        self.unfold(view, class, &mut Vec::new())
    }

    fn unfold(
        &mut self,
        view: &ModelView<'a>,
        class: &'a Class,
        visiting: &mut Vec<&'a str>,
    ) -> Result<Rc<[KeyMember<'a>]>, GraphqlError> {
        if let Some(tree) = self.trees.get(class.iri.as_str()) {
            return Ok(tree.clone());
        }
        if visiting.contains(&class.iri.as_str()) {
            return Err(GraphqlError::RecursiveKey {
                class: class.iri.clone(),
            });
        }
        visiting.push(&class.iri);
        let members = match class.kind {
            ClassKind::Direct => view.primary_key(class),
            ClassKind::Nested => view
                .all_properties(class)
                .into_iter()
                .filter(|p| !p.is_many())
                .collect(),
        };
        let mut tree = Vec::with_capacity(members.len());
        for property in members {
            let target = match view.target(property) {
                Some(Target::Class(target)) => Some(target),
                Some(Target::Enumeration(_)) => None,
                None if property.is_attribute() => None,
                None => return Err(GraphqlError::unknown_target(property)),
            };
            let members = match target {
                Some(target) => self.unfold(view, target, visiting)?,
                None => Rc::new([]),
            };
            tree.push(KeyMember {
                property,
                target,
                members,
            });
        }
        visiting.pop();
        let tree: Rc<[KeyMember<'a>]> = tree.into();
        self.trees.insert(class.iri.as_str(), tree.clone());
        Ok(tree)
    }
}

/// Every leaf of a key tree, as the path of properties leading to it, in key order.
pub(crate) fn leaves<'a>(tree: &[KeyMember<'a>]) -> Vec<KeyPath<'a>> {
    let mut out = Vec::new();
    for member in tree {
        if member.target.is_none() {
            out.push(vec![member.property]);
        }
        for mut path in leaves(&member.members) {
            path.insert(0, member.property);
            out.push(path);
        }
    }
    out
}

/// One item of a Federation `@key` field set.
#[derive(Debug, Clone)]
pub(crate) enum Selected<'a> {
    /// A field of the entity itself, of a scalar or enum type.
    Field(&'a Property),
    /// A relationship to an object type, selected by that type's own key.
    Nested(&'a Property, Vec<Selected<'a>>),
    /// A leaf reached through a relationship to an interface. Federation
    /// forbids interface-typed fields in `@key`, so the leaf is exposed as a
    /// field of the entity itself.
    Flat(KeyPath<'a>),
}

/// The `@key` field set of a key tree; `is_interface` tells which classes
/// their owners' subgraphs render as interfaces.
pub(crate) fn selection<'a>(
    tree: &[KeyMember<'a>],
    is_interface: &dyn Fn(&Class) -> bool,
) -> Vec<Selected<'a>> {
    let mut out = Vec::new();
    for member in tree {
        match member.target {
            None => out.push(Selected::Field(member.property)),
            Some(target) if is_interface(target) => {
                out.extend(leaves(&member.members).into_iter().map(|mut path| {
                    path.insert(0, member.property);
                    Selected::Flat(path)
                }))
            }
            Some(_) => out.push(Selected::Nested(
                member.property,
                selection(&member.members, is_interface),
            )),
        }
    }
    out
}
