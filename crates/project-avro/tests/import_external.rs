//! Importing Avro schemas nobody here wrote: twenty-two files of the tests
//! and shared schemas of Apache Avro and of the AWS Glue Schema Registry
//! (`tests/fixtures/external/`, whose README says where each comes from). They import as one set, in which files use
//! types other files define, and every record with its fields, every enum
//! with its symbols and every fixed with its size is the same, in the same
//! order, as fastavro (the Python Avro library) reads them with
//! `tests/tools/count_fastavro.py`. Needs `python3` with `fastavro`
//! (scripts/setup); without it the test fails, it does not skip.

mod common;

use common::external_sources;
use oxrdf::vocab::rdf;
use oxrdf::{NamedNodeRef, TermRef};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use uda_project_avro::{import, AVRO_NS};
use uda_projection::{Coordinates, Imported, MAP_NS};

fn imported() -> Imported {
    let coordinates = Coordinates {
        system: "avro".into(),
        location: "tests/fixtures/external".into(),
        name: "apache-avro".into(),
    };
    import(&external_sources(), &coordinates.base_iri(), "apache-avro")
        .unwrap_or_else(|e| panic!("{e}"))
}

fn term(local: &str) -> oxrdf::NamedNode {
    oxrdf::NamedNode::new_unchecked(format!("{AVRO_NS}{local}"))
}

/// The one literal value of `predicate` on `subject`, if any.
fn value(
    imported: &Imported,
    subject: NamedNodeRef<'_>,
    predicate: &oxrdf::NamedNode,
) -> Option<String> {
    match imported
        .container
        .object_for_subject_predicate(subject, predicate)
    {
        Some(TermRef::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// The parts of `parent` of `class`, by position: (name, element).
fn parts<'i>(
    imported: &'i Imported,
    parent: NamedNodeRef<'_>,
    class: &str,
) -> Vec<(String, NamedNodeRef<'i>)> {
    let part_of = oxrdf::NamedNode::new_unchecked(format!("{MAP_NS}partOf"));
    let name = oxrdf::NamedNode::new_unchecked(format!("{MAP_NS}name"));
    let class = term(class);
    let mut parts: Vec<(i64, String, NamedNodeRef<'i>)> = imported
        .container
        .iter()
        .filter(|t| t.predicate == part_of.as_ref() && t.object == parent.into())
        .filter_map(|t| match t.subject {
            oxrdf::NamedOrBlankNodeRef::NamedNode(n) => Some(n),
            _ => None,
        })
        .filter(|n| {
            imported
                .container
                .object_for_subject_predicate(*n, rdf::TYPE)
                == Some(class.as_ref().into())
        })
        .map(|n| {
            let position = value(imported, n, &term("position"))
                .and_then(|p| p.parse().ok())
                .unwrap_or(-1);
            (position, value(imported, n, &name).unwrap_or_default(), n)
        })
        .collect();
    parts.sort();
    parts.into_iter().map(|(_, name, n)| (name, n)).collect()
}

/// The named types of the imported graph, in the shape count_fastavro.py prints.
fn types_of(imported: &Imported) -> Map<String, Value> {
    let full_name = term("fullName");
    let mut types = Map::new();
    let elements: Vec<(String, NamedNodeRef<'_>)> = imported
        .container
        .iter()
        .filter(|t| t.predicate == full_name.as_ref())
        .filter_map(|t| match (t.subject, t.object) {
            (oxrdf::NamedOrBlankNodeRef::NamedNode(n), TermRef::Literal(l)) => {
                Some((l.value().to_owned(), n))
            }
            _ => None,
        })
        .collect();
    for (full, element) in elements {
        let class = imported
            .container
            .object_for_subject_predicate(element, rdf::TYPE);
        let described = if class == Some(term("Record").as_ref().into()) {
            json!({"record": parts(imported, element, "Field").into_iter().map(|(n, _)| n).collect::<Vec<_>>()})
        } else if class == Some(term("Enum").as_ref().into()) {
            json!({"enum": parts(imported, element, "Symbol").into_iter().map(|(n, _)| n).collect::<Vec<_>>()})
        } else {
            let size: u64 = value(imported, element, &term("size"))
                .and_then(|s| s.parse().ok())
                .expect("a fixed has a size");
            json!({ "fixed": size })
        };
        types.insert(full, described);
    }
    types.sort_keys();
    types
}

fn fastavro_types() -> Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<String> = external_sources()
        .into_iter()
        .map(|(label, _)| label)
        .collect();
    let out = uda_testkit::tool_output(
        "count_fastavro.py",
        Command::new("python3")
            .arg(dir.join("tests/tools/count_fastavro.py"))
            .args(
                files
                    .iter()
                    .map(|f| dir.join("tests/fixtures/external").join(f)),
            ),
    );
    let printed: Value = serde_json::from_str(&out).expect("JSON from count_fastavro.py");
    printed["types"].clone()
}

#[test]
fn every_named_type_field_and_symbol_is_imported_as_fastavro_reads_it() {
    let imported = imported();
    let ours = types_of(&imported);
    let theirs = fastavro_types();
    assert_eq!(Value::Object(ours.clone()), theirs);
    let count = |kind: &str| ours.values().filter(|t| t.get(kind).is_some()).count();
    let members = |kind: &str| -> usize {
        ours.values()
            .filter_map(|t| t.get(kind).and_then(Value::as_array))
            .map(Vec::len)
            .sum()
    };
    // The figures the README of the fixtures gives.
    assert_eq!(
        (
            count("record"),
            members("record"),
            count("enum"),
            members("enum"),
            count("fixed")
        ),
        (23, 82, 4, 18, 4)
    );
}

#[test]
fn what_avro_ignores_is_a_located_warning() {
    let imported = imported();
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    let unknown = warnings
        .iter()
        .filter(|w| {
            w.starts_with("apache-avro/custom_conversion.avsc:/fields/")
                && w.contains("\"fixed-size-string\" does not apply")
        })
        .count();
    assert_eq!(unknown, 2, "{warnings:#?}");
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
}

#[test]
fn logical_types_files_defaults_and_orders_are_read() {
    let imported = imported();
    let base = imported
        .schema
        .as_str()
        .strip_suffix("/schema")
        .expect("base")
        .to_owned();
    let node = |path: &str| oxrdf::NamedNode::new_unchecked(format!("{base}/{path}"));
    let get = |path: &str, local: &str| value(&imported, node(path).as_ref(), &term(local));
    let logical = BTreeMap::from([
        ("d", "date"),
        ("t", "time-millis"),
        ("ts", "timestamp-millis"),
        ("bd", "big-decimal"),
    ]);
    for (field, logical) in logical {
        assert_eq!(
            get(
                &format!("org.apache.avro.specific/TestRecordWithLogicalTypes/{field}"),
                "logicalType"
            )
            .as_deref(),
            Some(logical)
        );
    }
    assert_eq!(
        get("schema.common/Action/guid", "logicalType").as_deref(),
        Some("uuid")
    );
    let fixed = "org.apache.avro.codegentest.testdata/FixedInUnion";
    assert_eq!(get(fixed, "logicalType").as_deref(), Some("decimal"));
    assert_eq!(
        (
            get(fixed, "size"),
            get(fixed, "precision"),
            get(fixed, "scale")
        ),
        (Some("12".into()), Some("28".into()), Some("15".into()))
    );
    assert_eq!(
        get("test/Weather/station", "order").as_deref(),
        Some("ignore")
    );
    assert_eq!(
        get(
            "org.apache.avro.codegentest.testdata/LogicalTypesWithDefaults/nullableDate",
            "default"
        )
        .as_deref(),
        Some("1234")
    );
    // An enum that is a file's top-level schema; a record defined inline in
    // one file and at the top of another, identically.
    assert_eq!(
        get("avro.examples.baseball/Position", "file").as_deref(),
        Some("apache-avro/position.avsc")
    );
    assert_eq!(
        get("model/MyResponse", "file").as_deref(),
        Some("apache-avro/MyResponse.avsc")
    );
    // The null namespace is the namespace element named "".
    assert_eq!(get("/Person", "fullName").as_deref(), Some("Person"));
    // A fixed that is a file's top-level schema.
    assert_eq!(
        (get("/md5", "size"), get("/md5", "file")),
        (
            Some("10".into()),
            Some("aws-glue-schema-registry/user_fixed.avsc".into())
        )
    );
    // A field whose type another file defines links to it.
    let documents = node("model/ApplicationEvent/documents");
    assert_eq!(
        imported
            .container
            .object_for_subject_predicate(&documents, &term("namedType")),
        Some(node("model/DocumentInfo").as_ref().into())
    );
    assert_eq!(
        value(&imported, documents.as_ref(), &term("type")).as_deref(),
        Some(r#"["null",{"type":"array","items":"model.DocumentInfo"}]"#)
    );
}
