//! Every generated file checked by protoc (Debian's 3.21, with its
//! well-known types), imports across models included, and read by the
//! Python protobuf runtime: the numbers protoc compiled are the numbers the
//! container representation records, and messages survive the wire format
//! and JSON. Needs `protoc` and `python3` with `protobuf` (scripts/setup).

mod common;

use common::*;
use std::collections::BTreeMap;

type Numbers = BTreeMap<String, BTreeMap<String, u32>>;

/// Compiles the outputs together and checks the compiled numbers against
/// every output's container representation.
fn compile_and_compare(outputs: &[&uda_projection::Output]) -> std::path::PathBuf {
    let dir = tempfile::tempdir().expect("tempdir").keep();
    let names = write(&dir, outputs);
    let py = protoc(&dir, &names);
    let compiled: Numbers = serde_json::from_str(&python("numbers", &py)).expect("JSON");
    let compiled: Numbers = compiled
        .into_iter()
        .filter(|(_, m)| !m.is_empty())
        .collect();
    let mut recorded = Numbers::new();
    for output in outputs {
        recorded.extend(recorded_numbers(output));
    }
    assert_eq!(compiled, recorded, "protoc's numbers are the recorded ones");
    py
}

#[test]
fn every_example_compiles_with_imports_across_models() {
    let outputs: Vec<_> = DOMAINS.iter().map(|d| example(d)).collect();
    let marketing = text(&outputs[2]);
    assert!(
        marketing.contains("import \"studio.proto\";"),
        "{marketing}"
    );
    assert!(
        marketing.contains("repeated .org.example.studio.WorkKey promotes = "),
        "{marketing}"
    );
    compile_and_compare(&outputs.iter().collect::<Vec<_>>());
}

#[test]
fn messages_round_trip_through_the_python_runtime() {
    let outputs: Vec<_> = ["studio", "marketing"].iter().map(|d| example(d)).collect();
    let py = compile_and_compare(&outputs.iter().collect::<Vec<_>>());
    assert_eq!(python("roundtrip", &py).trim(), "ok");
}

#[test]
fn the_synthetic_model_compiles() {
    let loaded = load(&[("synthetic.ttl", &uda_testkit::synthetic_model(200))]);
    let output = project_model(&loaded, "https://example.org/synthetic", None);
    compile_and_compare(&[&output]);
}

/// What the examples do not cover: names that collide once made valid or
/// with the generated ones, a value named `unspecified`, scalar type
/// names (a class `bytes`, a field `string`), fields whose JSON names
/// collide, a nested taxonomy (a choice), a recursive nested class, self
/// references, a key through a nested class, bounded many-valued
/// properties, every datatype without a facet.
pub const EDGE_TTL: &str = r#"
@prefix upper: <https://w3id.org/uda/upper#> .
@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf:   <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix e:     <https://example.org/edge#> .

<https://example.org/edge> a upper:DomainModel ; upper:domain "edge" .

e:Thing a upper:DirectClass ;
    upper:primaryKey ( e:id ) ;
    upper:property e:id , e:e-mail , e:eMail , e:3d , e:tags , e:shape , e:shapes , e:tree ,
        e:at , e:clock , e:parent , e:mode , e:text , e:string , e:fooBar , e:foobar , e:foo_bar2 .
e:ThingKey a upper:DirectClass ;
    upper:primaryKey ( e:refId ) ;
    upper:property e:refId .
e:string a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .
e:fooBar a upper:Attribute ; upper:datatype xsd:int ; upper:minCount 0 ; upper:maxCount 1 .
e:foobar a upper:Attribute ; upper:datatype xsd:int ; upper:minCount 0 ; upper:maxCount 1 .
e:foo_bar2 a upper:Attribute ; upper:datatype xsd:int ; upper:minCount 0 ; upper:maxCount 1 .
e:bytes a upper:NestedClass ; upper:property e:label .

e:id a upper:Attribute ; upper:datatype xsd:int ; upper:minCount 1 ; upper:maxCount 1 .
e:refId a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
e:e-mail a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .
e:eMail a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .
e:3d a upper:Attribute ; upper:datatype xsd:boolean ; upper:minCount 0 ; upper:maxCount 1 .
e:tags a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 3 ; upper:ordered true .
e:shape a upper:Relationship ; upper:class e:Shape ; upper:minCount 1 ; upper:maxCount 1 .
e:shapes a upper:Relationship ; upper:class e:Shape ; upper:minCount 0 .
e:tree a upper:Relationship ; upper:class e:Node ; upper:minCount 0 ; upper:maxCount 1 .
e:at a upper:Attribute ; upper:datatype xsd:dateTimeStamp ; upper:minCount 1 ; upper:maxCount 1 .
e:clock a upper:Attribute ; upper:datatype xsd:time ; upper:minCount 0 ; upper:maxCount 1 .
e:parent a upper:Relationship ; upper:class e:Thing ; upper:minCount 0 ; upper:maxCount 1 .
e:mode a upper:Relationship ; upper:class e:Mode ; upper:minCount 0 ; upper:maxCount 1 .
e:text a upper:Attribute ; upper:datatype rdf:langString ; upper:minCount 0 ; upper:maxCount 1 .

e:Shape a upper:NestedClass ; upper:property e:label .
e:Circle a upper:NestedClass ; upper:subClassOf e:Shape ; upper:property e:radius .
e:Square a upper:NestedClass ; upper:subClassOf e:Shape ; upper:property e:side .
e:label a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
e:radius a upper:Attribute ; upper:datatype xsd:double ; upper:minCount 1 ; upper:maxCount 1 .
e:side a upper:Attribute ; upper:datatype xsd:float ; upper:minCount 1 ; upper:maxCount 1 .

e:Node a upper:NestedClass ; upper:property e:label , e:children .
e:children a upper:Relationship ; upper:class e:Node ; upper:minCount 0 .

e:Keyed a upper:DirectClass ;
    upper:primaryKey ( e:kid e:info ) ;
    upper:property e:kid , e:info .
e:kid a upper:Attribute ; upper:datatype xsd:long ; upper:minCount 1 ; upper:maxCount 1 .
e:info a upper:Relationship ; upper:class e:Info ; upper:minCount 1 ; upper:maxCount 1 .
e:Info a upper:NestedClass ; upper:property e:owner .
e:owner a upper:Relationship ; upper:class e:Keyed ; upper:minCount 0 ; upper:maxCount 1 .

e:Mode a upper:Enumeration ; upper:oneOf ( e:a-b e:A_B e:unspecified e:A_B2 ) .
e:A_B2 a upper:EnumValue .
e:a-b a upper:EnumValue .
e:A_B a upper:EnumValue .
e:unspecified a upper:EnumValue .
e:Lonely a upper:Enumeration ; upper:oneOf ( e:Alone ) .
e:Alone a upper:EnumValue .
"#;

#[test]
fn edge_cases_compile() {
    let loaded = load(&[("edge.ttl", EDGE_TTL)]);
    let output = project_model(&loaded, "https://example.org/edge", None);
    let text = text(&output);
    for expected in [
        // A class named like a generated key message keeps its name.
        "message ThingKey {",
        "message ThingKey_2 {",
        "message Bytes {",
        "MODE_UNSPECIFIED = 0;",
        "MODE_UNSPECIFIED_2 = 3;",
        "MODE_A_B = 1;",
        "MODE_A_B_2 = 2;",
        // `MODE_A_B2` would equal `MODE_A_B_2` ignoring `_`.
        "MODE_A_B2_2 = 4;",
        "  oneof value {\n    Shape shape = 1;\n    Circle circle = 2;\n    Square square = 3;\n  }",
        "ShapeChoice shape = ",
        "repeated ShapeChoice shapes = ",
        // Message fields have presence: never `optional`.
        "\n  Node tree = ",
        "repeated string tags = ",
        "optional string string = ",
        // JSON names unique ignoring case (in IRI order: fooBar, foo_bar2,
        // foobar): `foobar` would be `fooBar` again, `foobar_2` `foo_bar2`'s.
        "optional int32 foo_bar = ",
        "optional int32 foo_bar2 = ",
        "optional int32 foobar_2_2 = ",
        "\n  LangString text = ",
    ] {
        assert!(text.contains(expected), "no {expected:?} in\n{text}");
    }
    compile_and_compare(&[&output]);
}
