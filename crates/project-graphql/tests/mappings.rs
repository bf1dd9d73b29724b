//! The mappings and the container representation: every domain element is
//! realized by an element of the container graph, renames are recorded, and
//! the container graph conforms to the GraphQL system model
//! (`ontologies/graphql.ttl`), itself a valid Upper model.

mod common;

use common::{check_conformance, example, map, system_models, GQL};
use oxrdf::vocab::rdf;
use oxrdf::{Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use std::collections::BTreeMap;
use uda_projection::{Output, Triples};
use uda_upper::{local_name, Loaded};

fn every_output(loaded: &Loaded) -> Vec<(String, Output)> {
    let mut out = Vec::new();
    for domain in ["onepiece", "studio", "marketing"] {
        for federation in [false, true] {
            out.push((
                format!("{domain} (federation: {federation})"),
                example(loaded, domain, federation),
            ));
        }
    }
    out
}

fn name_of(graph: &Triples, element: NamedNodeRef<'_>) -> Option<String> {
    match graph.object_for_subject_predicate(element, map("name").as_ref()) {
        Some(TermRef::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn realizations<'g>(output: &'g Output, iri: &str) -> Vec<NamedNodeRef<'g>> {
    output
        .mappings
        .objects_for_subject_predicate(NamedNodeRef::new_unchecked(iri), map("realizedBy").as_ref())
        .filter_map(|t| match t {
            TermRef::NamedNode(n) => Some(n),
            _ => None,
        })
        .collect()
}

#[test]
fn the_graphql_system_model_is_valid_and_describes_container_elements() {
    let loaded = system_models();
    let view = loaded.models.view(GQL).expect("the GraphQL system model");
    let container_element = "https://w3id.org/uda/mapping#ContainerElement";
    for class in view.root().classes.values() {
        assert!(
            view.ancestors(class)
                .iter()
                .any(|a| a.iri == container_element),
            "{} is not a map:ContainerElement",
            class.iri
        );
    }
}

#[test]
fn every_domain_element_is_realized_by_a_container_element() {
    let loaded = uda_testkit::load_examples();
    for (label, output) in every_output(&loaded) {
        let iri = uda_testkit::example_iri(label.split(' ').next().unwrap_or_default());
        let view = loaded.models.view(&iri).expect("model");
        let root = view.root();
        let mut elements: Vec<&str> = vec![root.iri.as_str()];
        elements.extend(root.classes.keys().map(String::as_str));
        elements.extend(root.enumerations.keys().map(String::as_str));
        elements.extend(
            root.enumerations
                .values()
                .flat_map(|e| e.values.iter().map(|v| v.iri.as_str())),
        );
        // Properties the model declares and uses on a class, and its extensions.
        let used: Vec<&str> = view
            .classes()
            .iter()
            .flat_map(|c| view.declared_properties(c))
            .map(|p| p.iri.as_str())
            .collect();
        elements.extend(
            root.properties
                .keys()
                .map(String::as_str)
                .filter(|p| used.contains(p)),
        );
        for element in elements {
            let realized = realizations(&output, element);
            assert!(
                !realized.is_empty(),
                "{label}: {element} is realized by nothing"
            );
            for e in realized {
                assert!(
                    output
                        .container
                        .object_for_subject_predicate(e, rdf::TYPE)
                        .is_some(),
                    "{label}: {element} is realized by {e}, which is not in the container graph"
                );
            }
        }
        let set = output.mapping_set.as_ref();
        let target = if label.contains("true") {
            "graphql-federation"
        } else {
            "graphql"
        };
        assert!(output.mappings.contains(oxrdf::TripleRef::new(
            set,
            map("target").as_ref(),
            Literal::new_simple_literal(target).as_ref()
        )));
    }
}

#[test]
fn renamed_elements_record_their_original_name() {
    let loaded = uda_testkit::load_examples();
    let mut renamed = 0;
    for (label, output) in every_output(&loaded) {
        let mut realized_by: BTreeMap<NamedNode, Vec<String>> = BTreeMap::new();
        let realized = map("realizedBy");
        for t in output
            .mappings
            .iter()
            .filter(|t| t.predicate == realized.as_ref())
        {
            let (NamedOrBlankNodeRef::NamedNode(domain), TermRef::NamedNode(element)) =
                (t.subject, t.object)
            else {
                panic!("{label}: blank node in the mappings")
            };
            realized_by
                .entry(element.into_owned())
                .or_default()
                .push(domain.as_str().to_owned());
        }
        for (element, domains) in realized_by {
            assert_eq!(
                domains.len(),
                1,
                "{label}: {element} realizes several domain elements"
            );
            if element == output.schema {
                continue;
            }
            let original = local_name(&domains[0]);
            let name = name_of(&output.container, element.as_ref()).expect("named");
            let recorded = match output
                .mappings
                .object_for_subject_predicate(element.as_ref(), map("originalName").as_ref())
            {
                Some(TermRef::Literal(l)) => Some(l.value().to_owned()),
                _ => None,
            };
            if name == original {
                assert_eq!(recorded, None, "{label}: {element}");
            } else {
                renamed += 1;
                assert_eq!(
                    recorded.as_deref(),
                    Some(original),
                    "{label}: {element} ({name}) lacks its original name"
                );
            }
        }
    }
    // e-mail -> eMail, WorkEntity, FilmEntity, workWorkId, NON_FICTION... are renames.
    assert!(renamed > 10, "{renamed}");
}

#[test]
fn container_graphs_conform_to_the_graphql_system_model() {
    let system = system_models();
    let view = system.models.view(GQL).expect("the GraphQL system model");
    let loaded = uda_testkit::load_examples();
    for (label, output) in every_output(&loaded) {
        check_conformance(&label, &output.container.to_graph(), &view);
        let schema_type = output
            .container
            .object_for_subject_predicate(output.schema.as_ref(), rdf::TYPE);
        assert_eq!(
            schema_type,
            Some(NamedNodeRef::new_unchecked("https://w3id.org/uda/graphql#Schema").into())
        );
    }
}

/// The notes recorded on the element named by `path` (type, then field...).
fn notes(output: &Output, path: &[&str]) -> Vec<String> {
    let mut element = output.schema.clone();
    for name in path {
        let part_of = map("partOf");
        let child = output
            .container
            .iter()
            .filter(|t| t.predicate == part_of.as_ref() && t.object == element.as_ref().into())
            .map(|t| t.subject)
            .filter_map(|s| match s {
                NamedOrBlankNodeRef::NamedNode(n) => Some(n),
                _ => None,
            })
            .find(|s| name_of(&output.container, *s).as_deref() == Some(*name))
            .unwrap_or_else(|| panic!("no element {path:?}"));
        element = child.into_owned();
    }
    output
        .mappings
        .objects_for_subject_predicate(element.as_ref(), map("note").as_ref())
        .map(|t| match t {
            TermRef::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        })
        .collect()
}

#[test]
fn notes_record_what_graphql_cannot_express() {
    let loaded = uda_testkit::load_examples();
    let studio = example(&loaded, "studio", true);
    let has = |notes: Vec<String>, text: &str| notes.iter().any(|n| n.contains(text));
    assert!(has(notes(&studio, &["Credit", "workWorkId"]), "flattened"));
    assert!(has(notes(&studio, &["Money"]), "at most 14 digits"));
    assert!(has(
        notes(&studio, &["Work", "producedBy"]),
        "at least 1 value:"
    ));
    assert!(has(
        notes(&studio, &["WorkEntity"]),
        "none of its subclasses"
    ));
    assert!(has(
        notes(&studio, &["Query", "credit", "workWorkId"]),
        "key member work"
    ));
    let marketing = example(&loaded, "marketing", true);
    assert!(has(notes(&marketing, &["Work"]), "entity stub"));
    assert!(has(notes(&marketing, &["Film"]), "adds the fields"));
}
