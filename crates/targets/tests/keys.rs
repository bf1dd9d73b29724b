//! Deep keys that stay within uda-upper's bounds project to every target: a
//! key unfolded through 30 relationships is a lookup with 31 arguments, a
//! foreign key of 31 columns, an Avro reference record nested 30 deep.

use uda_targets::Target;
use uda_testkit::key_chain_model;
use uda_upper::{Loader, RdfFormat};

#[test]
fn a_key_chain_thirty_relationships_deep_projects_to_every_target() {
    let mut loader = Loader::new();
    loader.input_text("keys.ttl", key_chain_model(30), RdfFormat::Turtle);
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let view = loaded
        .models
        .view("https://example.org/keys")
        .expect("the model");
    for target in Target::all() {
        let output = target
            .project(&view)
            .unwrap_or_else(|e| panic!("{target}: {e}"));
        let text: String = output.files.iter().map(|f| f.text.as_str()).collect();
        // The deepest leaf of K30's key: reached through up30 ... up1 to K0's id.
        let deepest = match target {
            Target::Sql(_) => "up30_up29_up28",
            Target::Graphql | Target::GraphqlFederation => "up30",
            Target::Avro => "\"up30\"",
            Target::Shacl | Target::Protobuf => "up30",
            Target::Iceberg => "\"up30\"",
            Target::JsonSchema => "\"up30\"",
        };
        assert!(text.contains(deepest), "{target}: no {deepest} in\n{text}");
    }
    // The Avro array holds every record, K30's nested 30 references deep included.
    let avro = Target::Avro.project(&view).expect("avro");
    let array = uda_project_avro::to_json_array([&avro]);
    for file in &avro.files {
        let name = file.name.trim_end_matches(".avsc");
        let record = name.rsplit('.').next().unwrap_or(name);
        assert!(
            array.contains(&format!("\"name\": \"{record}\"")),
            "{record} missing from the array"
        );
    }
    assert_eq!(avro.files.len(), 31, "K0 to K30");
    let graphql = Target::Graphql.project(&view).expect("graphql");
    let sdl = &graphql.files[0].text;
    let lookup = sdl
        .lines()
        .find(|l| l.trim_start().starts_with("k30("))
        .unwrap_or_else(|| panic!("no lookup of K30 in\n{sdl}"));
    assert_eq!(lookup.matches(':').count(), 32, "31 arguments: {lookup}");
}
