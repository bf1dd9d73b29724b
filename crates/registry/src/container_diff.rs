//! The structural diff of two versions of an existing container, and which
//! readers and writers each change breaks.
//!
//! A container representation is a tree of elements (`map:partOf` links a
//! column to its table, a field to its record or type), each with an
//! `rdf:type` and the properties that say what values it holds (its type
//! properties). Elements are matched by IRI, which the importers derive from
//! names, so a renamed element is one removed and one added.

use crate::names::iri;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Graph, NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use std::collections::{BTreeMap, BTreeSet};
use uda_diff::{Breaks, Change, ChangeKind};
use uda_projection::MAP_NS;

/// The properties that say what values an element holds: changing one
/// retypes the element.
const TYPE_PROPERTIES: [&str; 7] = [
    "https://w3id.org/uda/graphql#type",
    "https://w3id.org/uda/avro#type",
    "https://w3id.org/uda/avro#logicalType",
    "https://w3id.org/uda/avro#size",
    "https://w3id.org/uda/avro#precision",
    "https://w3id.org/uda/avro#scale",
    "https://w3id.org/uda/sql#dataType",
];
const SQL_NOT_NULL: &str = "https://w3id.org/uda/sql#notNull";
const SQL_DEFAULT: &str = "https://w3id.org/uda/sql#default";
const SQL_COLUMN: &str = "https://w3id.org/uda/sql#Column";
const AVRO_FIELD: &str = "https://w3id.org/uda/avro#Field";
const AVRO_DEFAULT: &str = "https://w3id.org/uda/avro#default";
const GQL_INPUT_FIELD: &str = "https://w3id.org/uda/graphql#InputField";
const GQL_ARGUMENT: &str = "https://w3id.org/uda/graphql#Argument";
const GQL_TYPE: &str = "https://w3id.org/uda/graphql#type";
const GQL_DEFAULT: &str = "https://w3id.org/uda/graphql#defaultValue";

/// What the diff compares of one element.
#[derive(Debug, PartialEq, Eq)]
struct Element {
    parent: String,
    name: String,
    classes: BTreeSet<String>,
    /// Type property IRI → its values, as N-Triples terms.
    types: BTreeMap<String, BTreeSet<String>>,
    not_null: Option<bool>,
    /// A writer of the previous version cannot give it a value: a NOT NULL
    /// column without default, an Avro field without default, a non-null
    /// input field or argument without default.
    required: bool,
}

/// The elements of a container graph, by IRI.
fn elements(graph: &Graph) -> BTreeMap<String, Element> {
    let part_of = iri(&format!("{MAP_NS}partOf"));
    let name = iri(&format!("{MAP_NS}name"));
    let mut out = BTreeMap::new();
    for t in graph.triples_for_predicate(part_of.as_ref()) {
        let (NamedOrBlankNodeRef::NamedNode(subject), TermRef::NamedNode(parent)) =
            (t.subject, t.object)
        else {
            continue;
        };
        let literal = |p: &str| {
            graph
                .object_for_subject_predicate(subject, iri(p).as_ref())
                .and_then(|o| match o {
                    TermRef::Literal(l) => Some(l.value().to_owned()),
                    _ => None,
                })
        };
        let classes: BTreeSet<String> = graph
            .objects_for_subject_predicate(subject, rdf::TYPE)
            .filter_map(|o| match o {
                TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
                _ => None,
            })
            .collect();
        let types = TYPE_PROPERTIES
            .iter()
            .map(|p| {
                let values = graph
                    .objects_for_subject_predicate(subject, NamedNodeRef::new_unchecked(p))
                    .map(|o| o.to_string())
                    .collect();
                ((*p).to_owned(), values)
            })
            .collect();
        let not_null = literal(SQL_NOT_NULL).map(|v| v == "true");
        let has = |p: &str| literal(p).is_some();
        let required = if classes.contains(SQL_COLUMN) {
            not_null == Some(true) && !has(SQL_DEFAULT)
        } else if classes.contains(AVRO_FIELD) {
            !has(AVRO_DEFAULT)
        } else if classes.contains(GQL_INPUT_FIELD) || classes.contains(GQL_ARGUMENT) {
            literal(GQL_TYPE).is_some_and(|t| t.ends_with('!')) && !has(GQL_DEFAULT)
        } else {
            false
        };
        out.insert(
            subject.as_str().to_owned(),
            Element {
                parent: parent.as_str().to_owned(),
                name: literal(name.as_str()).unwrap_or_default(),
                classes,
                types,
                not_null,
                required,
            },
        );
    }
    out
}

/// `table.column`: the names from the schema down to the element. The walk
/// stops at an element seen before, so a cycle cannot make it loop.
fn path(elements: &BTreeMap<String, Element>, element: &str) -> String {
    let mut names = Vec::new();
    let mut seen = BTreeSet::new();
    let mut at = element;
    while let Some(e) = elements.get(at) {
        if !seen.insert(at) {
            break;
        }
        names.push(e.name.as_str());
        at = &e.parent;
    }
    names.reverse();
    names.join(".")
}

/// The local name of a class, for messages (`sql:Column` → `Column`).
fn class_label(classes: &BTreeSet<String>) -> String {
    let locals: Vec<&str> = classes
        .iter()
        .map(|c| c.rsplit(['#', '/']).next().unwrap_or(c))
        .collect();
    locals.join("/").to_lowercase()
}

fn change(kind: ChangeKind, term: &str, description: String, breaks: Breaks) -> Change {
    Change {
        kind,
        term: term.to_owned(),
        class: None,
        description,
        breaks,
        projections: Vec::new(),
    }
}

/// The changes from container `old` to container `new`. An element removed
/// or retyped breaks readers both ways; an added element breaks nothing
/// unless it is required, which breaks the previous version's writers
/// (BACKWARD: data written under it lacks the element); a column made NOT
/// NULL breaks BACKWARD (old data holds nulls), one made nullable FORWARD
/// (old readers receive nulls). Only the topmost element of a removed or
/// added subtree is reported.
pub(crate) fn diff_containers(old: &Graph, new: &Graph) -> Vec<Change> {
    let (old, new) = (elements(old), elements(new));
    let mut changes = Vec::new();
    for (id, e) in &old {
        let Some(n) = new.get(id) else {
            if new.contains_key(&e.parent) || !old.contains_key(&e.parent) {
                changes.push(change(
                    ChangeKind::PropertyRemoved,
                    id,
                    format!("{} `{}` removed", class_label(&e.classes), path(&old, id)),
                    Breaks::BOTH,
                ));
            }
            continue;
        };
        let what = || format!("{} `{}`", class_label(&e.classes), path(&new, id));
        if e.classes != n.classes {
            changes.push(change(
                ChangeKind::ClassKindChanged,
                id,
                format!("{} becomes a {}", what(), class_label(&n.classes)),
                Breaks::BOTH,
            ));
        }
        for (property, before) in &e.types {
            let after = n.types.get(property).filter(|a| *a != before);
            if let Some(after) = after {
                let show = |v: &BTreeSet<String>| {
                    let v: Vec<&str> = v.iter().map(String::as_str).collect();
                    if v.is_empty() {
                        "nothing".to_owned()
                    } else {
                        v.join(", ")
                    }
                };
                let local = property.rsplit(['#', '/']).next().unwrap_or(property);
                changes.push(change(
                    ChangeKind::DatatypeChanged,
                    id,
                    format!(
                        "{}: {local} changes from {} to {}",
                        what(),
                        show(before),
                        show(after)
                    ),
                    Breaks::BOTH,
                ));
            }
        }
        match (e.not_null, n.not_null) {
            (Some(false) | None, Some(true)) => changes.push(change(
                ChangeKind::CardinalityTightened,
                id,
                format!("{} becomes NOT NULL", what()),
                Breaks::BACKWARD,
            )),
            (Some(true), Some(false) | None) => changes.push(change(
                ChangeKind::CardinalityLoosened,
                id,
                format!("{} becomes nullable", what()),
                Breaks::FORWARD,
            )),
            _ => {}
        }
    }
    for (id, n) in &new {
        if old.contains_key(id) || (new.contains_key(&n.parent) && !old.contains_key(&n.parent)) {
            continue;
        }
        let what = format!("{} `{}`", class_label(&n.classes), path(&new, id));
        changes.push(if n.required {
            change(
                ChangeKind::PropertyAdded,
                id,
                format!("{what} added, required (data written with the previous version lacks it)"),
                Breaks::BACKWARD,
            )
        } else {
            change(
                ChangeKind::PropertyAdded,
                id,
                format!("{what} added"),
                Breaks::NONE,
            )
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, Triple};

    fn column(g: &mut Graph, table: &str, name: &str, data_type: &str, not_null: bool) {
        let base = "https://w3id.org/uda/container/sql-sqlite/db/main";
        let t = iri(&format!("{base}/{table}"));
        let c = iri(&format!("{base}/{table}/{name}"));
        let lit = |v: &str| Literal::new_simple_literal(v);
        g.insert(&Triple::new(
            t.clone(),
            iri(&format!("{MAP_NS}partOf")),
            iri(&format!("{base}/schema")),
        ));
        g.insert(&Triple::new(
            t.clone(),
            iri(&format!("{MAP_NS}name")),
            lit(table),
        ));
        g.insert(&Triple::new(
            t.clone(),
            rdf::TYPE,
            iri("https://w3id.org/uda/sql#Table"),
        ));
        g.insert(&Triple::new(c.clone(), rdf::TYPE, iri(SQL_COLUMN)));
        g.insert(&Triple::new(c.clone(), iri(&format!("{MAP_NS}partOf")), t));
        g.insert(&Triple::new(
            c.clone(),
            iri(&format!("{MAP_NS}name")),
            lit(name),
        ));
        g.insert(&Triple::new(
            c.clone(),
            iri("https://w3id.org/uda/sql#dataType"),
            lit(data_type),
        ));
        g.insert(&Triple::new(c, iri(SQL_NOT_NULL), Literal::from(not_null)));
    }

    #[test]
    fn removed_retyped_and_required_columns_break_optional_ones_do_not() {
        let mut old = Graph::new();
        column(&mut old, "t", "a", "INTEGER", true);
        column(&mut old, "t", "b", "TEXT", false);
        let mut new = Graph::new();
        column(&mut new, "t", "a", "TEXT", true);
        column(&mut new, "t", "c", "TEXT", false);
        column(&mut new, "t", "d", "TEXT", true);
        column(&mut new, "u", "x", "TEXT", true);
        let changes = diff_containers(&old, &new);
        let found: Vec<(&str, Breaks)> = changes
            .iter()
            .map(|c| (c.description.as_str(), c.breaks))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "column `t.a`: dataType changes from \"INTEGER\" to \"TEXT\"",
                    Breaks::BOTH
                ),
                ("column `t.b` removed", Breaks::BOTH),
                ("column `t.c` added", Breaks::NONE),
                (
                    "column `t.d` added, required (data written with the previous version lacks it)",
                    Breaks::BACKWARD
                ),
                // A new table is one change, whatever its columns.
                ("table `u` added", Breaks::NONE),
            ]
        );
        assert!(diff_containers(&new, &new).is_empty());
    }
}
