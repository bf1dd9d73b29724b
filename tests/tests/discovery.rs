//! `uda search` and `uda trace` end to end, the `uda` binary run as a user
//! runs it: on a data directory holding the studio model (every target) and
//! a cataloged legacy SQL schema, then through `uda serve` with the same
//! answers; and the README's SPARQL queries giving what trace gives.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use uda_testsuite::*;

const TITLE: &str = "https://example.org/studio#title";
const LEGACY: &str = "crates/mapping/tests/fixtures/legacy.sql";

fn json(o: &std::process::Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(o), stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn registered(data: &Path) {
    let o = uda_on(data, &["register", "ontologies/examples/studio.ttl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let args = [
        "register",
        "--container",
        LEGACY,
        "--system",
        "sql-postgres",
        "--name",
        "legacy",
    ];
    let o = uda_on(data, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// The commands compared between a data directory and a server.
fn commands(element: &str) -> Vec<Vec<String>> {
    [
        vec!["search", "--format", "json", "release", "date"],
        vec!["search", "--format", "json", "relase"],
        vec!["search", "--format", "json", "--kind", "column", "talent"],
        vec!["trace", "--format", "json", TITLE],
        vec!["trace", "--format", "json", "synopsis"],
        vec!["trace", "--format", "json", "--inverse", element],
        vec!["trace", "--format", "json", "--coverage", "studio"],
        vec!["trace", "--format", "json", "--coverage", "legacy"],
    ]
    .into_iter()
    .map(|c| c.into_iter().map(str::to_owned).collect())
    .collect()
}

fn run(place: &[&str], command: &[String]) -> std::process::Output {
    let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
    args.extend(place);
    uda(&args)
}

#[test]
fn search_trace_and_coverage_from_a_data_directory_and_a_server() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    registered(&data);
    let data_arg = data.to_str().expect("UTF-8");
    let local = ["--data", data_arg];

    let hits = json(&uda_on(
        &data,
        &["search", "--format", "json", "release", "date"],
    ));
    let top = &hits[0];
    assert_eq!(
        top["iri"], "https://example.org/studio#releaseDate",
        "{hits}"
    );
    assert_eq!(top["matched"], "exact");
    assert_eq!(top["domain"], "studio");
    assert!(top["realizedIn"].as_u64().is_some_and(|n| n >= 5), "{top}");
    let typo = json(&uda_on(&data, &["search", "--format", "json", "relase"]));
    assert_eq!(typo[0]["matched"], "fuzzy", "{typo}");
    let columns = json(&uda_on(
        &data,
        &["search", "--format", "json", "--kind", "column", "talent"],
    ));
    let paths: BTreeSet<&str> = columns
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        BTreeSet::from(["film_credits.talent_no", "talent.talent_no"]),
        "{columns}"
    );
    assert!(columns
        .as_array()
        .into_iter()
        .flatten()
        .all(|h| h["system"] == "sql-postgres"));

    let table = uda_on(&data, &["search", "release", "date"]);
    assert!(stdout(&table).starts_with("KIND"), "{}", stdout(&table));
    assert!(stdout(&table).contains("exact"), "{}", stdout(&table));

    // Trace: every projection of the studio realizes studio:title.
    let rows = json(&uda_on(&data, &["trace", "--format", "json", TITLE]));
    let systems: BTreeSet<&str> = rows
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["system"].as_str())
        .collect();
    for system in ["avro", "graphql", "sql-postgres", "sql-sqlite", "shacl"] {
        assert!(systems.contains(system), "{system}: {rows}");
    }
    let avro = rows
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["system"] == "avro")
        .expect("an avro field");
    let element = format!("avro:{}", avro["path"].as_str().expect("path"));
    let concepts = json(&uda_on(
        &data,
        &["trace", "--format", "json", "--inverse", &element],
    ));
    assert!(
        concepts
            .as_array()
            .into_iter()
            .flatten()
            .any(|r| r["concept"] == TITLE),
        "{element}: {concepts}"
    );

    let coverage = json(&uda_on(
        &data,
        &["trace", "--format", "json", "--coverage", "legacy"],
    ));
    assert_eq!(coverage["kind"], "container");
    let unmapped: BTreeSet<&str> = coverage["unmapped"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["name"].as_str())
        .collect();
    assert!(
        unmapped.contains("talent.full_name") && unmapped.contains("studios"),
        "{coverage}"
    );

    // Refusals: exit 1, with a message.
    let none = uda_on(&data, &["trace", "no such concept"]);
    assert_eq!(none.status.code(), Some(1), "{}", stderr(&none));
    assert!(
        stderr(&none).contains("no domain term is named"),
        "{}",
        stderr(&none)
    );
    let long = "x".repeat(200);
    let bad = uda_on(&data, &["search", &long]);
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));

    // The same answers from a server.
    let commands = commands(&element);
    let answers: Vec<String> = commands.iter().map(|c| stdout(&run(&local, c))).collect();
    let served = Served::start(&data, &[]);
    for (command, answer) in commands.iter().zip(&answers) {
        let o = run(&["--server", &served.url], command);
        assert_eq!(o.status.code(), Some(0), "{command:?}: {}", stderr(&o));
        assert_eq!(&stdout(&o), answer, "{command:?}");
    }
    let (code, _) = served.terminate();
    assert_eq!(code, Some(0));
}

/// The SPARQL query the README gives under `<!-- sparql: NAME -->`.
fn readme_query(name: &str) -> String {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let marker = format!("<!-- sparql: {name} -->");
    let after = readme
        .split_once(&marker)
        .unwrap_or_else(|| panic!("no {marker} in README.md"))
        .1;
    let block = after
        .split_once("```sparql\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .unwrap_or_else(|| panic!("no sparql block after {marker}"))
        .0;
    block.to_owned()
}

/// The values of `variable` in a query's answer.
fn sparql(data: &Path, query: &str, variable: &str) -> BTreeSet<String> {
    let answer = json(&uda_on(data, &["query", "--format", "json", query]));
    answer["results"]["bindings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b[variable]["value"].as_str().map(str::to_owned))
        .collect()
}

fn values(answer: &Value, pointer: &str, field: &str) -> BTreeSet<String> {
    answer
        .pointer(pointer)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v[field].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn the_readme_sparql_queries_give_what_trace_gives() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    registered(&data);

    let traced = json(&uda_on(&data, &["trace", "--format", "json", TITLE]));
    let elements = values(&traced, "", "element");
    assert!(elements.len() >= 5, "{traced}");
    assert_eq!(
        sparql(&data, &readme_query("realizations"), "element"),
        elements
    );

    let element = readme_query("concepts")
        .lines()
        .find_map(|l| l.trim().strip_prefix("VALUES ?element { <"))
        .and_then(|l| l.strip_suffix("> }"))
        .expect("the README's element")
        .to_owned();
    let inverse = json(&uda_on(
        &data,
        &["trace", "--format", "json", "--inverse", &element],
    ));
    let concepts = values(&inverse, "", "concept");
    assert!(concepts.contains(TITLE), "{inverse}");
    assert_eq!(
        sparql(&data, &readme_query("concepts"), "concept"),
        concepts
    );

    let model = json(&uda_on(
        &data,
        &["trace", "--format", "json", "--coverage", "studio"],
    ));
    let uncataloged = values(&model, "/uncataloged", "iri");
    assert!(uncataloged.contains(TITLE), "{model}");
    assert_eq!(
        sparql(&data, &readme_query("uncataloged"), "concept"),
        uncataloged
    );

    let legacy = json(&uda_on(
        &data,
        &["trace", "--format", "json", "--coverage", "legacy"],
    ));
    let unmapped = values(&legacy, "/unmapped", "iri");
    assert!(unmapped.len() >= 10, "{legacy}");
    assert_eq!(
        sparql(&data, &readme_query("unmapped"), "element"),
        unmapped
    );
}
