//! Load client for a running `uda serve` (see `bench/load`): registrations of distinct
//! synthetic models over GraphQL and SPARQL queries, at several numbers of concurrent clients,
//! with throughput and latency percentiles per kind of request.
//!
//! `load URL [--clients 1,8,32] [--registrations N] [--queries N] [--classes N] [--token T]`
//!
//! For each number of clients, two phases: *registrations* (every client registers, N in all),
//! then *queries* (every client queries, over everything registered so far, N in all).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

struct Options {
    url: String,
    clients: Vec<usize>,
    registrations: usize,
    queries: usize,
    classes: usize,
    token: Option<String>,
}

const USAGE: &str = "usage: load URL [--clients 1,8,32] [--registrations N] [--queries N] [--classes N] [--token T]";

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        url: String::new(),
        clients: vec![1, 8, 32],
        registrations: 64,
        queries: 640,
        classes: 10,
        token: std::env::var("UDA_TOKEN").ok(),
    };
    let number = |v: &str, name: &str| {
        v.trim()
            .parse::<usize>()
            .map_err(|_| format!("{name}: `{v}` is not a number"))
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--clients" => {
                let list = value(&arg)?;
                o.clients = list
                    .split(',')
                    .map(|n| number(n, "--clients").map(|n| n.max(1)))
                    .collect::<Result<_, _>>()?;
            }
            "--registrations" => o.registrations = number(&value(&arg)?, &arg)?,
            "--queries" => o.queries = number(&value(&arg)?, &arg)?,
            "--classes" => o.classes = number(&value(&arg)?, &arg)?.max(1),
            "--token" => o.token = Some(value(&arg)?),
            url if o.url.is_empty() && !url.starts_with("--") => {
                o.url = url.trim_end_matches('/').to_owned()
            }
            other => return Err(format!("unexpected argument `{other}`\n{USAGE}")),
        }
    }
    if o.url.is_empty() {
        return Err(USAGE.into());
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

/// Runs `total` requests of `kind` on `clients` threads; registrations are numbered from
/// `first` on, so that every one registers a new model. Gives their stats and the wall time.
fn run(
    o: &Options,
    kind: Kind,
    clients: usize,
    total: usize,
    first: usize,
    model: &str,
) -> (Stats, Duration) {
    let next = AtomicUsize::new(0);
    let stats = Mutex::new(Stats::default());
    let start = Instant::now();
    let worker = || {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .new_agent();
        loop {
            let n = next.fetch_add(1, Ordering::Relaxed);
            if n >= total {
                break;
            }
            let t = Instant::now();
            let outcome = request(&agent, o, kind, first + n, model);
            let took = t.elapsed();
            let mut stats = stats.lock().unwrap_or_else(|p| p.into_inner());
            match outcome {
                Ok(()) => stats.latencies.push(took),
                Err(e) => stats.errors.push(e),
            }
        }
    };
    let worker = &worker;
    std::thread::scope(|scope| {
        for _ in 0..clients {
            scope.spawn(worker);
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

fn report(clients: usize, kind: &str, s: &mut Stats, wall: Duration) {
    s.latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{clients:>7}  {kind:<13} {:>6} {:>6}  {:>9.1}  {:>9.1}  {:>9.1}  {:>9.1}",
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
        "{} registrations of {}-class models, then {} SPARQL queries, with each of {:?} clients, against {}",
        o.registrations, o.classes, o.queries, o.clients, o.url
    );
    println!("clients  kind              ok failed      req/s     p50 ms     p99 ms     max ms");
    let mut failed = false;
    let mut registered = 0;
    for &clients in &o.clients {
        let (mut stats, wall) = run(
            &o,
            Kind::Registration,
            clients,
            o.registrations,
            registered,
            &model,
        );
        registered += o.registrations;
        report(clients, "registrations", &mut stats, wall);
        failed |= !stats.errors.is_empty();
        let (mut stats, wall) = run(&o, Kind::Query, clients, o.queries, 0, &model);
        report(clients, "queries", &mut stats, wall);
        failed |= !stats.errors.is_empty();
    }
    if failed {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    }
}
