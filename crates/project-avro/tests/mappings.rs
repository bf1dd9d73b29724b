//! The mappings: every domain element realized by an element of the
//! container representation, with notes for what Avro cannot express.

mod common;

use common::{edge, example, examples, DOMAINS};
use oxrdf::vocab::rdf;
use oxrdf::{NamedNode, NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use uda_project_avro::{AvroOptions, AVRO_NS};
use uda_projection::{Output, MAP_NS};
use uda_upper::{ClassKind, PropertyKind};

fn map(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{MAP_NS}{local}"))
}

fn avro(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{AVRO_NS}{local}"))
}

/// The container elements realizing `iri`; panics if one of them is not in the container graph.
fn realizations(output: &Output, iri: &str) -> Vec<NamedNode> {
    let realized_by = map("realizedBy");
    output
        .mappings
        .objects_for_subject_predicate(NamedNodeRef::new_unchecked(iri), &realized_by)
        .map(|o| match o {
            TermRef::NamedNode(n) => {
                assert!(
                    output
                        .container
                        .object_for_subject_predicate(n, rdf::TYPE)
                        .is_some(),
                    "{iri} is realized by {n}, which is not in the container graph"
                );
                n.into_owned()
            }
            other => panic!("{iri} is realized by {other}, not an element"),
        })
        .collect()
}

fn notes(output: &Output, element: &NamedNode) -> Vec<String> {
    let note = map("note");
    output
        .mappings
        .objects_for_subject_predicate(element, &note)
        .filter_map(|o| match o {
            TermRef::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
        .collect()
}

fn literal(output: &Output, element: &NamedNode, predicate: &NamedNode) -> Option<String> {
    match output
        .container
        .object_for_subject_predicate(element, predicate)
    {
        Some(TermRef::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

#[test]
fn every_domain_element_of_every_example_is_realized() {
    for domain in DOMAINS {
        let output = example(domain);
        let model = examples()
            .models
            .get(&uda_testkit::example_iri(domain))
            .expect("model");
        assert_eq!(
            realizations(&output, &model.iri),
            vec![output.schema.clone()],
            "{domain}"
        );
        let terms = model
            .classes
            .keys()
            .chain(model.properties.keys())
            .chain(model.enumerations.keys())
            .chain(
                model
                    .enumerations
                    .values()
                    .flat_map(|e| e.values.iter().map(|v| &v.iri)),
            );
        let mut count = 0;
        for iri in terms {
            assert!(
                !realizations(&output, iri).is_empty(),
                "{domain}: {iri} is realized by nothing"
            );
            count += 1;
        }
        assert!(count > 5, "{domain}: {count} terms");
    }
}

#[test]
fn a_property_is_realized_by_a_field_in_every_record_that_has_it() {
    let output = example("studio");
    // A field's IRI is {record}/{field}.
    let mut title: Vec<String> = realizations(&output, "https://example.org/studio#title")
        .iter()
        .map(|e| e.as_str().rsplit('/').nth(1).unwrap_or_default().to_owned())
        .collect();
    title.sort();
    assert_eq!(title, ["Documentary", "Episode", "Film", "Series", "Work"]);
    let inherited = NamedNode::new_unchecked(
        "https://example.org/studio/avro/org.example.studio/Documentary/title",
    );
    assert!(notes(&output, &inherited)
        .iter()
        .any(|n| n.contains("inherited from studio:Work")));
    let documentary =
        NamedNode::new_unchecked("https://example.org/studio/avro/org.example.studio/Documentary");
    assert!(notes(&output, &documentary)
        .iter()
        .any(|n| n.contains("no inheritance")));
}

#[test]
fn references_carry_a_note_in_the_mappings() {
    for domain in DOMAINS {
        let output = example(domain);
        let view = examples()
            .models
            .view(&uda_testkit::example_iri(domain))
            .expect("view");
        let mut references = 0;
        for property in view.root().properties.values() {
            let PropertyKind::Relationship { class } = &property.kind else {
                continue;
            };
            if view
                .class(class)
                .is_none_or(|c| c.kind != ClassKind::Direct)
            {
                continue;
            }
            for element in realizations(&output, &property.iri) {
                references += 1;
                assert!(
                    notes(&output, &element)
                        .iter()
                        .any(|n| n.contains("no foreign keys")),
                    "{domain}: {element} has no note about references"
                );
            }
        }
        let (kind, reference) = (avro("recordKind"), avro("ReferenceRecord"));
        let reference_records: Vec<NamedNode> = output
            .container
            .iter()
            .filter(|t| t.predicate == kind.as_ref() && t.object == reference.as_ref().into())
            .map(|t| t.subject)
            .filter_map(|s| match s {
                NamedOrBlankNodeRef::NamedNode(n) => Some(n.into_owned()),
                _ => None,
            })
            .collect();
        assert!(!reference_records.is_empty(), "{domain}");
        for record in &reference_records {
            assert!(
                notes(&output, record)
                    .iter()
                    .any(|n| n.contains("no foreign keys")),
                "{record}"
            );
        }
        assert!(
            references > 0,
            "{domain}: every example has a relationship to a keyed class"
        );
    }
}

#[test]
fn referenced_classes_are_realized_by_their_reference_records() {
    let output = example("marketing");
    let work = realizations(&output, "https://example.org/studio#Work");
    assert_eq!(
        work,
        [NamedNode::new_unchecked(
            "https://example.org/marketing/avro/org.example.studio/WorkRef"
        )],
        "an imported class is realized, in this output, by its reference record"
    );
    let film = realizations(&output, "https://example.org/studio#Film");
    assert_eq!(
        film,
        [NamedNode::new_unchecked(
            "https://example.org/marketing/avro/org.example.marketing/FilmMarketing"
        )]
    );
    assert!(notes(&output, &film[0])
        .iter()
        .any(|n| n.contains("no extension mechanism")));
    assert_eq!(
        literal(&output, &film[0], &avro("file")).as_deref(),
        Some("org.example.marketing.FilmMarketing.avsc")
    );
}

#[test]
fn renamed_elements_keep_their_original_name() {
    let output = example("studio");
    let email = realizations(&output, "https://example.org/studio#e-mail");
    assert_eq!(
        literal(&output, &email[0], &map("name")).as_deref(),
        Some("eMail")
    );
    let original = output
        .mappings
        .object_for_subject_predicate(&email[0], &map("originalName"));
    assert_eq!(
        original.map(|o| o.to_string()).as_deref(),
        Some("\"e-mail\"")
    );
    let non_fiction = realizations(&output, "https://example.org/studio#NonFiction");
    assert_eq!(
        literal(&output, &non_fiction[0], &map("name")).as_deref(),
        Some("NON_FICTION")
    );
}

#[test]
fn lossy_datatypes_are_noted() {
    let output = example("studio");
    let expectations = [
        ("boxOffice", "unbounded"),
        ("viewCount", "never negative"),
        ("runtime", "ISO 8601"),
        ("homepage", "URI"),
        ("localizedTitles", "LangString"),
        ("createdAt", "UTC"),
        ("airTime", "time-micros"),
        ("imdbId", "pattern"),
    ];
    for (property, words) in expectations {
        let elements = realizations(&output, &format!("https://example.org/studio#{property}"));
        for element in elements {
            assert!(
                notes(&output, &element).iter().any(|n| n.contains(words)),
                "{element}: no note saying {words:?}: {:?}",
                notes(&output, &element)
            );
        }
    }
}

#[test]
fn unused_types_are_noted_on_the_schema() {
    let output = edge(&AvroOptions::default());
    let on_schema = notes(&output, &output.schema);
    for unused in ["edge:Unused", "edge:Lonely"] {
        assert!(
            on_schema.iter().any(|n| n.starts_with(unused)),
            "{unused}: {on_schema:?}"
        );
    }
    assert!(realizations(&output, "https://example.org/edge#Unused").is_empty());
}
