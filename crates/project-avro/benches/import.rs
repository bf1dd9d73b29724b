//! Imports the `.avsc` files of the synthetic models of 100 and 1,000
//! classes (one self-contained file per keyed class, each defining the
//! nested, reference and enum types it uses again). Projecting them is
//! outside the measured part.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use uda_project_avro::{import, project, AvroOptions};

fn import_synthetic(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    for classes in [100, 1_000] {
        let loaded = uda_testkit::load_synthetic(classes);
        let view = loaded
            .models
            .view("https://example.org/synthetic")
            .expect("the synthetic model");
        let output = project(&view, &AvroOptions::default()).expect("projects");
        let sources: Vec<(String, String)> = output
            .files
            .iter()
            .map(|f| (f.name.clone(), f.text.clone()))
            .collect();
        let base = "https://example.org/synthetic/avro";
        group.bench_with_input(BenchmarkId::new("avsc", classes), &sources, |b, sources| {
            b.iter(|| import(sources, base, "org.example.synthetic").expect("imports"))
        });
    }
    group.finish();
}

criterion_group!(benches, import_synthetic);
criterion_main!(benches);
