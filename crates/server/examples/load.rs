//! Load client for a running `uda serve` (see `bench/load`): concurrent registrations of
//! distinct synthetic models over GraphQL and SPARQL queries, with throughput and latency
//! percentiles per kind of request.
//!
//! `load URL [--threads N] [--registrations N] [--queries N] [--classes N] [--token T]`
//!
//! Two phases: *mixed* (half the threads register, the others query for as long as the
//! registrations last), then *queries* (every thread queries, over everything registered).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

struct Options {
    url: String,
    threads: usize,
    registrations: usize,
    queries: usize,
    classes: usize,
    token: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        url: String::new(),
        threads: 8,
        registrations: 100,
        queries: 2000,
        classes: 10,
        token: std::env::var("UDA_TOKEN").ok(),
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let number = |v: String, name: &str| {
            v.parse::<usize>()
                .map_err(|_| format!("{name}: `{v}` is not a number"))
        };
        match arg.as_str() {
            "--threads" => o.threads = number(value("--threads")?, "--threads")?.max(1),
            "--registrations" => o.registrations = number(value(&arg)?, &arg)?,
            "--queries" => o.queries = number(value(&arg)?, &arg)?,
            "--classes" => o.classes = number(value(&arg)?, &arg)?.max(1),
            "--token" => o.token = Some(value(&arg)?),
            url if o.url.is_empty() && !url.starts_with("--") => {
                o.url = url.trim_end_matches('/').to_owned()
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    if o.url.is_empty() {
        return Err("usage: load URL [--threads N] [--registrations N] [--queries N] [--classes N] [--token T]".into());
    }
    Ok(o)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Registration,
    Query,
}

/// The queries, in turn: a catalog listing, a per-model count, a join over the classes.
const QUERIES: [&str; 3] = [
    "PREFIX upper: <https://w3id.org/uda/upper#> SELECT ?m ?d WHERE { ?m a upper:DomainModel ; upper:domain ?d } ORDER BY ?d",
    "PREFIX cat: <https://w3id.org/uda/catalog#> SELECT ?kind (COUNT(?g) AS ?n) WHERE { ?g cat:kind ?kind } GROUP BY ?kind",
    "PREFIX upper: <https://w3id.org/uda/upper#> SELECT ?c ?p WHERE { ?c a upper:DirectClass ; upper:property ?p } LIMIT 500",
];

/// One request of a kind; `Err` says what went wrong.
fn request(
    agent: &ureq::Agent,
    o: &Options,
    kind: Kind,
    n: usize,
    model: &str,
) -> Result<(), String> {
    let response = match kind {
        Kind::Registration => {
            // Distinct models: the synthetic model under its own IRI and domain name.
            let source = model.replace("synthetic", &format!("load{n}"));
            let body = serde_json::json!({
                "query": "mutation($s: String!) { registerDomainModel(source: $s) { version changed } }",
                "variables": { "s": source },
            });
            let mut r = agent
                .post(format!("{}/graphql", o.url))
                .header("content-type", "application/json");
            if let Some(t) = &o.token {
                r = r.header("authorization", format!("Bearer {t}"));
            }
            r.send(body.to_string())
        }
        Kind::Query => {
            let mut r = agent
                .post(format!("{}/sparql", o.url))
                .header("content-type", "application/sparql-query")
                .header("accept", "application/sparql-results+json");
            if let Some(t) = &o.token {
                r = r.header("authorization", format!("Bearer {t}"));
            }
            r.send(QUERIES[n % QUERIES.len()])
        }
    };
    let mut response = response.map_err(|e| e.to_string())?;
    let status = response.status();
    let body = response
        .body_mut()
        .read_to_string()
        .map_err(|e| e.to_string())?;
    if !status.is_success() {
        return Err(format!("{status}: {body}"));
    }
    if kind == Kind::Registration && body.contains("\"errors\"") {
        return Err(body);
    }
    Ok(())
}

/// Latencies and failures of one kind of request.
#[derive(Default)]
struct Stats {
    latencies: Vec<Duration>,
    errors: Vec<String>,
}

/// Runs `registrations` registrations on `writers` threads and, at the same time, queries on
/// `readers` threads: `queries` of them, or (`None`) as many as fit while the registrations run.
/// Gives the stats per kind and the wall time.
fn run(
    o: &Options,
    writers: usize,
    registrations: usize,
    readers: usize,
    queries: Option<usize>,
    model: &str,
) -> ([Stats; 2], Duration) {
    let next = [AtomicUsize::new(0), AtomicUsize::new(0)];
    let writers_left = AtomicUsize::new(writers);
    let stats = Mutex::new([Stats::default(), Stats::default()]);
    let start = Instant::now();
    let worker = |kind: Kind| {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .new_agent();
        loop {
            let n = next[kind as usize].fetch_add(1, Ordering::Relaxed);
            let more = match (kind, queries) {
                (Kind::Registration, _) => n < registrations,
                (Kind::Query, Some(q)) => n < q,
                (Kind::Query, None) => writers_left.load(Ordering::Relaxed) > 0,
            };
            if !more {
                break;
            }
            let t = Instant::now();
            let outcome = request(&agent, o, kind, n, model);
            let took = t.elapsed();
            let mut stats = stats.lock().unwrap_or_else(|p| p.into_inner());
            let s = &mut stats[kind as usize];
            match outcome {
                Ok(()) => s.latencies.push(took),
                Err(e) => s.errors.push(e),
            }
        }
        if kind == Kind::Registration {
            writers_left.fetch_sub(1, Ordering::Relaxed);
        }
    };
    let worker = &worker;
    std::thread::scope(|scope| {
        for _ in 0..writers {
            scope.spawn(move || worker(Kind::Registration));
        }
        for _ in 0..readers {
            scope.spawn(move || worker(Kind::Query));
        }
    });
    let wall = start.elapsed();
    (stats.into_inner().unwrap_or_else(|p| p.into_inner()), wall)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn report(phase: &str, stats: &mut [Stats; 2], wall: Duration) {
    for (kind, s) in ["registrations", "queries"].iter().zip(stats.iter_mut()) {
        if s.latencies.is_empty() && s.errors.is_empty() {
            continue;
        }
        s.latencies.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{phase:<8} {kind:<14} {:>6} ok {:>4} failed  {:>8.1} req/s  p50 {:>8.1} ms  p99 {:>8.1} ms  max {:>8.1} ms",
            s.latencies.len(),
            s.errors.len(),
            s.latencies.len() as f64 / wall.as_secs_f64(),
            ms(percentile(&s.latencies, 50.0)),
            ms(percentile(&s.latencies, 99.0)),
            ms(s.latencies.last().copied().unwrap_or_default()),
        );
        if let Some(first) = s.errors.first() {
            println!(
                "         first failure: {}",
                first.chars().take(300).collect::<String>()
            );
        }
    }
}

fn main() -> std::process::ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let model = uda_testkit::synthetic_model(o.classes);
    println!(
        "{} threads, {} registrations of {}-class models, then {} queries, against {}",
        o.threads, o.registrations, o.classes, o.queries, o.url
    );

    let writers = (o.threads / 2).max(1);
    let readers = o.threads.saturating_sub(writers).max(1);
    let (mut stats, wall) = run(&o, writers, o.registrations, readers, None, &model);
    report("mixed", &mut stats, wall);
    let mut failed = stats.iter().any(|s| !s.errors.is_empty());

    let (mut stats, wall) = run(&o, 0, 0, o.threads, Some(o.queries), &model);
    report("queries", &mut stats, wall);
    failed |= stats.iter().any(|s| !s.errors.is_empty());

    if failed {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    }
}
