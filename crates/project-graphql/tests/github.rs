//! Real input nobody here wrote: GitHub's public GraphQL schema (the npm
//! package `@octokit/graphql-schema`, pinned in `tests/tools/package.json`)
//! imports with no error and no warning, completely: what the imported graph
//! holds is counted and compared with what graphql-js, the reference
//! implementation, reads from the same file (`tests/tools/counts.mjs`).

mod common;

use common::{check_conformance, node, system_models, tools_dir, GQL, SETUP};
use oxrdf::vocab::rdf;
use oxrdf::{NamedOrBlankNodeRef, TermRef};
use std::collections::{BTreeMap, HashMap};
use uda_project_graphql::{import, NS};
use uda_projection::{write_turtle, Coordinates, Imported, MAP_NS};

const SCHEMA: &str = "node_modules/@octokit/graphql-schema/schema.graphql";

fn github() -> (String, String) {
    let path = tools_dir().join(SCHEMA);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; install the test tools with `{SETUP}`",
            path.display()
        )
    });
    (path.display().to_string(), text)
}

fn import_github() -> Imported {
    let coordinates = Coordinates {
        system: "graphql".into(),
        location: "npm:@octokit/graphql-schema".into(),
        name: "github".into(),
    };
    import(&[github()], &coordinates.base_iri(), "github")
        .unwrap_or_else(|e| panic!("GitHub's schema does not import:\n{e}"))
}

/// What the imported graph holds, counted as `counts.mjs` counts.
fn counts(imported: &Imported) -> BTreeMap<String, u64> {
    let gql = |local: &str| format!("{NS}{local}");
    let part_of = format!("{MAP_NS}partOf");
    let mut class_of = HashMap::new();
    for t in imported.container.iter() {
        if t.predicate == rdf::TYPE {
            if let TermRef::NamedNode(class) = t.object {
                class_of.insert(t.subject, class.as_str().trim_start_matches(NS).to_owned());
            }
        }
    }
    let mut out: BTreeMap<String, u64> = BTreeMap::new();
    let mut count = |key: &str| *out.entry(key.to_owned()).or_default() += 1;
    for class in class_of.values() {
        count(class);
    }
    for t in imported.container.iter() {
        let predicate = t.predicate.as_str();
        if predicate == part_of && class_of.get(&t.subject).map(String::as_str) == Some("Argument")
        {
            let parent = match t.object {
                TermRef::NamedNode(n) => class_of.get(&NamedOrBlankNodeRef::from(n)),
                _ => None,
            };
            match parent.map(String::as_str) {
                Some("Field") => count("FieldArgument"),
                Some("DirectiveDefinition") => count("DirectiveDefinitionArgument"),
                other => panic!("an argument of a {other:?}"),
            }
        } else if predicate == gql("member") {
            count("member");
        } else if predicate == gql("implements") {
            count("implements");
        } else if predicate == gql("description") && t.subject != imported.schema.as_ref().into() {
            count("description");
        } else if predicate == gql("directive")
            && matches!(t.object, TermRef::Literal(l) if l.value() == "deprecated")
        {
            count("deprecated");
        }
    }
    out
}

#[test]
fn githubs_public_schema_imports_completely() {
    let imported = import_github();
    assert_eq!(imported.warnings, []);
    let run = node(
        "counts.mjs",
        &[tools_dir().join(SCHEMA).display().to_string()],
    );
    assert!(
        run.success,
        "graphql-js cannot read the schema: {}",
        run.stderr
    );
    let expected: BTreeMap<String, u64> =
        serde_json::from_str(&run.stdout).expect("counts.mjs prints JSON");
    let mut actual = counts(&imported);
    // Elements graphql-js does not count as such.
    for other in [
        "Schema",
        "Argument",
        "DirectiveApplication",
        "DirectiveArgument",
    ] {
        actual.remove(other);
    }
    assert!(
        expected["ObjectType"] > 900 && expected["Field"] > 6000,
        "{expected:?}"
    );
    assert_eq!(actual, expected);
}

#[test]
fn the_imported_graph_conforms_to_the_graphql_system_model_and_is_deterministic() {
    let imported = import_github();
    let system = system_models();
    let view = system.models.view(GQL).expect("the GraphQL system model");
    check_conformance("github", &imported.container.to_graph(), &view);
    assert_eq!(
        write_turtle(&imported.container, &[]),
        write_turtle(&import_github().container, &[])
    );
}
