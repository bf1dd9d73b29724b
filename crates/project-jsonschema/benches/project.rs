//! Projects synthetic models of 1,000 and 5,000 classes to JSON Schema, open
//! and closed. Loading and validating the model is outside the measured part.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use uda_project_jsonschema::{project, JsonSchemaOptions};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("jsonschema");
    group.sample_size(10);
    for classes in [1_000, 5_000] {
        let loaded = uda_testkit::load_synthetic(classes);
        let view = loaded
            .models
            .view("https://example.org/synthetic")
            .expect("the synthetic model");
        for closed in [false, true] {
            let options = JsonSchemaOptions::default().with_closed(closed);
            let name = if closed { "closed" } else { "open" };
            group.bench_with_input(BenchmarkId::new(name, classes), &view, |b, view| {
                b.iter(|| project(view, &options).expect("projects"))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
