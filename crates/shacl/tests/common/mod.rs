//! Helpers shared by the integration tests: Turtle parsing with the usual
//! prefixes and shorthand for validating two Turtle snippets.

#![allow(dead_code)] // each test file uses a different subset

use oxrdf::Graph;
use oxttl::TurtleParser;
use uda_shacl::{validate, ShapesError, ShapesGraph, ValidationReport};

pub const PREFIXES: &str = "
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix udash: <https://w3id.org/uda/shacl#> .
@prefix ex: <http://example.org/> .
";

pub fn parse(turtle: &str) -> Graph {
    TurtleParser::new()
        .for_slice(format!("{PREFIXES}{turtle}").as_bytes())
        .collect::<Result<Graph, _>>()
        .expect("test Turtle must parse")
}

pub fn shapes(turtle: &str) -> Result<ShapesGraph, ShapesError> {
    ShapesGraph::from_graph(&parse(turtle))
}

pub fn check(shapes_ttl: &str, data_ttl: &str) -> ValidationReport {
    let shapes = shapes(shapes_ttl).expect("test shapes must be well-formed");
    validate(&shapes, &parse(data_ttl))
}

pub fn ex(local: &str) -> String {
    format!("<http://example.org/{local}>")
}
