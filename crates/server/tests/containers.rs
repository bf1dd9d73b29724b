//! `registerContainer`: Apache Avro's own `Person.avsc` registered over GraphQL as an
//! existing container, with and without a token covering it.

mod common;

use common::TestServer;
use uda_server::Limits;

const TOKENS: &str = r#"
[[token]]
name = "people-team"
secret = "s3cret-people"
domains = ["people"]

[[token]]
name = "studio-team"
secret = "s3cret-studio"
domains = ["studio"]
"#;

const PERSON: &str =
    include_str!("../../project-avro/tests/fixtures/external/apache-avro/Person.avsc");

fn mutation(text: &str) -> serde_json::Value {
    serde_json::json!({
        "query": "mutation($files: [SourceFile!]!) {
            registerContainer(system: \"avro\", name: \"people\", location: \"kafka://events\",
                              files: $files) {
                model version changed written changes { description breaksBackward }
            }
        }",
        "variables": { "files": [{ "label": "Person.avsc", "text": text }] },
    })
}

#[test]
fn register_container_needs_a_token_covering_it() {
    let server = TestServer::start_with(Some(TOKENS), Limits::default());
    let request = mutation(PERSON);

    let none = server.post_json("/graphql", &request, None).json();
    assert_eq!(
        none["errors"][0]["extensions"]["code"], "UNAUTHORIZED",
        "{none}"
    );
    let other = server
        .post_json("/graphql", &request, Some("s3cret-studio"))
        .json();
    assert_eq!(
        other["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{other}"
    );
    assert!(server.registry.containers().expect("containers").is_empty());

    let ok = server
        .post_json("/graphql", &request, Some("s3cret-people"))
        .json();
    assert!(ok["errors"].is_null(), "{ok}");
    let r = &ok["data"]["registerContainer"];
    assert_eq!(r["version"], 1);
    assert_eq!(r["written"], true);
    let graph = r["model"].as_str().expect("graph");
    assert_eq!(
        graph,
        "https://w3id.org/uda/registry/container/avro/kafka%3A%2F%2Fevents/people"
    );
    let listed = server.registry.containers().expect("containers");
    assert_eq!(listed[0].graph, graph);
    assert_eq!(listed[0].versions, 1);

    // Unchanged: nothing written.
    let again = server
        .post_json("/graphql", &request, Some("s3cret-people"))
        .json();
    assert_eq!(
        again["data"]["registerContainer"]["changed"], false,
        "{again}"
    );

    // Files that do not parse are bad input, located.
    let broken = server
        .post_json("/graphql", &mutation("{"), Some("s3cret-people"))
        .json();
    assert_eq!(
        broken["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{broken}"
    );
    assert!(
        broken["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("Person.avsc:")),
        "{broken}"
    );
}
