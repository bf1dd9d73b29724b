//! Validation throughput on a registry-like workload: ten node shapes with
//! the usual constraints (datatype, counts, class, in, pattern) over about
//! 100,000 synthetic triples, a few percent of which violate them.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Graph, Literal, NamedNode, Triple};
use oxttl::TurtleParser;
use uda_shacl::{validate, ShapesGraph};

const EX: &str = "http://example.org/";

/// (class, property with a sh:class link to another class, if any)
const CLASSES: [(&str, Option<(&str, &str)>); 10] = [
    ("Person", Some(("worksFor", "Organization"))),
    ("Organization", Some(("locatedIn", "Country"))),
    ("Country", None),
    ("Address", Some(("country", "Country"))),
    ("Product", Some(("category", "Category"))),
    ("Category", None),
    ("Order", Some(("customer", "Person"))),
    ("OrderLine", Some(("product", "Product"))),
    ("Review", Some(("about", "Product"))),
    ("Employee", Some(("employer", "Organization"))),
];

fn shapes_turtle() -> String {
    let mut ttl = String::from(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\
         @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\
         @prefix ex: <http://example.org/> .\n",
    );
    for (class, link) in CLASSES {
        ttl.push_str(&format!(
            "ex:{class}Shape a sh:NodeShape ; sh:targetClass ex:{class} ;\n\
             \tsh:property [ sh:path ex:name ; sh:datatype xsd:string ; sh:minCount 1 ; sh:maxCount 1 ; sh:maxLength 64 ] ;\n\
             \tsh:property [ sh:path ex:code ; sh:pattern \"^[A-Z]{{3}}-[0-9]+$\" ; sh:maxCount 1 ] ;\n\
             \tsh:property [ sh:path ex:status ; sh:in ( \"draft\" \"active\" \"retired\" ) ; sh:minCount 1 ] ;\n\
             \tsh:property [ sh:path ex:rank ; sh:datatype xsd:integer ; sh:minInclusive 0 ; sh:maxCount 1 ] "
        ));
        if let Some((property, target)) = link {
            ttl.push_str(&format!(
                ";\n\tsh:property [ sh:path ex:{property} ; sh:class ex:{target} ; sh:maxCount 1 ] "
            ));
        }
        ttl.push_str(".\n");
    }
    ttl
}

fn iri(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{EX}{local}"))
}

/// About `target` triples: each entity has a type, name, code, status and
/// rank, plus a link where its class has one; every 50th entity breaks
/// three constraints.
fn data(target: usize) -> Graph {
    let per_round: usize = CLASSES
        .iter()
        .map(|(_, link)| 5 + usize::from(link.is_some()))
        .sum();
    let per_class = target / per_round;
    let mut graph = Graph::new();
    let (name, code, status, rank) = (iri("name"), iri("code"), iri("status"), iri("rank"));
    for (class, link) in CLASSES {
        let class_iri = iri(class);
        for i in 0..per_class {
            let entity = iri(&format!("{class}/{i}"));
            let broken = i % 50 == 49;
            graph.insert(&Triple::new(entity.clone(), rdf::TYPE, class_iri.clone()));
            graph.insert(&Triple::new(
                entity.clone(),
                name.clone(),
                Literal::new_simple_literal(format!("{class} number {i}")),
            ));
            let code_value = if broken {
                format!("bad{i}")
            } else {
                format!("ABC-{i}")
            };
            graph.insert(&Triple::new(
                entity.clone(),
                code.clone(),
                Literal::new_simple_literal(code_value),
            ));
            let status_value = if broken { "unknown" } else { "active" };
            graph.insert(&Triple::new(
                entity.clone(),
                status.clone(),
                Literal::new_simple_literal(status_value),
            ));
            let rank_value = if broken {
                "-1".to_owned()
            } else {
                (i % 100).to_string()
            };
            graph.insert(&Triple::new(
                entity.clone(),
                rank.clone(),
                Literal::new_typed_literal(rank_value, xsd::INTEGER),
            ));
            if let Some((property, target_class)) = link {
                let target_entity = iri(&format!("{target_class}/{}", (i * 7) % per_class));
                graph.insert(&Triple::new(entity.clone(), iri(property), target_entity));
            }
        }
    }
    graph
}

fn bench(c: &mut Criterion) {
    let shapes_graph: Graph = TurtleParser::new()
        .for_slice(shapes_turtle().as_bytes())
        .collect::<Result<Graph, _>>()
        .expect("benchmark shapes parse");
    let shapes = ShapesGraph::from_graph(&shapes_graph).expect("benchmark shapes are well-formed");
    let data = data(100_000);
    let report = validate(&shapes, &data);
    // Keeps the workload honest: the shapes must actually find the breaks.
    assert!(
        !report.conforms && report.results.len() > 500,
        "{} results",
        report.results.len()
    );
    println!(
        "data: {} triples, {} results per validation",
        data.len(),
        report.results.len()
    );

    c.bench_function("parse 10 node shapes", |b| {
        b.iter(|| ShapesGraph::from_graph(black_box(&shapes_graph)))
    });
    c.bench_function("validate 100k triples", |b| {
        b.iter(|| validate(black_box(&shapes), black_box(&data)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
