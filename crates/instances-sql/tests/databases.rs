//! Every example's data written into real SQLite and PostgreSQL databases
//! (the projection's DDL run first) and read back: the graph read is the
//! normal form of the data. A load that fails part-way leaves the database
//! as it was.

use oxrdf::Graph;
use uda_instances::sql::{from_rows, to_rows, SqlPlan};
use uda_instances::{isomorphic, normalize, Mapped};
use uda_instances_sql::{load_postgres, load_sqlite, read_postgres, read_sqlite};
use uda_project_sql::Dialect;
use uda_targets::Target;
use uda_upper::{Loaded, ModelView};

const BASE: &str = "https://example.org/id/";
const UPPER: &str = "https://w3id.org/uda/upper";

const EXAMPLES: [(&str, &[&str]); 3] = [
    ("studio", &["studio.ttl"]),
    ("onepiece", &["onepiece.ttl"]),
    ("marketing", &["studio.ttl", "marketing.ttl"]),
];

fn read_data(files: &[&str]) -> Graph {
    let mut graph = Graph::new();
    for f in files {
        let path = uda_testkit::examples_dir().join("data").join(f);
        let text = std::fs::read(&path).expect("data file");
        for t in oxttl::TurtleParser::new().for_slice(&text) {
            graph.insert(&t.expect("data parses"));
        }
    }
    graph
}

/// The plan of `domain` in `dialect`, and the DDL to run first (imports first).
fn plan<'a>(
    loaded: &'a Loaded,
    domain: &str,
    dialect: Dialect,
) -> (ModelView<'a>, SqlPlan, Vec<String>) {
    let view = loaded
        .models
        .view(&uda_testkit::example_iri(domain))
        .expect("model");
    let mut outputs = Vec::new();
    for m in view.models().iter().filter(|m| m.iri != UPPER) {
        let v = loaded.models.view(&m.iri).expect("import");
        outputs.push(Target::Sql(dialect).project(&v).expect("projects"));
    }
    let ddl = outputs
        .iter()
        .rev()
        .map(|o| o.files[0].text.clone())
        .collect();
    let plan = SqlPlan::new(&view, &Mapped::new(&outputs)).expect("plan");
    (view, plan, ddl)
}

fn sorted(g: &Graph) -> String {
    let mut lines: Vec<String> = g.iter().map(|t| t.to_string()).collect();
    lines.sort();
    lines.join("\n")
}

fn assert_round_trip(
    domain: &str,
    view: &ModelView<'_>,
    plan: &SqlPlan,
    data: &Graph,
    read: &uda_instances::sql::Tables,
) {
    let back = from_rows(view, plan, read, BASE).expect("graph");
    let expected = normalize(view, data, BASE).expect("normal form");
    assert!(
        isomorphic(&back, &expected),
        "{domain}: the round trip differs\nexpected:\n{}\ngot:\n{}",
        sorted(&expected),
        sorted(&back)
    );
}

#[test]
fn examples_round_trip_through_sqlite() {
    let loaded = uda_testkit::load_examples();
    for (domain, files) in EXAMPLES {
        let (view, plan, ddl) = plan(&loaded, domain, Dialect::Sqlite);
        let dir = tempfile::tempdir().expect("temp dir");
        let mut conn = rusqlite::Connection::open(dir.path().join("db.sqlite")).expect("sqlite");
        for script in &ddl {
            conn.execute_batch(script).expect("DDL runs");
        }
        let data = read_data(files);
        let rows = to_rows(&view, &plan, &data).expect("rows");
        load_sqlite(&mut conn, &plan, &[], &rows).expect("loads");
        let read = read_sqlite(&conn, &plan).expect("reads");
        assert_round_trip(domain, &view, &plan, &data, &read);

        // Loading again breaks a primary key part-way: nothing changes.
        let error = load_sqlite(&mut conn, &plan, &[], &rows).expect_err("duplicate keys");
        assert!(
            error.message.contains("UNIQUE constraint failed"),
            "{error}"
        );
        assert_eq!(
            read_sqlite(&conn, &plan).expect("reads"),
            read,
            "{domain}: a failed load changed the database"
        );
    }
}

/// A row that conflicts with the last table loaded: every table before it
/// is written, then rolled back.
#[test]
fn a_failure_in_the_last_table_leaves_sqlite_empty() {
    let loaded = uda_testkit::load_examples();
    let (view, plan, ddl) = plan(&loaded, "studio", Dialect::Sqlite);
    let data = read_data(&["studio.ttl"]);
    let mut rows = to_rows(&view, &plan, &data).expect("rows");
    let last = rows
        .iter()
        .rposition(|t| t.len() > 1)
        .expect("a table with two rows");
    let first = rows[last][0].clone();
    rows[last].push(first);
    let mut conn = rusqlite::Connection::open_in_memory().expect("sqlite");
    let error = load_sqlite(&mut conn, &plan, &ddl, &rows).expect_err("a duplicate row");
    assert_eq!(error.table, plan.tables[last].name);
    // The tables the load created are gone with its rows.
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .expect("counts");
    assert_eq!(tables, 0);
    for script in &ddl {
        conn.execute_batch(script).expect("DDL runs");
    }
    let read = read_sqlite(&conn, &plan).expect("reads");
    assert!(read.iter().all(Vec::is_empty), "rows were left: {read:?}");
}

// ---------------------------------------------------------------- PostgreSQL

struct TempDb {
    admin: postgres::Client,
    name: String,
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = self.admin.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
    }
}

/// A new database on the server `UDA_TEST_PG` names (by default the one
/// `scripts/pg.sh` starts), dropped with the guard.
fn temp_db(tag: &str) -> (TempDb, postgres::Client) {
    let conn = std::env::var("UDA_TEST_PG")
        .unwrap_or_else(|_| "host=127.0.0.1 port=55432 user=postgres".into());
    let connect = |db: &str| {
        postgres::Client::connect(&format!("{conn} dbname={db}"), postgres::NoTls).unwrap_or_else(
            |e| {
                panic!(
                    "PostgreSQL is not reachable with `{conn}`: {e}; start it with scripts/pg.sh"
                )
            },
        )
    };
    let name = format!("uda_instances_{tag}_{}", std::process::id());
    let mut admin = connect("postgres");
    for sql in [
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        format!("CREATE DATABASE {name}"),
    ] {
        admin.batch_execute(&sql).expect("creates a database");
    }
    let client = connect(&name);
    (TempDb { admin, name }, client)
}

/// The studio data with its `xsd:dateTime` values without a time zone: a
/// PostgreSQL TIMESTAMP keeps none (see `timezones_are_refused_by_postgres`).
fn without_timezones(data: &Graph) -> Graph {
    data.iter()
        .map(|t| match t.object {
            oxrdf::TermRef::Literal(l) if l.datatype().as_str().ends_with("#dateTime") => {
                oxrdf::Triple::new(
                    t.subject.into_owned(),
                    t.predicate.into_owned(),
                    oxrdf::Literal::new_typed_literal(
                        l.value().trim_end_matches('Z'),
                        l.datatype(),
                    ),
                )
            }
            _ => t.into_owned(),
        })
        .collect()
}

#[test]
fn examples_round_trip_through_postgres() {
    let loaded = uda_testkit::load_examples();
    for (domain, files) in EXAMPLES {
        let (view, plan, ddl) = plan(&loaded, domain, Dialect::Postgres);
        let (_db, mut client) = temp_db(domain);
        for script in &ddl {
            client.batch_execute(script).expect("DDL runs");
        }
        let data = without_timezones(&read_data(files));
        let rows = to_rows(&view, &plan, &data).expect("rows");
        load_postgres(&mut client, None, &plan, &[], &rows).expect("loads");
        let read = read_postgres(&mut client, None, &plan).expect("reads");
        assert_round_trip(domain, &view, &plan, &data, &read);

        let error =
            load_postgres(&mut client, None, &plan, &[], &rows).expect_err("duplicate keys");
        assert!(error.message.contains("duplicate key"), "{error}");
        assert_eq!(
            read_postgres(&mut client, None, &plan).expect("reads"),
            read,
            "{domain}: a failed load changed the database"
        );
    }
}

#[test]
fn timezones_are_refused_by_postgres() {
    let loaded = uda_testkit::load_examples();
    let (view, plan, ddl) = plan(&loaded, "studio", Dialect::Postgres);
    let (_db, mut client) = temp_db("tz");
    for script in &ddl {
        client.batch_execute(script).expect("DDL runs");
    }
    let rows = to_rows(&view, &plan, &read_data(&["studio.ttl"])).expect("rows");
    let error = load_postgres(&mut client, None, &plan, &[], &rows).expect_err("a time zone");
    assert!(error.to_string().contains("has a time zone"), "{error}");
    let read = read_postgres(&mut client, None, &plan).expect("reads");
    assert!(read.iter().all(Vec::is_empty));
}
