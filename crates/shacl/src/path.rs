//! SHACL property paths: reading them from a shapes graph, evaluating them
//! against a data graph, and writing them back as SHACL path RDF (for
//! `sh:resultPath` in validation reports).

use std::collections::HashSet;
use std::fmt;

use oxrdf::vocab::rdf;
use oxrdf::{BlankNode, Graph, NamedNode, Term, TermRef, Triple};

use crate::error::ShapesError;
use crate::rdf::{as_subject, is_list, objects, read_list};
use crate::vocab::{qname, sh};

/// Paths nested deeper than this are rejected: real paths are shallow, and
/// the bound keeps parsing, evaluation and serialization recursion safe.
const MAX_PATH_DEPTH: usize = 64;

/// A SHACL property path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Path {
    /// An IRI used as a path: follow that predicate.
    Predicate(NamedNode),
    /// `sh:inversePath`: follow the inner path backwards.
    Inverse(Box<Path>),
    /// An RDF list of at least two paths, followed one after the other.
    Sequence(Vec<Path>),
    /// `sh:alternativePath`: the union of at least two paths.
    Alternative(Vec<Path>),
    /// `sh:zeroOrMorePath`.
    ZeroOrMore(Box<Path>),
    /// `sh:oneOrMorePath`.
    OneOrMore(Box<Path>),
    /// `sh:zeroOrOnePath`.
    ZeroOrOne(Box<Path>),
}

impl Path {
    /// Reads the SHACL path whose RDF node is `node` in `graph`.
    ///
    /// Fails, naming `node`, if it is not a well-formed SHACL path (for
    /// example a literal, a blank node with no path predicate, a sequence of
    /// fewer than two members or a cyclic structure).
    pub fn from_graph(graph: &Graph, node: TermRef<'_>) -> Result<Self, ShapesError> {
        let mut stack = Vec::new();
        parse(graph, node, &mut stack)
            .map_err(|message| ShapesError::new(node.into_owned(), message))
    }

    /// Writes this path into `graph` as SHACL path RDF and returns the node
    /// that denotes it (the predicate IRI itself for a predicate path).
    pub fn to_graph(&self, graph: &mut Graph) -> Term {
        let mut triples = Vec::new();
        let node = self.to_triples(&mut triples);
        for triple in &triples {
            graph.insert(triple);
        }
        node
    }

    /// Appends the SHACL path RDF of this path to `out`, outermost node
    /// first so that serializations read top-down, and returns its node.
    pub(crate) fn to_triples(&self, out: &mut Vec<Triple>) -> Term {
        let (predicate, inner) = match self {
            Self::Predicate(p) => return p.clone().into(),
            Self::Sequence(members) => return write_list(out, members),
            Self::Alternative(members) => {
                let node = BlankNode::default();
                let at = out.len();
                let list = write_list(out, members);
                out.insert(at, Triple::new(node.clone(), sh::ALTERNATIVE_PATH, list));
                return node.into();
            }
            Self::Inverse(inner) => (sh::INVERSE_PATH, inner),
            Self::ZeroOrMore(inner) => (sh::ZERO_OR_MORE_PATH, inner),
            Self::OneOrMore(inner) => (sh::ONE_OR_MORE_PATH, inner),
            Self::ZeroOrOne(inner) => (sh::ZERO_OR_ONE_PATH, inner),
        };
        let node = BlankNode::default();
        let at = out.len();
        let inner = inner.to_triples(out);
        out.insert(at, Triple::new(node.clone(), predicate, inner));
        node.into()
    }

    /// The value nodes reachable from `focus` through this path, without
    /// duplicates, in a deterministic order.
    pub(crate) fn eval(&self, data: &Graph, focus: &Term) -> Vec<Term> {
        // The common case, a plain predicate, avoids the set bookkeeping.
        if let Self::Predicate(p) = self {
            return match as_subject(focus.as_ref()) {
                Some(s) => data
                    .objects_for_subject_predicate(s, p)
                    .map(TermRef::into_owned)
                    .collect(),
                None => Vec::new(),
            };
        }
        let mut out = TermSet::default();
        self.eval_into(data, focus.as_ref(), false, &mut out);
        out.items
    }

    /// Adds to `out` the nodes reachable from `start`; `inverse` walks the
    /// path backwards, which is how `sh:inversePath` of a complex path works.
    fn eval_into(&self, data: &Graph, start: TermRef<'_>, inverse: bool, out: &mut TermSet) {
        match self {
            Self::Predicate(p) => {
                if inverse {
                    for s in data.subjects_for_predicate_object(p, start) {
                        out.insert(s.into());
                    }
                } else if let Some(s) = as_subject(start) {
                    for o in data.objects_for_subject_predicate(s, p) {
                        out.insert(o.into_owned());
                    }
                }
            }
            Self::Inverse(inner) => inner.eval_into(data, start, !inverse, out),
            Self::Sequence(members) => {
                let mut current = vec![start.into_owned()];
                let ordered: Box<dyn Iterator<Item = &Path>> = if inverse {
                    Box::new(members.iter().rev())
                } else {
                    Box::new(members.iter())
                };
                for member in ordered {
                    let mut next = TermSet::default();
                    for node in &current {
                        member.eval_into(data, node.as_ref(), inverse, &mut next);
                    }
                    current = next.items;
                    if current.is_empty() {
                        break;
                    }
                }
                for node in current {
                    out.insert(node);
                }
            }
            Self::Alternative(members) => {
                for member in members {
                    member.eval_into(data, start, inverse, out);
                }
            }
            Self::ZeroOrOne(inner) => {
                out.insert(start.into_owned());
                inner.eval_into(data, start, inverse, out);
            }
            Self::ZeroOrMore(inner) => {
                out.insert(start.into_owned());
                closure(inner, data, vec![start.into_owned()], inverse, out);
            }
            Self::OneOrMore(inner) => {
                let mut first = TermSet::default();
                inner.eval_into(data, start, inverse, &mut first);
                let frontier = first.items.clone();
                for node in first.items {
                    out.insert(node);
                }
                closure(inner, data, frontier, inverse, out);
            }
        }
    }
}

/// Breadth-first transitive closure, iterative so that long chains in the
/// data cannot exhaust the stack.
fn closure(step: &Path, data: &Graph, mut frontier: Vec<Term>, inverse: bool, out: &mut TermSet) {
    // `visited` tracks expanded nodes separately from `out` because the
    // start node of a one-or-more path is not itself a result.
    let mut visited: HashSet<Term> = HashSet::new();
    while let Some(node) = frontier.pop() {
        if !visited.insert(node.clone()) {
            continue;
        }
        let mut next = TermSet::default();
        step.eval_into(data, node.as_ref(), inverse, &mut next);
        for n in next.items {
            if !visited.contains(&n) {
                frontier.push(n.clone());
            }
            out.insert(n);
        }
    }
}

/// An insertion-ordered set of terms, so that results come out in a stable
/// order.
#[derive(Default)]
struct TermSet {
    items: Vec<Term>,
    seen: HashSet<Term>,
}

impl TermSet {
    fn insert(&mut self, term: Term) {
        if self.seen.insert(term.clone()) {
            self.items.push(term);
        }
    }
}

fn parse<'g>(
    graph: &'g Graph,
    node: TermRef<'g>,
    stack: &mut Vec<TermRef<'g>>,
) -> Result<Path, String> {
    if stack.len() >= MAX_PATH_DEPTH {
        return Err(format!(
            "path nesting is deeper than {MAX_PATH_DEPTH} levels"
        ));
    }
    if stack.contains(&node) {
        return Err(format!("the path structure is cyclic at {node}"));
    }
    match node {
        TermRef::NamedNode(n) => return Ok(Path::Predicate(n.into_owned())),
        TermRef::BlankNode(_) => {}
        other => return Err(format!("{other} is not a valid SHACL path (a literal)")),
    }
    stack.push(node);
    let result = parse_blank(graph, node, stack);
    stack.pop();
    result
}

fn parse_blank<'g>(
    graph: &'g Graph,
    node: TermRef<'g>,
    stack: &mut Vec<TermRef<'g>>,
) -> Result<Path, String> {
    // A list node is a sequence path even if it also carries path
    // predicates: the W3C suite (path-strange-001/002) expects the list
    // reading to win over the ill-formed extra triples.
    if is_list(graph, node) {
        let members = read_list(graph, node)?;
        if members.len() < 2 {
            return Err(format!(
                "the sequence path {node} must have at least two members"
            ));
        }
        let members = members
            .into_iter()
            .map(|m| parse(graph, m, stack))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Path::Sequence(members));
    }
    let kinds = [
        sh::ALTERNATIVE_PATH,
        sh::INVERSE_PATH,
        sh::ZERO_OR_MORE_PATH,
        sh::ONE_OR_MORE_PATH,
        sh::ZERO_OR_ONE_PATH,
    ];
    let mut found = None;
    for kind in kinds {
        let values = objects(graph, node, kind);
        match values.as_slice() {
            [] => {}
            [value] if found.is_none() => found = Some((kind, *value)),
            [_] => {
                return Err(format!(
                    "the path node {node} has more than one path predicate"
                ))
            }
            _ => {
                return Err(format!(
                    "the path node {node} has more than one {}",
                    qname(kind)
                ))
            }
        }
    }
    let Some((kind, value)) = found else {
        return Err(format!(
            "{node} is not a valid SHACL path (no list and no path predicate such as sh:inversePath)"
        ));
    };
    if kind == sh::ALTERNATIVE_PATH {
        let members = read_list(graph, value)?;
        if members.len() < 2 {
            return Err(format!(
                "the sh:alternativePath of {node} must list at least two paths"
            ));
        }
        let members = members
            .into_iter()
            .map(|m| parse(graph, m, stack))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Path::Alternative(members));
    }
    let inner = Box::new(parse(graph, value, stack)?);
    Ok(if kind == sh::INVERSE_PATH {
        Path::Inverse(inner)
    } else if kind == sh::ZERO_OR_MORE_PATH {
        Path::ZeroOrMore(inner)
    } else if kind == sh::ONE_OR_MORE_PATH {
        Path::OneOrMore(inner)
    } else {
        Path::ZeroOrOne(inner)
    })
}

fn write_list(out: &mut Vec<Triple>, members: &[Path]) -> Term {
    let nodes: Vec<BlankNode> = members.iter().map(|_| BlankNode::default()).collect();
    for (i, (member, node)) in members.iter().zip(&nodes).enumerate() {
        let rest: Term = match nodes.get(i + 1) {
            Some(next) => next.clone().into(),
            None => rdf::NIL.into_owned().into(),
        };
        let at = out.len();
        let value = member.to_triples(out);
        out.insert(at, Triple::new(node.clone(), rdf::FIRST, value));
        out.insert(at + 1, Triple::new(node.clone(), rdf::REST, rest));
    }
    match nodes.first() {
        Some(head) => head.clone().into(),
        None => rdf::NIL.into_owned().into(),
    }
}

/// SPARQL property path syntax, used in messages.
impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn join(f: &mut fmt::Formatter<'_>, members: &[Path], sep: &str) -> fmt::Result {
            f.write_str("(")?;
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    f.write_str(sep)?;
                }
                write!(f, "{m}")?;
            }
            f.write_str(")")
        }
        match self {
            Self::Predicate(p) => write!(f, "{p}"),
            Self::Inverse(inner) => write!(f, "^{inner}"),
            Self::Sequence(members) => join(f, members, "/"),
            Self::Alternative(members) => join(f, members, "|"),
            Self::ZeroOrMore(inner) => write!(f, "({inner})*"),
            Self::OneOrMore(inner) => write!(f, "({inner})+"),
            Self::ZeroOrOne(inner) => write!(f, "({inner})?"),
        }
    }
}
