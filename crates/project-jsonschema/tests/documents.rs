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
