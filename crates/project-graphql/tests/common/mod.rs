//! Shared by the integration tests: the example models projected, and the
//! node tools under `tests/tools/` (graphql-js, @apollo/composition).

#![allow(dead_code)] // each test binary uses its own share of these helpers

use std::path::{Path, PathBuf};
use std::process::Command;
use uda_project_graphql::{project, GraphqlOptions};
use uda_projection::Output;
use uda_upper::{Loaded, Loader, RdfFormat};

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
