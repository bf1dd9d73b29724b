//! The same model, with its triples in another order and its blank nodes
//! renamed, gives byte-identical DDL, container representation and mappings.

mod common;

use common::{models_dir, option_sets, MODELS};
use oxrdf::{BlankNode, NamedOrBlankNode, Term, Triple};
use oxttl::TurtleParser;
use std::collections::HashMap;
use std::path::PathBuf;
use uda_project_sql::{project, Dialect, SQL_NS};
use uda_projection::write_turtle;
use uda_upper::{Loader, RdfFormat};

fn source(model: &str) -> PathBuf {
    let examples = uda_testkit::examples_dir().join(format!("{model}.ttl"));
    if examples.exists() {
        examples
    } else {
        models_dir().join(format!("{model}.ttl"))
    }
}

/// A fixed-seed linear congruential generator: the shuffle is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % bound as u64) as usize
    }
}

/// The model's triples, shuffled, blank nodes renamed, as N-Triples.
fn shuffled(model: &str, seed: u64) -> String {
    let text = std::fs::read(source(model)).expect("model file");
    let mut triples: Vec<Triple> = TurtleParser::new()
        .for_slice(&text)
        .collect::<Result<_, _>>()
        .expect("valid Turtle");
    let mut rng = Lcg(seed);
    let mut renamed: HashMap<BlankNode, BlankNode> = HashMap::new();
    let mut rename = |b: &BlankNode, rng: &mut Lcg| {
        let fresh = format!("r{}n{}", rng.next(1_000_000), renamed.len());
        renamed
            .entry(b.clone())
            .or_insert_with(|| BlankNode::new(fresh).expect("a blank node id"))
            .clone()
    };
    for t in &mut triples {
        if let NamedOrBlankNode::BlankNode(b) = &t.subject {
            t.subject = rename(b, &mut rng).into();
        }
        if let Term::BlankNode(b) = &t.object {
            t.object = rename(b, &mut rng).into();
        }
    }
    for i in (1..triples.len()).rev() {
        triples.swap(i, rng.next(i + 1));
    }
    triples.iter().map(|t| format!("{t} .\n")).collect()
}

/// Everything one projection produces, as text.
fn all_text(loader: &Loader, model: &str, options: &uda_project_sql::SqlOptions) -> String {
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let view = loaded.models.view(&common::iri(model)).expect("view");
    let out = project(&view, options).expect("projects");
    let mut text = out
        .files
        .iter()
        .map(|f| format!("{}\n{}", f.name, f.text))
        .collect::<String>();
    text.push_str(&write_turtle(&out.container, &[("sql", SQL_NS)]));
    text.push_str(&write_turtle(&out.mappings, &[]));
    text
}

fn loader(shuffled_model: Option<(&str, u64)>) -> Loader {
    let mut loader = Loader::new();
    for m in MODELS {
        match shuffled_model {
            Some((s, seed)) if s == m => {
                loader.input_text(&format!("{m}.nt"), shuffled(m, seed), RdfFormat::NTriples);
            }
            _ => {
                loader.input_file(source(m));
            }
        }
    }
    loader
}

#[test]
fn shuffled_triples_give_identical_output() {
    let original = loader(None);
    for model in MODELS {
        for seed in [1, 2] {
            // Shuffling the model itself, and (for marketing and edge) the studio model it imports.
            let mut shuffles = vec![model];
            if model != "studio" && model != "onepiece" {
                shuffles.push("studio");
            }
            for shuffled_model in shuffles {
                let reordered = loader(Some((shuffled_model, seed)));
                for dialect in Dialect::ALL {
                    for options in option_sets(dialect) {
                        assert_eq!(
                            all_text(&original, model, &options),
                            all_text(&reordered, model, &options),
                            "{model} with {shuffled_model} shuffled (seed {seed}), {options:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_shuffle_changes_the_order() {
    let text = std::fs::read_to_string(source("studio")).expect("studio");
    let a = shuffled("studio", 1);
    let b = shuffled("studio", 2);
    assert_ne!(a, b);
    assert!(a.lines().count() > 100 && text.contains("studio:Work"));
}
