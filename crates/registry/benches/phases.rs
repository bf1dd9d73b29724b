#[path = "../tests/common/mod.rs"]
mod common;
use common::*;
use std::time::Instant;
use uda_projection::Projector;
use uda_registry::oxigraph::model::dataset::{
    CanonicalizationAlgorithm, CanonicalizationHashAlgorithm,
};
use uda_registry::oxigraph::model::{Dataset, GraphNameRef, QuadRef};
use uda_registry::Registry;

fn main() {
    for n in [100usize, 1000] {
        let text = synthetic("bench", n);
        let t = Instant::now();
        let doc = uda_upper::Document::parse(
            "x".into(),
            text.as_bytes(),
            uda_upper::RdfFormat::Turtle,
            "urn:x",
        )
        .unwrap();
        eprintln!(
            "{n}: parse {:?} ({} triples)",
            t.elapsed(),
            doc.graph().len()
        );
        let t = Instant::now();
        let mut ds = Dataset::new();
        for tr in doc.graph().iter() {
            ds.insert(QuadRef::new(
                tr.subject,
                tr.predicate,
                tr.object,
                GraphNameRef::DefaultGraph,
            ));
        }
        ds.canonicalize(CanonicalizationAlgorithm::Rdfc10 {
            hash_algorithm: CanonicalizationHashAlgorithm::Sha256,
        });
        eprintln!("{n}: canonicalize {:?}", t.elapsed());
        let t = Instant::now();
        let mut loader = uda_upper::Loader::new();
        loader.input_text("x", text.as_bytes(), uda_upper::RdfFormat::Turtle);
        let loaded = loader.load();
        eprintln!("{n}: load {:?}", t.elapsed());
        let view = loaded.models.view("https://example.org/bench").unwrap();
        let t = Instant::now();
        let out = TestProjector.project(&view).unwrap();
        eprintln!(
            "{n}: project {:?} ({} triples)",
            t.elapsed(),
            out.container.len()
        );
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::open(dir.path()).unwrap();
        let t = Instant::now();
        r.register(&source("bench", &text), &projectors(), &options())
            .unwrap();
        eprintln!("{n}: register {:?}", t.elapsed());
        let t = Instant::now();
        r.register(
            &source("bench", &synthetic_version("bench", n, 2)),
            &projectors(),
            &options(),
        )
        .unwrap();
        eprintln!("{n}: register v2 {:?}", t.elapsed());
    }
    let dir = tempfile::tempdir().unwrap();
    let r = Registry::open(dir.path()).unwrap();
    let t = Instant::now();
    for i in 0..1000 {
        let name = format!("q{i}");
        r.register(
            &source(&name, &synthetic(&name, 3)),
            &projectors(),
            &options(),
        )
        .unwrap();
    }
    eprintln!("1000 small models: {:?}", t.elapsed());
    let sparql = "PREFIX upper: <https://w3id.org/uda/upper#> SELECT ?c (COUNT(?p) AS ?n) WHERE { ?c a upper:DirectClass ; upper:property ?p } GROUP BY ?c";
    for _ in 0..3 {
        let t = Instant::now();
        let Ok(uda_registry::oxigraph::sparql::QueryResults::Solutions(s)) = r.query(sparql) else {
            panic!()
        };
        eprintln!("query: {} rows {:?}", s.count(), t.elapsed());
    }
}
