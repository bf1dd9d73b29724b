//! Loads synthetic models of 100, 1,000 and 5,000 classes: parsing, building
//! the typed model and validating it against Upper (what `uda validate` does
//! after reading the file), and, apart, parsing alone (the floor).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use uda_upper::{Document, Loader, RdfFormat};

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for classes in [100, 1_000, 5_000] {
        let text = uda_testkit::synthetic_model(classes);
        group.bench_with_input(BenchmarkId::new("parse", classes), &text, |b, text| {
            b.iter(|| {
                Document::parse(
                    "synthetic.ttl".into(),
                    text.as_bytes(),
                    RdfFormat::Turtle,
                    "file:///synthetic.ttl",
                )
                .expect("parses")
            })
        });
        group.bench_with_input(BenchmarkId::new("validate", classes), &text, |b, text| {
            b.iter(|| {
                let mut loader = Loader::new();
                loader.input_text("synthetic.ttl", text.as_bytes(), RdfFormat::Turtle);
                let loaded = loader.load();
                assert!(!loaded.has_errors(), "{}", loaded.render());
                loaded
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
