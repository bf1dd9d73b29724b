//! `uda check-data` on the example instance data: the conforming files
//! conform (exit 0), and the report of each violations file (read back from
//! `--report` Turtle) has exactly the results its `# expect` comments list.

use std::collections::{BTreeMap, BTreeSet};

use std::path::{Path, PathBuf};
use std::process::Output;
use uda_testsuite::*;

use oxrdf::{NamedOrBlankNode, Term, Triple};

const SH: &str = "http://www.w3.org/ns/shacl#";

fn examples() -> PathBuf {
    repo().join("ontologies/examples")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The arguments checking `data` (files under examples/data) against `model`.
fn check_args(model: &str, data: &[&str]) -> Vec<String> {
    let mut args = vec![
        "check-data".to_owned(),
        "--model".to_owned(),
        path(&examples().join(format!("{model}.ttl"))).to_owned(),
        "-I".to_owned(),
        path(&examples()).to_owned(),
    ];
    args.extend(
        data.iter()
            .map(|d| path(&examples().join("data").join(d)).to_owned()),
    );
    args
}

fn run(args: &[String]) -> Output {
    uda(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Each example model with its conforming data and its violations data
/// (the studio data is the context of the marketing data).
const CASES: [(&str, &[&str], &[&str]); 3] = [
    ("onepiece", &["onepiece.ttl"], &["onepiece-violations.ttl"]),
    ("studio", &["studio.ttl"], &["studio-violations.ttl"]),
    (
        "marketing",
        &["studio.ttl", "marketing.ttl"],
        &["studio.ttl", "marketing-violations.ttl"],
    ),
];

#[test]
fn conforming_data_exits_0_open_and_closed() {
    for (model, valid, _) in CASES {
        for closed in [false, true] {
            let mut args = check_args(model, valid);
            if closed {
                args.push("--closed".to_owned());
            }
            let out = run(&args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(0),
                "{model} (closed: {closed}):\n{stderr}"
            );
            assert!(
                stderr.contains(&format!("the data conforms to {model}")),
                "{stderr}"
            );
        }
    }
}

/// `(focus, component)` pairs from `# expect FOCUS COMPONENT: why` lines
/// (and `# expect-closed` ones when `closed`), prefixed names expanded with
/// the file's `@prefix` lines.
fn expected(file: &Path, closed: bool) -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(file).expect("data file");
    let prefixes: BTreeMap<String, String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("@prefix "))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let prefix = parts.next()?.trim_end_matches(':').to_owned();
            let ns = parts
                .next()?
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned();
            Some((prefix, ns))
        })
        .collect();
    let expand = |name: &str| {
        let (prefix, local) = name.split_once(':').expect("a prefixed name");
        format!(
            "{}{local}",
            prefixes
                .get(prefix)
                .unwrap_or_else(|| panic!("prefix {prefix}"))
        )
    };
    text.lines()
        .filter_map(|l| {
            let rest = l
                .strip_prefix("# expect ")
                .or_else(|| l.strip_prefix("# expect-closed ").filter(|_| closed))?;
            let mut parts = rest.split_whitespace();
            let focus = parts.next()?;
            let component = parts.next()?.trim_end_matches(':');
            Some((expand(focus), expand(component)))
        })
        .collect()
}

/// `(focus, component)` of every result of a Turtle validation report.
fn reported(turtle: &str) -> (bool, BTreeSet<(String, String)>) {
    let triples: Vec<Triple> = oxttl::TurtleParser::new()
        .for_slice(turtle.as_bytes())
        .collect::<Result<_, _>>()
        .expect("the report is Turtle");
    let value = |s: &NamedOrBlankNode, p: &str| {
        triples
            .iter()
            .find(|t| &t.subject == s && t.predicate.as_str() == format!("{SH}{p}"))
            .map(|t| t.object.clone())
    };
    let conforms = triples
        .iter()
        .find(|t| t.predicate.as_str() == format!("{SH}conforms"))
        .map(|t| matches!(&t.object, Term::Literal(l) if l.value() == "true"))
        .expect("sh:conforms");
    let results = triples
        .iter()
        .filter(|t| t.predicate.as_str() == format!("{SH}result"))
        .filter_map(|t| match &t.object {
            Term::BlankNode(b) => Some(NamedOrBlankNode::from(b.clone())),
            _ => None,
        })
        .map(|r| {
            let iri = |t: Option<Term>| match t {
                Some(Term::NamedNode(n)) => n.into_string(),
                other => panic!("expected an IRI, got {other:?}"),
            };
            (
                iri(value(&r, "focusNode")),
                iri(value(&r, "sourceConstraintComponent")),
            )
        })
        .collect();
    (conforms, results)
}

#[test]
fn each_violation_is_reported_with_its_focus_node_and_constraint_component() {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (model, _, violations) in CASES {
        let file = examples()
            .join("data")
            .join(violations[violations.len() - 1]);
        for closed in [false, true] {
            let report = dir.path().join(format!("{model}-{closed}.ttl"));
            let mut args = check_args(model, violations);
            args.extend(["--report".to_owned(), path(&report).to_owned()]);
            if closed {
                args.push("--closed".to_owned());
            }
            let out = run(&args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{model} (closed: {closed}):\n{stderr}"
            );
            let (conforms, found) =
                reported(&std::fs::read_to_string(&report).expect("report written"));
            assert!(!conforms);
            let wanted = expected(&file, closed);
            assert!(wanted.len() >= 6, "{model}: {} expectations", wanted.len());
            assert_eq!(found, wanted, "{model} (closed: {closed}):\n{stderr}");
            assert!(
                stderr.contains(&format!("the data does not conform to {model}")),
                "{stderr}"
            );
            assert!(stderr.contains(" violations)\n"), "{stderr}");

            // The same results as JSON.
            args.extend(["--format".to_owned(), "json".to_owned()]);
            let out = run(&args);
            assert_eq!(out.status.code(), Some(1));
            let json: serde_json::Value =
                serde_json::from_slice(&out.stdout).expect("a JSON report");
            assert_eq!(json["conforms"], false);
            let from_json: BTreeSet<(String, String)> = json["results"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| {
                    let focus = r["focus_node"].as_str().unwrap_or_default();
                    (
                        focus
                            .trim_start_matches('<')
                            .trim_end_matches('>')
                            .to_owned(),
                        r["constraint_component"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned(),
                    )
                })
                .collect();
            assert_eq!(from_json, wanted, "{model} (closed: {closed}), JSON");
        }
    }
}

#[test]
fn the_summary_names_focus_path_value_and_message_compactly() {
    let out = run(&check_args("onepiece", &["onepiece-violations.ttl"]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("6 results (6 violations)\n"), "{stderr}");
    assert!(
        stderr.contains("violation: ex:haki, onepiece:fruitType, value onepiece:Haki: ")
            && stderr.contains("(sh:InConstraintComponent)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("violation: ex:nameless, onepiece:rname: Fewer than 1 values"),
        "{stderr}"
    );
    assert!(stderr.contains("violation: ex:straw-hat: "), "{stderr}");
}

#[test]
fn an_invalid_model_is_reported_and_exits_1() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let model = dir.path().join("broken.ttl");
    std::fs::write(
        &model,
        "@prefix upper: <https://w3id.org/uda/upper#> .\n<https://example.org/b> a upper:DomainModel ; upper:domain \"b\" .\n<https://example.org/b#size> a upper:Attribute ; upper:minCount 1 .\n",
    )
    .expect("write");
    let data = examples().join("data/onepiece.ttl");
    let out = uda(&["check-data", "--model", path(&model), path(&data)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("datatype") && stderr.contains("is invalid"),
        "{stderr}"
    );
}

#[test]
fn unreadable_data_is_an_error_with_its_location() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let data = dir.path().join("bad.ttl");
    std::fs::write(
        &data,
        "@prefix ex: <https://example.org/> .\nex:a ex:b \"unterminated .\n",
    )
    .expect("write");
    let model = examples().join("onepiece.ttl");
    let out = uda(&["check-data", "--model", path(&model), path(&data)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bad.ttl:2"), "{stderr}");
    // A missing file is a usage error.
    let out = uda(&[
        "check-data",
        "--model",
        path(&model),
        path(&dir.path().join("missing.ttl")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = uda(&["check-data", path(&data)]);
    assert_eq!(out.status.code(), Some(2), "--model is required");
}
