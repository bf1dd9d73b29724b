//! Real DDL nobody here wrote: TPC-H's schema as its dbgen ships it
//! (`tests/fixtures/external/tpch/`, see the README there). It imports
//! completely, as PostgreSQL, SQLite and DuckDB DDL; run in a real
//! PostgreSQL, the live import has every table, column, key and foreign key,
//! and equals the DDL's import but for what PostgreSQL normalizes; and
//! pg_dump's DDL of that database (another real input) imports to the same.

mod common;

use common::engines::Postgres;
use common::import::{assert_same, turtle};
use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedNodeRef, TermRef, TripleRef};
use uda_project_sql::{import_ddl, import_postgres, Dialect, ImportOptions};
use uda_projection::Imported;

const SQL: &str = "https://w3id.org/uda/sql#";
const MAP: &str = "https://w3id.org/uda/mapping#";
const BASE: &str = "https://example.org/tpch/sql";

fn fixtures() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/external/tpch");
    ["dss.ddl", "dss.ri"]
        .iter()
        .map(|f| {
            let path = dir.join(f);
            let text = std::fs::read_to_string(&path).expect("the fixture is vendored");
            (path.display().to_string(), text)
        })
        .collect()
}

fn options() -> ImportOptions<'static> {
    ImportOptions {
        base: BASE,
        schema_name: "tpch",
        requires: &[],
    }
}

fn term(name: &str) -> NamedNodeRef<'_> {
    NamedNodeRef::new_unchecked(name)
}

/// The elements of a class, by name.
fn named(graph: &Graph, class: &str) -> Vec<(String, String)> {
    let class = format!("{SQL}{class}");
    let mut out: Vec<(String, String)> = graph
        .subjects_for_predicate_object(rdf::TYPE, term(&class))
        .filter_map(|s| {
            let name = graph.object_for_subject_predicate(s, term(&format!("{MAP}name")))?;
            let TermRef::Literal(name) = name else {
                return None;
            };
            Some((name.value().to_owned(), s.to_string()))
        })
        .collect();
    out.sort();
    out
}

/// The name of the element an IRI names, or of the one a predicate links it to.
fn name_of(graph: &Graph, iri: &str) -> String {
    let iri = iri.trim_start_matches('<').trim_end_matches('>');
    match graph.object_for_subject_predicate(term(iri), term(&format!("{MAP}name"))) {
        Some(TermRef::Literal(l)) => l.value().to_owned(),
        _ => panic!("{iri} has no name"),
    }
}

/// A key's columns in order, each with the column it references (if any).
fn key(graph: &Graph, table: &str, constraint: &str) -> Vec<(String, Option<String>)> {
    let owner = format!("{BASE}/{table}/{constraint}");
    let mut parts: Vec<(i64, String, Option<String>)> = graph
        .subjects_for_predicate_object(term(&format!("{MAP}partOf")), term(&owner))
        .map(|part| {
            let get =
                |p: &str| graph.object_for_subject_predicate(part, term(&format!("{SQL}{p}")));
            let position = match get("position") {
                Some(TermRef::Literal(l)) => l.value().parse().expect("a number"),
                _ => panic!("{part} has no position"),
            };
            let column = |t: Option<TermRef<'_>>| t.map(|t| name_of(graph, &t.to_string()));
            let references = get("references").map(|t| {
                let iri = t.to_string();
                let inner = iri.trim_start_matches('<').trim_end_matches('>');
                let table = inner.rsplit('/').nth(1).unwrap_or_default().to_owned();
                format!("{table}.{}", name_of(graph, &iri))
            });
            (
                position,
                column(get("column")).expect("a column"),
                references,
            )
        })
        .collect();
    parts.sort();
    parts.into_iter().map(|(_, c, r)| (c, r)).collect()
}

fn pair(c: &str, r: Option<&str>) -> (String, Option<String>) {
    (c.to_owned(), r.map(str::to_owned))
}

/// What the TPC-H specification defines, as read from either source.
fn assert_tpch(imported: &Imported, what: &str) {
    let graph = imported.container.to_graph();
    let tables: Vec<String> = named(&graph, "Table").into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        tables,
        ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"],
        "{what}"
    );
    assert_eq!(named(&graph, "Column").len(), 61, "{what}: columns");
    assert_eq!(named(&graph, "PrimaryKey").len(), 8, "{what}: primary keys");
    let fks: Vec<String> = named(&graph, "ForeignKey")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        fks,
        [
            "customer_fk1",
            "lineitem_fk1",
            "lineitem_fk2",
            "nation_fk1",
            "orders_fk1",
            "partsupp_fk1",
            "partsupp_fk2",
            "supplier_fk1"
        ],
        "{what}"
    );
    assert_eq!(
        key(&graph, "partsupp", "partsupp_pkey"),
        [pair("ps_partkey", None), pair("ps_suppkey", None)],
        "{what}"
    );
    assert_eq!(
        key(&graph, "lineitem", "lineitem_pkey"),
        [pair("l_orderkey", None), pair("l_linenumber", None)],
        "{what}"
    );
    assert_eq!(
        key(&graph, "lineitem", "lineitem_fk2"),
        [
            pair("l_partkey", Some("partsupp.ps_partkey")),
            pair("l_suppkey", Some("partsupp.ps_suppkey"))
        ],
        "{what}: the composite foreign key, in key order"
    );
    assert_eq!(
        key(&graph, "nation", "nation_fk1"),
        [pair("n_regionkey", Some("region.r_regionkey"))],
        "{what}"
    );
}

#[test]
fn tpch_ddl_imports_completely() {
    let imported =
        import_ddl(&fixtures(), Dialect::Postgres, &options()).unwrap_or_else(|e| panic!("{e}"));
    assert_tpch(&imported, "DDL");
    // Only the transaction statements are not part of the schema.
    let messages: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(messages.len(), 12, "one per COMMIT WORK: {messages:#?}");
    assert!(
        messages
            .iter()
            .all(|m| m.contains("dss.ri:") && m.ends_with("COMMIT")),
        "{messages:#?}"
    );
    assert!(
        messages[0].contains("dss.ri:27:1: warning:"),
        "{}",
        messages[0]
    );
}

#[test]
fn tpch_imports_as_sqlite_and_duckdb_ddl() {
    for dialect in [Dialect::Sqlite, Dialect::DuckDb] {
        let imported = import_ddl(&fixtures(), dialect, &options())
            .unwrap_or_else(|e| panic!("{dialect}: {e}"));
        let graph = imported.container.to_graph();
        // These dialects keep the case of unquoted names as written.
        assert_eq!(named(&graph, "Table").len(), 8, "{dialect}");
        assert_eq!(named(&graph, "Column").len(), 61, "{dialect}");
        assert_eq!(named(&graph, "PrimaryKey").len(), 8, "{dialect}");
        assert_eq!(named(&graph, "ForeignKey").len(), 8, "{dialect}");
    }
}

#[test]
fn tpch_run_in_postgres_reads_back_live() {
    let pg = Postgres::new();
    let (db, mut client) = pg.temp_db();
    client
        .batch_execute("CREATE SCHEMA tpch; SET search_path TO tpch")
        .expect("a schema");
    for (name, text) in fixtures() {
        client
            .batch_execute(&text)
            .unwrap_or_else(|e| panic!("PostgreSQL rejects {name}: {e}"));
    }
    let live = import_postgres(&mut client, "tpch", &options()).expect("imports");
    assert!(live.warnings.is_empty(), "{:?}", live.warnings);
    assert_tpch(&live, "live");
    let ddl = import_ddl(&fixtures(), Dialect::Postgres, &options()).expect("imports");
    // PostgreSQL reports DECIMAL as NUMERIC, its own name; and keeps no
    // trace of the foreign keys having been added by ALTER TABLE.
    let edit = |t: TripleRef<'_>| {
        (t.predicate.as_str() != format!("{SQL}addedLater"))
            .then(|| t.to_string().replace("\"DECIMAL(", "\"NUMERIC("))
    };
    assert_same(
        "TPC-H",
        &turtle(&ddl.container, &edit),
        &turtle(&live.container, &edit),
    );

    // pg_dump writes the schema back as DDL, in PostgreSQL's own spelling.
    let dump = std::process::Command::new("pg_dump")
        .args([
            "--schema-only",
            "--schema=tpch",
            "-d",
            &pg.conninfo(db.name()),
        ])
        .output()
        .expect("pg_dump runs (the postgresql client package)");
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let dumped = String::from_utf8(dump.stdout).expect("UTF-8");
    let from_dump = import_ddl(
        &[("tpch.dump.sql".to_owned(), dumped)],
        Dialect::Postgres,
        &options(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // Its types are PostgreSQL's long names, which the live import spells
    // as DDL usually does; what it cannot represent is session settings,
    // ownership and psql commands.
    let spelled = |t: TripleRef<'_>| {
        edit(t).map(|t| {
            t.replace("\"CHARACTER VARYING(", "\"VARCHAR(")
                .replace("\"CHARACTER(", "\"CHAR(")
        })
    };
    assert_same(
        "pg_dump",
        &turtle(&live.container, &spelled),
        &turtle(&from_dump.container, &spelled),
    );
    for w in &from_dump.warnings {
        let m = &w.message;
        assert!(
            m.contains("psql command")
                || m.contains(": SET ")
                || m.contains("set_config")
                || m.contains("OWNER TO"),
            "{w}"
        );
    }
}
