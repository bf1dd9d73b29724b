//! The RDF and Turtle forms of validation reports carry every field and
//! read back to the same results.

mod common;

use common::{check, ex};
use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedNodeRef, TermRef};
use oxttl::TurtleParser;
use uda_shacl::Path;

const SH: &str = "http://www.w3.org/ns/shacl#";

fn sh(local: &str) -> oxrdf::NamedNode {
    oxrdf::NamedNode::new_unchecked(format!("{SH}{local}"))
}

#[test]
fn turtle_report_round_trips() {
    let report = check(
        r#"ex:S sh:targetNode ex:a ;
               sh:path ( ex:p [ sh:inversePath ex:q ] [ sh:alternativePath ( ex:x [ sh:zeroOrMorePath ex:y ] ) ] ) ;
               sh:minCount 2 ; sh:message "need two"@en, "il en faut deux"@fr ."#,
        "ex:a ex:p ex:b . ex:c ex:q ex:b .",
    );
    assert_eq!(report.results.len(), 1);
    let expected_path = report.results[0]
        .result_path
        .clone()
        .expect("property shape results have a path");

    let turtle = report.to_turtle();
    assert!(
        turtle.contains("@prefix sh: <http://www.w3.org/ns/shacl#>"),
        "{turtle}"
    );
    let graph: Graph = TurtleParser::new()
        .for_slice(turtle.as_bytes())
        .collect::<Result<Graph, _>>()
        .expect("to_turtle output must parse");
    assert_eq!(graph.len(), report.to_graph().len());

    let result_class = sh("ValidationResult");
    let results: Vec<_> = graph
        .subjects_for_predicate_object(rdf::TYPE, NamedNodeRef::from(&result_class))
        .collect();
    assert_eq!(results.len(), 1);
    let result = results[0];
    let one = |p: &str| {
        let p = sh(p);
        let values: Vec<TermRef<'_>> = graph.objects_for_subject_predicate(result, &p).collect();
        values
    };
    assert_eq!(one("focusNode")[0].to_string(), ex("a"));
    assert_eq!(one("sourceShape")[0].to_string(), ex("S"));
    assert_eq!(
        one("sourceConstraintComponent")[0].to_string(),
        format!("<{SH}MinCountConstraintComponent>")
    );
    assert_eq!(
        one("resultSeverity")[0].to_string(),
        format!("<{SH}Violation>")
    );
    assert_eq!(one("resultMessage").len(), 2);
    assert!(one("value").is_empty());
    let path = Path::from_graph(&graph, one("resultPath")[0]).expect("a well-formed path");
    assert_eq!(path, expected_path);
    assert_eq!(path.to_string(), "(<http://example.org/p>/^<http://example.org/q>/(<http://example.org/x>|(<http://example.org/y>)*))");
}

#[test]
fn conforming_report_has_no_results() {
    let report = check(
        "ex:S sh:targetNode ex:a ; sh:nodeKind sh:IRI .",
        "ex:a ex:p 1 .",
    );
    assert!(report.conforms);
    let turtle = report.to_turtle();
    assert!(turtle.contains("sh:conforms true"), "{turtle}");
    assert!(!turtle.contains("sh:result "), "{turtle}");
}
