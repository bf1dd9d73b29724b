//! Any bytes, read as Turtle, as a shapes graph (`ShapesGraph::from_graph`)
//! and, when its shapes are accepted, validated against itself as the data
//! graph (as most W3C SHACL tests do), the report written as RDF and Turtle:
//! no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oxrdf::Graph;
use oxttl::TurtleParser;
use uda_shacl::{validate, ShapesGraph};

fuzz_target!(|data: &[u8]| {
    let Ok(graph) = TurtleParser::new()
        .for_slice(data)
        .collect::<Result<Graph, _>>()
    else {
        return;
    };
    let Ok(shapes) = ShapesGraph::from_graph(&graph) else {
        return;
    };
    let report = validate(&shapes, &graph);
    let _ = report.to_graph();
    let _ = report.to_turtle();
});
