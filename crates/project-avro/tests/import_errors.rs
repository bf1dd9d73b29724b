//! What the import refuses, and what it reads but cannot represent: every
//! error located (`file:line:column` for JSON, `file:/json/pointer` for the
//! rest), all of them reported at once, nothing produced; every warning
//! located; hostile input (deep nesting, a huge union, odd shapes) bounded
//! and never a panic.

use uda_project_avro::{import, import_with, ImportError, ImportOptions};
use uda_projection::Imported;

const BASE: &str = "https://w3id.org/uda/container/avro/test/errors";

fn sources(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(label, text)| ((*label).to_owned(), (*text).to_owned()))
        .collect()
}

fn refused(files: &[(&str, &str)]) -> Vec<String> {
    match import(&sources(files), BASE, "errors") {
        Ok(imported) => panic!("imported, with warnings {:?}", imported.warnings),
        Err(ImportError { errors }) => errors.iter().map(ToString::to_string).collect(),
    }
}

fn warnings(files: &[(&str, &str)]) -> Vec<String> {
    let imported: Imported =
        import(&sources(files), BASE, "warnings").unwrap_or_else(|e| panic!("{e}"));
    imported.warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn malformed_json_is_located_by_line_and_column() {
    let errors = refused(&[(
        "bad.avsc",
        "{\"type\": \"record\", \"name\": \"A\",\n  \"fields\": [}\n",
    )]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("bad.avsc:2:14: error: not valid JSON: "),
        "{errors:?}"
    );
}

#[test]
fn an_unknown_named_type_is_located_and_every_error_is_listed() {
    let errors = refused(&[
        (
            "a.avsc",
            r#"{"type": "record", "name": "A", "namespace": "x",
                "fields": [{"name": "b", "type": ["null", "B"]}, {"name": "c", "type": "y.C"}]}"#,
        ),
        (
            "b.avsc",
            r#"{"type": "record", "name": "B", "namespace": "y", "fields": []}"#,
        ),
        ("c.avsc", "[1, 2"),
    ]);
    assert_eq!(
        errors,
        [
            "c.avsc:1:5: error: not valid JSON: EOF while parsing a list",
            "a.avsc:/fields/0/type/1: error: unknown named type x.B: no source defines it (defined: y.B)",
            "a.avsc:/fields/1/type: error: unknown named type y.C: no source defines it",
        ]
    );
}

#[test]
fn what_apache_avro_refuses_is_located_at_the_named_type() {
    let errors = refused(&[(
        "enum.avsc",
        r#"{"type": "record", "name": "A", "fields": [
            {"name": "ok", "type": "int"},
            {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["X", "X"]}},
            {"name": "f", "type": {"type": "fixed", "name": "F", "size": -1}}]}"#,
    )]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with("enum.avsc:/fields/1/type: error: E: ") && errors[0].contains('X'),
        "{errors:?}"
    );
    assert!(
        errors[1].starts_with("enum.avsc:/fields/2/type: error: F: "),
        "{errors:?}"
    );
}

#[test]
fn a_default_that_is_not_a_value_of_its_type_is_located() {
    let errors = refused(&[(
        "default.avsc",
        r#"{"type": "record", "name": "A", "namespace": "x", "fields": [
            {"name": "b", "type": {"type": "record", "name": "B", "fields": [{"name": "n", "type": "int"}]},
             "default": {"n": 1}},
            {"name": "c", "type": "B", "default": {"n": "one"}}]}"#,
    )]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "default.avsc:/fields/1/default: error: x.A: the default {\"n\":\"one\"} of field c"
        ),
        "{errors:?}"
    );
}

#[test]
fn a_named_type_defined_twice_differently_is_refused() {
    let errors = refused(&[
        (
            "one.avsc",
            r#"{"type": "enum", "name": "E", "symbols": ["A", "B"]}"#,
        ),
        (
            "two.avsc",
            r#"{"type": "record", "name": "R", "fields": [
                {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A"]}}]}"#,
        ),
    ]);
    assert_eq!(
        errors,
        ["two.avsc:/fields/0/type: error: E is defined again, differently from its definition at one.avsc:/"]
    );
}

#[test]
fn what_cannot_be_represented_is_a_located_warning() {
    let warnings = warnings(&[
        (
            "a.avsc",
            r#"{"type": "record", "name": "A", "logicalType": "row",
                "uda.key": ["id", "missing"], "fields": [
                {"name": "id", "type": "int", "logicalType": "date"},
                {"name": "at", "type": {"type": "long", "logicalType": "instant"}},
                {"name": "d", "type": {"type": "string", "logicalType": "date"}},
                {"name": "s", "type": "string", "order": "sideways"},
                {"name": "f", "type": {"type": "fixed", "name": "F", "size": 8, "logicalType": "duration"}},
                {"name": "g", "type": {"type": "array", "items": "int", "logicalType": "list"}},
                {"name": "h", "type": {"type": "F", "logicalType": "decimal", "precision": 4}}]}"#,
        ),
        ("list.avsc", r#"[{"type": "array", "items": "A"}, "A"]"#),
        (
            "again.avsc",
            r#"{"type": "enum", "name": "E", "symbols": ["X"]}"#,
        ),
        (
            "again2.avsc",
            r#"{"type": "enum", "name": "E", "symbols": ["X"]}"#,
        ),
    ]);
    let expected = [
        "a.avsc:/: warning: A: a record cannot have a logical type; Avro ignores \"row\"",
        "a.avsc:/fields/0: warning: A: the logicalType of a field belongs in its type; Avro ignores it here (kept in the field's custom attributes)",
        "a.avsc:/fields/1/type: warning: the logical type \"instant\" does not apply here (apache-avro reads the type as \"long\"): values are read as the underlying type",
        "a.avsc:/fields/2/type: warning: the logical type \"date\" does not apply here (apache-avro reads the type as \"string\"): values are read as the underlying type",
        "a.avsc:/fields/5/type: warning: the logical type \"list\" does not apply here (apache-avro reads the type as \"array\"): values are read as the underlying type",
        "a.avsc:/fields/6/type: warning: the logical type \"decimal\" does not apply here (apache-avro reads the type as a reference to F): values are read as the underlying type",
        "a.avsc:/fields/4/type: warning: F: the logical type \"duration\" does not apply to a fixed of 8 bytes; values are read as the fixed",
        "a.avsc:/fields/3: warning: A.s: order \"sideways\" is not ascending, descending or ignore; kept in the field's custom attributes",
        "a.avsc:/: warning: A: uda.key names \"missing\", which is not a field; it is not recorded as a key field",
        "list.avsc:/0: warning: the top-level schema (array) is not a named type: only named types are represented, so it is left out (the named types it defines are imported)",
        "list.avsc:/1: warning: the top-level schema (A) is not a named type: only named types are represented, so it is left out (the named types it defines are imported)",
        "again2.avsc: warning: E: also the top-level schema of again.avsc; a named type has one file, the first",
    ];
    assert_eq!(warnings, expected);
}

#[test]
fn deep_nesting_is_a_located_error_not_a_stack_overflow() {
    let depth = 10_000;
    let text = format!(
        "{}\"int\"{}",
        r#"{"type": "array", "items": "#.repeat(depth),
        "}".repeat(depth)
    );
    let errors = refused(&[("deep.avsc", &text)]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("deep.avsc:1:") && errors[0].contains("recursion limit exceeded"),
        "{errors:?}"
    );
}

#[test]
fn a_huge_union_is_bounded() {
    let branches: Vec<String> = (0..5_000)
        .map(|i| format!(r#"{{"type": "enum", "name": "E{i}", "symbols": ["X"]}}"#))
        .collect();
    let text = format!(
        r#"{{"type": "record", "name": "A", "fields": [{{"name": "u", "type": [{}]}}]}}"#,
        branches.join(",")
    );
    let errors = refused(&[("union.avsc", &text)]);
    assert_eq!(
        errors,
        ["union.avsc:/fields/0/type: error: a union of 5000 branches; at most 1000 are read"]
    );
    let options = ImportOptions::default().with_max_union_branches(5_000);
    let imported = import_with(&sources(&[("union.avsc", &text)]), BASE, "union", &options)
        .expect("imports with a higher bound");
    assert_eq!(
        imported
            .container
            .iter()
            .filter(|t| t.predicate.as_str().ends_with("#namedType"))
            .count(),
        5_000
    );
}

/// JSON that is no Avro schema, in every shape the walk and apache-avro
/// meet: each is refused or imported with warnings, never a panic.
#[test]
fn odd_shapes_never_panic() {
    let odd = [
        "null",
        "42",
        "[]",
        "[[]]",
        "\"string\"",
        "{}",
        r#"{"type": null}"#,
        r#"{"type": {"type": {"type": "record"}}}"#,
        r#"{"type": "record"}"#,
        r#"{"type": "record", "name": 7, "fields": []}"#,
        r#"{"type": "record", "name": "A"}"#,
        r#"{"type": "record", "name": "A", "fields": {}}"#,
        r#"{"type": "record", "name": "A", "fields": [1]}"#,
        r#"{"type": "record", "name": "A", "fields": [{"name": "x"}]}"#,
        r#"{"type": "record", "name": "A", "fields": [{"type": "int"}]}"#,
        r#"{"type": "record", "name": "A..B", "fields": []}"#,
        r#"{"type": "record", "name": "A", "namespace": 3, "fields": []}"#,
        r#"{"type": "record", "name": "A", "fields": [{"name": "x", "type": "A"}, {"name": "x", "type": "int"}]}"#,
        r#"{"name": "A", "type": {"type": "record", "name": "B", "fields": []}}"#,
        r#"{"type": "enum", "name": "E", "symbols": ["1"]}"#,
        r#"{"type": "enum", "name": "E", "symbols": ["A"], "default": "B"}"#,
        r#"{"type": "enum", "name": "E", "symbols": "A"}"#,
        r#"{"type": "fixed", "name": "F", "size": 18446744073709551615}"#,
        r#"{"type": "fixed", "name": "F", "size": 4, "logicalType": "decimal", "precision": 100, "scale": 200}"#,
        r#"{"type": "bytes", "logicalType": "decimal", "precision": -1}"#,
        r#"{"type": "record", "name": "A", "fields": [{"name": "u", "type": ["int", "int"]}]}"#,
        r#"{"type": "record", "name": "A", "fields": [{"name": "u", "type": ["null", ["int"]]}]}"#,
        r#"{"type": "record", "name": "A", "fields": [{"name": "u", "type": "int", "default": "x"}]}"#,
        r#"{"type": "record", "name": "A", "fields": [{"name": "m", "type": {"type": "map"}}]}"#,
        r#"{"type": "record", "name": "A", "fields": [{"name": "m", "type": {"type": "array", "items": {"type": "error"}}}]}"#,
        r#"{"type": "record", "name": "A", "aliases": ["1x"], "fields": []}"#,
        r#"{"type": "record", "name": "A", "uda.key": "id", "fields": []}"#,
    ];
    for text in odd {
        let outcome = import(&sources(&[("odd.avsc", text)]), BASE, "odd");
        if let Err(e) = &outcome {
            assert!(!e.errors.is_empty(), "{text}");
            assert!(
                e.errors.iter().all(|d| d.location.starts_with("odd.avsc:")),
                "{text}: {e}"
            );
        }
    }
}

#[test]
fn a_named_type_without_a_name_is_one_error() {
    assert_eq!(
        refused(&[("nameless.avsc", r#"{"type": "record", "fields": []}"#)]),
        ["nameless.avsc:/: error: a record needs a name (a string)"]
    );
}
