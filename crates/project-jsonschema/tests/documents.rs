//! What the documents say, on the example models: the representation
//! choices the crate documentation describes (subclasses, references by
//! key, enumerations, arrays, extensions, closing).

mod common;

use common::example;
use serde_json::{json, Value};
use uda_project_jsonschema::JsonSchemaOptions;

fn document(domain: &str, file: &str, closed: bool) -> Value {
    let output = example(domain, JsonSchemaOptions::default().with_closed(closed));
    let names: Vec<&str> = output.files.iter().map(|f| f.name.as_str()).collect();
    let text = output
        .files
        .iter()
        .find(|f| f.name == file)
        .unwrap_or_else(|| panic!("no {file} among {names:?}"));
    serde_json::from_str(&text.text).expect("JSON")
}

#[test]
fn a_subclass_extends_its_parent_with_all_of() {
    let film = document("studio", "studio.Film.schema.json", false);
    assert_eq!(film["$ref"], "#/$defs/Film");
    assert_eq!(
        film["$defs"]["Film"]["allOf"],
        json!([{"$ref": "https://example.org/studio/jsonschema/studio.Work.schema.json#/$defs/Work"}])
    );
    assert_eq!(film["$defs"]["Film"]["required"], json!(["isColor"]));
    assert!(
        film.get("unevaluatedProperties").is_none(),
        "open by default"
    );
    let closed = document("studio", "studio.Film.schema.json", true);
    assert_eq!(closed["unevaluatedProperties"], json!(false));
    assert!(
        closed["$defs"]["Film"]
            .get("unevaluatedProperties")
            .is_none(),
        "definitions stay open, so subclasses can extend them"
    );
}

#[test]
fn relationships_enumerations_and_arrays() {
    let work = document("studio", "studio.Work.schema.json", true);
    let properties = &work["$defs"]["Work"]["properties"];
    assert_eq!(
        properties["producedBy"]["items"],
        json!({"$ref": "#/$defs/Studio.ref", "unevaluatedProperties": false})
    );
    assert_eq!(properties["producedBy"]["minItems"], json!(1));
    assert_eq!(properties["producedBy"]["uniqueItems"], json!(true));
    assert_eq!(
        properties["genres"]["items"],
        json!({"$ref": "#/$defs/Genre"})
    );
    assert!(work["$defs"]["Genre"]["enum"]
        .as_array()
        .is_some_and(|v| v.contains(&json!("Animation"))));
    assert_eq!(work["$defs"]["Studio.ref"]["required"], json!(["studioId"]));
    assert_eq!(properties["imdbId"]["pattern"], json!("^tt[0-9]{7,8}$"));
    assert_eq!(properties["imdbId"]["maxLength"], json!(10));
    assert_eq!(properties["score"]["maximum"], json!(10));
    assert_eq!(properties["ageRating"]["maximum"], json!(127));
    assert_eq!(
        properties["localizedTitles"]["items"]["$ref"],
        json!("#/$defs/rdf.langString")
    );
    // A composite key holding a reference is an object holding the referenced key.
    let credit = document("studio", "studio.Credit.schema.json", false);
    let work = &credit["$defs"]["Credit"]["properties"]["work"];
    assert_eq!(work["$ref"], json!("#/$defs/Work.ref"));
    assert!(work["$comment"]
        .as_str()
        .is_some_and(|c| c.contains("a reference to studio:Work by its key")));
}

#[test]
fn an_extension_adds_its_properties_to_the_imported_class() {
    let film = document("marketing", "marketing.studio.Film.schema.json", false);
    let extension = &film["$defs"]["studio.Film.extension"];
    assert_eq!(
        extension["allOf"],
        json!([{"$ref": "https://example.org/studio/jsonschema/studio.Film.schema.json#/$defs/Film"}])
    );
    let names: Vec<&String> = extension["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .collect();
    assert_eq!(names, ["tagline", "trailerUrl"]);
}

/// Two classes each keyed by a reference to the other: a key object would
/// contain itself, which is refused with the path, not a stack overflow.
#[test]
fn a_key_that_contains_itself_is_refused() {
    let turtle = r#"
        @prefix upper: <https://w3id.org/uda/upper#> .
        @prefix k:     <https://example.org/cycle#> .
        <https://example.org/cycle> a upper:DomainModel ; upper:domain "cycle" .
        k:A a upper:DirectClass ; upper:primaryKey ( k:toB ) ; upper:property k:toB .
        k:B a upper:DirectClass ; upper:primaryKey ( k:toA ) ; upper:property k:toA .
        k:toB a upper:Relationship ; upper:class k:B ; upper:minCount 1 ; upper:maxCount 1 .
        k:toA a upper:Relationship ; upper:class k:A ; upper:minCount 1 ; upper:maxCount 1 .
    "#;
    let mut loader = uda_upper::Loader::new();
    loader.input_text("cycle.ttl", turtle, uda_upper::RdfFormat::Turtle);
    let loaded = loader.load();
    let view = loaded
        .models
        .view("https://example.org/cycle")
        .expect("model");
    match uda_project_jsonschema::project(&view, &JsonSchemaOptions::default()) {
        Err(error @ uda_project_jsonschema::JsonSchemaError::KeyCycle { .. }) => {
            let message = error.to_string();
            assert!(message.contains("https://example.org/cycle#B"), "{message}");
            assert!(message.contains("contain itself"), "{message}");
        }
        other => panic!("expected a key cycle, got {other:?}"),
    }
}
