//! Existing containers in the registry: the GraphQL schema of uda's own
//! server (`schema/registry.graphql`, written by async-graphql), imported and
//! registered, versioned and checked for compatibility.

mod common;

use common::*;
use oxigraph::model::NamedNode;
use uda_projection::{Coordinates, Imported, Recorder};
use uda_registry::{
    existing_container_graph, oxigraph, ChangeKind, GraphKind, Outcome, RegisterOptions, Registry,
    Rejection,
};

const SCHEMA: &str = include_str!("../../../schema/registry.graphql");

fn coordinates() -> Coordinates {
    Coordinates {
        system: "graphql".into(),
        location: "https://uda.example/graphql".into(),
        name: "registry".into(),
    }
}

fn import(sdl: &str) -> Imported {
    let at = coordinates();
    uda_project_graphql::import(
        &[("registry.graphql".to_owned(), sdl.to_owned())],
        &at.base_iri(),
        &at.name,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn register(
    r: &Registry,
    sdl: &str,
) -> Result<uda_registry::Registered, uda_registry::RegistryError> {
    let options = RegisterOptions {
        principal: "tester".into(),
        ..RegisterOptions::default()
    };
    r.register_container(&import(sdl), &coordinates(), &options)
}

#[test]
fn a_container_is_versioned_catalogued_and_queryable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = Registry::open(dir.path()).expect("open");
    let name = existing_container_graph(&coordinates());
    let first = register(&r, SCHEMA).expect("register");
    assert_eq!((first.outcome, first.version), (Outcome::Created, 1));
    assert_eq!(first.model, name);
    assert_eq!(first.graph, format!("{name}/version/1"));

    let entry = r
        .catalog()
        .expect("catalog")
        .into_iter()
        .find(|e| e.graph == name)
        .expect("entry");
    assert_eq!(entry.kind, Some(GraphKind::Container));
    assert_eq!(entry.target.as_deref(), Some("graphql"));
    assert_eq!(
        entry.location.as_deref(),
        Some("https://uda.example/graphql")
    );
    assert_eq!(entry.container_name.as_deref(), Some("registry"));
    assert!(entry
        .governed_by
        .as_deref()
        .is_some_and(|g| g.starts_with("https://w3id.org/uda/graphql/version/")));
    assert_eq!(entry.principal.as_deref(), Some("tester"));

    // Unchanged: nothing written.
    let before = r.dump_nquads().expect("dump");
    let again = register(&r, SCHEMA).expect("again");
    assert_eq!((again.outcome, again.version), (Outcome::Unchanged, 1));
    assert_eq!(r.dump_nquads().expect("dump"), before);

    // Plain SPARQL sees the current container in the default graph.
    let field = format!("{}/CatalogEntry/graph", coordinates().base_iri());
    let ask = format!(
        "PREFIX map: <https://w3id.org/uda/mapping#> ASK {{ <{field}> map:partOf ?type ; map:name \"graph\" }}"
    );
    assert!(matches!(
        r.query(&ask),
        Ok(oxigraph::sparql::QueryResults::Boolean(true))
    ));
    let listed = r.containers().expect("containers");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].current_version, Some(1));
    assert_eq!(r.versions(&name).expect("versions").len(), 1);
    assert_sound(&r);

    // Survives reopening.
    drop(r);
    let r = Registry::open(dir.path()).expect("reopen");
    assert_eq!(
        register(&r, SCHEMA).expect("again").outcome,
        Outcome::Unchanged
    );
    assert_sound(&r);
}

#[test]
fn breaking_changes_are_refused_by_name_and_compatible_ones_accepted() {
    let r = Registry::in_memory().expect("registry");
    register(&r, SCHEMA).expect("register");
    let name = existing_container_graph(&coordinates());

    // A dropped field breaks readers.
    let dropped = "  \"\"\"\n  The graph's name.\n  \"\"\"\n  graph: String!\n";
    assert!(SCHEMA.contains(dropped));
    let without = SCHEMA.replacen(dropped, "", 1);
    let before = r.dump_nquads().expect("dump");
    let Rejection::Incompatible { conflicts, .. } = rejection(register(&r, &without)) else {
        panic!("not an incompatibility")
    };
    let change = &conflicts[0].changes[0];
    assert_eq!(change.kind, ChangeKind::PropertyRemoved);
    assert_eq!(change.description, "field `CatalogEntry.graph` removed");
    assert_eq!(r.dump_nquads().expect("dump"), before);

    // A retyped one too.
    let retyped = SCHEMA.replacen("  graph: String!\n", "  graph: Int!\n", 1);
    let refused = rejection(register(&r, &retyped)).to_string();
    assert!(
        refused.contains("field `CatalogEntry.graph`: type changes from \"String!\" to \"Int!\""),
        "{refused}"
    );

    // An added output field breaks nobody: version 2.
    let added = SCHEMA.replacen(
        "  graph: String!\n",
        "  graph: String!\n  note: String\n",
        1,
    );
    let second = register(&r, &added).expect("compatible");
    assert_eq!((second.outcome, second.version), (Outcome::Created, 2));
    assert!(second
        .changes
        .iter()
        .any(|c| c.description == "field `CatalogEntry.note` added"));
    assert_eq!(r.versions(&name).expect("versions").len(), 2);
    assert_sound(&r);
}

#[test]
fn a_nonconforming_container_is_refused() {
    let r = Registry::in_memory().expect("registry");
    let at = coordinates();
    let gql =
        |local: &str| NamedNode::new_unchecked(format!("https://w3id.org/uda/graphql#{local}"));
    let mut recorder = Recorder::for_container(&at.base_iri(), gql("Schema").as_ref(), "x");
    let schema = recorder.schema().clone();
    let ty = recorder.element(&schema, gql("ObjectType").as_ref(), "T");
    // A field without its gql:type, which graphql.ttl requires.
    recorder.element(&ty, gql("Field").as_ref(), "f");
    let imported = recorder.finish_import(Vec::new());
    let rejection = rejection(r.register_container(&imported, &at, &RegisterOptions::default()));
    let Rejection::NotConformant { problems, .. } = &rejection else {
        panic!("{rejection}")
    };
    assert!(problems.iter().any(|p| p.contains("/T/f")), "{problems:?}");
    assert!(r.containers().expect("containers").is_empty());
    assert_sound(&r);
}
