//! Shared by the integration tests: the example models projected, and the
//! node tools under `tests/tools/` (graphql-js, @apollo/composition).

#![allow(dead_code)] // each test binary uses its own share of these helpers

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Graph, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use uda_project_graphql::{project, GraphqlOptions};
use uda_projection::Output;
use uda_upper::{local_name, Builtin, Loaded, Loader, ModelView, PropertyKind, RdfFormat};

/// The command that installs the node tools, as the project's setup runs it.
pub const SETUP: &str = "npm ci --prefix crates/project-graphql/tests/tools";

pub fn tools_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tools")
}

/// Projects example model `domain` (onepiece, studio, marketing).
pub fn example(loaded: &Loaded, domain: &str, federation: bool) -> Output {
    let view = loaded
        .models
        .view(&uda_testkit::example_iri(domain))
        .expect("example model");
    project(&view, &GraphqlOptions { federation }).expect("the example projects")
}

/// A term of the mapping vocabulary.
pub fn map(local: &str) -> oxrdf::NamedNode {
    oxrdf::NamedNode::new_unchecked(format!("{}{local}", uda_projection::MAP_NS))
}

/// The text of the single file of an output.
pub fn text(output: &Output) -> &str {
    assert_eq!(output.files.len(), 1, "one schema file");
    &output.files[0].text
}

/// Loads Turtle models given as text (plus Upper), failing on any error.
pub fn load_turtle(models: &[&str]) -> Loaded {
    let mut loader = Loader::new();
    for (i, text) in models.iter().enumerate() {
        loader.input_text(&format!("model{i}.ttl"), text.as_bytes(), RdfFormat::Turtle);
    }
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    loaded
}

/// Writes each (file name, text) into a fresh directory and returns it with the paths.
pub fn write_files(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let paths = files
        .iter()
        .map(|(name, text)| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("file written");
            path
        })
        .collect();
    (dir, paths)
}

/// The result of running one of the node tools.
pub struct Run {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `tests/tools/{script}` with node. Fails, naming the setup command,
/// when the tools are not installed: a missing tool must not pass silently.
pub fn node(script: &str, args: &[String]) -> Run {
    let tools = tools_dir();
    assert!(
        tools.join("node_modules/graphql").is_dir()
            && tools.join("node_modules/@apollo/composition").is_dir(),
        "the node test tools are not installed: run `{SETUP}` from the repository root"
    );
    let output = Command::new(node_binary())
        .arg(tools.join(script))
        .args(args)
        .current_dir(&tools)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run node ({e}); node 18 or later is needed for {script}")
        });
    Run {
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn node_binary() -> PathBuf {
    let usual = Path::new("/usr/bin/node");
    if usual.exists() {
        usual.to_path_buf()
    } else {
        PathBuf::from("node")
    }
}

/// Validates SDL files with graphql-js (`buildSchema` + `validateSchema`).
pub fn graphql_js_validate(files: &[(&str, &str)]) -> Run {
    let (_dir, paths) = write_files(files);
    node(
        "validate.mjs",
        &paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>(),
    )
}

/// Composes subgraphs (name, SDL) with @apollo/composition.
pub fn compose(subgraphs: &[(&str, &str)]) -> Run {
    let files: Vec<(String, &str)> = subgraphs
        .iter()
        .map(|(n, t)| (format!("{n}.graphql"), *t))
        .collect();
    let named: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let (_dir, paths) = write_files(&named);
    let args: Vec<String> = subgraphs
        .iter()
        .zip(&paths)
        .map(|((name, _), p)| format!("{name}={}", p.display()))
        .collect();
    node("compose.mjs", &args)
}

/// The IRI of the GraphQL system model.
pub const GQL: &str = "https://w3id.org/uda/graphql";

/// Upper, the mapping model and the GraphQL system model, loaded and valid.
pub fn system_models() -> Loaded {
    let dir = uda_testkit::repo_dir().join("ontologies");
    let mut loader = uda_upper::Loader::new();
    for f in ["upper.ttl", "mapping.ttl", "graphql.ttl"] {
        loader.input_file(dir.join(f));
    }
    let loaded = loader.load();
    assert!(
        !loaded.has_errors(),
        "ontologies/graphql.ttl is invalid:\n{}",
        loaded.render()
    );
    loaded
}

/// Checks every node of a container graph against the class it is typed
/// with in the GraphQL system model: known class, known properties,
/// cardinalities, literal datatypes, and the class of linked elements.
pub fn check_conformance(label: &str, graph: &Graph, system: &ModelView<'_>) {
    let mut class_of: BTreeMap<NamedNode, String> = BTreeMap::new();
    for t in graph.triples_for_predicate(rdf::TYPE) {
        let (NamedOrBlankNodeRef::NamedNode(s), TermRef::NamedNode(c)) = (t.subject, t.object)
        else {
            panic!("{label}: blank node in the container graph")
        };
        assert!(
            class_of
                .insert(s.into_owned(), c.as_str().to_owned())
                .is_none(),
            "{label}: {s} has two types"
        );
    }
    let is_a = |element: &NamedNode, wanted: &str| {
        class_of
            .get(element)
            .and_then(|c| system.class(c))
            .is_some_and(|c| c.iri == wanted || system.ancestors(c).iter().any(|a| a.iri == wanted))
    };
    for (element, class_iri) in &class_of {
        let class = system
            .class(class_iri)
            .unwrap_or_else(|| panic!("{label}: {class_iri} is not a class of graphql.ttl"));
        let properties = system.all_properties(class);
        for t in graph.triples_for_subject(element) {
            if t.predicate == rdf::TYPE {
                continue;
            }
            assert!(
                properties.iter().any(|p| p.iri == t.predicate.as_str()),
                "{label}: {element} ({}) has {}, not a property of its class",
                local_name(class_iri),
                t.predicate
            );
        }
        // upper:iri is implicit: the element's IRI.
        for property in properties
            .iter()
            .filter(|p| p.iri != format!("{}iri", uda_upper::vocab::NS))
        {
            let values: Vec<TermRef<'_>> = graph
                .objects_for_subject_predicate(element, NamedNodeRef::new_unchecked(&property.iri))
                .collect();
            assert!(
                values.len() as u64 >= property.min_count,
                "{label}: {element} lacks {}",
                property.iri
            );
            if let Some(max) = property.max_count {
                assert!(
                    values.len() as u64 <= max,
                    "{label}: {element} has too many {}",
                    property.iri
                );
            }
            for value in values {
                match (&property.kind, value) {
                    (PropertyKind::Attribute { datatype }, TermRef::Literal(l)) => {
                        assert!(
                            Builtin::from_iri(datatype).is_some(),
                            "{datatype} is built in"
                        );
                        assert_eq!(
                            l.datatype().as_str(),
                            datatype,
                            "{label}: {element} {}",
                            property.iri
                        );
                        if datatype == xsd::BOOLEAN.as_str() {
                            assert!(["true", "false"].contains(&l.value()));
                        }
                    }
                    (PropertyKind::Relationship { class }, TermRef::NamedNode(n)) => {
                        assert!(
                            is_a(&n.into_owned(), class),
                            "{label}: {element} {} {n} is not a {class}",
                            property.iri
                        );
                    }
                    _ => panic!(
                        "{label}: {element} {} has a value of the wrong kind: {value}",
                        property.iri
                    ),
                }
            }
        }
    }
}
