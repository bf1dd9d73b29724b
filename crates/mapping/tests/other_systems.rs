//! The same people mapped to a legacy GraphQL API and a legacy Avro record,
//! imported with `uda_project_graphql::import` and `uda_project_avro::import`:
//! the checks read `gql:type`, `@key`, `avro:type` and `avro:keyField`.

use uda_mapping::{check, read, Code, Diagnostic, System};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn diagnostics(name: &str, container: &oxrdf::Graph, system: System) -> Vec<(Code, String)> {
    let mappings = read(name, &fixture(name)).expect("the mapping reads");
    let loaded = uda_testkit::load_examples();
    let model = loaded
        .models
        .view(&uda_testkit::example_iri("studio"))
        .expect("the studio model");
    check(&mappings, &model, container, system)
        .iter()
        .map(|d: &Diagnostic| (d.code, d.location.to_string()))
        .collect()
}

fn graphql() -> oxrdf::Graph {
    let sources = [("legacy.graphql".into(), fixture("legacy.graphql"))];
    uda_project_graphql::import(&sources, "https://example.org/api", "api")
        .expect("the SDL imports")
        .container
        .to_graph()
}

fn avro() -> oxrdf::Graph {
    let sources = [("legacy.avsc".into(), fixture("legacy.avsc"))];
    uda_project_avro::import(&sources, "https://example.org/events", "events")
        .expect("the schema imports")
        .container
        .to_graph()
}

#[test]
fn an_xsd_long_in_a_graphql_int_is_lossy_and_the_key_directive_covers_the_key() {
    assert_eq!(
        diagnostics("graphql-people.ttl", &graphql(), System::GraphQl),
        [(Code::LossyDatatype, "graphql-people.ttl:12:36".to_owned())]
    );
}

#[test]
fn a_mapping_to_an_avro_record_checks_clean() {
    assert_eq!(diagnostics("avro-people.ttl", &avro(), System::Avro), []);
}

#[test]
fn an_avro_key_field_holding_no_key_property_and_a_string_in_a_date_field_are_reported() {
    assert_eq!(
        diagnostics("avro-people-unkeyed.ttl", &avro(), System::Avro),
        [
            (
                Code::RequiredToNullable,
                "avro-people-unkeyed.ttl:13:23".to_owned()
            ),
            (
                Code::IncompatibleDatatype,
                "avro-people-unkeyed.ttl:13:23".to_owned()
            ),
            (
                Code::KeyNotCovered,
                "avro-people-unkeyed.ttl:11:27".to_owned()
            ),
        ]
    );
}
