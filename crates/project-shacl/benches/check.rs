//! Checking instance data against a domain model: the shapes of the studio
//! example (taxonomy, composite keys made of relationships, nested values,
//! enumerations, domain datatypes) over about 100,000 synthetic triples, a
//! few percent of which break them. Also times the projection itself.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Graph, Literal, NamedNode, Term, Triple};
use uda_project_shacl::{project, GoverningShapes, ShaclOptions};

const STUDIO: &str = "https://example.org/studio#";
const DATA: &str = "https://example.org/data/";

fn studio(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{STUDIO}{local}"))
}

fn node(kind: &str, i: usize) -> NamedNode {
    NamedNode::new_unchecked(format!("{DATA}{kind}/{i}"))
}

fn typed(value: impl Into<String>, datatype: oxrdf::NamedNodeRef<'_>) -> Literal {
    Literal::new_typed_literal(value, datatype)
}

/// Studios, people, films and credits; every 50th film and credit breaks a
/// constraint (age rating out of range, bad IMDb id, genre that is not one,
/// duplicate credit key).
fn data(target: usize) -> Graph {
    let mut graph = Graph::new();
    let text = |v: String| Term::from(Literal::new_simple_literal(v));
    let mut i = 0;
    while graph.len() < target {
        let broken = i % 50 == 49;
        let studio_node = node("studio", i / 10);
        let person = node("person", i);
        let film = node("film", i);
        let credit = node("credit", i);
        let mut facts: Vec<(&NamedNode, NamedNode, Term)> = Vec::new();
        let hq = NamedNode::new_unchecked(format!("{}/hq", studio_node.as_str()));
        if i % 10 == 0 {
            facts.extend([
                (
                    &studio_node,
                    rdf::TYPE.into_owned(),
                    studio("Studio").into(),
                ),
                (
                    &studio_node,
                    studio("studioId"),
                    typed((i / 10).to_string(), xsd::INTEGER).into(),
                ),
                (&studio_node, studio("name"), text(format!("Studio {i}"))),
                (&studio_node, studio("headquarters"), hq.clone().into()),
                (&hq, studio("city"), text("Tokyo".into())),
                (&hq, studio("country"), text("Japan".into())),
            ]);
        }
        let kind = if i % 3 == 0 { "Documentary" } else { "Film" };
        let imdb = if broken {
            "nm1".to_owned()
        } else {
            format!("tt{i:07}")
        };
        // A broken credit repeats the previous one's key.
        let (work, who) = if broken {
            (node("film", i - 1), node("person", i - 1))
        } else {
            (film.clone(), person.clone())
        };
        facts.extend([
            (&person, rdf::TYPE.into_owned(), studio("Person").into()),
            (
                &person,
                studio("personId"),
                typed(i.to_string(), xsd::INTEGER).into(),
            ),
            (&person, studio("name"), text(format!("Person {i}"))),
            (
                &person,
                studio("birthDate"),
                typed("1941-01-05", xsd::DATE).into(),
            ),
            (&film, rdf::TYPE.into_owned(), studio(kind).into()),
            (&film, studio("workId"), text(format!("F{i}"))),
            (&film, studio("title"), text(format!("Film {i}"))),
            (&film, studio("producedBy"), studio_node.clone().into()),
            (
                &film,
                studio("createdAt"),
                typed("2024-01-01T00:00:00Z", xsd::DATE_TIME).into(),
            ),
            (&film, studio("isColor"), typed("true", xsd::BOOLEAN).into()),
            (
                &film,
                studio("ageRating"),
                typed(if broken { "200" } else { "12" }, xsd::INTEGER).into(),
            ),
            (&film, studio("score"), typed("7.5", xsd::DECIMAL).into()),
            (
                &film,
                studio("budget"),
                typed("1000000.00", xsd::DECIMAL).into(),
            ),
            (
                &film,
                studio("genres"),
                studio(if broken { "Horror" } else { "Drama" }).into(),
            ),
            (&film, studio("imdbId"), text(imdb)),
            (
                &film,
                studio("runtime"),
                typed("PT1H30M", xsd::DURATION).into(),
            ),
            (&credit, rdf::TYPE.into_owned(), studio("Credit").into()),
            (&credit, studio("work"), work.into()),
            (&credit, studio("person"), who.into()),
            (&credit, studio("role"), studio("Director").into()),
            (&credit, studio("order"), typed("1", xsd::INTEGER).into()),
        ]);
        for (s, p, o) in facts {
            graph.insert(&Triple::new(s.clone(), p, o));
        }
        i += 1;
    }
    graph
}

fn bench(c: &mut Criterion) {
    let loaded = uda_testkit::load_examples();
    let view = loaded
        .models
        .view(&uda_testkit::example_iri("studio"))
        .expect("studio is an example");
    let options = ShaclOptions::default();
    let shapes = GoverningShapes::new(&view, &options).expect("studio projects");
    let data = data(100_000);
    let report = shapes.validate(&data);
    // Keeps the workload honest: the shapes must find the breaks.
    assert!(
        !report.conforms && report.results.len() > 300,
        "{} results",
        report.results.len()
    );
    println!(
        "data: {} triples, {} results per check",
        data.len(),
        report.results.len()
    );

    c.bench_function("project studio to SHACL", |b| {
        b.iter(|| project(black_box(&view), &options))
    });
    c.bench_function("governing shapes of studio", |b| {
        b.iter(|| GoverningShapes::new(black_box(&view), &options))
    });
    // A third of a second per check: fewer samples keep the run short.
    let mut group = c.benchmark_group("check");
    group.sample_size(20);
    group.bench_function("100k triples against studio", |b| {
        b.iter(|| shapes.validate(black_box(&data)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
