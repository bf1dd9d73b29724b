//! Imports GitHub's public GraphQL schema (1.2 MB of SDL, about 1,600 types
//! and 6,000 fields): parsing, validation and recording the container
//! graph. Needs the test tools (`npm ci --prefix crates/project-graphql/tests/tools`).

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;
use uda_project_graphql::import;

fn github(c: &mut Criterion) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/tools/node_modules/@octokit/graphql-schema/schema.graphql");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `npm ci --prefix crates/project-graphql/tests/tools`",
            path.display()
        )
    });
    let sources = [(path.display().to_string(), text)];
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("github", |b| {
        b.iter(|| {
            import(&sources, "https://example.org/github/graphql", "github").expect("imports")
        })
    });
    group.finish();
}

criterion_group!(benches, github);
criterion_main!(benches);
