//! Validation must terminate and never panic, whatever the graphs: random
//! graphs over the SHACL vocabulary, recursive shapes and deep data.

mod common;

use common::{check, ex, parse};
use oxrdf::vocab::xsd;
use oxrdf::{BlankNode, Graph, Literal, NamedNode, Term, Triple};
use uda_shacl::{validate, Path, ShapesGraph};

/// xorshift64*: deterministic, dependency-free randomness.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SH: &str = "http://www.w3.org/ns/shacl#";

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

struct Vocabulary {
    nodes: Vec<Term>,
    predicates: Vec<NamedNode>,
    objects: Vec<Term>,
}

fn vocabulary() -> Vocabulary {
    let mut nodes: Vec<Term> = (0..4)
        .map(|i| NamedNode::new_unchecked(format!("http://example.org/n{i}")).into())
        .collect();
    nodes.extend((0..4).map(|i| Term::from(BlankNode::new_unchecked(format!("b{i}")))));
    let rdf = |l: &str| {
        NamedNode::new_unchecked(format!("http://www.w3.org/1999/02/22-rdf-syntax-ns#{l}"))
    };
    let mut predicates: Vec<NamedNode> = [
        "targetClass",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
        "path",
        "inversePath",
        "alternativePath",
        "zeroOrMorePath",
        "oneOrMorePath",
        "zeroOrOnePath",
        "class",
        "datatype",
        "nodeKind",
        "minCount",
        "maxCount",
        "minExclusive",
        "minInclusive",
        "maxExclusive",
        "maxInclusive",
        "minLength",
        "maxLength",
        "pattern",
        "flags",
        "languageIn",
        "uniqueLang",
        "equals",
        "disjoint",
        "lessThan",
        "lessThanOrEquals",
        "not",
        "and",
        "or",
        "xone",
        "node",
        "property",
        "qualifiedValueShape",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "qualifiedValueShapesDisjoint",
        "closed",
        "ignoredProperties",
        "hasValue",
        "in",
        "severity",
        "message",
        "deactivated",
    ]
    .iter()
    .map(|l| sh(l))
    .collect();
    predicates.extend([
        rdf("type"),
        rdf("first"),
        rdf("rest"),
        NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
        NamedNode::new_unchecked("https://w3id.org/uda/shacl#uniqueKey"),
        NamedNode::new_unchecked("http://example.org/p"),
        NamedNode::new_unchecked("http://example.org/q"),
    ]);
    let mut objects = nodes.clone();
    objects.extend(
        [
            rdf("nil"),
            sh("NodeShape"),
            sh("PropertyShape"),
            sh("IRI"),
            sh("Literal"),
            sh("BlankNodeOrIRI"),
            sh("Warning"),
            NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#Class"),
            NamedNode::new_unchecked("http://example.org/p"),
            NamedNode::new_unchecked("http://example.org/q"),
            xsd::STRING.into_owned(),
            xsd::INTEGER.into_owned(),
            xsd::BYTE.into_owned(),
        ]
        .into_iter()
        .map(Term::from),
    );
    let literals = [
        Literal::new_typed_literal("0", xsd::INTEGER),
        Literal::new_typed_literal("1", xsd::INTEGER),
        Literal::new_typed_literal("2", xsd::INTEGER),
        Literal::new_typed_literal("-1", xsd::INTEGER),
        Literal::new_typed_literal("x", xsd::INTEGER),
        Literal::new_typed_literal("300", xsd::BYTE),
        Literal::new_typed_literal("2.5", xsd::DECIMAL),
        Literal::new_typed_literal("NaN", xsd::DOUBLE),
        Literal::new_typed_literal("-INF", xsd::FLOAT),
        Literal::new_typed_literal("true", xsd::BOOLEAN),
        Literal::new_typed_literal("false", xsd::BOOLEAN),
        Literal::new_typed_literal("1", xsd::BOOLEAN),
        Literal::new_typed_literal("2020-02-30", xsd::DATE),
        Literal::new_typed_literal("2020-01-01T00:00:00", xsd::DATE_TIME),
        Literal::new_typed_literal("2020-01-01T00:00:00Z", xsd::DATE_TIME),
        Literal::new_simple_literal("abc"),
        Literal::new_simple_literal("^a.*$"),
        Literal::new_simple_literal("[unclosed"),
        Literal::new_simple_literal("imsxq"),
        Literal::new_simple_literal(""),
        Literal::new_simple_literal("é✓𝄞"),
        Literal::new_language_tagged_literal_unchecked("hi", "en"),
        Literal::new_language_tagged_literal_unchecked("hi", "en-gb"),
        Literal::new_simple_literal("en"),
    ];
    objects.extend(literals.into_iter().map(Term::from));
    Vocabulary {
        nodes,
        predicates,
        objects,
    }
}

fn random_graph(rng: &mut Rng, vocabulary: &Vocabulary) -> Graph {
    let mut graph = Graph::new();
    let size = 1 + rng.below(40);
    for _ in 0..size {
        let subject = match rng.pick(&vocabulary.nodes) {
            Term::NamedNode(n) => oxrdf::NamedOrBlankNode::from(n.clone()),
            Term::BlankNode(b) => b.clone().into(),
            _ => continue,
        };
        let predicate = rng.pick(&vocabulary.predicates).clone();
        let object = rng.pick(&vocabulary.objects).clone();
        graph.insert(&Triple::new(subject, predicate, object));
    }
    // Targets and plain data edges are what turn random shapes into
    // validation work; pure noise rarely combines them.
    let target_node = sh("targetNode");
    let p = NamedNode::new_unchecked("http://example.org/p");
    for _ in 0..6 {
        if let (Term::NamedNode(s), o) = (
            rng.pick(&vocabulary.nodes).clone(),
            rng.pick(&vocabulary.nodes).clone(),
        ) {
            graph.insert(&Triple::new(s, target_node.clone(), o));
        }
        if let (Term::NamedNode(s), o) = (
            rng.pick(&vocabulary.nodes).clone(),
            rng.pick(&vocabulary.objects).clone(),
        ) {
            graph.insert(&Triple::new(s, p.clone(), o));
        }
    }
    graph
}

#[test]
fn random_graphs_never_panic() {
    let vocabulary = vocabulary();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let (mut accepted, mut rejected, mut results) = (0usize, 0usize, 0usize);
    for _ in 0..3_000 {
        let graph = random_graph(&mut rng, &vocabulary);
        for node in &vocabulary.nodes {
            // Only the absence of a panic matters for paths read from noise.
            let _ = Path::from_graph(&graph, node.as_ref());
        }
        // Noise is mostly malformed: drop the triples of each shape named in
        // an error until the rest parses, so that validation gets exercised.
        let mut graph = graph;
        let mut parsed = ShapesGraph::from_graph(&graph);
        for _ in 0..20 {
            let Err(e) = &parsed else { break };
            rejected += 1;
            assert!(!e.message().is_empty());
            let at_fault: Vec<Triple> = graph
                .iter()
                .filter(|t| Term::from(t.subject.into_owned()) == *e.shape())
                .map(|t| t.into_owned())
                .collect();
            for t in &at_fault {
                graph.remove(t);
            }
            parsed = ShapesGraph::from_graph(&graph);
        }
        match parsed {
            Ok(shapes) => {
                accepted += 1;
                let other = random_graph(&mut rng, &vocabulary);
                for data in [&graph, &other] {
                    let report = validate(&shapes, data);
                    assert_eq!(report.conforms, report.results.is_empty());
                    results += report.results.len();
                    assert!(report.to_turtle().contains("ValidationReport"));
                }
            }
            Err(e) => assert!(!e.message().is_empty()),
        }
    }
    println!("{accepted} accepted, {rejected} rejected, {results} results");
    // Guard against the generator degenerating into graphs that are always
    // rejected (or never produce a result), which would test nothing.
    assert!(
        accepted > 2_500,
        "only {accepted} random shapes graphs accepted"
    );
    assert!(
        rejected > 1_000,
        "only {rejected} random shapes graphs rejected"
    );
    assert!(results > 800, "only {results} validation results overall");
}

#[test]
fn recursive_shapes_terminate() {
    let report = check(
        "ex:S a sh:NodeShape ; sh:targetNode ex:a ;
             sh:property [ sh:path ex:knows ; sh:node ex:S ] ;
             sh:property [ sh:path ex:name ; sh:minCount 1 ] .",
        r#"ex:a ex:knows ex:b ; ex:name "a" .
           ex:b ex:knows ex:a ; ex:name "b" ."#,
    );
    assert!(report.conforms, "{}", report.to_turtle());

    let report = check(
        "ex:S a sh:NodeShape ; sh:targetNode ex:a ;
             sh:property [ sh:path ex:knows ; sh:node ex:S ] ;
             sh:property [ sh:path ex:name ; sh:minCount 1 ] .",
        r#"ex:a ex:knows ex:b ; ex:name "a" .
           ex:b ex:knows ex:a ."#,
    );
    assert_eq!(report.results.len(), 1, "{}", report.to_turtle());
    assert_eq!(report.results[0].focus_node.to_string(), ex("a"));
    assert!(report.results[0]
        .source_constraint_component
        .as_str()
        .ends_with("#NodeConstraintComponent"));
}

/// A recursive shape over a linked list of `length` nodes.
fn chain(length: usize) -> (ShapesGraph, Graph) {
    let shapes = ShapesGraph::from_graph(&parse(
        "ex:Node a sh:NodeShape ; sh:targetNode ex:n0 ;
             sh:property [ sh:path ex:next ; sh:maxCount 1 ; sh:node ex:Node ] .",
    ))
    .expect("well-formed shapes");
    let mut data = Graph::new();
    let next = NamedNode::new_unchecked("http://example.org/next");
    for i in 0..length {
        data.insert(&Triple::new(
            NamedNode::new_unchecked(format!("http://example.org/n{i}")),
            next.clone(),
            NamedNode::new_unchecked(format!("http://example.org/n{}", i + 1)),
        ));
    }
    (shapes, data)
}

#[test]
fn deep_recursion_through_data_is_followed() {
    let (shapes, data) = chain(1_500);
    let report = validate(&shapes, &data);
    assert!(report.conforms, "{} results", report.results.len());
}

#[test]
fn recursion_beyond_the_depth_limit_does_not_conform() {
    // Far deeper than the limit: must neither overflow the stack nor
    // silently accept what it could not check.
    let (shapes, data) = chain(50_000);
    let report = validate(&shapes, &data);
    assert!(!report.conforms);
    assert_eq!(report.results[0].focus_node.to_string(), ex("n0"));
}
