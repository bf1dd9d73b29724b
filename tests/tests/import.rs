//! `uda import` end to end: what `uda generate` wrote, read back through the
//! binary; GitHub's public schema; located errors, `--out`, standard input,
//! and the systems not (yet) imported.

use oxrdf::vocab::rdf;
use oxrdf::{Graph, LiteralRef, NamedNodeRef, TripleRef};
use std::path::Path;
use std::process::{Output, Stdio};
use uda_testsuite::*;

const MAP_NAME: &str = "https://w3id.org/uda/mapping#name";

/// `uda ARGS` run in `dir`.
fn uda_in(dir: &Path, args: &[&str]) -> Output {
    uda_command()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run uda")
}

/// `uda generate --target TARGET --out DIR/gen/TARGET` of the studio example.
fn generate(dir: &Path, target: &str) {
    let out = dir.join("gen").join(target);
    let o = uda(&[
        "generate",
        "--target",
        target,
        "--out",
        out.to_str().expect("UTF-8 path"),
        "ontologies/examples/studio.ttl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

fn parse(turtle: &str) -> Graph {
    oxttl::TurtleParser::new()
        .for_slice(turtle.as_bytes())
        .collect::<Result<Graph, _>>()
        .unwrap_or_else(|e| panic!("the Turtle does not parse: {e}\n{turtle}"))
}

/// Whether `graph` has the schema node `iri`, of `class`, named `name`.
fn has_schema(graph: &Graph, iri: &str, class: &str, name: &str) -> bool {
    let node = NamedNodeRef::new(iri).expect("IRI");
    graph.contains(TripleRef::new(
        node,
        rdf::TYPE,
        NamedNodeRef::new(class).expect("IRI"),
    )) && graph.contains(TripleRef::new(
        node,
        NamedNodeRef::new(MAP_NAME).expect("IRI"),
        LiteralRef::new_simple_literal(name),
    ))
}

/// Every `map:name` in `graph`.
fn names(graph: &Graph) -> Vec<String> {
    graph
        .triples_for_predicate(NamedNodeRef::new(MAP_NAME).expect("IRI"))
        .map(|t| match t.object {
            oxrdf::TermRef::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        })
        .collect()
}

/// Generates `target` in two directories, imports each from its own working
/// directory (and the first twice): the same bytes every time.
fn round_trip(target: &str, class: &str, types: &[&str]) {
    let (a, b) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    generate(a.path(), target);
    generate(b.path(), target);
    let source = format!("gen/{target}");
    let args = ["import", "--system", target, source.as_str()];
    let first = uda_in(a.path(), &args);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let turtle = stdout(&first);
    let graph = parse(&turtle);
    let schema = format!("https://w3id.org/uda/container/{target}/gen%2F{target}/{target}/schema");
    assert!(
        has_schema(&graph, &schema, class, target),
        "no schema node <{schema}> named {target}:\n{turtle}"
    );
    let names = names(&graph);
    for name in types {
        assert!(names.iter().any(|n| n == name), "{name} missing: {names:?}");
    }
    assert_eq!(
        stdout(&uda_in(a.path(), &args)),
        turtle,
        "a second run differs"
    );
    assert_eq!(
        stdout(&uda_in(b.path(), &args)),
        turtle,
        "another working directory gives other Turtle"
    );
}

#[test]
fn generated_graphql_imports_back_the_same_wherever_it_lies() {
    round_trip(
        "graphql",
        "https://w3id.org/uda/graphql#Schema",
        &["Film", "Person", "Studio", "Query"],
    );
}

#[test]
fn generated_avro_imports_back_the_same_wherever_it_lies() {
    round_trip(
        "avro",
        "https://w3id.org/uda/avro#Schema",
        &["Film", "Person", "Studio"],
    );
}

#[test]
fn githubs_public_schema_imports() {
    const SCHEMA: &str =
        "crates/project-graphql/tests/tools/node_modules/@octokit/graphql-schema/schema.graphql";
    assert!(
        repo().join(SCHEMA).is_file(),
        "{SCHEMA} is missing: run scripts/setup"
    );
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("github.ttl");
    let o = uda(&[
        "import",
        "--system",
        "graphql",
        "--name",
        "github",
        "--format",
        "json",
        "--out",
        out.to_str().expect("UTF-8 path"),
        SCHEMA,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(report["errors"], serde_json::json!([]), "{report}");
    assert_eq!(report["sources"], serde_json::json!(["schema.graphql"]));
    let schema = format!(
        "https://w3id.org/uda/container/graphql/{}/github/schema",
        SCHEMA.replace('/', "%2F").replace('@', "%40")
    );
    assert_eq!(report["schema"], schema.as_str());
    let graph = parse(&std::fs::read_to_string(&out).expect("read"));
    assert_eq!(report["triples"].as_u64(), Some(graph.len() as u64));
    assert!(has_schema(
        &graph,
        &schema,
        "https://w3id.org/uda/graphql#Schema",
        "github"
    ));
    let names = names(&graph);
    for name in ["Repository", "PullRequest", "Query", "Mutation", "DateTime"] {
        assert!(names.iter().any(|n| n == name), "{name} missing");
    }
}

#[test]
fn malformed_sdl_is_a_located_error_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(dir.path().join("sdl")).expect("mkdir");
    write(
        &dir.path().join("sdl"),
        "bad.graphql",
        "type Query {\n  a: Int\n  b:\n}\n",
    );
    let o = uda_in(
        dir.path(),
        &["import", "--system", "graphql", "sdl", "--out", "out.ttl"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Shown by the path given, though the label is relative to `sdl`.
    assert!(
        stderr(&o).contains("sdl/bad.graphql:4:1: error: "),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
    assert!(!dir.path().join("out.ttl").exists(), "written on error");
}

#[test]
fn malformed_avro_is_a_located_error() {
    let dir = tempfile::tempdir().expect("tmp");
    write(
        dir.path(),
        "bad.avsc",
        "{\"type\": \"record\", \"name\": \"A\",\n \"fields\": [{\"name\": \"x\", \"type\": int}]}\n",
    );
    let o = uda_in(dir.path(), &["import", "--system", "avro", "bad.avsc"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("bad.avsc:2:35: error: "),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
    // The same, as JSON.
    let o = uda_in(
        dir.path(),
        &["import", "--system", "avro", "--format", "json", "bad.avsc"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(report["errors"][0]["location"], "bad.avsc:2:35", "{report}");
    assert_eq!(report["schema"], serde_json::Value::Null);
}

#[test]
fn out_writes_only_that_file() {
    let source = tempfile::tempdir().expect("tmp");
    generate(source.path(), "avro");
    let gen = source.path().join("gen/avro");
    let dir = tempfile::tempdir().expect("tmp");
    let o = uda_in(
        dir.path(),
        &[
            "import",
            "--system",
            "avro",
            gen.to_str().expect("UTF-8 path"),
            "--name",
            "studio",
            "--out",
            "studio.ttl",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(written, ["studio.ttl"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(report["out"], "studio.ttl");
    let turtle = std::fs::read_to_string(dir.path().join("studio.ttl")).expect("read");
    let graph = parse(&turtle);
    assert_eq!(report["triples"].as_u64(), Some(graph.len() as u64));
    let schema = report["schema"].as_str().expect("schema IRI");
    assert!(has_schema(
        &graph,
        schema,
        "https://w3id.org/uda/avro#Schema",
        "studio"
    ));
}

#[test]
fn dash_reads_standard_input() {
    let dir = tempfile::tempdir().expect("tmp");
    generate(dir.path(), "graphql");
    let sdl = std::fs::read(dir.path().join("gen/graphql/studio.graphql")).expect("read");
    let mut child = uda_command()
        .args(["import", "--system", "graphql", "-", "--name", "studio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run uda");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), &sdl).expect("write");
    let o = child.wait_with_output().expect("uda");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let graph = parse(&stdout(&o));
    assert!(has_schema(
        &graph,
        "https://w3id.org/uda/container/graphql/-/studio/schema",
        "https://w3id.org/uda/graphql#Schema",
        "studio"
    ));
}

#[test]
fn unknown_and_unsupported_systems_are_usage_errors() {
    let o = uda(&["import", "--system", "protobuf", "x.proto"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // A live database of another engine than the system's, or given with files.
    for args in [
        ["sql-postgres", "sqlite:shop.db", ""],
        ["sql-duckdb", "sqlite:shop.db", ""],
        ["sql-sqlite", "postgresql://localhost/shop", ""],
        ["sql-sqlite", "sqlite:shop.db", "schema.sql"],
    ] {
        let mut argv = vec!["import", "--system", args[0], args[1]];
        argv.extend(args[2..].iter().filter(|a| !a.is_empty()));
        let o = uda(&argv);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    let o = uda(&["import", "--system", "avro", "--name", "", "x.avsc"]);
    assert_eq!(o.status.code(), Some(2), "an empty name: {}", stderr(&o));
    // A directory without a file of the system is a usage error too.
    let dir = tempfile::tempdir().expect("tmp");
    let o = uda(&[
        "import",
        "--system",
        "avro",
        dir.path().to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn warnings_go_to_stderr_located_unless_quiet() {
    let dir = tempfile::tempdir().expect("tmp");
    write(
        dir.path(),
        "w.graphql",
        "type Query {\n  a: Int @cached(ttl: 5)\n}\n",
    );
    let o = uda_in(dir.path(), &["import", "--system", "graphql", "w.graphql"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("w.graphql:2:10: warning: the directive @cached"),
        "{}",
        stderr(&o)
    );
    parse(&stdout(&o));
    let quiet = uda_in(
        dir.path(),
        &["import", "--quiet", "--system", "graphql", "w.graphql"],
    );
    assert_eq!(quiet.status.code(), Some(0), "{}", stderr(&quiet));
    assert_eq!(stderr(&quiet), "");
    assert_eq!(quiet.stdout, o.stdout);
}

/// TPC-H's DDL as dbgen ships it (vendored by the SQL crate's tests), read as
/// DDL and, executed in SQLite, read back from the live database: both give
/// the eight tables with their keys.
#[test]
fn sql_ddl_and_a_live_sqlite_database_import() {
    let tpch = uda_testkit::repo_dir().join("crates/project-sql/tests/fixtures/external/tpch");
    let ddl = tpch.join("dss.ddl");
    let o = uda(&[
        "import",
        "--system",
        "sql-postgres",
        ddl.to_str().expect("UTF-8 path"),
        tpch.join("dss.ri").to_str().expect("UTF-8 path"),
        "--name",
        "tpch",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ttl = stdout(&o);
    parse(&ttl);
    for table in [
        "lineitem", "partsupp", "orders", "customer", "nation", "region",
    ] {
        assert!(ttl.contains(&format!("/{table}>")), "{table} missing");
    }
    assert!(ttl.contains("sql:ForeignKey"), "no foreign key read");

    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("tpch.db");
    let connection = rusqlite::Connection::open(&db).expect("sqlite");
    let text = std::fs::read_to_string(&ddl).expect("dss.ddl");
    connection
        .execute_batch(&text)
        .expect("TPC-H DDL runs in SQLite");
    drop(connection);
    let source = format!("sqlite:{}", db.display());
    let o = uda(&[
        "import",
        "--system",
        "sql-sqlite",
        &source,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON report");
    assert!(report["triples"].as_u64().unwrap_or(0) > 100, "{report}");
    assert_eq!(report["errors"], serde_json::json!([]));
    let o = uda(&["import", "--system", "sql-sqlite", &source]);
    assert!(stdout(&o).contains("/lineitem>"), "{}", stderr(&o));
}

/// `--as-model` drafts a domain model that `uda validate` accepts, from
/// schemas nobody here wrote: TPC-H's DDL and GitHub's public GraphQL schema.
#[test]
fn drafts_from_real_schemas_validate() {
    let dir = tempfile::tempdir().expect("tmp");
    let tpch = uda_testkit::repo_dir().join("crates/project-sql/tests/fixtures/external/tpch");
    let github = uda_testkit::repo_dir().join(
        "crates/project-graphql/tests/tools/node_modules/@octokit/graphql-schema/schema.graphql",
    );
    // dss.ri holds TPC-H's keys and foreign keys.
    let cases = [
        (
            "sql-postgres",
            vec![tpch.join("dss.ddl"), tpch.join("dss.ri")],
            "tpch.ttl",
        ),
        ("graphql", vec![github], "github.ttl"),
    ];
    for (system, sources, out) in cases {
        let out = dir.path().join(out);
        let mut args = vec!["import", "--system", system, "--as-model"];
        args.extend(sources.iter().map(|s| s.to_str().expect("UTF-8 path")));
        args.extend(["--out", out.to_str().expect("UTF-8 path")]);
        let o = uda(&args);
        assert_eq!(o.status.code(), Some(0), "{system}: {}", stderr(&o));
        let draft = std::fs::read_to_string(&out).expect("the draft");
        assert!(draft.contains("DirectClass"), "{system}: no keyed class");
        let o = uda(&["validate", out.to_str().expect("UTF-8 path")]);
        assert_eq!(o.status.code(), Some(0), "{system}: {}", stderr(&o));
    }
    // The draft's names are the user's to set.
    let o = uda(&[
        "import",
        "--system",
        "sql-postgres",
        tpch.join("dss.ddl").to_str().expect("UTF-8 path"),
        "--as-model",
        "--domain",
        "tpch",
        "--namespace",
        "https://example.com/tpch#",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("<https://example.com/tpch>"),
        "{}",
        stdout(&o)
    );
    // --domain alone makes no sense.
    let o = uda(&["import", "--system", "avro", "x.avsc", "--domain", "d"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
