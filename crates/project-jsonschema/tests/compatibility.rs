//! What a model change does to the JSON Schema documents, as the registry's
//! compatibility checks describe it (`uda_diff`, reading the container
//! representations through the mappings): a property made required, and one
//! added.

use uda_diff::{describe_projections, diff, ProjectionGraphs};
use uda_project_jsonschema::{project, JsonSchemaOptions};
use uda_upper::{Loader, RdfFormat};

const BEFORE: &str = r#"
@prefix upper: <https://w3id.org/uda/upper#> .
@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .
@prefix shop:  <https://example.org/shop#> .
<https://example.org/shop> a upper:DomainModel ; upper:domain "shop" .
shop:Order a upper:DirectClass ; upper:primaryKey ( shop:orderId ) ;
    upper:property shop:orderId , shop:note .
shop:orderId a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
shop:note a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .
"#;

#[test]
fn changes_are_described_on_the_json_schema_documents() {
    let after = BEFORE
        .replace(
            "shop:note a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0",
            "shop:note a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1",
        )
        .replace("shop:orderId , shop:note .", "shop:orderId , shop:note , shop:placedOn .")
        + "shop:placedOn a upper:Attribute ; upper:datatype xsd:date ; upper:minCount 0 ; upper:maxCount 1 .\n";
    let load = |text: &str| {
        let mut loader = Loader::new();
        loader.input_text("shop.ttl", text, RdfFormat::Turtle);
        let loaded = loader.load();
        assert!(!loaded.has_errors(), "{}", loaded.render());
        loaded
    };
    let (old, new) = (load(BEFORE), load(&after));
    let iri = "https://example.org/shop";
    let (old, new) = (
        old.models.view(iri).expect("old"),
        new.models.view(iri).expect("new"),
    );
    let graphs = |view| {
        let output = project(view, &JsonSchemaOptions::default()).expect("projects");
        vec![ProjectionGraphs::from_output("jsonschema", &output)]
    };
    let mut changes = diff(&old, &new);
    describe_projections(&mut changes, &graphs(&old), &graphs(&new));
    let described = |term: &str| -> Vec<String> {
        changes
            .iter()
            .filter(|c| c.term == format!("https://example.org/shop#{term}"))
            .flat_map(|c| &c.projections)
            .filter(|p| p.target == "jsonschema")
            .map(|p| p.description.clone())
            .collect()
    };
    let note = described("note").join("\n");
    assert!(
        note.contains("Property `shop.Order.schema.json.Order.note`") && note.contains("required"),
        "{note}"
    );
    let placed_on = described("placedOn").join("\n");
    assert!(
        placed_on.contains("adds Property `shop.Order.schema.json.Order.placedOn`"),
        "{placed_on}"
    );
}
