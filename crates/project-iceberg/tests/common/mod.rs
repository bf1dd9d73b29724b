//! Shared by the integration tests: models loaded and projected, the
//! versions of the studio example the evolution tests walk through.

#![allow(dead_code)] // each test binary uses a part of it

use oxrdf::Graph;
use uda_project_iceberg::{project, IcebergOptions};
use uda_projection::Output;
use uda_upper::{Loader, RdfFormat};

/// The example domains.
pub const DOMAINS: [&str; 3] = ["onepiece", "studio", "marketing"];

/// The text of example `domain`.
pub fn example_text(domain: &str) -> String {
    let path = uda_testkit::examples_dir().join(format!("{domain}.ttl"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `text` with each `(from, to)` replaced, each of which must occur.
pub fn edited(text: &str, edits: &[(&str, &str)]) -> String {
    edits.iter().fold(text.to_owned(), |text, (from, to)| {
        assert!(text.contains(from), "{from:?} is not in the text");
        text.replace(from, to)
    })
}

/// Projects the model `iri` of `text` (with the other examples as
/// libraries, for imports), after the mappings `earlier`.
pub fn project_text(text: &str, iri: &str, earlier: Option<&Graph>) -> Output {
    let mut loader = Loader::new();
    loader.input_text("model.ttl", text.as_bytes(), RdfFormat::Turtle);
    for domain in DOMAINS {
        loader.library_file(uda_testkit::examples_dir().join(format!("{domain}.ttl")));
    }
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let view = loaded.models.view(iri).expect("the model");
    project(&view, &IcebergOptions::after(earlier)).unwrap_or_else(|e| panic!("{iri}: {e}"))
}

/// Example `domain`, projected as a first version.
pub fn example(domain: &str) -> Output {
    project_text(
        &example_text(domain),
        &uda_testkit::example_iri(domain),
        None,
    )
}

/// The studio's second version: `synopsis` removed from works and `tagline`
/// added, `order` promoted from int to long, `createdAt` made optional,
/// `region` added to the nested address, a description changed.
pub fn studio_v2() -> String {
    let mut text = edited(
        &example_text("studio"),
        &[
            (
                "studio:title , studio:synopsis ,",
                "studio:title , studio:tagline ,",
            ),
            (
                "(a reserved word in SQL).\" ;\n    upper:datatype xsd:int ;",
                "(a reserved word in SQL).\" ;\n    upper:datatype xsd:long ;",
            ),
            (
                "\"created at\" ;\n    upper:datatype xsd:dateTime ; upper:minCount 1 ;",
                "\"created at\" ;\n    upper:datatype xsd:dateTime ; upper:minCount 0 ;",
            ),
            (
                "studio:street , studio:city , studio:country .",
                "studio:street , studio:city , studio:country , studio:region .",
            ),
            (
                "\"Free-text keywords; many-valued.\"",
                "\"Free-text keywords, as many as wanted.\"",
            ),
        ],
    );
    text.push_str(
        "studio:tagline a upper:Attribute ; upper:label \"tagline\" ;\n    upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .\n\
         studio:region a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .\n",
    );
    text
}

/// The studio's third version: the second with `synopsis` back on works.
pub fn studio_v3() -> String {
    edited(
        &studio_v2(),
        &[(
            "studio:title , studio:tagline ,",
            "studio:title , studio:synopsis , studio:tagline ,",
        )],
    )
}

/// The schema JSON of table file `name` of `output`.
pub fn table(output: &Output, name: &str) -> serde_json::Value {
    let names: Vec<&str> = output.files.iter().map(|f| f.name.as_str()).collect();
    let file = output
        .files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no file {name} among {names:?}"));
    serde_json::from_str(&file.text).expect("JSON")
}

/// The id of the top-level field `field` of `table`, if it has one.
pub fn field_id(table: &serde_json::Value, field: &str) -> Option<i64> {
    table["fields"]
        .as_array()?
        .iter()
        .find(|f| f["name"] == field)
        .and_then(|f| f["id"].as_i64())
}
