//! How far a class's identity and values unfold once projected, and the
//! bounds the validator puts on it.
//!
//! Projections unfold a key member that is a relationship into the key of the
//! class it points at, recursively (a GraphQL lookup takes one argument per
//! leaf, a SQL foreign key copies one column per leaf), and flatten a nested
//! value into its owner (SQL columns). A class keyed by two relationships to a
//! class keyed the same way doubles the leaves at each level: 32 levels make
//! four billion columns. So the validator measures every class, memoised (each
//! class is measured once: linear in the model), without recursion (a chain of
//! any length cannot overflow the stack), and refuses classes beyond the
//! bounds, before any projection is asked to unfold them.

use crate::model::{Class, ClassKind, Property};
use crate::view::{ModelView, Target};
use std::collections::{HashMap, HashSet};

/// The most leaf values a key may unfold into.
pub(crate) const MAX_KEY_WIDTH: u64 = 64;
/// The most values a nested class may flatten into (SQL columns and child tables).
pub(crate) const MAX_NESTED_WIDTH: u64 = 1024;
/// The most relationships a chain of key members or nested values may go through.
pub(crate) const MAX_DEPTH: u64 = 64;

/// What a class unfolds into: `width` leaf values, through at most `depth`
/// relationships. Both saturate instead of overflowing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Extent {
    pub width: u64,
    pub depth: u64,
}

impl Extent {
    const LEAF: Extent = Extent { width: 1, depth: 0 };

    fn add(self, member: Extent) -> Extent {
        Extent {
            width: self.width.saturating_add(member.width),
            depth: self.depth.max(member.depth),
        }
    }

    /// This extent reached through one more relationship.
    fn deeper(self) -> Extent {
        Extent {
            width: self.width,
            depth: self.depth.saturating_add(1),
        }
    }
}

/// The two measures of one class.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Measures {
    /// What identifies an instance: for a direct class its key (own or
    /// inherited), for a nested class its single-valued properties (the
    /// projections identify a nested value by all of them).
    pub key: Extent,
    /// What a value of a nested class flattens into: every property, a
    /// reference to a direct class counting its key. The key, for a direct class.
    pub value: Extent,
}

/// Memoised measures of the classes of one view.
pub(crate) struct Extents<'v, 'a> {
    view: &'v ModelView<'a>,
    memo: HashMap<&'a str, Measures>,
}

/// A class being measured: the properties its measures sum over, and how many
/// of their targets are measured already.
struct Frame<'a> {
    class: &'a Class,
    members: Vec<&'a Property>,
    next: usize,
}

impl<'v, 'a> Extents<'v, 'a> {
    pub fn new(view: &'v ModelView<'a>) -> Self {
        Self {
            view,
            memo: HashMap::new(),
        }
    }

    /// The class `iri` as the view has it (with the view's lifetime).
    pub fn class(&self, iri: &str) -> Option<&'a Class> {
        self.view.class(iri)
    }

    /// The measures of `class`.
    pub fn of(&mut self, class: &'a Class) -> Measures {
        if let Some(known) = self.memo.get(class.iri.as_str()) {
            return *known;
        }
        // Depth-first, with an explicit stack. A class met again while it is
        // on the stack is a cycle of keys or nested values; the projections
        // refuse it with their own error, so here it counts as nothing.
        let mut on_stack: HashSet<&'a str> = HashSet::from([class.iri.as_str()]);
        let mut stack = vec![self.frame(class)];
        while let Some(top) = stack.last_mut() {
            if let Some(&member) = top.members.get(top.next) {
                top.next += 1;
                if let Some(Target::Class(target)) = self.view.target(member) {
                    if !self.memo.contains_key(target.iri.as_str())
                        && on_stack.insert(target.iri.as_str())
                    {
                        stack.push(self.frame(target));
                    }
                }
                continue;
            }
            if let Some(done) = stack.pop() {
                on_stack.remove(done.class.iri.as_str());
                let measures = self.measure(&done);
                self.memo.insert(done.class.iri.as_str(), measures);
            }
        }
        self.memo
            .get(class.iri.as_str())
            .copied()
            .unwrap_or_default()
    }

    fn frame(&self, class: &'a Class) -> Frame<'a> {
        let members = match class.kind {
            ClassKind::Direct => self.view.primary_key(class),
            ClassKind::Nested => self.view.all_properties(class),
        };
        Frame {
            class,
            members,
            next: 0,
        }
    }

    /// The measures of a class whose targets are all measured (or on the
    /// stack: a cycle, counted as nothing).
    fn measure(&self, frame: &Frame<'a>) -> Measures {
        let mut key = Extent::default();
        let mut value = Extent::default();
        for property in &frame.members {
            let (as_key, as_value) = match self.view.target(property) {
                Some(Target::Class(target)) => {
                    let m = self
                        .memo
                        .get(target.iri.as_str())
                        .copied()
                        .unwrap_or_default();
                    match target.kind {
                        // A reference to a keyed class holds its key.
                        ClassKind::Direct => (m.key.deeper(), m.key.deeper()),
                        ClassKind::Nested => (m.key.deeper(), m.value.deeper()),
                    }
                }
                _ => (Extent::LEAF, Extent::LEAF),
            };
            if frame.class.kind == ClassKind::Direct || !property.is_many() {
                key = key.add(as_key);
            }
            value = value.add(as_value);
        }
        if frame.class.kind == ClassKind::Direct {
            value = key;
        }
        Measures { key, value }
    }
}
