//! Cases the example models do not cover, on a model made for them
//! (`common::EDGE_TTL`), and the errors of the projection.

mod common;

use common::{apache_avro_round_trip, edge, field, field_names, file, json, load};
use serde_json::{json, Value};
use uda_project_avro::{project, AvroError, AvroOptions, TimestampPrecision};

fn thing(options: &AvroOptions) -> Value {
    json(file(&edge(options), "org.example.edge.Thing.avsc"))
}

#[test]
fn colliding_and_invalid_names_are_made_valid_and_unique() {
    let thing = thing(&AvroOptions::default());
    let names = field_names(&thing);
    assert_eq!(names[0], "id", "the key comes first");
    for expected in ["eMail", "eMail_2", "_3d"] {
        assert!(names.contains(&expected), "{expected} in {names:?}");
    }
    assert_eq!(
        field(&thing, "eMail")["uda.iri"],
        "https://example.org/edge#e-mail"
    );
    assert_eq!(
        field(&thing, "eMail_2")["uda.iri"],
        "https://example.org/edge#eMail"
    );
    // A class named ThingRef keeps its name; the reference record to Thing yields.
    let parent = field(&thing, "parent");
    assert_eq!(parent["type"][1]["name"], "ThingRef_2");
    assert_eq!(field_names(&parent["type"][1]), ["id"]);
    let other = field(&thing, "other");
    assert_eq!(other["type"][1]["name"], "ThingRefRef");
    assert_eq!(other["uda.references"], "https://example.org/edge#ThingRef");
    let mode = field(&thing, "mode");
    assert_eq!(mode["type"][1]["symbols"], json!(["A_B", "A_B_2"]));
    let output = edge(&AvroOptions::default());
    assert!(output
        .files
        .iter()
        .any(|f| f.name == "org.example.edge.ThingRef.avsc"));
}

#[test]
fn decimals_without_precision_take_documented_defaults() {
    let thing = thing(&AvroOptions::default());
    let decimal = |p: u32, s: u32| json!({"type": "bytes", "logicalType": "decimal", "precision": p, "scale": s});
    let (p, s) = uda_project_avro::DEFAULT_DECIMAL;
    assert_eq!(
        field(&thing, "amount")["type"],
        json!(["null", decimal(p, s)])
    );
    assert!(field(&thing, "amount")["doc"]
        .as_str()
        .unwrap_or("")
        .contains("no precision"));
    assert_eq!(
        field(&thing, "fixed")["type"],
        decimal(5, 0),
        "a precision alone means scale 0"
    );
    assert_eq!(
        field(&thing, "scaled")["type"],
        decimal(p, 4),
        "a scale alone keeps the default precision"
    );
}

#[test]
fn bounded_many_valued_properties_keep_their_bounds_as_attributes() {
    let thing = thing(&AvroOptions::default());
    let tags = field(&thing, "tags");
    assert_eq!(tags["type"], json!({"type": "array", "items": "string"}));
    assert_eq!(tags["default"], json!([]));
    assert_eq!(tags["uda.minCount"], 1);
    assert_eq!(tags["uda.maxCount"], 3);
    assert_eq!(tags["uda.ordered"], true);
    let doc = tags["doc"].as_str().unwrap_or("");
    assert!(
        doc.contains("at least 1") && doc.contains("at most 3"),
        "{doc}"
    );
}

#[test]
fn a_nested_class_with_subclasses_is_a_union_of_their_records() {
    let thing = thing(&AvroOptions::default());
    let shape = &field(&thing, "shape")["type"];
    let names: Vec<&str> = shape
        .as_array()
        .expect("a union")
        .iter()
        .map(|r| r["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, ["Shape", "Circle", "Square"]);
    assert_eq!(
        field_names(&shape[1]),
        ["label", "radius"],
        "inherited fields first"
    );
    assert_eq!(shape[1]["uda.subClassOf"], "https://example.org/edge#Shape");
    assert_eq!(field(&shape[2], "side")["type"], "float");
    let shapes = &field(&thing, "shapes")["type"];
    assert_eq!(
        shapes["items"],
        json!([
            "org.example.edge.Shape",
            "org.example.edge.Circle",
            "org.example.edge.Square"
        ])
    );
}

#[test]
fn recursive_nested_classes_refer_to_themselves_by_name() {
    let thing = thing(&AvroOptions::default());
    let tree = &field(&thing, "tree")["type"][1];
    assert_eq!(tree["name"], "Node");
    assert_eq!(
        field(tree, "children")["type"],
        json!({"type": "array", "items": "org.example.edge.Node"})
    );
}

#[test]
fn a_key_may_refer_back_to_its_class_through_a_nested_value() {
    let output = edge(&AvroOptions::default());
    let keyed = json(file(&output, "org.example.edge.Keyed.avsc"));
    assert_eq!(keyed["uda.key"], json!(["kid", "info"]));
    let info = &field(&keyed, "info")["type"];
    let reference = &field(info, "owner")["type"][1];
    assert_eq!(reference["name"], "KeyedRef");
    assert_eq!(field(reference, "info")["type"], "org.example.edge.Info");
    apache_avro_round_trip("Keyed", file(&output, "org.example.edge.Keyed.avsc"));
}

#[test]
fn timestamp_precision_is_an_option() {
    let micros = thing(&AvroOptions::default());
    assert_eq!(
        field(&micros, "at")["type"],
        json!({"type": "long", "logicalType": "timestamp-micros"})
    );
    assert_eq!(
        field(&micros, "clock")["type"],
        json!(["null", {"type": "long", "logicalType": "time-micros"}])
    );
    let millis = thing(&AvroOptions::default().with_timestamps(TimestampPrecision::Millis));
    assert_eq!(
        field(&millis, "at")["type"],
        json!({"type": "long", "logicalType": "timestamp-millis"})
    );
    assert_eq!(
        field(&millis, "clock")["type"],
        json!(["null", {"type": "int", "logicalType": "time-millis"}])
    );
    assert!(field(&millis, "at")["doc"]
        .as_str()
        .unwrap_or("")
        .contains("timestamp-millis"));
}

const CYCLE_TTL: &str = r#"
@prefix upper: <https://w3id.org/uda/upper#> .
@prefix k:     <https://example.org/cycle#> .
<https://example.org/cycle> a upper:DomainModel ; upper:domain "cycle" .
k:A a upper:DirectClass ; upper:primaryKey ( k:toB ) ; upper:property k:toB .
k:B a upper:DirectClass ; upper:primaryKey ( k:toA ) ; upper:property k:toA .
k:toB a upper:Relationship ; upper:class k:B ; upper:minCount 1 ; upper:maxCount 1 .
k:toA a upper:Relationship ; upper:class k:A ; upper:minCount 1 ; upper:maxCount 1 .
"#;

#[test]
fn a_key_that_contains_itself_is_refused() {
    let loaded = load(&[("cycle.ttl", CYCLE_TTL)]);
    let view = loaded
        .models
        .view("https://example.org/cycle")
        .expect("model");
    match project(&view, &AvroOptions::default()) {
        Err(error @ AvroError::KeyCycle { .. }) => {
            let message = error.to_string();
            assert!(message.contains("https://example.org/cycle#B"), "{message}");
            assert!(message.contains("contain itself"), "{message}");
        }
        other => panic!("expected a key cycle, got {other:?}"),
    }
}
