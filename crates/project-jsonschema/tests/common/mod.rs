//! Shared by the integration tests: the example models, projected, and the
//! two validators (Ajv, Python's jsonschema) run over a job of documents and
//! instances.

#![allow(dead_code)] // each test binary uses a part of it

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use uda_project_jsonschema::{project, JsonSchemaOptions};
use uda_projection::Output;
use uda_upper::Loaded;

/// The example models, loaded and validated once per test binary.
pub fn examples() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(uda_testkit::load_examples)
}

/// The example domains.
pub const DOMAINS: [&str; 3] = ["onepiece", "studio", "marketing"];

/// The models each example imports (whose documents its own refer to).
pub fn imports(domain: &str) -> &'static [&'static str] {
    if domain == "marketing" {
        &["studio"]
    } else {
        &[]
    }
}

/// The JSON Schema projection of example `domain`.
pub fn example(domain: &str, options: JsonSchemaOptions) -> Output {
    let iri = uda_testkit::example_iri(domain);
    let view = examples().models.view(&iri).expect("example model");
    project(&view, &options).unwrap_or_else(|e| panic!("{domain}: {e}"))
}

/// The documents of `outputs`, parsed.
pub fn documents<'o>(outputs: impl IntoIterator<Item = &'o Output>) -> Vec<Value> {
    outputs
        .into_iter()
        .flat_map(|o| &o.files)
        .map(|f| serde_json::from_str(&f.text).unwrap_or_else(|e| panic!("{}: {e}", f.name)))
        .collect()
}

/// One instance to validate against the document whose `$id` is `schema`.
pub struct Case {
    pub label: String,
    pub schema: String,
    pub instance: Value,
}

/// What one validator said.
#[derive(Debug)]
pub struct Verdicts {
    pub tool: &'static str,
    /// Meta-schema errors by document `$id` (empty: valid).
    pub meta: Vec<(String, String)>,
    /// Unresolvable references by document `$id` (empty: none).
    pub compile: Vec<(String, String)>,
    /// Per case: valid, and the errors otherwise.
    pub cases: Vec<(bool, String)>,
}

fn tools_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tools")
}

/// Runs both validators over `documents` and `cases`.
pub fn validate(documents: &[Value], cases: &[Case]) -> [Verdicts; 2] {
    let job = json!({
        "schemas": documents,
        "cases": cases.iter().map(|c| json!({"schema": c.schema, "instance": c.instance})).collect::<Vec<_>>(),
    });
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("job.json");
    std::fs::write(&path, job.to_string()).expect("writes the job");
    let tools = tools_dir();
    assert!(
        tools.join("node_modules/ajv").is_dir(),
        "Ajv is missing: run scripts/setup (npm ci in {})",
        tools.display()
    );
    [
        run(
            "ajv",
            Command::new("node").arg(tools.join("validate.mjs")),
            &path,
        ),
        run(
            "python jsonschema",
            Command::new("python3").arg(tools.join("validate.py")),
            &path,
        ),
    ]
}

fn run(tool: &'static str, command: &mut Command, job: &Path) -> Verdicts {
    let out = uda_testkit::tool_output(tool, command.arg(job));
    let value: Value = serde_json::from_str(&out).expect("the tool prints JSON");
    let pairs = |key: &str| -> Vec<(String, String)> {
        value[key]
            .as_array()
            .expect("a list")
            .iter()
            .map(|m| {
                (
                    m["id"].as_str().unwrap_or_default().to_owned(),
                    m["errors"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    Verdicts {
        tool,
        meta: pairs("meta"),
        compile: pairs("compile"),
        cases: value["cases"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|c| {
                (
                    c["valid"].as_bool().expect("a verdict"),
                    c["errors"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect(),
    }
}

/// Asserts that every document is a valid 2020-12 schema whose references
/// all resolve, for both validators.
pub fn assert_documents_valid(label: &str, verdicts: &[Verdicts; 2]) {
    for v in verdicts {
        let bad: Vec<String> = v
            .meta
            .iter()
            .chain(&v.compile)
            .filter(|(_, errors)| !errors.is_empty())
            .map(|(id, errors)| format!("{id}: {errors}"))
            .collect();
        assert!(bad.is_empty(), "{label}, {}:\n{}", v.tool, bad.join("\n"));
        assert!(!v.meta.is_empty(), "{label}: no document checked");
    }
}
