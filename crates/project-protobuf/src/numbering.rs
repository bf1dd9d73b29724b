//! Field and enum value numbers that stay the same across versions of a
//! model: read from the mappings the projection recorded for the version
//! before, kept for every member still there, never given again once
//! retired (reserved instead), new ones above every number ever used.
//!
//! A member is identified by the domain term it realizes (the property of a
//! field, the enumeration value of an enum value, the class of a oneof
//! member), never by its generated name, so renaming rules can change
//! without renumbering; a member that realizes nothing (`LangString.value`)
//! is identified by its name. A type is identified by its container
//! element's IRI, which its name gives.

use crate::error::ProtobufError;
use crate::vocab::{self, map};
use oxrdf::{Graph, NamedNodeRef, TermRef};
use std::collections::{BTreeSet, HashMap};

/// The largest field number (2^29 - 1).
pub const MAX_FIELD: u32 = 536_870_911;
/// The largest enum value number.
pub const MAX_ENUM_VALUE: u32 = i32::MAX as u32;
/// Field numbers the Protobuf implementation reserves for itself.
const IMPLEMENTATION_RESERVED: std::ops::RangeInclusive<u32> = 19_000..=19_999;

/// What the earlier version recorded about one message or enum.
#[derive(Debug, Default)]
struct Earlier {
    /// Number and name of each member, by its identity.
    members: HashMap<String, (u32, String)>,
    reserved_numbers: BTreeSet<u32>,
    reserved_names: BTreeSet<String>,
}

/// The numbers the earlier version of a model gave, by type.
#[derive(Debug, Default)]
pub struct Numbering {
    types: HashMap<String, Earlier>,
}

/// A member to number: its identity and its name in this version.
pub struct Member<'m> {
    pub identity: &'m str,
    pub name: &'m str,
}

/// The numbers of one type's members, in their order, and what it reserves.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Allocation {
    pub numbers: Vec<u32>,
    pub reserved_numbers: BTreeSet<u32>,
    pub reserved_names: BTreeSet<String>,
}

/// Which kind of type is numbered: their ranges differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Fields: 1 to [`MAX_FIELD`], but 19000 to 19999.
    Message,
    /// Values: 0 is the unspecified value, the others 1 to [`MAX_ENUM_VALUE`].
    Enum,
}

impl Numbering {
    /// What `earlier` (a mappings graph, possibly holding other targets'
    /// mapping sets) recorded for the Protobuf container rooted at `schema`.
    /// Only elements of that container are read; anything else is ignored,
    /// and no earlier graph numbers from scratch.
    pub fn read(earlier: Option<&Graph>, schema: &str) -> Self {
        let mut numbering = Self::default();
        let Some(graph) = earlier else {
            return numbering;
        };
        let schema = NamedNodeRef::new_unchecked(schema);
        let recorded = graph
            .subjects_for_predicate_object(map::CONTAINER, schema)
            .any(|set| {
                graph
                    .objects_for_subject_predicate(set, map::TARGET)
                    .any(|t| literal(t) == Some("protobuf"))
            });
        if !recorded {
            return numbering;
        }
        let base = format!("{}/", schema.as_str().trim_end_matches("/schema"));
        let ours = |iri: &str| iri.starts_with(&base);
        // What each member realizes: its identity.
        let mut realizes: HashMap<&str, &str> = HashMap::new();
        for t in graph.triples_for_predicate(map::REALIZED_BY) {
            if let (oxrdf::NamedOrBlankNodeRef::NamedNode(term), TermRef::NamedNode(element)) =
                (t.subject, t.object)
            {
                if ours(element.as_str()) {
                    let entry = realizes.entry(element.as_str()).or_insert(term.as_str());
                    *entry = (*entry).min(term.as_str());
                }
            }
        }
        for t in graph.triples_for_predicate(vocab::NUMBER) {
            let oxrdf::NamedOrBlankNodeRef::NamedNode(member) = t.subject else {
                continue;
            };
            let (Some(number), true) = (number(t.object), ours(member.as_str())) else {
                continue;
            };
            // A graph written by hand may say more than one: the least is
            // taken, so that the outcome does not depend on the graph's order.
            let parent = graph
                .objects_for_subject_predicate(member, map::PART_OF)
                .filter_map(|t| match t {
                    TermRef::NamedNode(n) => Some(n.as_str()),
                    _ => None,
                })
                .min();
            let name = graph
                .objects_for_subject_predicate(member, map::NAME)
                .filter_map(literal)
                .min();
            let (Some(parent), Some(name)) = (parent, name) else {
                continue;
            };
            let identity = realizes.get(member.as_str()).copied().unwrap_or(name);
            let members = &mut numbering
                .types
                .entry(parent.to_owned())
                .or_default()
                .members;
            let recorded = members
                .entry(identity.to_owned())
                .or_insert((number, name.to_owned()));
            if number < recorded.0 {
                *recorded = (number, name.to_owned());
            }
        }
        for t in graph.triples_for_predicate(vocab::RESERVED_NUMBER) {
            if let (oxrdf::NamedOrBlankNodeRef::NamedNode(owner), Some(n)) =
                (t.subject, number(t.object))
            {
                if ours(owner.as_str()) {
                    let earlier = numbering.types.entry(owner.as_str().to_owned());
                    earlier.or_default().reserved_numbers.insert(n);
                }
            }
        }
        for t in graph.triples_for_predicate(vocab::RESERVED_NAME) {
            if let (oxrdf::NamedOrBlankNodeRef::NamedNode(owner), Some(name)) =
                (t.subject, literal(t.object))
            {
                if ours(owner.as_str()) {
                    let earlier = numbering.types.entry(owner.as_str().to_owned());
                    earlier.or_default().reserved_names.insert(name.to_owned());
                }
            }
        }
        numbering
    }

    /// Numbers the members of the type whose element is `element` (named
    /// `name` in errors): a member the earlier version had keeps its number;
    /// a new one takes the next number above every number the type ever
    /// used; an earlier member now gone has its number reserved, and its
    /// name too unless a member of this version has it.
    pub fn allocate(
        &self,
        element: &str,
        name: &str,
        kind: Kind,
        members: &[Member<'_>],
    ) -> Result<Allocation, ProtobufError> {
        let empty = Earlier::default();
        let earlier = self.types.get(element).unwrap_or(&empty);
        let max = match kind {
            Kind::Message => MAX_FIELD,
            Kind::Enum => MAX_ENUM_VALUE,
        };
        let highest = earlier
            .members
            .values()
            .map(|(n, _)| *n)
            .chain(earlier.reserved_numbers.iter().copied())
            .max()
            .unwrap_or(0);
        let mut next = highest;
        let mut numbers = Vec::with_capacity(members.len());
        let mut taken = BTreeSet::new();
        // A recorded number is kept if it is one this type may use and no
        // other member took it: mappings edited by hand cannot make two
        // members share a number.
        let usable = |n: u32| {
            n >= 1
                && n <= max
                && !(kind == Kind::Message && IMPLEMENTATION_RESERVED.contains(&n))
                && !earlier.reserved_numbers.contains(&n)
        };
        for member in members {
            let recorded = earlier
                .members
                .get(member.identity)
                .map(|(n, _)| *n)
                .filter(|n| usable(*n) && !taken.contains(n));
            let number = match recorded {
                Some(number) => number,
                None => {
                    next += 1;
                    if kind == Kind::Message && IMPLEMENTATION_RESERVED.contains(&next) {
                        next = IMPLEMENTATION_RESERVED.end() + 1;
                    }
                    if next > max {
                        return Err(ProtobufError::NumbersExhausted {
                            name: name.to_owned(),
                            max,
                        });
                    }
                    next
                }
            };
            taken.insert(number);
            numbers.push(number);
        }
        let current: BTreeSet<&str> = members.iter().map(|m| m.identity).collect();
        let names: BTreeSet<&str> = members.iter().map(|m| m.name).collect();
        let mut allocation = Allocation {
            numbers,
            reserved_numbers: earlier.reserved_numbers.clone(),
            reserved_names: BTreeSet::new(),
        };
        let retired = earlier
            .members
            .iter()
            .filter(|(identity, _)| !current.contains(identity.as_str()));
        let mut retired_names: BTreeSet<&str> =
            earlier.reserved_names.iter().map(String::as_str).collect();
        for (_, (number, name)) in retired {
            if !taken.contains(number) {
                allocation.reserved_numbers.insert(*number);
            }
            retired_names.insert(name);
        }
        allocation.reserved_names = retired_names
            .into_iter()
            .filter(|name| !names.contains(name))
            .map(str::to_owned)
            .collect();
        Ok(allocation)
    }
}

fn literal(term: TermRef<'_>) -> Option<&str> {
    match term {
        TermRef::Literal(l) => Some(l.value()),
        _ => None,
    }
}

fn number(term: TermRef<'_>) -> Option<u32> {
    literal(term).and_then(|v| v.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members<'m>(pairs: &'m [(&'m str, &'m str)]) -> Vec<Member<'m>> {
        pairs
            .iter()
            .map(|(identity, name)| Member { identity, name })
            .collect()
    }

    #[test]
    fn first_version_numbers_from_one_skipping_nothing_below_19000() {
        let numbering = Numbering::default();
        let a = numbering
            .allocate("m", "M", Kind::Message, &members(&[("p", "a"), ("q", "b")]))
            .expect("numbers");
        assert_eq!(a.numbers, [1, 2]);
        assert!(a.reserved_numbers.is_empty() && a.reserved_names.is_empty());
    }

    #[test]
    fn kept_members_keep_numbers_retired_ones_are_reserved() {
        let mut numbering = Numbering::default();
        let earlier = numbering.types.entry("m".to_owned()).or_default();
        earlier.members.insert("p".to_owned(), (1, "a".to_owned()));
        earlier.members.insert("q".to_owned(), (2, "b".to_owned()));
        earlier.reserved_numbers.insert(3);
        earlier.reserved_names.insert("c".to_owned());
        // q removed; r new; a member now named like the retired `c`.
        let a = numbering
            .allocate("m", "M", Kind::Message, &members(&[("r", "c"), ("p", "a")]))
            .expect("numbers");
        assert_eq!(a.numbers, [4, 1]);
        assert_eq!(a.reserved_numbers, BTreeSet::from([2, 3]));
        assert_eq!(a.reserved_names, BTreeSet::from(["b".to_owned()]));
    }

    #[test]
    fn numbers_recorded_twice_or_out_of_range_are_given_anew() {
        let mut numbering = Numbering::default();
        let earlier = numbering.types.entry("m".to_owned()).or_default();
        earlier.members.insert("p".to_owned(), (1, "a".to_owned()));
        earlier.members.insert("q".to_owned(), (1, "b".to_owned()));
        earlier
            .members
            .insert("r".to_owned(), (19_500, "c".to_owned()));
        let a = numbering
            .allocate(
                "m",
                "M",
                Kind::Message,
                &members(&[("p", "a"), ("q", "b"), ("r", "c")]),
            )
            .expect("numbers");
        assert_eq!(a.numbers, [1, 20_000, 20_001]);
        assert!(a.reserved_numbers.is_empty(), "{a:?}");
    }

    #[test]
    fn the_implementation_range_is_skipped_and_the_maximum_enforced() {
        let mut numbering = Numbering::default();
        let earlier = numbering.types.entry("m".to_owned()).or_default();
        earlier.reserved_numbers.insert(18_999);
        let a = numbering
            .allocate("m", "M", Kind::Message, &members(&[("p", "a")]))
            .expect("numbers");
        assert_eq!(a.numbers, [20_000]);
        let full = numbering.types.entry("m".to_owned()).or_default();
        full.reserved_numbers.insert(MAX_FIELD);
        let error = numbering
            .allocate("m", "M", Kind::Message, &members(&[("p", "a")]))
            .expect_err("exhausted");
        assert!(error.to_string().contains("every number"), "{error}");
    }
}
