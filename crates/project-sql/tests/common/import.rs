//! Support for the import tests: importing a model's DDL under the base its
//! projection names elements with, and comparing container graphs.

use super::{chain, loaded, output};
use oxrdf::{NamedNodeRef, TermRef, TripleRef};
use std::collections::BTreeMap;
use uda_project_sql::{import_ddl, Dialect, ImportOptions, SqlOptions};
use uda_projection::{write_turtle, Imported, Output, Triples};

/// The base a projection of `model` to `dialect` names its elements under.
pub fn base(model: &str, dialect: Dialect) -> String {
    format!("{model}/{}", dialect.target())
}

/// Imports the DDL of `domain` and of the models it imports (each with the
/// ones before it as required schemas), as the projection would name them;
/// the projection's output and the import of `domain` itself.
pub fn round_trip(domain: &str, options: &SqlOptions) -> (Output, Imported) {
    let mut done: BTreeMap<String, Imported> = BTreeMap::new();
    let mut last = None;
    for (d, text) in chain(domain, options) {
        let out = output(&d, options);
        let model = loaded().models.get(&super::iri(&d)).expect("loaded");
        let requires: Vec<Imported> = required(&out)
            .iter()
            .map(|schema| {
                done.values()
                    .find(|i| i.schema.as_str() == schema)
                    .unwrap_or_else(|| panic!("{schema} is imported before {d}"))
                    .clone()
            })
            .collect();
        let imported = import_ddl(
            &[(format!("{d}.{}.sql", options.dialect), text)],
            options.dialect,
            &ImportOptions {
                base: &base(&model.iri, options.dialect),
                schema_name: &model.domain,
                requires: &requires,
            },
        )
        .unwrap_or_else(|e| panic!("{d} ({options:?}) does not import:\n{e}"));
        done.insert(d.clone(), imported.clone());
        last = Some((out, imported));
    }
    last.expect("the chain ends with the model")
}

/// The schemas a container `sql:requires`.
pub fn required(out: &Output) -> Vec<String> {
    let requires = NamedNodeRef::new_unchecked("https://w3id.org/uda/sql#requires");
    out.container
        .objects_for_subject_predicate(&out.schema, requires)
        .filter_map(|t| match t {
            TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect()
}

/// The graph as sorted Turtle, each triple on its own lines, after `edit`
/// (which drops a triple by returning `None`).
pub fn turtle(triples: &Triples, edit: &dyn Fn(TripleRef<'_>) -> Option<String>) -> Vec<String> {
    let mut lines: Vec<String> = triples.iter().filter_map(edit).collect();
    lines.sort();
    lines
}

/// Every triple, as N-Triples text.
pub fn same(t: TripleRef<'_>) -> Option<String> {
    Some(t.to_string())
}

/// Asserts two graphs equal, printing the triples each has alone.
pub fn assert_same(what: &str, expected: &[String], actual: &[String]) {
    let missing: Vec<&String> = expected
        .iter()
        .filter(|t| actual.binary_search(t).is_err())
        .collect();
    let extra: Vec<&String> = actual
        .iter()
        .filter(|t| expected.binary_search(t).is_err())
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: the graphs differ\nonly expected ({}):\n{}\nonly imported ({}):\n{}",
        missing.len(),
        missing
            .iter()
            .take(40)
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        extra.len(),
        extra
            .iter()
            .take(40)
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

/// The canonical Turtle of a graph, for failure messages and byte comparisons.
pub fn canonical(triples: &Triples) -> String {
    write_turtle(triples.iter(), &[("sql", uda_project_sql::SQL_NS)])
}

/// `tests/fixtures/bank/`: tables with what the projection never writes
/// (unnamed constraints, UNIQUE, defaults, indexes, a view), in both
/// dialects, then what only `dialect` runs.
pub fn bank(dialect: Dialect) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank");
    let extra = match dialect {
        Dialect::Postgres => "postgres.sql",
        _ => "sqlite.sql",
    };
    ["tables.sql", extra]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(dir.join(f)).expect("the fixture exists");
            ((*f).to_owned(), text)
        })
        .collect()
}
