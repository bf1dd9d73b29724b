//! Every keyword PostgreSQL and DuckDB know (reserved or not), used as a
//! table name and as a column name, gives DDL that parses back and that all
//! three databases accept: the names that need quoting are quoted.

mod common;

use common::engines::{agrees, duckdb_exec, DuckDb, Engine, Postgres, Sqlite};
use common::rows::steps;
use common::{parse, Db};
use std::collections::BTreeSet;
use uda_project_sql::{project, Dialect, SqlOptions};
use uda_upper::{Loader, RdfFormat};

fn keywords() -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    let mut pg = Postgres::new().connect("dbname=postgres");
    for row in pg
        .query("SELECT word FROM pg_get_keywords()", &[])
        .expect("pg_get_keywords")
    {
        words.insert(row.get::<_, String>(0));
    }
    let out = duckdb_exec(
        &["--query", "SELECT keyword_name FROM duckdb_keywords()"],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let row: Vec<String> = serde_json::from_str(line).expect("a JSON row");
        words.insert(row[0].clone());
    }
    words.retain(|w| w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    assert!(words.len() > 400, "{} keywords", words.len());
    words
}

/// A class named after each keyword, and one class with a property named
/// after each keyword.
fn model(words: &BTreeSet<String>) -> String {
    let mut t = String::from(
        "@prefix upper: <https://w3id.org/uda/upper#> .\n\
         @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\
         @prefix p: <https://example.org/kw/property#> .\n\
         @prefix c: <https://example.org/kw/class#> .\n\
         <https://example.org/kw> a upper:DomainModel ; upper:domain \"kw\" .\n\
         p:id a upper:Attribute ; upper:datatype xsd:int ; upper:minCount 1 ; upper:maxCount 1 .\n",
    );
    let props: Vec<String> = words.iter().map(|w| format!("p:{w}")).collect();
    t.push_str(&format!(
        "c:All a upper:DirectClass ; upper:primaryKey ( p:id ) ; upper:property p:id , {} .\n",
        props.join(" , ")
    ));
    for w in words {
        t.push_str(&format!(
            "p:{w} a upper:Attribute ; upper:datatype xsd:boolean ; upper:minCount 0 ; upper:maxCount 1 .\n\
             c:{w} a upper:DirectClass ; upper:primaryKey ( p:id ) ; upper:property p:id .\n"
        ));
    }
    t
}

#[test]
fn every_keyword_can_name_a_table_and_a_column() {
    let words = keywords();
    let mut loader = Loader::new();
    loader.input_text("kw.ttl", model(&words), RdfFormat::Turtle);
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let view = loaded.models.view("https://example.org/kw").expect("view");
    let engines: [(Dialect, &mut dyn Engine); 3] = [
        (Dialect::Postgres, &mut Postgres::new()),
        (Dialect::Sqlite, &mut Sqlite),
        (Dialect::DuckDb, &mut DuckDb),
    ];
    for (dialect, engine) in engines {
        let text = project(&view, &SqlOptions::new(dialect))
            .expect("projects")
            .files[0]
            .text
            .clone();
        let db = Db::from_statements(&parse(&text, dialect));
        assert_eq!(db.tables.len(), words.len() + 1);
        let steps = steps(&[db], dialect);
        let outcomes = engine.run(&[text], &steps);
        for (step, outcome) in steps.iter().zip(&outcomes) {
            assert!(
                agrees(&step.expect, outcome),
                "{dialect}: {}\n{outcome:?}",
                step.sql
            );
        }
    }
}
