//! `/graphql` as an Apollo Federation v2 subgraph, asked as a gateway asks it: `_service { sdl }`
//! is the checked-in subgraph schema, `_entities` resolves every kind of entity by each of its
//! keys, in order, with null (and no error) for one that does not exist, and under the same
//! read rules as every query. (A real Apollo Gateway in front of `uda serve`:
//! `tests/tests/gateway.rs`.)

mod common;

use common::TestServer;
use serde_json::{json, Value};
use uda_server::Limits;

const STUDIO: &str = "https://example.org/studio";

fn entities(server: &TestServer, representations: Value, token: Option<&str>) -> Value {
    let query = "query($r: [_Any!]!) { _entities(representations: $r) { __typename \
                 ... on Class { iri label } \
                 ... on Property { iri } \
                 ... on EnumValue { iri label } \
                 ... on DomainModel { iri domain version } \
                 ... on Version { model version hash } } }";
    server
        .post_json(
            "/graphql",
            &json!({ "query": query, "variables": { "r": representations } }),
            token,
        )
        .json()
}

#[test]
fn service_sdl_is_the_checked_in_subgraph_schema() {
    let server = TestServer::start();
    let body = server
        .post_json(
            "/graphql",
            &json!({ "query": "{ _service { sdl } }" }),
            None,
        )
        .json();
    let sdl = body["data"]["_service"]["sdl"].as_str().expect("sdl");
    let checked_in =
        std::fs::read_to_string(uda_testkit::repo_dir().join("schema/registry.subgraph.graphql"))
            .expect("schema/registry.subgraph.graphql");
    assert_eq!(sdl, checked_in);
    assert!(
        sdl.contains("url: \"https://specs.apollo.dev/federation/v2.5\",\n  import: [\"@key\"]"),
        "{sdl}"
    );
    for entity in [
        "interface Class @key(fields: \"iri\")",
        "type DirectClass implements Class & Term @key(fields: \"iri\")",
        "interface Property @key(fields: \"iri\")",
        "type EnumValue implements Term @key(fields: \"iri\")",
        "type DomainModel implements Term @key(fields: \"iri\") @key(fields: \"domain\")",
        "type Version @key(fields: \"model version\")",
    ] {
        assert!(sdl.contains(entity), "no `{entity}` in\n{sdl}");
    }
}

#[test]
fn entities_resolve_by_every_key_in_order_and_null_when_absent() {
    let server = TestServer::start();
    server.register_example("studio");
    let body = entities(
        &server,
        json!([
            { "__typename": "DomainModel", "iri": STUDIO },
            { "__typename": "DomainModel", "domain": "studio" },
            { "__typename": "Version", "model": STUDIO, "version": 1 },
            { "__typename": "Class", "iri": format!("{STUDIO}#Work") },
            { "__typename": "DirectClass", "iri": format!("{STUDIO}#Film") },
            { "__typename": "Enumeration", "iri": format!("{STUDIO}#Genre") },
            { "__typename": "Property", "iri": format!("{STUDIO}#title") },
            { "__typename": "EnumValue", "iri": format!("{STUDIO}#NonFiction") },
            // What does not exist, or is not of the type asked for: null, no error.
            { "__typename": "DirectClass", "iri": format!("{STUDIO}#Nothing") },
            { "__typename": "DirectClass", "iri": format!("{STUDIO}#title") },
            { "__typename": "DomainModel", "iri": "https://example.org/nowhere" },
            { "__typename": "Version", "model": STUDIO, "version": 7 },
            { "__typename": "Class", "iri": "not an IRI" },
        ]),
        None,
    );
    assert!(body.get("errors").is_none(), "{body}");
    let found = &body["data"]["_entities"];
    let model =
        json!({ "__typename": "DomainModel", "iri": STUDIO, "domain": "studio", "version": 1 });
    assert_eq!(found[0], model);
    assert_eq!(found[1], model);
    assert_eq!(found[2]["__typename"], "Version");
    assert_eq!(found[2]["version"], 1);
    assert!(found[2]["hash"]
        .as_str()
        .is_some_and(|h| h.starts_with("sha256:")));
    assert_eq!(
        found[3],
        json!({ "__typename": "DirectClass", "iri": format!("{STUDIO}#Work"), "label": "Work" })
    );
    assert_eq!(found[4]["label"], "Film");
    assert_eq!(found[5]["__typename"], "Enumeration");
    assert_eq!(
        found[6],
        json!({ "__typename": "Attribute", "iri": format!("{STUDIO}#title") })
    );
    assert_eq!(found[7]["label"], "non-fiction");
    for absent in 8..13 {
        assert_eq!(found[absent], Value::Null, "{absent}: {body}");
    }
    assert_eq!(found.as_array().map(Vec::len), Some(13));
}

#[test]
fn a_representation_a_gateway_cannot_send_is_an_error() {
    let server = TestServer::start();
    for (representation, message) in [
        (
            json!({ "__typename": "Mapping", "iri": "x" }),
            "not an entity",
        ),
        (json!({ "__typename": "Class" }), "has no `iri`"),
        (json!({ "iri": "x" }), "has no `__typename`"),
        (
            json!({ "__typename": "Version", "model": STUDIO }),
            "no `version`",
        ),
    ] {
        let body = entities(&server, json!([representation]), None);
        let error = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(error.contains(message), "{representation}: {body}");
        assert_eq!(body["data"], Value::Null, "{body}");
    }
}

#[test]
fn entities_follow_the_read_rules() {
    let tokens = "reads = \"token\"\n\n[[token]]\nsecret = \"reader\"\ndomains = []\n";
    let server = TestServer::start_with(Some(tokens), Limits::default());
    server.register_example("studio");
    let asked = json!([{ "__typename": "DomainModel", "iri": STUDIO }]);
    let refused = entities(&server, asked.clone(), None);
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "UNAUTHORIZED",
        "{refused}"
    );
    assert!(refused.get("data").is_none(), "{refused}");
    let read = entities(&server, asked, Some("reader"));
    assert_eq!(read["data"]["_entities"][0]["domain"], "studio", "{read}");
}
