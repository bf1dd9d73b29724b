//! Conformance to the governing model through SHACL: Upper projected to
//! SHACL validates domain models (Upper included), and the mapping model
//! projected to SHACL validates the mappings a projection records.

mod common;

use common::*;
use oxrdf::Graph;
use uda_project_shacl::{merge, project, ShaclOptions};

/// A broken model graph, read with Upper's graph (which types the built-in
/// datatypes as upper:Datatype), against Upper's shapes.
fn check_model(model: &str, closed: bool) -> std::collections::BTreeSet<(String, String)> {
    let loaded = load_all();
    let shapes = governing(&loaded, UPPER, closed);
    let data = merge([&turtle(model), &model_graph(&loaded, UPPER)]);
    results(&shapes.validate(&data))
}

const HEADER: &str = "<https://example.org/t> a upper:DomainModel ; upper:domain \"t\" .\n";

#[test]
fn every_model_conforms_to_uppers_shapes_open_and_closed() {
    let loaded = load_all();
    for closed in [false, true] {
        let shapes = governing(&loaded, UPPER, closed);
        for iri in [
            uda_testkit::example_iri("onepiece"),
            uda_testkit::example_iri("studio"),
            uda_testkit::example_iri("marketing"),
            MAPPING.to_owned(),
            SHACL_MODEL.to_owned(),
            // Upper validates itself through its own shapes.
            UPPER.to_owned(),
        ] {
            let report = shapes.validate(&model_graph(&loaded, &iri));
            assert!(
                report.conforms,
                "{iri} (closed: {closed}):\n{}",
                report.to_turtle()
            );
        }
    }
}

#[test]
fn uppers_shapes_are_uppers_classes() {
    let loaded = load_all();
    let view = loaded.models.view(UPPER).expect("view");
    let text = &project(&view, &ShaclOptions::default())
        .expect("projects")
        .files[0]
        .text;
    for expected in [
        "sh:targetClass upper:Attribute",
        "sh:targetClass upper:DirectClass",
        "sh:targetClass upper:Term",
        // upper:iri is implicit: the node is an IRI.
        "sh:nodeKind sh:IRI",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    assert!(
        !text.contains("sh:path upper:iri"),
        "upper:iri is never a triple"
    );
}

#[test]
fn a_missing_datatype_is_reported_on_the_attribute() {
    let loaded = load_all();
    let shapes = governing(&loaded, UPPER, false);
    let model = format!("{HEADER}t:size a upper:Attribute ; upper:minCount 1 ; upper:maxCount 1 .");
    let data = merge([&turtle(&model), &model_graph(&loaded, UPPER)]);
    let report = shapes.validate(&data);
    assert_eq!(report.results.len(), 1, "{}", report.to_turtle());
    let result = &report.results[0];
    assert_eq!(compact(&result.focus_node.to_string()), "t:size");
    assert_eq!(
        result
            .result_path
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("<https://w3id.org/uda/upper#datatype>")
    );
    assert!(result
        .source_constraint_component
        .as_str()
        .ends_with("MinCountConstraintComponent"));
}

#[test]
fn broken_models_are_reported_with_the_right_focus_and_constraint() {
    let found = check_model(
        &format!(
            "{HEADER}
            t:Thing a upper:DirectClass ; upper:primaryKey ( t:id ) ; upper:property t:id , t:size , t:kind ;
                upper:label \"Thing\" , \"Chose\" .
            t:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
            # A cardinality that is not a count, and one below zero.
            t:size a upper:Attribute ; upper:datatype xsd:int ; upper:minCount 0 ; upper:maxCount \"many\" .
            t:weight a upper:Attribute ; upper:datatype xsd:int ; upper:minCount -1 .
            # A relationship whose class is a property; a datatype that is not one.
            t:kind a upper:Relationship ; upper:class t:id ; upper:minCount 0 .
            t:colour a upper:Attribute ; upper:datatype t:Thing .
            # A key that is not a list, an enumeration without values.
            t:Other a upper:DirectClass ; upper:primaryKey t:id .
            t:Empty a upper:Enumeration ; upper:oneOf () .
            # A model without its short name.
            <https://example.org/u> a upper:DomainModel .
            "
        ),
        false,
    );
    assert_eq!(
        found,
        pairs(&[
            ("t:Thing", "MaxCount"),                 // two labels
            ("t:size", "Or"),                        // maxCount "many"
            ("t:size", "MinInclusive"),              // ... which is no number at all
            ("t:weight", "MinInclusive"),            // minCount -1
            ("t:kind", "Class"),                     // upper:class t:id
            ("t:colour", "Class"),                   // upper:datatype t:Thing
            ("t:Other", "Node"),                     // primaryKey t:id
            ("t:Empty", "MinCount"),                 // oneOf ()
            ("<https://example.org/u>", "MinCount"), // no upper:domain
        ])
    );
}

#[test]
fn a_cardinality_that_is_not_a_count_is_reported_on_its_path() {
    let loaded = load_all();
    let shapes = governing(&loaded, UPPER, false);
    let model = format!(
        "{HEADER}t:size a upper:Attribute ; upper:datatype xsd:int ; upper:maxCount \"many\" ."
    );
    let report = shapes.validate(&merge([&turtle(&model), &model_graph(&loaded, UPPER)]));
    assert!(!report.results.is_empty());
    for result in &report.results {
        assert_eq!(compact(&result.focus_node.to_string()), "t:size");
        let path = result.result_path.as_ref().map(ToString::to_string);
        assert_eq!(
            path.as_deref(),
            Some("<https://w3id.org/uda/upper#maxCount>")
        );
        assert_eq!(
            result.value.as_ref().map(ToString::to_string).as_deref(),
            Some("\"many\"")
        );
    }
}

#[test]
fn closed_upper_shapes_report_terms_used_where_they_do_not_apply() {
    let model = format!(
        "{HEADER}t:owner a upper:Relationship ; upper:class upper:DomainModel ; upper:datatype xsd:string ; upper:minCount 0 ."
    );
    assert_eq!(check_model(&model, true), pairs(&[("t:owner", "Closed")]));
    assert_eq!(check_model(&model, false), pairs(&[]));
}

/// The mappings graph of a projection, read with what it depends on (the
/// container representation, the domain model, the system model's
/// taxonomy), conforms to the mapping model's shapes.
#[test]
fn the_mappings_of_a_projection_conform_to_the_mapping_model() {
    let loaded = load_all();
    // The SHACL system model imports the mapping model: its governing
    // shapes are the mapping model's, Upper's and its own.
    let shapes = governing(&loaded, SHACL_MODEL, false);
    for domain in ["onepiece", "studio", "marketing"] {
        let iri = uda_testkit::example_iri(domain);
        let view = loaded.models.view(&iri).expect("view");
        let output = project(&view, &ShaclOptions { closed: true }).expect("projects");
        let data = merge([
            &output.mappings.to_graph(),
            &output.container.to_graph(),
            &model_graph(&loaded, &iri),
        ]);
        let report = shapes.validate(&data);
        assert!(report.conforms, "{domain}:\n{}", report.to_turtle());
        // The check has teeth: a container element without its name does not conform.
        let unnamed: Graph = output
            .container
            .iter()
            .filter(|t| {
                !(t.predicate.as_str() == "https://w3id.org/uda/mapping#name"
                    && t.subject.to_string().ends_with("Shape>"))
            })
            .collect();
        let report = shapes.validate(&merge([
            &output.mappings.to_graph(),
            &unnamed,
            &model_graph(&loaded, &iri),
        ]));
        assert!(
            results(&report).iter().any(|(_, c)| c == "MinCount"),
            "{}",
            report.to_turtle()
        );
    }
}
