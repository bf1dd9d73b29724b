//! Synthetic data of about 100,000 triples for a 100-class synthetic model
//! (taxonomies, composite keys, references, nested values, enumerations,
//! many-valued attributes) round trips exactly through SQLite: the data is
//! in normal form, so the graph read back is isomorphic to it.

use oxrdf::Graph;
use uda_instances::sql::{from_rows, to_rows, SqlPlan};
use uda_instances::{isomorphic, normalize, Mapped};
use uda_instances_sql::{load_sqlite, read_sqlite};
use uda_project_sql::Dialect;
use uda_targets::Target;
use uda_upper::{Loader, RdfFormat};

const MODEL: &str = "https://example.org/synthetic";
const BASE: &str = "https://example.org/synthetic/id/";

#[test]
fn synthetic_data_of_100_000_triples_round_trips_through_sqlite() {
    let mut loader = Loader::new();
    loader.input_text(
        "synthetic.ttl",
        uda_testkit::synthetic_model(100),
        RdfFormat::Turtle,
    );
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let view = loaded.models.view(MODEL).expect("model");
    let output = Target::Sql(Dialect::Sqlite)
        .project(&view)
        .expect("projects");
    let plan = SqlPlan::new(&view, &Mapped::new([&output])).expect("plan");

    let text = uda_testkit::synthetic_data(100, 100);
    let data: Graph = oxttl::TurtleParser::new()
        .for_slice(text.as_bytes())
        .map(|t| t.expect("synthetic data parses"))
        .collect();
    assert!(data.len() >= 100_000, "{} triples", data.len());
    // Already in normal form: the round trip must give it back as it is.
    assert!(isomorphic(
        &normalize(&view, &data, BASE).expect("normal"),
        &data
    ));

    let rows = to_rows(&view, &plan, &data).expect("rows");
    let mut conn = rusqlite::Connection::open_in_memory().expect("sqlite");
    load_sqlite(&mut conn, &plan, &[output.files[0].text.clone()], &rows).expect("loads");
    let back = from_rows(
        &view,
        &plan,
        &read_sqlite(&conn, &plan).expect("reads"),
        BASE,
    )
    .expect("graph");
    assert!(
        isomorphic(&back, &data),
        "{} triples read back of {}",
        back.len(),
        data.len()
    );
}
