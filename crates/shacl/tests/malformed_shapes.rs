//! Malformed shapes graphs are rejected with an error naming the shape,
//! and never make the parser panic; unused ill-formed nodes are ignored.

mod common;

use common::{ex, shapes};

fn rejected(ttl: &str, shape: &str, needle: &str) {
    let err = match shapes(ttl) {
        Ok(_) => panic!("shapes should be rejected:\n{ttl}"),
        Err(e) => e,
    };
    assert_eq!(
        err.shape().to_string(),
        shape,
        "wrong shape named in: {err}"
    );
    assert!(
        err.to_string().contains(needle),
        "error should mention {needle:?}: {err}"
    );
}

#[test]
fn invalid_paths() {
    rejected("ex:S sh:path \"p\" .", &ex("S"), "literal");
    rejected(
        "ex:S sh:path [ ex:foo ex:bar ] .",
        &ex("S"),
        "not a valid SHACL path",
    );
    rejected("ex:S sh:path ( ex:p ) .", &ex("S"), "at least two");
    rejected(
        "ex:S sh:path [ sh:alternativePath ( ex:p ) ] .",
        &ex("S"),
        "at least two",
    );
    rejected(
        "ex:S sh:path [ sh:inversePath ex:p ; sh:zeroOrMorePath ex:q ] .",
        &ex("S"),
        "more than one path predicate",
    );
    rejected("ex:S sh:path ex:p, ex:q .", &ex("S"), "exactly one sh:path");
    rejected(
        "ex:S sh:path _:p . _:p sh:inversePath _:p .",
        &ex("S"),
        "cyclic",
    );
    rejected(
        "ex:S sh:path _:l . _:l rdf:first ex:p ; rdf:rest _:l .",
        &ex("S"),
        "cyclic",
    );
}

#[test]
fn invalid_regular_expressions() {
    rejected(
        "ex:S sh:pattern \"[a-\" .",
        &ex("S"),
        "not a valid regular expression",
    );
    rejected(
        "ex:S sh:pattern \"a\" ; sh:flags \"z\" .",
        &ex("S"),
        "sh:flags",
    );
    rejected("ex:S sh:pattern ex:notALiteral .", &ex("S"), "sh:pattern");
}

#[test]
fn invalid_parameter_values() {
    rejected(
        "ex:S sh:path ex:p ; sh:minCount \"one\" .",
        &ex("S"),
        "sh:minCount",
    );
    rejected(
        "ex:S sh:path ex:p ; sh:maxCount -1 .",
        &ex("S"),
        "sh:maxCount",
    );
    rejected("ex:S sh:minLength 1.5 .", &ex("S"), "sh:minLength");
    rejected("ex:S sh:datatype \"xsd:string\" .", &ex("S"), "sh:datatype");
    rejected("ex:S sh:nodeKind ex:Thing .", &ex("S"), "sh:nodeKind");
    rejected("ex:S sh:class \"Person\" .", &ex("S"), "sh:class");
    rejected("ex:S sh:in ex:notAList .", &ex("S"), "sh:in");
    rejected("ex:S sh:closed \"yes\" .", &ex("S"), "sh:closed");
    rejected(
        "ex:S a sh:NodeShape ; sh:severity \"high\" .",
        &ex("S"),
        "sh:severity",
    );
    rejected(
        "ex:S a sh:NodeShape ; sh:deactivated \"no\" .",
        &ex("S"),
        "sh:deactivated",
    );
    rejected(
        "ex:S sh:minCount 1 .",
        &ex("S"),
        "only allowed on property shapes",
    );
    rejected("ex:S sh:node \"shape\" .", &ex("S"), "sh:node");
    rejected("ex:S sh:or ( ex:A \"B\" ) .", &ex("S"), "sh:or");
    rejected(
        "ex:S sh:targetSubjectsOf \"p\" .",
        &ex("S"),
        "sh:targetSubjectsOf",
    );
    rejected(
        "ex:S sh:path ex:p ; sh:qualifiedMinCount 1 .",
        &ex("S"),
        "without sh:qualifiedValueShape",
    );
}

#[test]
fn blank_node_shapes_are_named_too() {
    let err = shapes("ex:S sh:property [ sh:path ex:p ; sh:minCount \"x\" ] .")
        .expect_err("bad minCount");
    assert!(err.shape().is_blank_node(), "{err}");
    assert!(err.to_string().contains("sh:minCount"), "{err}");
}

#[test]
fn unused_ill_formed_paths_are_ignored() {
    // Path-looking nodes that no shape uses are not shapes (W3C path-unused-001).
    let parsed = shapes(
        "ex:S a sh:NodeShape ; sh:targetNode ex:i ; sh:class ex:C .
         _:p1 sh:inversePath _:p2 .
         _:p2 sh:zeroOrOnePath [ rdf:rest rdf:nil ] .",
    )
    .expect("unused paths do not matter");
    assert_eq!(parsed.len(), 1);
}
