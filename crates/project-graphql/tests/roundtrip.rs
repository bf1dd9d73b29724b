//! The round trip: importing the SDL a projection wrote, under the
//! projection's base IRI and schema name, gives back exactly the container
//! graph the projection recorded, for every example model and for synthetic
//! models of 100 and 1,000 classes, plain and as Federation subgraphs.

mod common;

use uda_project_graphql::{import, project, GraphqlOptions, TARGET, TARGET_FEDERATION};
use uda_projection::{write_turtle, Output};
use uda_upper::{Loaded, Loader, RdfFormat};

/// Imports the projection's own SDL as the projection names it.
fn reimport(output: &Output, model_iri: &str, federation: bool, schema_name: &str) -> String {
    let target = if federation {
        TARGET_FEDERATION
    } else {
        TARGET
    };
    let file = &output.files[0];
    let imported = import(
        &[(file.name.clone(), file.text.clone())],
        &format!("{model_iri}/{target}"),
        schema_name,
    )
    .unwrap_or_else(|e| panic!("{} does not import:\n{e}", file.name));
    assert_eq!(imported.warnings, [], "{}", file.name);
    assert_eq!(imported.schema, output.schema);
    write_turtle(&imported.container, &[])
}

/// Asserts two Turtle texts of sorted triples are equal, showing the lines
/// only one of them has.
fn assert_same_graph(label: &str, projected: &str, imported: &str) {
    if projected == imported {
        return;
    }
    let lines = |t: &str| {
        t.lines()
            .map(str::to_owned)
            .collect::<std::collections::BTreeSet<_>>()
    };
    let (p, i) = (lines(projected), lines(imported));
    let only_projected: Vec<_> = p.difference(&i).take(20).collect();
    let only_imported: Vec<_> = i.difference(&p).take(20).collect();
    panic!(
        "{label}: the imported graph differs\nonly recorded by the projection:\n{}\nonly imported:\n{}",
        only_projected.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
        only_imported.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
    );
}

fn round_trip(loaded: &Loaded, model_iri: &str) {
    let view = loaded.models.view(model_iri).expect("model");
    for federation in [false, true] {
        let output = project(&view, &GraphqlOptions { federation }).expect("projects");
        let label = format!("{model_iri} (federation: {federation})");
        let imported = reimport(&output, model_iri, federation, &view.root().domain);
        // What the comparison covers: types, fields, arguments with defaults,
        // uda's @iri as gql:termIri, and (the subgraph's @link and
        // @composeDirective) directives as data.
        let mut terms = vec!["ObjectType>", "Field>", "defaultValue>", "#termIri>"];
        if federation {
            terms.extend(["#key>", "DirectiveApplication>", "value>"]);
        }
        for term in terms {
            assert!(
                imported.contains(term),
                "{label}: nothing imported with {term}"
            );
        }
        assert_same_graph(&label, &write_turtle(&output.container, &[]), &imported);
    }
}

#[test]
fn every_example_round_trips() {
    let loaded = uda_testkit::load_examples();
    for domain in ["onepiece", "studio", "marketing"] {
        round_trip(&loaded, &uda_testkit::example_iri(domain));
    }
}

#[test]
fn synthetic_models_round_trip() {
    for classes in [100, 1000] {
        let mut loader = Loader::new();
        loader.input_text(
            "synthetic.ttl",
            uda_testkit::synthetic_model(classes),
            RdfFormat::Turtle,
        );
        let loaded = loader.load();
        assert!(!loaded.has_errors(), "{}", loaded.render());
        round_trip(&loaded, "https://example.org/synthetic");
    }
}

/// The one difference by design: a subgraph with no query has no root
/// operation for a `schema` definition to name, and only a schema definition
/// carries a description in SDL (extensions cannot). The projection records
/// the model's description on the schema node all the same; the import
/// cannot read it back. Everything else is equal.
#[test]
fn a_subgraph_without_queries_loses_only_the_schema_description() {
    let loaded = common::load_turtle(&[r#"
        @prefix upper: <https://w3id.org/uda/upper#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix v: <https://example.org/values#> .
        <https://example.org/values> a upper:DomainModel ; upper:domain "values" ;
            upper:description "Values only: nothing to look up." .
        v:Address a upper:NestedClass ; upper:property v:city .
        v:city a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
    "#]);
    let iri = "https://example.org/values";
    let view = loaded.models.view(iri).expect("model");
    let output = project(&view, &GraphqlOptions { federation: true }).expect("projects");
    assert!(!common::text(&output).contains("Query"));
    let imported = reimport(&output, iri, true, "values");
    let description = format!(
        "<{iri}/{TARGET_FEDERATION}/schema> <{}description> \"Values only: nothing to look up.\" .",
        uda_project_graphql::NS
    );
    let projected = write_turtle(&output.container, &[]);
    assert!(projected.contains("Values only"));
    assert!(!imported.contains("Values only"));
    // Without that one triple, the graphs are equal.
    let mut graph: Vec<oxrdf::Triple> = output
        .container
        .iter()
        .map(|t| t.into_owned())
        .filter(|t| {
            let text = format!("{t} .");
            text != description
        })
        .collect();
    graph.sort_by_key(ToString::to_string);
    assert_eq!(
        graph.len() + 1,
        output.container.iter().count(),
        "{description}"
    );
    assert_same_graph(
        "values",
        &write_turtle(graph.iter().map(|t| t.as_ref()), &[]),
        &imported,
    );
}
