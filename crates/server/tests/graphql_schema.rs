//! The GraphQL schema of the registry: checked in as `schema/registry.graphql` (and as an Apollo
//! Federation subgraph, `schema/registry.subgraph.graphql`) and kept current (`UDA_BLESS=1 cargo
//! test --workspace --test graphql_schema` rewrites both), valid SDL, and made from Upper: every
//! Upper class is a type with a field per property.

use async_graphql::parser::parse_schema;
use async_graphql::parser::types::{TypeDefinition, TypeKind, TypeSystemDefinition};
use std::collections::{BTreeMap, BTreeSet};
use uda_upper::{local_name, vocab, Loader, RdfFormat};

fn sdl() -> String {
    uda_server::sdl().expect("the GraphQL schema builds")
}

fn subgraph_sdl() -> String {
    uda_server::subgraph_sdl().expect("the subgraph schema builds")
}

/// Every object and interface type of the SDL with its field names.
fn types(sdl: &str) -> BTreeMap<String, BTreeSet<String>> {
    let document = parse_schema(sdl).expect("the SDL parses");
    let mut out = BTreeMap::new();
    for definition in document.definitions {
        let TypeSystemDefinition::Type(t) = definition else {
            continue;
        };
        let TypeDefinition { name, kind, .. } = t.node;
        let fields = match kind {
            TypeKind::Object(o) => o.fields,
            TypeKind::Interface(i) => i.fields,
            _ => continue,
        };
        out.insert(
            name.node.to_string(),
            fields
                .into_iter()
                .map(|f| f.node.name.node.to_string())
                .collect(),
        );
    }
    out
}

/// `sdl` is deterministic and equal to the checked-in `file` (under `schema/`), which
/// `UDA_BLESS=1` rewrites instead.
fn check_in(file: &str, sdl: impl Fn() -> String) {
    let text = sdl();
    assert_eq!(text, sdl(), "the SDL of {file} is not deterministic");
    let path = uda_testkit::repo_dir().join("schema").join(file);
    if std::env::var_os("UDA_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir schema/");
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("write schema/{file}: {e}"));
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in != text {
        let line = checked_in
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| checked_in.lines().count().min(text.lines().count()));
        panic!(
            "schema/{file} is not the schema the server serves (first difference at line {}: \
             {:?} checked in, {:?} served).\nIf the change is intended, rewrite it with: \
             UDA_BLESS=1 cargo test --workspace --test graphql_schema",
            line + 1,
            checked_in.lines().nth(line).unwrap_or("<end of file>"),
            text.lines().nth(line).unwrap_or("<end of file>"),
        );
    }
}

#[test]
fn the_checked_in_schema_is_current() {
    check_in("registry.graphql", sdl);
}

#[test]
fn the_checked_in_subgraph_schema_is_current() {
    check_in("registry.subgraph.graphql", subgraph_sdl);
}

#[test]
fn the_schema_round_trips_through_the_parser() {
    let sdl = sdl();
    let types = types(&sdl);
    let has = |t: &str, fields: &[&str]| {
        let found = types
            .get(t)
            .unwrap_or_else(|| panic!("no type {t} in\n{sdl}"));
        for f in fields {
            assert!(found.contains(*f), "{t} has no field {f}: {found:?}");
        }
    };
    has(
        "Query",
        &[
            "domainModels",
            "domainModel",
            "versions",
            "projection",
            "mappings",
            "catalog",
            "search",
            "realizations",
            "concepts",
            "coverage",
        ],
    );
    has(
        "Mutation",
        &[
            "registerDomainModel",
            "setCompatibility",
            "deleteDomainModel",
        ],
    );
    has(
        "RegistrationResult",
        &["version", "hash", "changed", "projections"],
    );
}

/// The types describing models come from Upper: each class is a type (named after it, as the
/// GraphQL projection names it) whose fields are its properties, inherited ones included; the
/// registry adds its own fields to DomainModel only.
#[test]
fn every_upper_class_is_a_type_with_its_properties() {
    let mut loader = Loader::new();
    loader.input_text("upper.ttl", vocab::UPPER_TTL.as_bytes(), RdfFormat::Turtle);
    let loaded = loader.load();
    let view = loaded.models.view(vocab::MODEL).expect("Upper");
    let types = types(&sdl());
    let classes = view.classes();
    assert!(classes.len() >= 10, "{} classes", classes.len());
    for class in classes {
        let name = local_name(&class.iri);
        let fields = types
            .get(name)
            .unwrap_or_else(|| panic!("no GraphQL type for the Upper class <{}>", class.iri));
        let expected: BTreeSet<String> = view
            .all_properties(class)
            .iter()
            .map(|p| local_name(&p.iri).to_owned())
            .collect();
        if class.iri == vocab::DOMAIN_MODEL.as_str() {
            assert!(
                fields.is_superset(&expected),
                "{name}: {fields:?} lacks some of {expected:?}"
            );
        } else {
            assert_eq!(fields, &expected, "the fields of {name}");
        }
    }
    let model = &types["DomainModel"];
    for field in [
        "version",
        "hash",
        "compatibility",
        "createdAt",
        "principal",
        "classes",
        "projection",
    ] {
        assert!(
            model.contains(field),
            "DomainModel has no {field}: {model:?}"
        );
    }
}

/// graphql-js, the reference implementation, builds and validates the schema. It uses the node
/// tools of the GraphQL projection's tests; without them this fails and names the setup command.
#[test]
fn graphql_js_accepts_the_schema() {
    let tools = uda_testkit::repo_dir().join("crates/project-graphql/tests/tools");
    assert!(
        tools.join("node_modules/graphql").is_dir(),
        "the node test tools are not installed: run \
         `npm ci --prefix crates/project-graphql/tests/tools` from the repository root"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("registry.graphql");
    std::fs::write(&file, sdl()).expect("write");
    let output = std::process::Command::new("node")
        .arg(tools.join("validate.mjs"))
        .arg(&file)
        .current_dir(&tools)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node ({e}): node 18 or later is needed"));
    assert!(
        output.status.success(),
        "graphql-js refuses the schema:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
