//! What a model change does to each projection, found by lining up the old and
//! new container representations through their mappings.
//!
//! Every projection records `map:realizedBy` arcs from domain terms to the
//! container elements realizing them. For each changed term, the elements
//! realizing it before and after are compared: an element only in the new
//! representation is added, one only in the old is dropped, and one in both
//! is described by the statements about it that differ. This knows nothing
//! about any target: the words come from the system models' vocabulary
//! (`gql:type`, `avro:default`...), so a new target gets descriptions for free.

use crate::diff::{Change, ProjectionChange};
use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use std::collections::{BTreeMap, BTreeSet};
use uda_projection::{Output, MAP_NS};
use uda_upper::local_name;

/// The graphs one projection produced: its container representation and mappings.
#[derive(Debug, Clone)]
pub struct ProjectionGraphs {
    /// The projection target (`graphql`, `avro`...).
    pub target: String,
    pub container: Graph,
    pub mappings: Graph,
}

impl ProjectionGraphs {
    /// The graphs of a projection's output, indexed for querying.
    pub fn from_output(target: &str, output: &Output) -> Self {
        Self {
            target: target.to_owned(),
            container: output.container.to_graph(),
            mappings: output.mappings.to_graph(),
        }
    }
}

fn map(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{MAP_NS}{local}"))
}

/// Adds to each change what it does to every projection present on both sides.
pub fn describe_projections(
    changes: &mut [Change],
    old: &[ProjectionGraphs],
    new: &[ProjectionGraphs],
) {
    for n in new {
        let Some(o) = old.iter().find(|o| o.target == n.target) else {
            continue;
        };
        for change in changes.iter_mut() {
            let mut found = BTreeSet::new();
            let terms = std::iter::once(change.term.as_str()).chain(change.class.as_deref());
            for term in terms {
                for description in describe_term(term, o, n) {
                    found.insert(description);
                }
            }
            change
                .projections
                .extend(found.into_iter().map(|description| ProjectionChange {
                    target: n.target.clone(),
                    description,
                }));
        }
    }
}

/// The container elements realizing `term` in a projection.
fn realizations(term: &str, p: &ProjectionGraphs) -> BTreeSet<NamedNode> {
    let Ok(term) = NamedNode::new(term) else {
        return BTreeSet::new();
    };
    let realized_by = map("realizedBy");
    p.mappings
        .objects_for_subject_predicate(&term, &realized_by)
        .filter_map(|o| match o {
            TermRef::NamedNode(n) => Some(n.into_owned()),
            _ => None,
        })
        .collect()
}

fn describe_term(term: &str, old: &ProjectionGraphs, new: &ProjectionGraphs) -> Vec<String> {
    let (before, after) = (realizations(term, old), realizations(term, new));
    let mut out = Vec::new();
    for e in after.difference(&before) {
        out.push(format!("adds {}", element(&new.container, e.as_ref())));
    }
    for e in before.difference(&after) {
        out.push(format!("drops {}", element(&old.container, e.as_ref())));
    }
    for e in before.intersection(&after) {
        let differences = statements_differ(e.as_ref(), old, new);
        if !differences.is_empty() {
            out.push(format!(
                "{}: {}",
                element(&new.container, e.as_ref()),
                differences.join("; ")
            ));
        }
    }
    out
}

/// "Field `Work.synopsis`": the element's kind and its path of names.
fn element(container: &Graph, e: NamedNodeRef<'_>) -> String {
    let kind = container
        .objects_for_subject_predicate(e, rdf::TYPE)
        .filter_map(|t| match t {
            TermRef::NamedNode(n) => Some(local_name(n.as_str()).to_owned()),
            _ => None,
        })
        .min()
        .unwrap_or_else(|| "element".to_owned());
    format!("{kind} `{}`", path(container, e))
}

/// The names from the element up to (not including) the schema, joined by dots.
fn path(container: &Graph, e: NamedNodeRef<'_>) -> String {
    let (name, part_of) = (map("name"), map("partOf"));
    let parent_of = |n: &NamedNode| {
        container
            .object_for_subject_predicate(n, &part_of)
            .and_then(|p| match p {
                TermRef::NamedNode(p) => Some(p.into_owned()),
                _ => None,
            })
    };
    let mut names = vec![label(container, e, &name)];
    let mut node = e.into_owned();
    let mut seen = BTreeSet::from([node.clone()]);
    while let Some(parent) = parent_of(&node) {
        // The schema (the root, part of nothing) is left out of paths.
        if parent_of(&parent).is_none() || !seen.insert(parent.clone()) {
            break;
        }
        names.push(label(container, parent.as_ref(), &name));
        node = parent;
    }
    names.reverse();
    names.join(".")
}

fn label(container: &Graph, node: NamedNodeRef<'_>, name: &NamedNode) -> String {
    match container.object_for_subject_predicate(node, name) {
        Some(TermRef::Literal(l)) => l.value().to_owned(),
        _ => local_name(node.as_str()).to_owned(),
    }
}

/// The statements about element `e` that differ between the old and new
/// container, by predicate: "`type` changes from `String` to `String!`".
fn statements_differ(
    e: NamedNodeRef<'_>,
    old: &ProjectionGraphs,
    new: &ProjectionGraphs,
) -> Vec<String> {
    let skip = [map("name"), map("partOf")];
    let collect = |g: &Graph| -> BTreeMap<String, BTreeSet<String>> {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for t in g.triples_for_subject(NamedOrBlankNodeRef::NamedNode(e)) {
            if skip.iter().any(|s| s.as_ref() == t.predicate) {
                continue;
            }
            // Keyed by the full IRI: `rdf:type` and a system model's `type` are different statements.
            out.entry(t.predicate.as_str().to_owned())
                .or_default()
                .insert(value(g, t.object));
        }
        out
    };
    let (o, n) = (collect(&old.container), collect(&new.container));
    let keys: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
    let empty = BTreeSet::new();
    let show = |s: &BTreeSet<String>| {
        s.iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    for k in keys {
        let (a, b) = (o.get(k).unwrap_or(&empty), n.get(k).unwrap_or(&empty));
        if a == b {
            continue;
        }
        let k = local_name(k);
        out.push(match (a.is_empty(), b.is_empty()) {
            (true, _) => format!("gains `{k}` {}", show(b)),
            (_, true) => format!("loses `{k}` {}", show(a)),
            _ => format!("`{k}` changes from {} to {}", show(a), show(b)),
        });
    }
    out
}

fn value(g: &Graph, t: TermRef<'_>) -> String {
    value_at(g, t, 0)
}

/// A value for humans. Blank nodes are shown by their content (a list as
/// `( a b )`, another node as `[ p v ; … ]`): their labels differ from one
/// graph to the next and mean nothing.
fn value_at(g: &Graph, t: TermRef<'_>, depth: usize) -> String {
    match t {
        TermRef::Literal(l) => l.value().to_owned(),
        TermRef::NamedNode(n) if g.object_for_subject_predicate(n, &map("name")).is_some() => {
            path(g, n)
        }
        TermRef::NamedNode(n) => local_name(n.as_str()).to_owned(),
        TermRef::BlankNode(_) if depth >= 4 => "[…]".to_owned(),
        TermRef::BlankNode(b) => {
            let node = NamedOrBlankNodeRef::BlankNode(b);
            // A well-formed list reads as its members; anything else as a node.
            if let Ok(members) = uda_upper::read_list(g, t) {
                let items: Vec<String> = members
                    .iter()
                    .map(|m| value_at(g, m.as_ref(), depth + 1))
                    .collect();
                return format!("( {} )", items.join(" "));
            }
            let mut parts: Vec<String> = g
                .triples_for_subject(node)
                .map(|t| {
                    format!(
                        "{} {}",
                        local_name(t.predicate.as_str()),
                        value_at(g, t.object, depth + 1)
                    )
                })
                .collect();
            parts.sort();
            format!("[ {} ]", parts.join(" ; "))
        }
        // Triple terms exist only when oxrdf is built with RDF 1.2.
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}
