//! What the projection never writes but existing schemas have — unnamed
//! constraints, UNIQUE, defaults, indexes, views, comments, constraints
//! declared on columns — read from DDL and, once the DDL has run, from the
//! live PostgreSQL and SQLite databases, which must agree: in particular the
//! names given to unnamed constraints are the names PostgreSQL gives them.

mod common;

use common::engines::Postgres;
use common::import::{assert_same, turtle};
use oxrdf::TripleRef;
use uda_project_sql::{import_ddl, import_postgres, import_sqlite, Dialect, ImportOptions};
use uda_projection::Imported;

const SQL: &str = "https://w3id.org/uda/sql#";
const BASE: &str = "https://example.org/bank";

fn options() -> ImportOptions<'static> {
    ImportOptions {
        base: BASE,
        schema_name: "bank",
        requires: &[],
    }
}

/// `tests/fixtures/bank/`: the tables in both dialects, then what only one
/// of them runs (an enumeration type, an unnamed index, comments).
fn sources(dialect: Dialect) -> Vec<(String, String)> {
    common::import::bank(dialect)
}

/// The only warning: the vocabulary has no referential actions.
fn assert_cascade(imported: &Imported) {
    let messages: Vec<&str> = imported
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        messages,
        ["not represented: ON DELETE CASCADE of foreign key ledger.ledger_transfer"]
    );
}

/// The name of every element of a class.
fn names(imported: &Imported, class: &str) -> Vec<String> {
    let graph = imported.container.to_graph();
    let class = oxrdf::NamedNodeRef::new_unchecked(class);
    let name = oxrdf::NamedNodeRef::new_unchecked("https://w3id.org/uda/mapping#name");
    let mut out: Vec<String> = graph
        .subjects_for_predicate_object(oxrdf::vocab::rdf::TYPE, class)
        .filter_map(|s| match graph.object_for_subject_predicate(s, name) {
            Some(oxrdf::TermRef::Literal(l)) => Some(l.value().to_owned()),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

fn sql(term: &str) -> String {
    format!("{SQL}{term}")
}

#[test]
fn unnamed_constraints_get_postgresql_names() {
    let imported =
        import_ddl(&sources(Dialect::Postgres), Dialect::Postgres, &options()).expect("imports");
    assert_cascade(&imported);
    assert_eq!(
        names(&imported, &sql("Check")),
        [
            "account_balance_check",
            "account_status_check",
            "transfer_amount_check",
            "transfer_check"
        ]
    );
    assert_eq!(
        names(&imported, &sql("Unique")),
        ["account_email_key", "account_name_created_key"]
    );
    assert_eq!(
        names(&imported, &sql("ForeignKey")),
        [
            "feeling_account_id_fkey",
            "ledger_transfer",
            "transfer_account_id_fkey",
            "transfer_other_id_fkey"
        ]
    );
    assert_eq!(
        names(&imported, &sql("Index")),
        ["ledger_note", "transfer_other_id_idx"]
    );
    assert_eq!(names(&imported, &sql("View")), ["big_transfer"]);
    assert_eq!(
        names(&imported, &sql("ViewColumn")),
        ["account_id", "seq", "value"]
    );
    assert_eq!(
        names(&imported, &sql("AllowedValue")),
        ["active", "closed", "new"]
    );
    let text = common::import::canonical(&imported.container);
    for expected in [
        "sql:default \"'anonymous'\"",
        "sql:comment \"Who holds money\"",
        "sql:comment \"Where to write\"",
        "sql:comment \"The amount\"",
        "sql:enumType <https://example.org/bank/mood>",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
}

/// What the engine normalizes, taken out on both sides: PostgreSQL rewrites
/// defaults (`'new'::text`), checks and view queries, and reports the types
/// of view columns, which a DDL's CREATE VIEW does not declare; SQLite
/// reports view column types too.
fn normalized(imported: &Imported) -> Vec<String> {
    let edit = |t: TripleRef<'_>| {
        let p = t.predicate.as_str().strip_prefix(SQL).unwrap_or("");
        let dropped = [
            "default",
            "expression",
            "definition",
            "resultType",
            "addedLater",
        ];
        (!dropped.contains(&p)).then(|| t.to_string())
    };
    turtle(&imported.container, &edit)
}

#[test]
fn postgres_reads_back_what_the_ddl_says() {
    let (_db, mut client) = Postgres::new().temp_db();
    for (name, text) in sources(Dialect::Postgres) {
        client
            .batch_execute(&text)
            .unwrap_or_else(|e| panic!("PostgreSQL rejects {name}: {e}"));
    }
    let live = import_postgres(&mut client, "public", &options()).expect("imports");
    assert_cascade(&live);
    let ddl =
        import_ddl(&sources(Dialect::Postgres), Dialect::Postgres, &options()).expect("imports");
    assert_same("PostgreSQL", &normalized(&ddl), &normalized(&live));
    let text = common::import::canonical(&live.container);
    assert!(text.contains("sql:default \"'anonymous'::text\""), "{text}");
    assert!(text.contains("sql:resultType \"NUMERIC(12,2)\""), "{text}");
}

#[test]
fn sqlite_reads_back_what_the_ddl_says() {
    let dir = std::env::temp_dir().join(format!("uda-features-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bank.sqlite");
    let _ = std::fs::remove_file(&path);
    {
        let conn = rusqlite::Connection::open(&path).expect("a SQLite file");
        for (name, text) in sources(Dialect::Sqlite) {
            conn.execute_batch(&text)
                .unwrap_or_else(|e| panic!("SQLite rejects {name}: {e}"));
        }
    }
    let live = import_sqlite(&path, &options()).expect("imports");
    let ddl = import_ddl(&sources(Dialect::Sqlite), Dialect::Sqlite, &options()).expect("imports");
    assert_cascade(&live);
    // SQLite keeps defaults as written: only view column types differ.
    let edit =
        |t: TripleRef<'_>| (t.predicate.as_str() != sql("resultType")).then(|| t.to_string());
    assert_same(
        "SQLite",
        &turtle(&ddl.container, &edit),
        &turtle(&live.container, &edit),
    );
    let _ = std::fs::remove_dir_all(&dir);
}
