//! Reading RDF lists (`( a b c )`, chains of `rdf:first`/`rdf:rest` cells).
//!
//! The one reader of lists in model RDF (keys, enumeration values, and the
//! lists projections write). It is bounded: a list that loops back on
//! itself, branches, or runs longer than [`MAX_LIST_LENGTH`] is an error, never
//! a hang. oxrdf offers no list reader, hence this one.

use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedOrBlankNodeRef, Term, TermRef};
use std::collections::HashSet;
use std::fmt;

/// The most members a list may have: as many as a file may hold blank nodes
/// ([`MAX_BLANK_NODES`](crate::MAX_BLANK_NODES)), the cells of a written list.
pub const MAX_LIST_LENGTH: usize = crate::MAX_BLANK_NODES;

/// Why an RDF list could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListError {
    /// A cell has neither `rdf:first` nor `rdf:rest`, or is a literal.
    NotAList,
    /// Following `rdf:rest` comes back to a cell already read.
    Cycle,
    /// A cell has several `rdf:first` or several `rdf:rest`, or only one of them.
    Branching,
    /// The list has more than [`MAX_LIST_LENGTH`] members.
    TooLong,
}

impl fmt::Display for ListError {
    /// What is wrong, worded to follow "the value ... ".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListError::NotAList => f.write_str("is not an RDF list; write it as `( a b ... )`"),
            ListError::Cycle => f.write_str("is a list that loops back on itself"),
            ListError::Branching => {
                f.write_str("is a list with a cell that lacks or repeats rdf:first or rdf:rest")
            }
            ListError::TooLong => write!(f, "is a list of more than {MAX_LIST_LENGTH} members"),
        }
    }
}

impl std::error::Error for ListError {}

/// The members of the RDF list starting at `head`, in order.
pub fn read_list(graph: &Graph, head: TermRef<'_>) -> Result<Vec<Term>, ListError> {
    let mut members = Vec::new();
    let mut seen = HashSet::new();
    let mut node = head;
    loop {
        if node == TermRef::NamedNode(rdf::NIL) {
            return Ok(members);
        }
        let cell = match node {
            TermRef::BlankNode(b) => NamedOrBlankNodeRef::from(b),
            TermRef::NamedNode(n) => NamedOrBlankNodeRef::from(n),
            _ => return Err(ListError::NotAList),
        };
        if !seen.insert(cell) {
            return Err(ListError::Cycle);
        }
        if members.len() == MAX_LIST_LENGTH {
            return Err(ListError::TooLong);
        }
        let mut firsts = graph.objects_for_subject_predicate(cell, rdf::FIRST);
        let mut rests = graph.objects_for_subject_predicate(cell, rdf::REST);
        match (firsts.next(), firsts.next(), rests.next(), rests.next()) {
            (Some(first), None, Some(rest), None) => {
                members.push(first.into_owned());
                node = rest;
            }
            (None, _, None, _) => return Err(ListError::NotAList),
            _ => return Err(ListError::Branching),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::{BlankNode, NamedNode, Triple};

    fn cell(graph: &mut Graph, node: &BlankNode, first: Option<&str>, rest: Option<Term>) {
        if let Some(first) = first {
            graph.insert(&Triple::new(
                node.clone(),
                rdf::FIRST,
                NamedNode::new_unchecked(first),
            ));
        }
        if let Some(rest) = rest {
            graph.insert(&Triple::new(node.clone(), rdf::REST, rest));
        }
    }

    fn nil() -> Term {
        rdf::NIL.into_owned().into()
    }

    #[test]
    fn reads_members_in_order_and_the_empty_list() {
        let mut g = Graph::new();
        let (a, b) = (BlankNode::default(), BlankNode::default());
        cell(&mut g, &a, Some("https://e.org/1"), Some(b.clone().into()));
        cell(&mut g, &b, Some("https://e.org/2"), Some(nil()));
        let head: Term = a.into();
        let members = read_list(&g, head.as_ref()).expect("a list");
        assert_eq!(
            members,
            vec![
                Term::from(NamedNode::new_unchecked("https://e.org/1")),
                NamedNode::new_unchecked("https://e.org/2").into()
            ]
        );
        assert_eq!(read_list(&g, nil().as_ref()), Ok(Vec::new()));
    }

    #[test]
    fn malformed_lists_are_errors() {
        let mut g = Graph::new();
        // A cycle: a -> b -> a.
        let (a, b) = (BlankNode::default(), BlankNode::default());
        cell(&mut g, &a, Some("https://e.org/1"), Some(b.clone().into()));
        cell(&mut g, &b, Some("https://e.org/2"), Some(a.clone().into()));
        let head: Term = a.into();
        assert_eq!(read_list(&g, head.as_ref()), Err(ListError::Cycle));
        // A cell with two rdf:first.
        let c = BlankNode::default();
        cell(&mut g, &c, Some("https://e.org/1"), Some(nil()));
        cell(&mut g, &c, Some("https://e.org/2"), None);
        let head: Term = c.into();
        assert_eq!(read_list(&g, head.as_ref()), Err(ListError::Branching));
        // A cell with rdf:first but no rdf:rest.
        let d = BlankNode::default();
        cell(&mut g, &d, Some("https://e.org/1"), None);
        let head: Term = d.into();
        assert_eq!(read_list(&g, head.as_ref()), Err(ListError::Branching));
        // Not a list at all: an IRI with no cell, and a literal.
        let e: Term = NamedNode::new_unchecked("https://e.org/x").into();
        assert_eq!(read_list(&g, e.as_ref()), Err(ListError::NotAList));
        let literal: Term = oxrdf::Literal::from(1).into();
        assert_eq!(read_list(&g, literal.as_ref()), Err(ListError::NotAList));
    }

    #[test]
    fn a_list_longer_than_the_bound_is_an_error() {
        let mut g = Graph::new();
        let cells: Vec<BlankNode> = (0..=MAX_LIST_LENGTH)
            .map(|_| BlankNode::default())
            .collect();
        for (i, node) in cells.iter().enumerate() {
            let rest = cells.get(i + 1).map_or_else(nil, |n| n.clone().into());
            cell(&mut g, node, Some("https://e.org/m"), Some(rest));
        }
        let head: Term = cells[0].clone().into();
        assert_eq!(read_list(&g, head.as_ref()), Err(ListError::TooLong));
        let second: Term = cells[1].clone().into();
        assert_eq!(
            read_list(&g, second.as_ref()).map(|m| m.len()),
            Ok(MAX_LIST_LENGTH)
        );
    }
}
