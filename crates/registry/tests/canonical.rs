//! Content hashes: stable across uda versions for the models people have,
//! and bounded in the work they take on hostile input.

mod common;

use common::*;
use oxigraph::model::dataset::{CanonicalizationAlgorithm, CanonicalizationHashAlgorithm};
use oxigraph::model::{Dataset, Graph, GraphNameRef, QuadRef};
use sha2::{Digest, Sha256};
use uda_registry::{oxigraph, Registry, Rejection};

/// The registry after registering the examples and a synthetic model.
fn registered_examples() -> Registry {
    let r = Registry::in_memory().expect("registry");
    for name in ["studio", "marketing", "onepiece"] {
        register(&r, name, &example(name));
    }
    register(&r, "synthetic25", &synthetic("synthetic25", 25));
    r
}

/// The hash as uda computed it before canonicalization was bounded: with
/// oxigraph's RDFC-1.0, over the sorted canonical N-Quads lines.
fn reference_hash(graph: &Graph) -> String {
    let mut dataset = Dataset::new();
    for t in graph {
        dataset.insert(QuadRef::new(
            t.subject,
            t.predicate,
            t.object,
            GraphNameRef::DefaultGraph,
        ));
    }
    dataset.canonicalize(CanonicalizationAlgorithm::Rdfc10 {
        hash_algorithm: CanonicalizationHashAlgorithm::Sha256,
    });
    let mut lines: Vec<String> = dataset.iter().map(|q| format!("{q} .\n")).collect();
    lines.sort_unstable();
    let digest = Sha256::digest(lines.concat().as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

#[test]
fn every_graph_hashes_as_before() {
    let r = registered_examples();
    let versions: Vec<_> = r
        .catalog()
        .expect("catalog")
        .into_iter()
        .filter(|e| e.version_of.is_some())
        .collect();
    // System models, the examples, their projections.
    assert!(versions.len() > 15, "{versions:?}");
    for e in versions {
        let graph = r.graph(&e.graph).expect("graph");
        assert_eq!(e.hash, Some(reference_hash(&graph)), "<{}>", e.graph);
    }
}

#[test]
fn the_example_models_keep_their_hashes() {
    let r = registered_examples();
    for (model, hash) in RECORDED {
        let versions = r.versions(model).expect("versions");
        assert_eq!(versions[0].hash, *hash, "{model}");
    }
}

/// Recorded with the RDFC-1.0 implementation of oxigraph 0.5, before uda
/// bounded canonicalization (re-record only when an example file changes).
const RECORDED: &[(&str, &str)] = &[
    (
        "https://example.org/studio",
        "sha256:01f314b635274411f8c748f8fc6b994f72bb76974b78fc3821b74589e368865c",
    ),
    (
        "https://example.org/marketing",
        "sha256:e8f3196391ac6e2fd82cbfe4254c7039db2c4857cf84321f1e68fd4e0441a85d",
    ),
    (
        "https://example.org/onepiece",
        "sha256:9a4d3317fdd1ed311289753f87fb45bc63c44fbfd0f921e6819e1b3504b8e413",
    ),
    (
        "https://example.org/synthetic25",
        "sha256:676f136a8610103c170a6fe11fc52e7ec2087539526c3b730dfbf66fa7bee66e",
    ),
];

/// A complete graph of `n` blank nodes: every node linked to every other,
/// so that only permutations tell them apart.
fn complete_graph(n: usize) -> String {
    let mut text = String::new();
    for a in 0..n {
        for b in 0..n {
            if a != b {
                text.push_str(&format!(
                    "_:k{a} <https://example.org/studio#knows> _:k{b} .\n"
                ));
            }
        }
    }
    text
}

#[test]
fn symmetric_blank_nodes_are_refused_within_a_bound() {
    let r = Registry::in_memory().expect("registry");
    let before = snapshot(&r);
    let text = format!("{}\n{}", example("studio"), complete_graph(14));
    let refused = rejection(r.register(&source("studio", &text), &projectors(), &options()));
    let Rejection::CanonicalizationLimit { model, limit } = &refused else {
        panic!("{refused}")
    };
    assert_eq!(model, "https://example.org/studio");
    assert!(limit.contains("permutes at most"), "{limit}");
    assert!(
        refused.to_string().contains("https://example.org/studio"),
        "{refused}"
    );
    assert_eq!(snapshot(&r), before);
}
