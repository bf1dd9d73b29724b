//! `registerMapping`: a hand-written mapping from the studio model to a legacy
//! schema (crates/mapping's fixtures) registered over GraphQL, with and
//! without a token covering it, and refused with its located errors.

mod common;

use common::TestServer;
use uda_registry::{ModelSource, RegisterOptions};
use uda_server::Limits;

const TOKENS: &str = r#"
[[token]]
name = "mappers"
secret = "s3cret-mappers"
domains = ["https://example.org/mappings"]

[[token]]
name = "studio-team"
secret = "s3cret-studio"
domains = ["studio"]
"#;

const LEGACY_SQL: &str = include_str!("../../mapping/tests/fixtures/legacy.sql");
const CLEAN: &str = include_str!("../../mapping/tests/fixtures/clean.ttl");
const UNKNOWN_FIELD: &str = include_str!("../../mapping/tests/fixtures/m001-unknown-field.ttl");

/// The legacy schema's coordinates.
fn legacy() -> uda_projection::Coordinates {
    uda_projection::Coordinates {
        system: "sql-postgres".into(),
        location: "legacy".into(),
        name: "legacy".into(),
    }
}

/// A fixture as a registrable mapping: the legacy schema's IRIs, and a set
/// naming both ends.
fn mapping(fixture: &str) -> String {
    let base = legacy().base_iri();
    format!(
        "@prefix map: <https://w3id.org/uda/mapping#> .\n\
         <https://example.org/mappings> a map:MappingSet ;\n    \
         map:domainModel <https://example.org/studio> ;\n    map:container <{base}/schema> .\n{}",
        fixture.replace("https://example.org/legacy", &base)
    )
}

fn mutation(text: &str) -> serde_json::Value {
    serde_json::json!({
        "query": "mutation($source: String!) {
            registerMapping(source: $source, sourceName: \"people.ttl\") { model version written }
        }",
        "variables": { "source": text },
    })
}

#[test]
fn register_mapping_needs_a_token_covering_it_and_a_mapping_that_checks() {
    let server = TestServer::start_with(Some(TOKENS), Limits::default());
    let options = RegisterOptions::default();
    let studio = ModelSource::turtle("studio.ttl", common::example("studio"));
    server
        .registry
        .register(&studio, &[], &options)
        .expect("studio");
    let at = legacy();
    let target: uda_targets::Target = "sql-postgres".parse().expect("target");
    let imported = target
        .import(
            &[("legacy.sql".to_owned(), LEGACY_SQL.to_owned())],
            &at.base_iri(),
            &at.name,
        )
        .expect("legacy.sql");
    server
        .registry
        .register_container(&imported, &at, &options)
        .expect("legacy");

    let clean = mutation(&mapping(CLEAN));
    let other = server
        .post_json("/graphql", &clean, Some("s3cret-studio"))
        .json();
    assert_eq!(
        other["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{other}"
    );

    let bad = server
        .post_json(
            "/graphql",
            &mutation(&mapping(UNKNOWN_FIELD)),
            Some("s3cret-mappers"),
        )
        .json();
    assert_eq!(
        bad["errors"][0]["extensions"]["code"], "MAPPING_REFUSED",
        "{bad}"
    );
    let problem = bad["errors"][0]["extensions"]["problems"][0].to_string();
    assert!(problem.contains("people.ttl:18:23"), "{bad}");
    assert!(problem.contains("M001"), "{bad}");

    let ok = server
        .post_json("/graphql", &clean, Some("s3cret-mappers"))
        .json();
    assert!(ok["errors"].is_null(), "{ok}");
    let r = &ok["data"]["registerMapping"];
    assert_eq!(r["model"], "https://example.org/mappings", "{ok}");
    assert_eq!(r["version"], 1);
    assert_eq!(r["written"], true);
}
