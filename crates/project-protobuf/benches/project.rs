//! Projects the synthetic models of 1,000 and 5,000 classes to Protobuf: a
//! first version, and the next version after the first one's mappings
//! (every number looked up, none given anew). Loading the model and
//! indexing the earlier mappings (the registry holds them as a graph
//! already) are outside the measured part.
//!
//! On Linux the time measured is the CPU time of the projecting thread
//! (`/proc/thread-self/schedstat`), not the wall-clock time: the projection
//! runs on one thread, so on an idle machine the two agree, and on a shared
//! one (the development machine runs several builds at once) only the CPU
//! time says what the projection costs. Elsewhere it is the wall-clock time.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::time::{Duration, Instant};
use uda_project_protobuf::{project, ProtobufOptions};

/// The CPU time the current thread has used, if the system says.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Runs `f` `iterations` times; the CPU time it took, else the wall-clock time.
fn measure(iterations: u64, mut f: impl FnMut()) -> Duration {
    let (cpu, wall) = (thread_cpu_time(), Instant::now());
    for _ in 0..iterations {
        f();
    }
    match (cpu, thread_cpu_time()) {
        (Some(start), Some(end)) => end.saturating_sub(start),
        _ => wall.elapsed(),
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("protobuf");
    group.sample_size(10);
    for classes in [1_000, 5_000] {
        let loaded = uda_testkit::load_synthetic(classes);
        let view = loaded
            .models
            .view("https://example.org/synthetic")
            .expect("the synthetic model");
        let first = project(&view, &ProtobufOptions::default()).expect("projects");
        let earlier = first.mappings.to_graph();
        for (name, earlier) in [("first", None), ("after", Some(&earlier))] {
            let options = ProtobufOptions::after(earlier);
            group.bench_with_input(BenchmarkId::new(name, classes), &view, |b, view| {
                b.iter_custom(|iterations| {
                    measure(iterations, || {
                        std::hint::black_box(project(view, &options).expect("projects"));
                    })
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
