//! RDF to the rows of every example model's SQL projection and back, in
//! memory: the graph read back is the normal form of the data.

use std::path::Path;

use oxrdf::Graph;
use uda_instances::sql::{from_rows, to_rows, SqlPlan};
use uda_instances::{isomorphic, normalize, Mapped};
use uda_project_sql::Dialect;
use uda_targets::Target;
use uda_upper::Loaded;

const BASE: &str = "https://example.org/id/";

pub fn read_data(files: &[&str]) -> Graph {
    let mut graph = Graph::new();
    for f in files {
        let path = uda_testkit::examples_dir().join("data").join(f);
        let text = std::fs::read(&path).expect("data file");
        for t in oxttl::TurtleParser::new().for_slice(&text) {
            graph.insert(&t.expect("data parses"));
        }
    }
    graph
}

pub fn plan(loaded: &Loaded, domain: &str, dialect: Dialect) -> SqlPlan {
    let view = loaded
        .models
        .view(&uda_testkit::example_iri(domain))
        .expect("model");
    let outputs: Vec<_> = view
        .models()
        .iter()
        .map(|m| {
            let v = loaded.models.view(&m.iri).expect("import");
            Target::Sql(dialect).project(&v).expect("projects")
        })
        .collect();
    SqlPlan::new(&view, &Mapped::new(&outputs)).expect("plan")
}

#[test]
fn every_example_round_trips_through_rows() {
    let loaded = uda_testkit::load_examples();
    for (domain, files) in [
        ("studio", &["studio.ttl"][..]),
        ("onepiece", &["onepiece.ttl"]),
        ("marketing", &["studio.ttl", "marketing.ttl"]),
    ] {
        for dialect in Dialect::ALL {
            let view = loaded
                .models
                .view(&uda_testkit::example_iri(domain))
                .expect("model");
            let plan = plan(&loaded, domain, dialect);
            let data = read_data(files);
            let rows = to_rows(&view, &plan, &data).expect("rows");
            assert!(rows.iter().any(|t| !t.is_empty()), "{domain}: no rows");
            let back = from_rows(&view, &plan, &rows, BASE).expect("graph");
            let expected = normalize(&view, &data, BASE).expect("normal form");
            assert!(
                isomorphic(&back, &expected),
                "{domain} {dialect}: the round trip differs\nexpected:\n{}\ngot:\n{}",
                sorted(&expected),
                sorted(&back)
            );
            // The normal form is a fixed point.
            assert!(isomorphic(
                &normalize(&view, &back, BASE).expect("normal"),
                &back
            ));
        }
    }
    let _ = Path::new(".");
}

fn sorted(g: &Graph) -> String {
    let mut lines: Vec<String> = g.iter().map(|t| t.to_string()).collect();
    lines.sort();
    lines.join("\n")
}
