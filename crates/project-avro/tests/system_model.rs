//! `ontologies/avro.ttl`, the Avro system model: it is a valid Upper model,
//! its classes are container elements, and every container representation
//! the projection writes, or the import reads, conforms to it (classes,
//! properties, cardinalities, targets of relationships).

mod common;

use common::{edge, example, external_sources, DOMAINS};
use oxrdf::vocab::rdf;
use oxrdf::{NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use std::collections::BTreeMap;
use uda_project_avro::{import, AvroOptions, AVRO_NS};
use uda_project_shacl::{GoverningShapes, ShaclOptions};
use uda_projection::{Triples, MAP_NS};
use uda_upper::{Loaded, Loader, ModelView, PropertyKind, Target};

const AVRO_MODEL: &str = "https://w3id.org/uda/avro";

fn load_system_model() -> Loaded {
    let dir = uda_testkit::repo_dir().join("ontologies");
    let mut loader = Loader::new();
    loader
        .input_file(dir.join("mapping.ttl"))
        .input_file(dir.join("avro.ttl"));
    let loaded = loader.load();
    println!("{}", loaded.render());
    assert!(
        !loaded.has_errors(),
        "ontologies/avro.ttl is invalid:\n{}",
        loaded.render()
    );
    loaded
}

#[test]
fn the_avro_system_model_is_valid_and_made_of_container_elements() {
    let loaded = load_system_model();
    let view = loaded.models.view(AVRO_MODEL).expect("the avro model");
    let container_element = format!("{MAP_NS}ContainerElement");
    assert!(view.root().classes.len() >= 7);
    for class in view.root().classes.values() {
        assert!(
            view.ancestors(class)
                .iter()
                .any(|a| a.iri == container_element),
            "{} is not a map:ContainerElement",
            class.iri
        );
    }
    assert!(view.root().iri.starts_with(AVRO_NS.trim_end_matches('#')));
}

/// Checks every element of a container graph against the system model.
fn conforms(label: &str, container: &Triples, view: &ModelView<'_>) {
    let container = &container.to_graph();
    let mut subjects: Vec<NamedOrBlankNodeRef<'_>> = container.iter().map(|t| t.subject).collect();
    subjects.sort_by_key(|s| s.to_string());
    subjects.dedup();
    assert!(subjects.len() > 10, "{label}");
    for subject in subjects {
        let types: Vec<_> = container
            .objects_for_subject_predicate(subject, rdf::TYPE)
            .collect();
        let [TermRef::NamedNode(class_iri)] = types[..] else {
            panic!("{label}: {subject} has types {types:?}, not one class");
        };
        let class = view.class(class_iri.as_str()).unwrap_or_else(|| {
            panic!("{label}: {subject} is a {class_iri}, not a class of avro.ttl")
        });
        let properties = view.all_properties(class);
        let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
        for t in container.triples_for_subject(subject) {
            if t.predicate == rdf::TYPE {
                continue;
            }
            let property = properties
                .iter()
                .find(|p| p.iri == t.predicate.as_str())
                .unwrap_or_else(|| {
                    panic!(
                        "{label}: {subject} has {}, not a property of {class_iri}",
                        t.predicate
                    )
                });
            *counts.entry(property.iri.as_str()).or_default() += 1;
            match (&property.kind, t.object) {
                (PropertyKind::Attribute { .. }, TermRef::Literal(_)) => {}
                (PropertyKind::Relationship { .. }, TermRef::NamedNode(object)) => {
                    match view.target(property) {
                        Some(Target::Enumeration(e)) => assert!(
                            e.values.iter().any(|v| v.iri == object.as_str()),
                            "{label}: {subject} {} {object} is not a value of {}",
                            t.predicate,
                            e.iri
                        ),
                        Some(Target::Class(target)) => {
                            let object_class =
                                match container.object_for_subject_predicate(object, rdf::TYPE) {
                                    Some(TermRef::NamedNode(c)) => {
                                        view.class(c.as_str()).expect("a class of avro.ttl")
                                    }
                                    _ => panic!(
                                    "{label}: {object} is not an element of the container graph"
                                ),
                                };
                            assert!(
                                object_class.iri == target.iri
                                    || view
                                        .ancestors(object_class)
                                        .iter()
                                        .any(|a| a.iri == target.iri),
                                "{label}: {subject} {} {object}, a {}, not a {}",
                                t.predicate,
                                object_class.iri,
                                target.iri
                            );
                        }
                        None => panic!("{label}: {} has no target", property.iri),
                    }
                }
                (_, object) => panic!(
                    "{label}: {subject} {} {object}: wrong kind of value",
                    t.predicate
                ),
            }
        }
        for property in &properties {
            let count = counts.get(property.iri.as_str()).copied().unwrap_or(0);
            // upper:iri is implicit: the element's IRI.
            if property.iri != uda_upper::vocab::IRI.as_str() {
                assert!(
                    count >= property.min_count,
                    "{label}: {subject} lacks {}",
                    property.iri
                );
            }
            if let Some(max) = property.max_count {
                assert!(
                    count <= max,
                    "{label}: {subject} has {count} values of {}",
                    property.iri
                );
            }
        }
    }
}

#[test]
fn every_container_representation_conforms_to_the_system_model() {
    let loaded = load_system_model();
    let view = loaded.models.view(AVRO_MODEL).expect("the avro model");
    for domain in DOMAINS {
        conforms(domain, &example(domain).container, &view);
    }
    conforms("edge", &edge(&AvroOptions::default()).container, &view);
}

/// Imported containers: the projection's own files, schemas nobody here
/// wrote, and a file using every term the import adds (fixed, aliases,
/// custom attributes, orders, an enum's default).
#[test]
fn every_imported_container_conforms_to_the_system_model() {
    let loaded = load_system_model();
    let view = loaded.models.view(AVRO_MODEL).expect("the avro model");
    let base = "https://w3id.org/uda/container/avro/test";
    for domain in DOMAINS {
        let output = example(domain);
        let files: Vec<(String, String)> = output
            .files
            .iter()
            .map(|f| (f.name.clone(), f.text.clone()))
            .collect();
        let imported = import(&files, base, domain).expect("imports");
        conforms(domain, &imported.container, &view);
    }
    let external = import(&external_sources(), base, "external").expect("imports");
    conforms("external", &external.container, &view);
    let features = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/features.avsc"),
    )
    .expect("fixture");
    let imported =
        import(&[("features.avsc".to_owned(), features)], base, "features").expect("imports");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let predicates: std::collections::BTreeSet<String> = imported
        .container
        .iter()
        .map(|t| t.predicate.as_str().to_owned())
        .collect();
    for term in [
        "alias",
        "customAttributes",
        "order",
        "defaultSymbol",
        "size",
        "precision",
        "scale",
    ] {
        assert!(
            predicates.contains(&format!("{AVRO_NS}{term}")),
            "avro:{term} unused"
        );
    }
    conforms("features", &imported.container, &view);
}

/// What the registry checks every stored container with: the SHACL shapes
/// of `ontologies/avro.ttl`, by uda's SHACL engine. Imported containers
/// pass it as projected ones do.
#[test]
fn imported_containers_conform_to_the_shapes_the_registry_checks() {
    let dir = uda_testkit::repo_dir().join("ontologies");
    let mut loader = Loader::new();
    loader.input_file(dir.join("avro.ttl"));
    loader.library_file(dir.join("mapping.ttl"));
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let view = loaded.models.view(AVRO_MODEL).expect("the avro model");
    let shapes = GoverningShapes::new(&view, &ShaclOptions::default()).expect("shapes");
    let base = "https://w3id.org/uda/container/avro/test";
    let features = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import/features.avsc"),
    )
    .expect("fixture");
    let mut containers = vec![
        (
            "external",
            import(&external_sources(), base, "external").expect("imports"),
        ),
        (
            "features",
            import(&[("features.avsc".to_owned(), features)], base, "features").expect("imports"),
        ),
    ];
    for domain in DOMAINS {
        let files: Vec<(String, String)> = example(domain)
            .files
            .iter()
            .map(|f| (f.name.clone(), f.text.clone()))
            .collect();
        containers.push((domain, import(&files, base, domain).expect("imports")));
    }
    for (label, imported) in containers {
        let report = shapes.validate(&imported.container.to_graph());
        assert!(report.conforms, "{label}:\n{}", report.to_turtle());
    }
}

#[test]
fn the_schema_element_is_the_root() {
    let output = example("studio");
    let schema_class = NamedNodeRef::new_unchecked("https://w3id.org/uda/avro#Schema");
    assert_eq!(
        output
            .container
            .object_for_subject_predicate(&output.schema, rdf::TYPE),
        Some(schema_class.into())
    );
}
