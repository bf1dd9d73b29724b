//! What the schemas say, checked on their JSON (after apache-avro has parsed
//! them, in `apache_avro.rs`): cardinalities, datatypes, references,
//! taxonomies, nested records, enums, extensions and names.

mod common;

use common::{apache_avro_round_trip, example, field, field_names, file, json};
use serde_json::{json, Value};

fn studio(name: &str) -> Value {
    json(file(
        &example("studio"),
        &format!("org.example.studio.{name}.avsc"),
    ))
}

/// Every field of every record defined in `schema`, with its record's name.
fn all_fields(schema: &Value, out: &mut Vec<(String, Value)>) {
    match schema {
        Value::Object(o) if o.get("type") == Some(&json!("record")) => {
            for f in o["fields"].as_array().into_iter().flatten() {
                out.push((format!("{}.{}", o["name"], f["name"]), f.clone()));
                all_fields(&f["type"], out);
            }
        }
        Value::Object(o) => {
            if let Some(items) = o.get("items") {
                all_fields(items, out);
            }
        }
        Value::Array(variants) => variants.iter().for_each(|v| all_fields(v, out)),
        _ => {}
    }
}

#[test]
fn optional_fields_are_unions_with_null_first_and_default_null() {
    let work = studio("Work");
    assert_eq!(field(&work, "synopsis")["type"], json!(["null", "string"]));
    assert_eq!(field(&work, "synopsis")["default"], Value::Null);
    for domain in common::DOMAINS {
        for f in &example(domain).files {
            let mut fields = Vec::new();
            all_fields(&json(&f.text), &mut fields);
            for (name, field) in fields {
                let is_union = field["type"].is_array();
                assert_eq!(
                    is_union,
                    field["type"][0] == "null",
                    "{name}: a union starts with null"
                );
                assert_eq!(
                    is_union,
                    field.get("default") == Some(&Value::Null),
                    "{name}: default null iff optional"
                );
            }
        }
    }
}

#[test]
fn many_valued_fields_are_arrays_with_default_empty() {
    let work = studio("Work");
    let keywords = field(&work, "keywords");
    assert_eq!(
        keywords["type"],
        json!({"type": "array", "items": "string"})
    );
    assert_eq!(keywords["default"], json!([]));
    let produced = field(&work, "producedBy");
    assert_eq!(produced["type"]["type"], "array");
    assert_eq!(produced["type"]["items"]["name"], "StudioRef");
    assert_eq!(produced["default"], json!([]));
    assert_eq!(
        produced["uda.minCount"], 1,
        "minCount 1 cannot be expressed by an array"
    );
    for domain in common::DOMAINS {
        for f in &example(domain).files {
            let mut fields = Vec::new();
            all_fields(&json(&f.text), &mut fields);
            for (name, field) in fields {
                let is_array = field["type"]["type"] == "array";
                assert_eq!(
                    is_array,
                    field.get("default") == Some(&json!([])),
                    "{name}: default [] iff array"
                );
            }
        }
    }
}

#[test]
fn required_single_fields_are_plain() {
    let work = studio("Work");
    assert_eq!(field(&work, "workId")["type"], "string");
    assert_eq!(field(&work, "title")["type"], "string");
    assert!(field(&work, "title").get("default").is_none());
}

#[test]
fn money_is_decimal_14_2_over_bytes() {
    let money = json!({"type": "bytes", "logicalType": "decimal", "precision": 14, "scale": 2});
    let film = studio("Film");
    let budget = field(&film, "budget");
    assert_eq!(budget["type"], json!(["null", money]));
    assert_eq!(budget["uda.datatype"], "https://example.org/studio#Money");
    assert_eq!(budget["uda.minInclusive"], "0");
    let campaign = json(file(
        &example("marketing"),
        "org.example.marketing.Campaign.avsc",
    ));
    assert_eq!(
        field(&campaign, "budget")["type"],
        money,
        "an imported domain datatype keeps its decimal"
    );
    let score = json!({"type": "bytes", "logicalType": "decimal", "precision": 3, "scale": 1});
    assert_eq!(
        field(&studio("Work"), "score")["type"],
        json!(["null", score])
    );
}

#[test]
fn credit_references_its_work_person_and_role_by_key() {
    let credit = studio("Credit");
    assert_eq!(
        field_names(&credit),
        ["work", "person", "role", "order"],
        "key members first"
    );
    assert_eq!(credit["uda.key"], json!(["work", "person", "role"]));
    let work = field(&credit, "work");
    assert_eq!(work["type"]["type"], "record");
    assert_eq!(work["type"]["name"], "WorkRef");
    assert_eq!(work["type"]["namespace"], "org.example.studio");
    assert_eq!(
        work["type"]["fields"],
        json!([{"name": "workId", "type": "string", "doc": "work id",
        "uda.datatype": "http://www.w3.org/2001/XMLSchema#string", "uda.iri": "https://example.org/studio#workId"}])
    );
    assert_eq!(
        work["type"]["uda.references"],
        "https://example.org/studio#Work"
    );
    assert_eq!(work["uda.references"], "https://example.org/studio#Work");
    assert!(work["doc"]
        .as_str()
        .unwrap_or("")
        .contains("no foreign keys"));
    let person = field(&credit, "person");
    assert_eq!(person["type"]["name"], "PersonRef");
    assert_eq!(field(&person["type"], "personId")["type"], "long");
    let role = field(&credit, "role");
    assert_eq!(role["type"]["type"], "enum");
    assert_eq!(
        role["type"]["symbols"],
        json!(["DIRECTOR", "ACTOR", "WRITER", "PRODUCER"])
    );
}

#[test]
fn a_relationship_to_a_subclass_takes_the_reference_of_the_key_owner() {
    let episode = studio("Episode");
    assert_eq!(
        field_names(&episode)[..3],
        ["series", "seasonNumber", "episodeNumber"]
    );
    let series = field(&episode, "series");
    assert_eq!(
        series["type"]["name"], "WorkRef",
        "Series inherits the key of Work"
    );
    assert_eq!(
        series["uda.references"],
        "https://example.org/studio#Series"
    );
    assert_eq!(
        episode["uda.key"],
        json!(["series", "seasonNumber", "episodeNumber"])
    );
    assert_eq!(field(&episode, "seasonNumber")["type"], "int");
}

#[test]
fn dates_times_and_timestamps_have_logical_types() {
    let date = json!({"type": "int", "logicalType": "date"});
    assert_eq!(
        field(&studio("Work"), "releaseDate")["type"],
        json!(["null", date])
    );
    assert_eq!(
        field(&studio("Person"), "birthDate")["type"],
        json!(["null", date])
    );
    let campaign = json(file(
        &example("marketing"),
        "org.example.marketing.Campaign.avsc",
    ));
    assert_eq!(field(&campaign, "startDate")["type"], date);
    let micros = json!({"type": "long", "logicalType": "timestamp-micros"});
    assert_eq!(field(&studio("Work"), "createdAt")["type"], micros);
    let episode = studio("Episode");
    assert_eq!(field(&episode, "airedAt")["type"], json!(["null", micros]));
    assert_eq!(
        field(&episode, "airTime")["type"],
        json!(["null", {"type": "long", "logicalType": "time-micros"}])
    );
}

#[test]
fn every_builtin_datatype_has_its_avro_type() {
    let cases = [
        ("Work", "title", json!("string")),
        ("Film", "isColor", json!("boolean")),
        ("Work", "ageRating", json!(["null", "int"])),
        ("Episode", "seasonNumber", json!("int")),
        ("Episode", "lengthSeconds", json!(["null", "int"])),
        ("Person", "personId", json!("long")),
        ("Film", "boxOffice", json!(["null", "long"])),
        ("Series", "viewCount", json!(["null", "long"])),
        ("Series", "popularity", json!(["null", "double"])),
        ("Film", "runtime", json!(["null", "string"])),
        ("Person", "homepage", json!(["null", "string"])),
        ("Person", "photo", json!(["null", "bytes"])),
        ("Work", "checksum", json!(["null", "bytes"])),
    ];
    for (record, name, expected) in cases {
        let f = studio(record);
        assert_eq!(field(&f, name)["type"], expected, "{record}.{name}");
    }
    // Lossy mappings say so in the doc and keep the exact datatype.
    let box_office = field(&studio("Film"), "boxOffice").clone();
    assert_eq!(
        box_office["uda.datatype"],
        "http://www.w3.org/2001/XMLSchema#integer"
    );
    assert!(box_office["doc"]
        .as_str()
        .unwrap_or("")
        .contains("unbounded"));
    let runtime = field(&studio("Film"), "runtime").clone();
    assert!(runtime["doc"].as_str().unwrap_or("").contains("ISO 8601"));
    let titles = field(&studio("Work"), "localizedTitles").clone();
    assert_eq!(titles["type"]["items"]["name"], "LangString");
    assert_eq!(titles["type"]["items"]["namespace"], "org.w3id.upper");
    assert_eq!(field_names(&titles["type"]["items"]), ["value", "lang"]);
}

#[test]
fn domain_datatype_facets_are_custom_attributes() {
    let imdb = field(&studio("Work"), "imdbId").clone();
    assert_eq!(imdb["type"], json!(["null", "string"]));
    assert_eq!(imdb["uda.pattern"], "^tt[0-9]{7,8}$");
    assert_eq!(imdb["uda.maxLength"], 10);
    assert_eq!(imdb["uda.datatype"], "https://example.org/studio#ImdbId");
    assert_eq!(
        imdb["uda.baseType"],
        "http://www.w3.org/2001/XMLSchema#string"
    );
}

#[test]
fn subclass_records_carry_every_inherited_field() {
    let work = studio("Work");
    let film = studio("Film");
    let documentary = studio("Documentary");
    let work_fields = field_names(&work);
    let film_fields = field_names(&film);
    let documentary_fields = field_names(&documentary);
    assert_eq!(
        film_fields[..work_fields.len()],
        work_fields[..],
        "Film starts with Work's fields"
    );
    assert_eq!(
        documentary_fields[..film_fields.len()],
        film_fields[..],
        "Documentary starts with Film's fields"
    );
    assert_eq!(documentary_fields[film_fields.len()..], ["subject"]);
    for name in ["workId", "title", "budget", "isColor", "genres"] {
        assert_eq!(
            field(&documentary, name)["type"],
            field(&film, name)["type"],
            "{name}"
        );
    }
    assert_eq!(
        documentary["uda.subClassOf"],
        "https://example.org/studio#Film"
    );
    assert_eq!(
        documentary["uda.key"],
        json!(["workId"]),
        "the key is inherited"
    );
    assert_eq!(documentary["doc"], "A non-fiction film.");
    assert!(work.get("uda.subClassOf").is_none());
}

#[test]
fn nested_classes_are_defined_inline_once_then_referenced() {
    let studio_record = studio("Studio");
    let headquarters = field(&studio_record, "headquarters");
    assert_eq!(headquarters["type"]["type"], "record");
    assert_eq!(headquarters["type"]["name"], "Address");
    assert_eq!(
        field_names(&headquarters["type"]),
        ["city", "country", "street"]
    );
    assert_eq!(
        field(&headquarters["type"], "street")["type"],
        json!(["null", "string"])
    );
    let offices = field(&studio_record, "offices");
    assert_eq!(
        offices["type"],
        json!({"type": "array", "items": "org.example.studio.Address"})
    );
}

#[test]
fn enums_have_valid_symbols_and_keep_the_iris() {
    let genres = field(&studio("Work"), "genres").clone();
    let genre = &genres["type"]["items"];
    assert_eq!(genre["type"], "enum");
    assert_eq!(
        genre["symbols"],
        json!(["DRAMA", "COMEDY", "THRILLER", "ANIMATION", "NON_FICTION"])
    );
    assert_eq!(
        genre["uda.symbols"]["NON_FICTION"],
        "https://example.org/studio#NonFiction"
    );
    assert_eq!(genre["uda.iri"], "https://example.org/studio#Genre");
}

#[test]
fn names_are_made_valid() {
    let person = studio("Person");
    assert!(
        field_names(&person).contains(&"eMail"),
        "e-mail becomes eMail"
    );
    assert_eq!(
        field(&person, "eMail")["uda.iri"],
        "https://example.org/studio#e-mail"
    );
    assert!(
        field_names(&studio("Credit")).contains(&"order"),
        "order is no reserved word in Avro"
    );
}

#[test]
fn docs_come_from_descriptions_then_labels() {
    let work = studio("Work");
    assert_eq!(work["doc"], "Anything the studio releases.");
    assert_eq!(field(&work, "workId")["doc"], "work id");
    assert_eq!(
        field(&work, "title")["doc"],
        "The title, shared by works and episodes."
    );
    assert_eq!(work["uda.iri"], "https://example.org/studio#Work");
    assert_eq!(
        field(&work, "title")["uda.iri"],
        "https://example.org/studio#title"
    );
}

#[test]
fn files_are_one_per_own_keyed_class_and_extension_sorted() {
    let names = |domain: &str| {
        example(domain)
            .files
            .iter()
            .map(|f| f.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names("studio"),
        [
            "Credit",
            "Documentary",
            "Episode",
            "Film",
            "Person",
            "Series",
            "Studio",
            "Work"
        ]
        .map(|n| format!("org.example.studio.{n}.avsc"))
    );
    assert_eq!(
        names("onepiece"),
        [
            "org.example.onepiece.Character.avsc",
            "org.example.onepiece.DevilFruit.avsc"
        ]
    );
    assert_eq!(
        names("marketing"),
        [
            "org.example.marketing.Campaign.avsc",
            "org.example.marketing.FilmMarketing.avsc"
        ]
    );
}

#[test]
fn marketing_extends_film_with_a_record_keyed_by_its_key() {
    let output = example("marketing");
    let text = file(&output, "org.example.marketing.FilmMarketing.avsc");
    apache_avro_round_trip("FilmMarketing alone", text);
    let extension = json(text);
    assert_eq!(extension["namespace"], "org.example.marketing");
    assert_eq!(field_names(&extension), ["workId", "tagline", "trailerUrl"]);
    assert_eq!(field(&extension, "workId")["type"], "string");
    assert_eq!(
        field(&extension, "tagline")["type"],
        json!(["null", "string"])
    );
    assert_eq!(
        field(&extension, "trailerUrl")["uda.datatype"],
        "http://www.w3.org/2001/XMLSchema#anyURI"
    );
    assert_eq!(extension["uda.extends"], "https://example.org/studio#Film");
    assert_eq!(extension["uda.key"], json!(["workId"]));
}

#[test]
fn marketing_is_self_contained_across_domains() {
    let campaign = json(file(
        &example("marketing"),
        "org.example.marketing.Campaign.avsc",
    ));
    let promotes = field(&campaign, "promotes");
    assert_eq!(
        promotes["type"]["items"]["type"], "record",
        "WorkRef of the studio is defined here"
    );
    assert_eq!(promotes["type"]["items"]["namespace"], "org.example.studio");
    assert_eq!(promotes["type"]["items"]["name"], "WorkRef");
    let audience = field(&campaign, "audience");
    assert_eq!(audience["type"][1]["name"], "Audience");
    assert_eq!(
        field(&audience["type"][1], "regions")["type"]["type"],
        "array"
    );
    assert_eq!(field(&campaign, "channel")["type"]["name"], "Channel");
    assert_eq!(
        field(&campaign, "name")["uda.iri"],
        "https://example.org/studio#name"
    );
    assert!(
        !example("marketing")
            .files
            .iter()
            .any(|f| f.name.contains("studio")),
        "no studio top-level record"
    );
}
