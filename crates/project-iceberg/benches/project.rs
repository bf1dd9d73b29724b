//! Projects the synthetic models of 1,000 and 5,000 classes to Iceberg, as
//! a first version and as the version after itself (every id kept from the
//! earlier mappings). Loading and validating the model is outside the
//! measured part.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use uda_project_iceberg::{project, IcebergOptions};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("iceberg");
    group.sample_size(10);
    for classes in [1_000, 5_000] {
        let loaded = uda_testkit::load_synthetic(classes);
        let view = loaded
            .models
            .view("https://example.org/synthetic")
            .expect("the synthetic model");
        let first = project(&view, &IcebergOptions::default()).expect("projects");
        let earlier = first.mappings.to_graph();
        group.bench_with_input(BenchmarkId::new("first", classes), &view, |b, view| {
            b.iter(|| project(view, &IcebergOptions::default()).expect("projects"))
        });
        group.bench_with_input(BenchmarkId::new("after", classes), &view, |b, view| {
            b.iter(|| project(view, &IcebergOptions::after(Some(&earlier))).expect("projects"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
