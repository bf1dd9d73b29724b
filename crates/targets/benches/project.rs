//! Projects synthetic models of 100, 1,000 and 5,000 classes to every target.
//! Loading and validating the model is outside the measured part.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use uda_targets::Target;

fn project(c: &mut Criterion) {
    let mut group = c.benchmark_group("project");
    group.sample_size(10);
    for classes in [100, 1_000, 5_000] {
        let loaded = uda_testkit::load_synthetic(classes);
        let view = loaded
            .models
            .view("https://example.org/synthetic")
            .expect("the synthetic model");
        for target in Target::all() {
            group.bench_with_input(
                BenchmarkId::new(target.to_string(), classes),
                &view,
                |b, view| b.iter(|| target.project(view).expect("projects")),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, project);
criterion_main!(benches);
