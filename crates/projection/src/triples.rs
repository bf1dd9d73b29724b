//! The triples a projection records, stored compactly.
//!
//! A projection of a large model writes hundreds of thousands of triples
//! and never queries most of them, so they are not put in an indexed
//! [`Graph`] (six B-tree indexes, several microseconds a triple). Every
//! string (IRI, blank node label, literal value, datatype, language) is
//! stored once, triples are numbers referring to them, and the list is
//! sorted and deduplicated once, when the recording is finished.

use oxrdf::{
    BlankNodeRef, Graph, LiteralRef, NamedNodeRef, NamedOrBlankNodeRef, TermRef, TripleRef,
};
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};
use std::ops::Range;

/// A set of triples: what a projection records as its container
/// representation or its mappings.
///
/// Iteration is grouped by subject, subjects in the order their IRIs were
/// first recorded (in any position); it is the same from run to run, but
/// [`write_turtle`] is the canonical text. Build a [`Graph`] with [`Triples::to_graph`] for queries
/// beyond a subject and predicate's objects.
///
/// [`write_turtle`]: crate::write_turtle
#[derive(Clone, Default)]
pub struct Triples {
    strings: Interner,
    entries: Vec<Entry>,
}

/// Strings stored once each, numbered in the order they were first seen, so
/// that the numbers (and the order of triples sorted by them) are the same
/// from run to run.
///
/// The strings are kept one after another in one buffer rather than each in
/// its own allocation: a large projection has hundreds of thousands, and
/// allocating and freeing them was a good part of its time.
#[derive(Debug, Clone)]
struct Interner {
    text: String,
    /// Where each string ends in `text`; it starts where the one before ends.
    ends: Vec<usize>,
    hasher: RandomState,
    /// The first string with each hash...
    by_hash: HashMap<u64, usize, BuildHasherDefault<HashValue>>,
    /// ...and for each string, the next one with the same hash (hardly ever any).
    same_hash: Vec<Option<usize>>,
    /// The number of a string recently seen, in a slot chosen by its length
    /// and last bytes. A projection names the same few predicates, classes
    /// and elements over and over; finding them here spares hashing them.
    recent: [Option<usize>; RECENT],
}

const RECENT_BITS: u32 = 8;
const RECENT: usize = 1 << RECENT_BITS;

impl Default for Interner {
    fn default() -> Self {
        Self {
            text: String::new(),
            ends: Vec::new(),
            hasher: RandomState::new(),
            by_hash: HashMap::default(),
            same_hash: Vec::new(),
            recent: [None; RECENT],
        }
    }
}

impl Interner {
    fn intern(&mut self, s: &str) -> usize {
        let slot = recent_slot(s);
        if let Some(id) = self.recently_seen(slot, s) {
            return id;
        }
        let hash = self.hasher.hash_one(s);
        let first = self.by_hash.get(&hash).copied();
        let id = match self.find(first, s) {
            Some(id) => id,
            None => {
                let id = self.ends.len();
                self.text.push_str(s);
                self.ends.push(self.text.len());
                // A new string goes first in its chain.
                self.same_hash.push(first);
                self.by_hash.insert(hash, id);
                id
            }
        };
        self.recent[slot] = Some(id);
        id
    }

    fn get(&self, s: &str) -> Option<usize> {
        self.recently_seen(recent_slot(s), s).or_else(|| {
            let first = self.by_hash.get(&self.hasher.hash_one(s)).copied();
            self.find(first, s)
        })
    }

    /// The number of `s`, if it is the string last seen in its slot.
    fn recently_seen(&self, slot: usize, s: &str) -> Option<usize> {
        self.recent[slot].filter(|&id| self.is(id, s))
    }

    /// The string equal to `s` in the chain starting at `id`.
    fn find(&self, mut id: Option<usize>, s: &str) -> Option<usize> {
        while let Some(i) = id {
            if self.is(i, s) {
                return Some(i);
            }
            id = self.same_hash[i];
        }
        None
    }

    fn resolve(&self, id: usize) -> &str {
        &self.text[self.range(id)]
    }

    /// Whether the string numbered `id` is `s` (compared as bytes, which
    /// spares checking that the range falls on character boundaries).
    fn is(&self, id: usize, s: &str) -> bool {
        self.text.as_bytes()[self.range(id)] == *s.as_bytes()
    }

    fn range(&self, id: usize) -> Range<usize> {
        let start = id.checked_sub(1).map_or(0, |before| self.ends[before]);
        start..self.ends[id]
    }
}

/// Where [`Interner::intern`] looks first for `s`: a quick mix of its
/// length and last 16 bytes (IRIs share long prefixes and differ at the end).
fn recent_slot(s: &str) -> usize {
    let bytes = s.as_bytes();
    let tail = match bytes.last_chunk::<16>() {
        Some(tail) => u128::from_le_bytes(*tail),
        None => bytes.iter().fold(0, |tail, &b| (tail << 8) | u128::from(b)),
    };
    // Truncations intended: the two halves of the tail, and the top bits of
    // the product (the best mixed) as the slot.
    let mixed = (tail as u64) ^ ((tail >> 64) as u64) ^ (bytes.len() as u64);
    (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - RECENT_BITS)) as usize
}

/// Hashes a `u64` that is a hash already (of a string, keyed) to itself.
#[derive(Default)]
struct HashValue(u64);

impl Hasher for HashValue {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A subject: the number of its IRI or blank node label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Node {
    Iri(usize),
    Blank(usize),
}

/// An object, by the numbers of its strings: equal terms have equal numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Object {
    Iri(usize),
    Blank(usize),
    Literal { value: usize, datatype: usize },
    LanguageTagged { value: usize, language: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    subject: Node,
    predicate: usize,
    object: Object,
}

impl Triples {
    /// The triples, grouped by subject.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            triples: self,
            entries: self.entries.iter(),
        }
    }

    /// The number of (distinct) triples.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether the set holds `triple`.
    pub fn contains<'a>(&self, triple: impl Into<TripleRef<'a>>) -> bool {
        entry(triple.into(), |s| self.strings.get(s))
            .is_some_and(|e| self.entries.binary_search(&e).is_ok())
    }

    /// The objects of the triples with this subject and predicate.
    pub fn objects_for_subject_predicate<'a, 'b>(
        &'a self,
        subject: impl Into<NamedOrBlankNodeRef<'b>>,
        predicate: impl Into<NamedNodeRef<'b>>,
    ) -> impl Iterator<Item = TermRef<'a>> + 'a {
        let range = match self.ids(subject.into(), predicate.into()) {
            Some(wanted) => {
                let about = |e: &Entry| (e.subject, e.predicate);
                let start = self.entries.partition_point(|e| about(e) < wanted);
                let len = self.entries[start..].partition_point(|e| about(e) == wanted);
                start..start + len
            }
            None => 0..0,
        };
        self.entries[range].iter().map(|e| self.object(e.object))
    }

    /// An object of a triple with this subject and predicate.
    pub fn object_for_subject_predicate<'a, 'b>(
        &'a self,
        subject: impl Into<NamedOrBlankNodeRef<'b>>,
        predicate: impl Into<NamedNodeRef<'b>>,
    ) -> Option<TermRef<'a>> {
        self.objects_for_subject_predicate(subject, predicate)
            .next()
    }

    /// An indexed graph of the same triples, for querying.
    pub fn to_graph(&self) -> Graph {
        self.iter().collect()
    }

    /// Adds a triple. Until [`Triples::seal`], the set is a plain list.
    pub(crate) fn insert(&mut self, triple: TripleRef<'_>) {
        let strings = &mut self.strings;
        if let Some(entry) = entry(triple, |s| Some(strings.intern(s))) {
            self.entries.push(entry);
        }
    }

    /// The number of an IRI, which is recorded if it was not.
    pub(crate) fn intern(&mut self, iri: &str) -> usize {
        self.strings.intern(iri)
    }

    /// The number of an IRI or other string, if it was recorded.
    pub(crate) fn lookup(&self, s: &str) -> Option<usize> {
        self.strings.get(s)
    }

    /// The string numbered `id`.
    pub(crate) fn resolve(&self, id: usize) -> &str {
        self.strings.resolve(id)
    }

    /// Sorts the triples (by subject, predicate and object) and drops
    /// repeated ones, which makes lookups possible.
    pub(crate) fn seal(&mut self) {
        self.entries.sort_unstable();
        self.entries.dedup();
    }

    /// The numbers of a subject and predicate, if both were recorded.
    fn ids(
        &self,
        subject: NamedOrBlankNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> Option<(Node, usize)> {
        let number = |s: &str| self.strings.get(s);
        Some((node(subject, number)?, number(predicate.as_str())?))
    }

    fn triple(&self, entry: &Entry) -> TripleRef<'_> {
        let subject: NamedOrBlankNodeRef<'_> = match entry.subject {
            Node::Iri(id) => self.iri(id).into(),
            Node::Blank(id) => BlankNodeRef::new_unchecked(self.resolve(id)).into(),
        };
        TripleRef::new(
            subject,
            self.iri(entry.predicate),
            self.object(entry.object),
        )
    }

    fn iri(&self, id: usize) -> NamedNodeRef<'_> {
        NamedNodeRef::new_unchecked(self.resolve(id))
    }

    fn object(&self, object: Object) -> TermRef<'_> {
        match object {
            Object::Iri(id) => self.iri(id).into(),
            Object::Blank(id) => BlankNodeRef::new_unchecked(self.resolve(id)).into(),
            Object::Literal { value, datatype } => {
                LiteralRef::new_typed_literal(self.resolve(value), self.iri(datatype)).into()
            }
            Object::LanguageTagged { value, language } => {
                LiteralRef::new_language_tagged_literal_unchecked(
                    self.resolve(value),
                    self.resolve(language),
                )
                .into()
            }
        }
    }
}

/// The numbers of a triple's strings, given by `number` (which records
/// them, or only finds those recorded).
fn entry(triple: TripleRef<'_>, mut number: impl FnMut(&str) -> Option<usize>) -> Option<Entry> {
    let subject = node(triple.subject, &mut number)?;
    let predicate = number(triple.predicate.as_str())?;
    let object = match triple.object {
        TermRef::NamedNode(n) => Object::Iri(number(n.as_str())?),
        TermRef::BlankNode(b) => Object::Blank(number(b.as_str())?),
        TermRef::Literal(l) => {
            let value = number(l.value())?;
            match l.language() {
                Some(language) => Object::LanguageTagged {
                    value,
                    language: number(language)?,
                },
                None => Object::Literal {
                    value,
                    datatype: number(l.datatype().as_str())?,
                },
            }
        }
    };
    Some(Entry {
        subject,
        predicate,
        object,
    })
}

fn node(
    subject: NamedOrBlankNodeRef<'_>,
    mut number: impl FnMut(&str) -> Option<usize>,
) -> Option<Node> {
    Some(match subject {
        NamedOrBlankNodeRef::NamedNode(n) => Node::Iri(number(n.as_str())?),
        NamedOrBlankNodeRef::BlankNode(b) => Node::Blank(number(b.as_str())?),
    })
}

/// Set equality, whatever order the triples were recorded in.
impl PartialEq for Triples {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|t| other.contains(t))
    }
}

impl Eq for Triples {}

impl fmt::Debug for Triples {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// An iterator over [`Triples`].
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    triples: &'a Triples,
    entries: std::slice::Iter<'a, Entry>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = TripleRef<'a>;

    fn next(&mut self) -> Option<TripleRef<'a>> {
        self.entries.next().map(|e| self.triples.triple(e))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Triples {
    type Item = TripleRef<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::vocab::{rdf, xsd};
    use oxrdf::{BlankNode, Literal, NamedNode, Triple};

    fn iri(s: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("https://example.org/{s}"))
    }

    fn sealed(triples: &[Triple]) -> Triples {
        let mut out = Triples::default();
        for t in triples {
            out.insert(t.as_ref());
        }
        out.seal();
        out
    }

    fn sample() -> Vec<Triple> {
        vec![
            Triple::new(iri("b"), rdf::TYPE, iri("C")),
            Triple::new(iri("a"), iri("name"), Literal::new_simple_literal("a")),
            Triple::new(iri("a"), iri("name"), Literal::new_simple_literal("A")),
            Triple::new(
                iri("a"),
                iri("count"),
                Literal::new_typed_literal("1", xsd::INTEGER),
            ),
            Triple::new(
                iri("a"),
                iri("label"),
                Literal::new_language_tagged_literal_unchecked("a", "en"),
            ),
            Triple::new(BlankNode::new_unchecked("list"), rdf::FIRST, iri("a")),
            Triple::new(iri("b"), iri("partOf"), BlankNode::new_unchecked("list")),
            // Repeated: kept once.
            Triple::new(iri("a"), iri("name"), Literal::new_simple_literal("a")),
            Triple::new(iri("b"), rdf::TYPE, iri("C")),
        ]
    }

    #[test]
    fn holds_each_triple_once_and_gives_them_back_unchanged() {
        let triples = sealed(&sample());
        assert_eq!(triples.len(), 7);
        let expected: Graph = sample().iter().collect();
        assert_eq!(triples.to_graph(), expected);
        for t in &expected {
            assert!(triples.contains(t), "{t}");
        }
        assert!(!triples.contains(&Triple::new(
            iri("a"),
            iri("name"),
            Literal::new_simple_literal("b")
        )));
        assert!(!triples.contains(&Triple::new(iri("a"), iri("name"), iri("a"))));
        assert!(!triples.contains(&Triple::new(iri("nobody"), rdf::TYPE, iri("C"))));
        // A literal differing only in datatype or language is another literal.
        assert!(!triples.contains(&Triple::new(
            iri("a"),
            iri("count"),
            Literal::new_simple_literal("1")
        )));
        assert!(!triples.contains(&Triple::new(
            iri("a"),
            iri("label"),
            Literal::new_simple_literal("a")
        )));
    }

    #[test]
    fn groups_triples_by_subject_in_recording_order() {
        let triples = sealed(&sample());
        let subjects: Vec<String> = triples.iter().map(|t| t.subject.to_string()).collect();
        let mut grouped = subjects.clone();
        grouped.dedup();
        assert_eq!(
            grouped,
            [
                "<https://example.org/b>",
                "<https://example.org/a>",
                "_:list"
            ]
        );
    }

    #[test]
    fn finds_the_objects_of_a_subject_and_predicate() {
        let triples = sealed(&sample());
        let mut names: Vec<String> = triples
            .objects_for_subject_predicate(&iri("a"), &iri("name"))
            .map(|o| o.to_string())
            .collect();
        names.sort();
        assert_eq!(names, ["\"A\"", "\"a\""]);
        assert_eq!(
            triples.object_for_subject_predicate(BlankNodeRef::new_unchecked("list"), rdf::FIRST),
            Some(iri("a").as_ref().into())
        );
        assert_eq!(
            triples
                .objects_for_subject_predicate(&iri("a"), rdf::TYPE)
                .count(),
            0
        );
        assert_eq!(
            triples
                .objects_for_subject_predicate(&iri("nobody"), rdf::TYPE)
                .count(),
            0
        );
    }

    #[test]
    fn equal_sets_are_equal_whatever_the_recording_order() {
        let mut reversed = sample();
        reversed.reverse();
        assert_eq!(sealed(&sample()), sealed(&reversed));
        let mut fewer = sample();
        // The name "A" is recorded once.
        fewer.remove(2);
        assert_ne!(sealed(&sample()), sealed(&fewer));
        assert!(Triples::default().is_empty());
    }
}
