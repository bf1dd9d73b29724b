//! The uda `udash:uniqueKey` constraint component.

mod common;

use common::{check, ex, shapes};
use uda_shacl::UDASH_UNIQUE_KEY_COMPONENT;

const COUNTRY_SHAPE: &str = "
ex:CountryShape a sh:NodeShape ;
    sh:targetClass ex:Country ;
    udash:uniqueKey ( ex:code ) .
";

#[test]
fn distinct_keys_conform() {
    let report = check(
        COUNTRY_SHAPE,
        r#"ex:fr a ex:Country ; ex:code "FR" .
           ex:de a ex:Country ; ex:code "DE" ."#,
    );
    assert!(report.conforms, "{}", report.to_turtle());
    assert!(report.results.is_empty());
}

#[test]
fn one_result_per_later_duplicate() {
    let report = check(
        COUNTRY_SHAPE,
        r#"ex:a a ex:Country ; ex:code "X" .
           ex:b a ex:Country ; ex:code "X" .
           ex:c a ex:Country ; ex:code "X" .
           ex:d a ex:Country ; ex:code "Y" ."#,
    );
    assert!(!report.conforms);
    assert_eq!(report.results.len(), 2, "{}", report.to_turtle());
    let mut focus: Vec<String> = report
        .results
        .iter()
        .map(|r| r.focus_node.to_string())
        .collect();
    focus.sort();
    // The first holder of a key is not reported; which one is first depends
    // on target order, so only check that exactly one of the three is spared.
    let spared: Vec<String> = ["a", "b", "c"]
        .iter()
        .map(|l| ex(l))
        .filter(|f| !focus.contains(f))
        .collect();
    assert_eq!(spared.len(), 1);
    for r in &report.results {
        assert_eq!(
            r.source_constraint_component.as_str(),
            UDASH_UNIQUE_KEY_COMPONENT
        );
        assert_eq!(r.source_shape.to_string(), ex("CountryShape"));
        assert_eq!(r.value, None);
        assert_eq!(r.result_path, None);
        let message = r.messages.first().expect("a generated message").value();
        assert!(
            message.contains("\"X\""),
            "message should name the key value: {message}"
        );
        assert!(
            message.contains(&ex("code")),
            "message should name the key property: {message}"
        );
    }
}

#[test]
fn composite_keys_compare_all_components() {
    let shape = "
        ex:BranchShape a sh:NodeShape ;
            sh:targetClass ex:Branch ;
            udash:uniqueKey ( ex:bank ex:number ) .
    ";
    let report = check(
        shape,
        r#"ex:b1 a ex:Branch ; ex:bank ex:acme ; ex:number 1 .
           ex:b2 a ex:Branch ; ex:bank ex:acme ; ex:number 2 .
           ex:b3 a ex:Branch ; ex:bank ex:zeta ; ex:number 1 .
           ex:b4 a ex:Branch ; ex:bank ex:zeta ; ex:number 1 ."#,
    );
    assert_eq!(report.results.len(), 1, "{}", report.to_turtle());
    let focus = report.results[0].focus_node.to_string();
    assert!(
        focus == ex("b3") || focus == ex("b4"),
        "unexpected focus {focus}"
    );
}

#[test]
fn nodes_missing_a_key_component_are_not_compared() {
    let report = check(
        COUNTRY_SHAPE,
        r#"ex:a a ex:Country .
           ex:b a ex:Country ."#,
    );
    assert!(report.conforms, "{}", report.to_turtle());
}

#[test]
fn severity_and_message_come_from_the_shape() {
    let report = check(
        r#"ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:code ;
               sh:severity sh:Warning ; sh:message "duplicate code"@en ;
               udash:uniqueKey ( ex:code ) ."#,
        r#"ex:a ex:code "X" . ex:b ex:code "X" ."#,
    );
    assert_eq!(report.results.len(), 1);
    assert_eq!(
        report.results[0].severity.as_str(),
        "http://www.w3.org/ns/shacl#Warning"
    );
    assert_eq!(report.results[0].messages[0].value(), "duplicate code");
    assert!(
        !report.conforms,
        "any result, even a warning, means non-conformance"
    );
}

#[test]
fn deactivated_shapes_check_no_key() {
    let report = check(
        "ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:code ; sh:deactivated true ; udash:uniqueKey ( ex:code ) .",
        r#"ex:a ex:code "X" . ex:b ex:code "X" ."#,
    );
    assert!(report.conforms);
}

#[test]
fn malformed_unique_keys_are_rejected() {
    let cases = [
        ("ex:S udash:uniqueKey ex:code .", "not a list"),
        ("ex:S udash:uniqueKey () .", "empty list"),
        ("ex:S udash:uniqueKey ( \"code\" ) .", "literal member"),
        (
            "ex:S sh:path ex:p ; udash:uniqueKey ( ex:code ) .",
            "on a property shape",
        ),
    ];
    for (ttl, what) in cases {
        let err = shapes(ttl).expect_err(what);
        assert_eq!(err.shape().to_string(), ex("S"), "{what}: {err}");
        assert!(err.to_string().contains("uniqueKey"), "{what}: {err}");
    }
}
