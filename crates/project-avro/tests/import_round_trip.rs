//! The import is the inverse of the projection: importing the files a
//! projection generated, under the projection's base `{model IRI}/avro`
//! and schema name, gives exactly the container graph the projection
//! recorded, triple for triple, for every example model, the edge cases and
//! synthetic models of 100 and 1,000 classes. The one difference by design:
//! the JSON array of all schemas is one file, so every top-level record's
//! `avro:file` is that file's name.

mod common;

use common::{edge, example, load, money, DOMAINS};
use oxrdf::vocab::rdf;
use oxrdf::TermRef;
use std::collections::BTreeSet;
use uda_project_avro::{import, project, to_json_array, AvroOptions, TimestampPrecision};
use uda_projection::{Imported, Output, Triples, MAP_NS};

/// Every triple as N-Triples text, sorted.
fn ntriples(triples: &Triples) -> BTreeSet<String> {
    triples.iter().map(|t| t.to_string()).collect()
}

/// The projection's base and schema name, as the import takes them.
fn coordinates(output: &Output) -> (String, String) {
    let base = output
        .schema
        .as_str()
        .strip_suffix("/schema")
        .expect("the schema element is {base}/schema")
        .to_owned();
    let name_predicate = oxrdf::NamedNode::new_unchecked(format!("{MAP_NS}name"));
    let name = match output
        .container
        .object_for_subject_predicate(&output.schema, &name_predicate)
    {
        Some(TermRef::Literal(name)) => name.value().to_owned(),
        other => panic!("the schema has no name: {other:?}"),
    };
    (base, name)
}

/// Imports `output`'s own files.
fn import_files(label: &str, output: &Output) -> Imported {
    let (base, name) = coordinates(output);
    let sources: Vec<(String, String)> = output
        .files
        .iter()
        .map(|f| (f.name.clone(), f.text.clone()))
        .collect();
    import(&sources, &base, &name).unwrap_or_else(|e| panic!("{label}: {e}"))
}

/// Asserts two sets of triples are equal, showing the differences.
fn assert_same(label: &str, projected: &BTreeSet<String>, imported: &BTreeSet<String>) {
    let missing: Vec<&String> = projected.difference(imported).take(20).collect();
    let extra: Vec<&String> = imported.difference(projected).take(20).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{label}: the imported graph differs from the projected one\n\
         recorded by the projection, not imported ({}):\n{}\n\
         imported, not recorded by the projection ({}):\n{}",
        projected.difference(imported).count(),
        missing
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        imported.difference(projected).count(),
        extra
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

fn round_trip(label: &str, output: &Output) {
    let imported = import_files(label, output);
    assert_eq!(imported.schema, output.schema, "{label}");
    assert!(
        imported.warnings.is_empty(),
        "{label}: {:?}",
        imported.warnings
    );
    assert_same(
        label,
        &ntriples(&output.container),
        &ntriples(&imported.container),
    );
}

#[test]
fn importing_each_example_gives_back_its_container_graph() {
    for domain in DOMAINS {
        round_trip(domain, &example(domain));
    }
}

#[test]
fn importing_the_edge_cases_gives_back_their_container_graph() {
    round_trip("edge", &edge(&AvroOptions::default()));
    round_trip(
        "edge, millis",
        &edge(&AvroOptions::default().with_timestamps(TimestampPrecision::Millis)),
    );
    round_trip("money", &money());
}

fn synthetic(classes: usize) -> Output {
    let text = uda_testkit::synthetic_model(classes);
    let loaded = load(&[("synthetic.ttl", &text)]);
    let view = loaded
        .models
        .view("https://example.org/synthetic")
        .expect("synthetic model");
    project(&view, &AvroOptions::default()).expect("projects")
}

#[test]
fn importing_synthetic_models_gives_back_their_container_graph() {
    for classes in [100, 1_000] {
        let output = synthetic(classes);
        assert!(output.files.len() >= classes, "{classes}");
        round_trip(&format!("synthetic {classes}"), &output);
    }
}

#[test]
fn the_graph_is_the_same_whatever_the_order_of_the_files() {
    let output = example("studio");
    let (base, name) = coordinates(&output);
    let mut sources: Vec<(String, String)> = output
        .files
        .iter()
        .map(|f| (f.name.clone(), f.text.clone()))
        .collect();
    let forward = import(&sources, &base, &name).expect("imports");
    sources.reverse();
    let backward = import(&sources, &base, &name).expect("imports");
    assert_eq!(ntriples(&forward.container), ntriples(&backward.container));
}

/// The JSON array of all schemas defines each named type once, at its first
/// use anywhere: the same graph, but every top-level record is in that one file.
#[test]
fn importing_the_json_array_differs_only_by_the_file_of_each_record() {
    for domain in DOMAINS {
        let output = example(domain);
        let (base, name) = coordinates(&output);
        let sources = vec![("all.avsc".to_owned(), to_json_array([&output]))];
        let imported = import(&sources, &base, &name).unwrap_or_else(|e| panic!("{domain}: {e}"));
        let file = format!("<{}file>", uda_project_avro::AVRO_NS);
        let without_files = |triples: &Triples| -> BTreeSet<String> {
            ntriples(triples)
                .into_iter()
                .filter(|t| !t.contains(&file))
                .collect()
        };
        assert_same(
            domain,
            &without_files(&output.container),
            &without_files(&imported.container),
        );
        let files: BTreeSet<String> = imported
            .container
            .iter()
            .filter(|t| t.predicate.as_str().ends_with("#file"))
            .map(|t| t.object.to_string())
            .collect();
        assert_eq!(
            files,
            BTreeSet::from(["\"all.avsc\"".to_owned()]),
            "{domain}"
        );
        let records = output
            .container
            .iter()
            .filter(|t| t.predicate.as_str().ends_with("#file"))
            .count();
        let imported_records = imported
            .container
            .iter()
            .filter(|t| t.predicate.as_str().ends_with("#file"))
            .count();
        assert_eq!(records, imported_records, "{domain}");
        assert!(imported.container.iter().any(|t| t.predicate == rdf::TYPE));
    }
}
