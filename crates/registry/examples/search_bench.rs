//! Search latency over many registered models (`bench/search` runs it).
//!
//! Registers MODELS generated models of CLASSES classes each into a fresh
//! data directory (the first PROJECTED with every target's projection, the
//! rest without projections, which the search index does not cover and which
//! make registration ~50 times slower), each with its own words: class and
//! property names are pairs of pseudo-words drawn from a vocabulary of about
//! 8,000, with labels and descriptions, so that a word has hundreds of
//! postings rather than one per model. Then runs QUERIES single-word searches
//! (words drawn from the models, a quarter of them with a typo, a quarter
//! cut to a prefix) and prints the latency percentiles.
//!
//!   search_bench [MODELS [CLASSES [QUERIES [PROJECTED]]]]   (default 1000 100 2000 10)

use std::time::{Duration, Instant};
use uda_registry::{ModelSource, RegisterOptions, Registry, SearchOptions};
use uda_testkit::Xorshift;

const SYLLABLES: [&str; 20] = [
    "ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "ga", "vi", "zu", "ba", "fe", "ho", "ju",
    "ke", "ma", "no", "pe",
];

fn word(rng: &mut Xorshift) -> String {
    (0..3)
        .map(|_| SYLLABLES[(rng.next_u64() % 20) as usize])
        .collect()
}

/// A model of `classes` classes with 10 properties each, named from `rng`.
fn model(n: usize, classes: usize, rng: &mut Xorshift) -> String {
    let mut t = format!(
        "@prefix upper: <https://w3id.org/uda/upper#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\
         @prefix m: <https://example.org/bench{n}#> .\n\
         <https://example.org/bench{n}> a upper:DomainModel ; upper:domain \"bench{n}\" ; upper:label \"Bench {n}\" .\n"
    );
    for c in 0..classes {
        let (a, b) = (word(rng), word(rng));
        let mut props = Vec::new();
        for p in 0..10 {
            let (x, y) = (word(rng), word(rng));
            let name = format!("{x}{}{c}p{p}", capitalized(&y));
            t.push_str(&format!(
                "m:{name} a upper:Attribute ; upper:label \"{x} {y}\" ; upper:description \"The {y} of a {a}.\" ; \
                 upper:datatype xsd:string ; upper:minCount {} ; upper:maxCount 1 .\n",
                u8::from(p == 0)
            ));
            props.push(format!("m:{name}"));
        }
        t.push_str(&format!(
            "m:{}{}{c} a upper:DirectClass ; upper:label \"{a} {b}\" ; upper:description \"A {b} that {a}s.\" ; \
             upper:primaryKey ( {} ) ; upper:property {} .\n",
            capitalized(&a),
            capitalized(&b),
            props[0],
            props.join(" , ")
        ));
    }
    t
}

fn capitalized(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn arg(n: usize, default: usize) -> usize {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (models, classes, queries, projected) =
        (arg(1, 1000), arg(2, 100), arg(3, 2000), arg(4, 10));
    // SEARCH_BENCH_DATA=DIR keeps the data directory, and reuses it when it exists.
    let kept = std::env::var_os("SEARCH_BENCH_DATA").map(std::path::PathBuf::from);
    let reuse = kept.as_ref().is_some_and(Registry::exists);
    let temporary = tempfile::tempdir()?;
    let dir = kept.unwrap_or_else(|| temporary.path().to_owned());
    let registry = Registry::open(&dir)?;
    let all = uda_targets::projectors();
    let mut rng = Xorshift::new(7);
    let started = Instant::now();
    for n in (0..models).filter(|_| !reuse) {
        let text = model(n, classes, &mut rng);
        let projectors = if n < projected { &all[..] } else { &[] };
        registry.register(
            &ModelSource::turtle(format!("bench{n}.ttl"), text),
            projectors,
            &RegisterOptions::default(),
        )?;
        if (n + 1) % 100 == 0 {
            eprintln!("{} models registered, {:.0?}", n + 1, started.elapsed());
        }
    }
    eprintln!(
        "registered {models} models of {classes} classes in {:.1?}",
        started.elapsed()
    );

    let mut words_rng = Xorshift::new(11);
    let mut times: Vec<Duration> = Vec::with_capacity(queries);
    let mut hits = 0;
    // The first search reads the vocabulary: time it on its own.
    let first = Instant::now();
    registry.search("kalomi", &SearchOptions::default())?;
    let first = first.elapsed();
    let mut by_kind = [Duration::ZERO; 4];
    for q in 0..queries {
        let mut w = word(&mut words_rng);
        match q % 4 {
            // A typo (one letter changed: one edit), or a prefix.
            1 => w.replace_range(1..2, "x"),
            2 => w.truncate(4),
            _ => {}
        }
        let t = Instant::now();
        hits += registry.search(&w, &SearchOptions::default())?.len();
        times.push(t.elapsed());
        by_kind[q % 4] += t.elapsed();
    }
    let per = |d: Duration| d / (queries as u32 / 4).max(1);
    eprintln!(
        "mean: words {:.2?}, typos {:.2?}, prefixes {:.2?}",
        per(by_kind[0] + by_kind[3]) / 2,
        per(by_kind[1]),
        per(by_kind[2])
    );
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "{queries} single-word searches over {models} models of {classes} classes ({} quads): \
         p50 {:.2?}, p90 {:.2?}, p99 {:.2?}, max {:.2?}; {:.1} hits per search; first search {:.2?}",
        registry.quad_count()?,
        at(0.50),
        at(0.90),
        at(0.99),
        times.last().copied().unwrap_or_default(),
        hits as f64 / queries as f64,
        first
    );
    Ok(())
}
