//! Shared by the integration tests: models projected, and protoc and the
//! Python protobuf runtime run over the files.

#![allow(dead_code)] // each test binary uses a part of it

use oxrdf::Graph;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use uda_project_protobuf::{project, ProtobufOptions};
use uda_projection::Output;
use uda_upper::Loaded;

/// The example models, loaded and validated once per test binary.
pub fn examples() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(uda_testkit::load_examples)
}

/// The example domains.
pub const DOMAINS: [&str; 3] = ["onepiece", "studio", "marketing"];

/// The projection of example `domain`.
pub fn example(domain: &str) -> Output {
    let iri = uda_testkit::example_iri(domain);
    project_model(examples(), &iri, None)
}

/// Loads Turtle models given as (name, text); panics with the diagnostics if
/// they are invalid.
pub fn load(models: &[(&str, &str)]) -> Loaded {
    let mut loader = uda_upper::Loader::new();
    for (name, text) in models {
        loader.input_text(name, *text, uda_upper::RdfFormat::Turtle);
    }
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    loaded
}

/// The projection of model `iri` of `loaded`, after the version whose mappings are `earlier`.
pub fn project_model(loaded: &Loaded, iri: &str, earlier: Option<&Graph>) -> Output {
    let view = loaded.models.view(iri).expect("the model");
    project(&view, &ProtobufOptions::after(earlier)).unwrap_or_else(|e| panic!("{iri}: {e}"))
}

/// The one file of `output`.
pub fn text(output: &Output) -> &str {
    assert_eq!(output.files.len(), 1, "one file per model");
    &output.files[0].text
}

/// Writes the files of `outputs` into `dir`.
pub fn write(dir: &Path, outputs: &[&Output]) -> Vec<String> {
    let mut names = Vec::new();
    for output in outputs {
        for file in &output.files {
            std::fs::write(dir.join(&file.name), &file.text).expect("write the file");
            names.push(file.name.clone());
        }
    }
    names
}

/// Compiles the files `names` of `dir` with protoc, their imports resolved
/// in `dir` (and the well-known types beside protoc), into Python modules
/// under `dir/py`; panics with protoc's errors if they do not compile.
pub fn protoc(dir: &Path, names: &[String]) -> PathBuf {
    let py = dir.join("py");
    std::fs::create_dir_all(&py).expect("the python directory");
    let out = Command::new("protoc")
        .arg(format!("-I{}", dir.display()))
        .arg(format!("--python_out={}", py.display()))
        .args(names)
        .output()
        .unwrap_or_else(|e| {
            panic!("protoc cannot be run ({e}): scripts/setup installs protobuf-compiler")
        });
    let files: String = names
        .iter()
        .map(|n| {
            let text = std::fs::read_to_string(dir.join(n)).unwrap_or_default();
            format!("--- {n}\n{text}")
        })
        .collect();
    assert!(
        out.status.success(),
        "protoc refused the files:\n{}\n{files}",
        String::from_utf8_lossy(&out.stderr)
    );
    py
}

/// Runs `tests/tools/check_protobuf.py MODE DIR` with the venv's python3;
/// its standard output.
pub fn python(mode: &str, dir: &Path) -> String {
    python_with(mode, dir, &[])
}

/// Runs `tests/tools/check_protobuf.py MODE DIR ARGS...`; its standard output.
pub fn python_with(mode: &str, dir: &Path, args: &[&str]) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/check_protobuf.py");
    uda_testkit::tool_output(
        &format!("check_protobuf.py {mode}"),
        Command::new("python3")
            .arg(script)
            .arg(mode)
            .arg(dir)
            .args(args),
    )
}

/// The number of every field and enum value the container of `output`
/// records, as `check_protobuf.py numbers` prints them: by the full name of
/// its type, then by its name.
pub fn recorded_numbers(
    output: &Output,
) -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, u32>> {
    use oxrdf::{NamedNodeRef, TermRef};
    let ns = uda_project_protobuf::PROTOBUF_NS;
    let p = |local: &str| oxrdf::NamedNode::new_unchecked(format!("{ns}{local}"));
    let map = |local: &str| {
        oxrdf::NamedNode::new_unchecked(format!("https://w3id.org/uda/mapping#{local}"))
    };
    let graph = output.container.to_graph();
    let value = |s: NamedNodeRef<'_>, pred: &oxrdf::NamedNode| match graph
        .object_for_subject_predicate(s, pred)
    {
        Some(TermRef::Literal(l)) => l.value().to_owned(),
        Some(TermRef::NamedNode(n)) => n.as_str().to_owned(),
        other => panic!("{s} has no {pred}: {other:?}"),
    };
    let mut numbers =
        std::collections::BTreeMap::<String, std::collections::BTreeMap<String, u32>>::new();
    for t in graph.triples_for_predicate(&p("number")) {
        let oxrdf::NamedOrBlankNodeRef::NamedNode(member) = t.subject else {
            continue;
        };
        let parent = value(member, &map("partOf"));
        let full = value(NamedNodeRef::new_unchecked(&parent), &p("fullName"));
        let number = match t.object {
            TermRef::Literal(l) => l.value().parse().expect("a number"),
            other => panic!("{other}"),
        };
        numbers
            .entry(full)
            .or_default()
            .insert(value(member, &map("name")), number);
    }
    numbers
}
