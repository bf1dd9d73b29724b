//! Building the typed model of one document.
//!
//! The builder is tolerant: it reads what it can and leaves every complaint to
//! the validator, which looks at the same graph and says where things are
//! wrong. Only a document that validated cleanly is handed to projections.

use crate::document::Document;
use crate::list::read_list;
use crate::model::*;
use crate::vocab;
use crate::Builtin;
use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedNodeRef, NamedOrBlankNodeRef, Term, TermRef};
use std::collections::{BTreeMap, BTreeSet, HashSet};

pub(crate) fn named_subjects_of_type<'a>(
    graph: &'a Graph,
    class: NamedNodeRef<'a>,
) -> impl Iterator<Item = NamedNodeRef<'a>> + 'a {
    graph
        .subjects_for_predicate_object(rdf::TYPE, class)
        .filter_map(|s| match s {
            NamedOrBlankNodeRef::NamedNode(n) => Some(n),
            _ => None,
        })
}

fn literal<'a>(
    graph: &'a Graph,
    subject: NamedNodeRef<'_>,
    predicate: NamedNodeRef<'_>,
) -> Option<&'a str> {
    // Several values are an error the validator reports; take the smallest so
    // the result does not depend on triple order.
    graph
        .objects_for_subject_predicate(subject, predicate)
        .filter_map(|o| match o {
            TermRef::Literal(l) => Some(l.value()),
            _ => None,
        })
        .min()
}

fn iri_objects(
    graph: &Graph,
    subject: NamedNodeRef<'_>,
    predicate: NamedNodeRef<'_>,
) -> Vec<String> {
    let set: BTreeSet<String> = graph
        .objects_for_subject_predicate(subject, predicate)
        .filter_map(|o| match o {
            TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect();
    set.into_iter().collect()
}

fn list_iris(graph: &Graph, subject: NamedNodeRef<'_>, predicate: NamedNodeRef<'_>) -> Vec<String> {
    let heads: Vec<_> = graph
        .objects_for_subject_predicate(subject, predicate)
        .collect();
    match heads.as_slice() {
        [head] => read_list(graph, *head)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|t| match t {
                Term::NamedNode(n) => Some(n.into_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn count(graph: &Graph, subject: NamedNodeRef<'_>, predicate: NamedNodeRef<'_>) -> Option<u64> {
    literal(graph, subject, predicate).and_then(|v| v.trim_start_matches('+').parse().ok())
}

fn text(graph: &Graph, subject: NamedNodeRef<'_>) -> Text {
    let labels = localized(graph, subject, vocab::LABEL);
    let descriptions = localized(graph, subject, vocab::DESCRIPTION);
    Text {
        label: Localized::shown(&labels).map(str::to_owned),
        description: Localized::shown(&descriptions).map(str::to_owned),
        labels,
        descriptions,
    }
}

/// Every literal value of `predicate`, with its language, sorted.
fn localized(
    graph: &Graph,
    subject: NamedNodeRef<'_>,
    predicate: NamedNodeRef<'_>,
) -> Vec<Localized> {
    let mut all: Vec<Localized> = graph
        .objects_for_subject_predicate(subject, predicate)
        .filter_map(|o| match o {
            TermRef::Literal(l) => Some(Localized {
                language: l.language().map(str::to_ascii_lowercase),
                value: l.value().to_owned(),
            }),
            _ => None,
        })
        .collect();
    all.sort();
    all.dedup();
    all
}

/// The typed model of the domain model `model_iri` written in `doc`.
///
/// Terms in `foreign` are typed in this document but owned by a model it
/// imports: they are restatements, not definitions, and are left out.
pub(crate) fn build_model(
    doc: &Document,
    model_iri: NamedNodeRef<'_>,
    foreign: &HashSet<String>,
) -> DomainModel {
    let graph = doc.graph();
    let own = |n: &NamedNodeRef<'_>| !foreign.contains(n.as_str());
    let location = |n: NamedNodeRef<'_>| doc.subject_location(n.into());

    let mut classes = BTreeMap::new();
    for (kind_iri, kind) in [
        (vocab::NESTED_CLASS, ClassKind::Nested),
        (vocab::DIRECT_CLASS, ClassKind::Direct),
    ] {
        for c in named_subjects_of_type(graph, kind_iri).filter(own) {
            classes.insert(
                c.as_str().to_owned(),
                Class {
                    iri: c.as_str().to_owned(),
                    kind,
                    text: text(graph, c),
                    properties: iri_objects(graph, c, vocab::PROPERTY),
                    primary_key: list_iris(graph, c, vocab::PRIMARY_KEY),
                    parent: iri_objects(graph, c, vocab::SUB_CLASS_OF)
                        .into_iter()
                        .next(),
                    location: location(c),
                },
            );
        }
    }

    let enumerations = named_subjects_of_type(graph, vocab::ENUMERATION)
        .filter(own)
        .map(|e| {
            let values = list_iris(graph, e, vocab::ONE_OF)
                .into_iter()
                .map(|v| {
                    let node = NamedNodeRef::new_unchecked(&v);
                    EnumValue {
                        text: text(graph, node),
                        location: location(node),
                        iri: v.clone(),
                    }
                })
                .collect();
            let enumeration = Enumeration {
                iri: e.as_str().to_owned(),
                text: text(graph, e),
                values,
                location: location(e),
            };
            (e.as_str().to_owned(), enumeration)
        })
        .collect();

    let mut properties = BTreeMap::new();
    for (kind_iri, is_attribute) in [(vocab::RELATIONSHIP, false), (vocab::ATTRIBUTE, true)] {
        for p in named_subjects_of_type(graph, kind_iri).filter(own) {
            let kind = if is_attribute {
                PropertyKind::Attribute {
                    datatype: iri_objects(graph, p, vocab::DATATYPE)
                        .into_iter()
                        .next()
                        .unwrap_or_default(),
                }
            } else {
                PropertyKind::Relationship {
                    class: iri_objects(graph, p, vocab::CLASS_PROP)
                        .into_iter()
                        .next()
                        .unwrap_or_default(),
                }
            };
            let ordered =
                literal(graph, p, vocab::ORDERED).is_some_and(|v| v == "true" || v == "1");
            properties.insert(
                p.as_str().to_owned(),
                Property {
                    iri: p.as_str().to_owned(),
                    text: text(graph, p),
                    kind,
                    min_count: count(graph, p, vocab::MIN_COUNT).unwrap_or(0),
                    max_count: count(graph, p, vocab::MAX_COUNT),
                    ordered,
                    location: location(p),
                },
            );
        }
    }

    let datatypes = named_subjects_of_type(graph, vocab::DATATYPE_CLASS)
        .filter(own)
        .filter(|d| Builtin::from_iri(d.as_str()).is_none())
        .map(|d| {
            let base = iri_objects(graph, d, vocab::BASE_TYPE)
                .first()
                .and_then(|b| Builtin::from_iri(b))
                .unwrap_or(Builtin::String);
            let facets = Facets {
                pattern: literal(graph, d, vocab::PATTERN).map(str::to_owned),
                min_length: count(graph, d, vocab::MIN_LENGTH),
                max_length: count(graph, d, vocab::MAX_LENGTH),
                min_inclusive: literal(graph, d, vocab::MIN_INCLUSIVE).map(str::to_owned),
                max_inclusive: literal(graph, d, vocab::MAX_INCLUSIVE).map(str::to_owned),
                min_exclusive: literal(graph, d, vocab::MIN_EXCLUSIVE).map(str::to_owned),
                max_exclusive: literal(graph, d, vocab::MAX_EXCLUSIVE).map(str::to_owned),
                precision: count(graph, d, vocab::PRECISION).and_then(|v| u32::try_from(v).ok()),
                scale: count(graph, d, vocab::SCALE).and_then(|v| u32::try_from(v).ok()),
            };
            let datatype = Datatype {
                iri: d.as_str().to_owned(),
                text: text(graph, d),
                base,
                facets,
                location: location(d),
            };
            (d.as_str().to_owned(), datatype)
        })
        .collect();

    let mut extensions: Vec<Extension> = graph
        .triples_for_predicate(vocab::PROPERTY)
        .filter_map(|t| match (t.subject, t.object) {
            (NamedOrBlankNodeRef::NamedNode(c), TermRef::NamedNode(p))
                if !classes.contains_key(c.as_str()) =>
            {
                Some(Extension {
                    class: c.as_str().to_owned(),
                    property: p.as_str().to_owned(),
                    location: doc.triple_location(t),
                })
            }
            _ => None,
        })
        .collect();
    extensions.sort();

    DomainModel {
        iri: model_iri.as_str().to_owned(),
        domain: literal(graph, model_iri, vocab::DOMAIN)
            .unwrap_or_default()
            .to_owned(),
        text: text(graph, model_iri),
        imports: iri_objects(graph, model_iri, vocab::IMPORTS),
        classes,
        enumerations,
        properties,
        datatypes,
        extensions,
        location: location(model_iri),
    }
}
