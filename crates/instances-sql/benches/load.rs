//! Synthetic data of 103,000 triples (100 classes) from RDF into SQLite and
//! PostgreSQL, in triples per second: the conversion to rows alone, then
//! rows and load together (a fresh database each time, its DDL run in the
//! load's transaction). PostgreSQL is the server `scripts/pg.sh` starts (or
//! `UDA_TEST_PG`); without one its benchmark is left out, said on stderr.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use oxrdf::Graph;
use uda_instances::sql::{to_rows, SqlPlan};
use uda_instances::Mapped;
use uda_instances_sql::{load_postgres, load_sqlite};
use uda_project_sql::Dialect;
use uda_targets::Target;

fn load(c: &mut Criterion) {
    let loaded = uda_testkit::load_synthetic(100);
    let view = loaded
        .models
        .view("https://example.org/synthetic")
        .expect("model");
    let text = uda_testkit::synthetic_data(100, 100);
    let data: Graph = oxttl::TurtleParser::new()
        .for_slice(text.as_bytes())
        .map(|t| t.expect("synthetic data parses"))
        .collect();

    let mut group = c.benchmark_group("rdf-to-sql");
    group.sample_size(10);
    group.throughput(Throughput::Elements(data.len() as u64));

    let sqlite = Target::Sql(Dialect::Sqlite)
        .project(&view)
        .expect("projects");
    let plan = SqlPlan::new(&view, &Mapped::new([&sqlite])).expect("plan");
    group.bench_function("rows", |b| {
        b.iter(|| to_rows(&view, &plan, &data).expect("rows"))
    });
    let ddl = vec![sqlite.files[0].text.clone()];
    group.bench_function("sqlite", |b| {
        b.iter(|| {
            let mut conn = rusqlite::Connection::open_in_memory().expect("sqlite");
            let rows = to_rows(&view, &plan, &data).expect("rows");
            load_sqlite(&mut conn, &plan, &ddl, &rows).expect("loads");
        })
    });

    let postgres = Target::Sql(Dialect::Postgres)
        .project(&view)
        .expect("projects");
    let plan = SqlPlan::new(&view, &Mapped::new([&postgres])).expect("plan");
    let ddl = vec![postgres.files[0].text.clone()];
    let conn = std::env::var("UDA_TEST_PG")
        .unwrap_or_else(|_| "host=127.0.0.1 port=55432 user=postgres".into());
    match postgres::Client::connect(&format!("{conn} dbname=postgres"), postgres::NoTls) {
        Ok(mut client) => {
            let name = format!("uda_bench_{}", std::process::id());
            group.bench_function("postgres", |b| {
                b.iter(|| {
                    client
                        .batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}; SET search_path = {name}"))
                        .expect("a fresh schema");
                    let rows = to_rows(&view, &plan, &data).expect("rows");
                    load_postgres(&mut client, None, &plan, &ddl, &rows).expect("loads");
                })
            });
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"));
        }
        Err(e) => {
            eprintln!("PostgreSQL is not reachable with `{conn}` ({e}): its benchmark is left out")
        }
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
