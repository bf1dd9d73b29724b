//! Registering a 100-class and a 1,000-class model, and a SPARQL query over a
//! store holding 1,000 registered models.

#[path = "../tests/common/mod.rs"]
mod common;

use common::*;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;
use uda_registry::oxigraph::sparql::QueryResults;
use uda_registry::Registry;

fn register(c: &mut Criterion) {
    let mut group = c.benchmark_group("register");
    group.sample_size(10);
    for classes in [100, 1_000] {
        let text = synthetic("bench", classes);
        // Each iteration registers into a fresh on-disk store, so every
        // registration writes a first version (with its test projection).
        group.bench_function(format!("{classes}_classes"), |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().expect("tempdir");
                    let registry = Registry::open(dir.path()).expect("open");
                    (dir, registry)
                },
                |(dir, registry)| {
                    let r = registry
                        .register(&source("bench", &text), &projectors(), &options())
                        .expect("register");
                    black_box(r);
                    (dir, registry)
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

fn query(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let registry = Registry::open(dir.path()).expect("open");
    for i in 0..1_000 {
        let name = format!("q{i}");
        registry
            .register(
                &source(&name, &synthetic(&name, 3)),
                &projectors(),
                &options(),
            )
            .expect("register");
    }
    let mut group = c.benchmark_group("query_1000_models");
    group.sample_size(10);
    // Every keyed class of every current model with its number of properties.
    let sparql = "PREFIX upper: <https://w3id.org/uda/upper#> SELECT ?c (COUNT(?p) AS ?n) WHERE { ?c a upper:DirectClass ; upper:property ?p } GROUP BY ?c";
    group.bench_function("classes_and_property_counts", |b| {
        b.iter(|| {
            let Ok(QueryResults::Solutions(solutions)) = registry.query(sparql) else {
                panic!("no solutions")
            };
            black_box(solutions.count())
        })
    });
    let lookup =
        "PREFIX upper: <https://w3id.org/uda/upper#> SELECT ?m WHERE { ?m upper:domain \"q500\" }";
    group.bench_function("model_by_domain", |b| {
        b.iter(|| {
            let Ok(QueryResults::Solutions(solutions)) = registry.query(lookup) else {
                panic!("no solutions")
            };
            black_box(solutions.count())
        })
    });
    group.finish();
}

criterion_group!(benches, register, query);
criterion_main!(benches);
