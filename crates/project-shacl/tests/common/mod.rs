//! Helpers shared by the integration tests: loading models (the examples,
//! or small models written inline), the graph a model was read from, and
//! reading validation reports as (focus node, constraint component) pairs.

#![allow(dead_code)] // each test file uses a different subset

use std::collections::BTreeSet;

use oxrdf::Graph;
use oxttl::TurtleParser;
use uda_project_shacl::{merge, GoverningShapes, ShaclOptions};
use uda_shacl::ValidationReport;
use uda_upper::{Loaded, Loader, RdfFormat};

pub const UPPER: &str = "https://w3id.org/uda/upper";
pub const MAPPING: &str = "https://w3id.org/uda/mapping";
pub const SHACL_MODEL: &str = "https://w3id.org/uda/shacl";

pub const PREFIXES: &str = "
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix upper: <https://w3id.org/uda/upper#> .
@prefix map: <https://w3id.org/uda/mapping#> .
@prefix onepiece: <https://example.org/onepiece#> .
@prefix studio: <https://example.org/studio#> .
@prefix marketing: <https://example.org/marketing#> .
@prefix t: <https://example.org/t#> .
@prefix ex: <https://example.org/data/> .
";

/// Parses Turtle written with [`PREFIXES`].
pub fn turtle(text: &str) -> Graph {
    TurtleParser::new()
        .for_slice(format!("{PREFIXES}{text}").as_bytes())
        .collect::<Result<Graph, _>>()
        .expect("test Turtle parses")
}

/// The example models, with the mapping model and the SHACL system model.
pub fn load_all() -> Loaded {
    let root = uda_testkit::repo_dir().join("ontologies");
    let mut loader = Loader::new();
    for file in [
        "examples/onepiece.ttl",
        "examples/studio.ttl",
        "examples/marketing.ttl",
        "mapping.ttl",
        "shacl.ttl",
    ] {
        loader.input_file(root.join(file));
    }
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    loaded
}

/// A model written inline (with [`PREFIXES`]); the examples resolve its imports.
pub fn load_inline(text: &str) -> Loaded {
    let mut loader = Loader::new();
    loader.input_text("inline.ttl", format!("{PREFIXES}{text}"), RdfFormat::Turtle);
    loader
        .library_dir(&uda_testkit::examples_dir())
        .expect("examples directory");
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    loaded
}

/// A small model `t:` with the given terms, written inline.
pub fn load_t(terms: &str) -> Loaded {
    load_inline(&format!(
        "<https://example.org/t> a upper:DomainModel ; upper:domain \"t\" ; upper:imports <https://example.org/studio> .\n{terms}"
    ))
}

/// The governing shapes of model `iri` in `loaded`.
pub fn governing(loaded: &Loaded, iri: &str, closed: bool) -> GoverningShapes {
    let view = loaded.models.view(iri).expect("model is loaded");
    GoverningShapes::new(&view, &ShaclOptions { closed }).expect("shapes")
}

/// The graph of model `iri` and of every model it imports, as read.
pub fn model_graph(loaded: &Loaded, iri: &str) -> Graph {
    let iris = std::iter::once(iri.to_owned()).chain(loaded.models.import_closure(iri));
    let graphs: Vec<Graph> = iris
        .map(|i| {
            let model = loaded.models.get(&i).expect("imported model is loaded");
            loaded
                .document(&model.location.file)
                .expect("document")
                .graph()
                .clone()
        })
        .collect();
    merge(&graphs)
}

/// `(focus node, local name of the constraint component)` of every result,
/// with IRIs compacted to `prefix:local` for the prefixes of [`PREFIXES`].
pub fn results(report: &ValidationReport) -> BTreeSet<(String, String)> {
    report
        .results
        .iter()
        .map(|r| {
            let component = r.source_constraint_component.as_str();
            let component = component.rsplit(['#', '/']).next().unwrap_or(component);
            (
                compact(&r.focus_node.to_string()),
                component.trim_end_matches("ConstraintComponent").to_owned(),
            )
        })
        .collect()
}

/// The same pairs, as written in a test: `[("ex:a", "MinCount"), ...]`.
pub fn pairs(expected: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    expected
        .iter()
        .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
        .collect()
}

pub fn compact(term: &str) -> String {
    for line in PREFIXES.lines().filter(|l| l.starts_with("@prefix")) {
        let mut parts = line.split_whitespace().skip(1);
        let (Some(prefix), Some(ns)) = (parts.next(), parts.next()) else {
            continue;
        };
        let ns = ns.trim_start_matches('<').trim_end_matches('>');
        if let Some(local) = term
            .strip_prefix('<')
            .and_then(|t| t.strip_suffix('>'))
            .and_then(|t| t.strip_prefix(ns))
        {
            return format!("{prefix}{local}");
        }
    }
    term.to_owned()
}

/// Validates Turtle data (with [`PREFIXES`]) against `shapes`.
pub fn check(shapes: &GoverningShapes, data: &str) -> BTreeSet<(String, String)> {
    let report = shapes.validate(&turtle(data));
    assert_eq!(report.conforms, report.results.is_empty());
    results(&report)
}
