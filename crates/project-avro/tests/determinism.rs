//! The projection is deterministic: the example models with their triples
//! shuffled and their blank nodes renamed give byte-identical output.

mod common;

use oxrdf::{BlankNode, NamedOrBlankNode, Term, Triple};
use oxttl::TurtleParser;
use std::collections::HashMap;
use uda_project_avro::{project, to_json_array, AvroOptions, AVRO_NS};
use uda_projection::{write_turtle, Output};
use uda_upper::{Loader, RdfFormat};

/// A fixed-seed xorshift generator: the test needs reproducible shuffles, not good randomness.
struct Shuffler(u64);

impl Shuffler {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// The example `name` as N-Triples, shuffled, blank nodes renamed.
fn shuffled(name: &str, seed: u64) -> String {
    let path = uda_testkit::examples_dir().join(format!("{name}.ttl"));
    let text = std::fs::read_to_string(&path).expect("example file");
    let mut triples: Vec<Triple> = TurtleParser::new()
        .for_slice(text.as_bytes())
        .collect::<Result<_, _>>()
        .expect("valid Turtle");
    let mut shuffler = Shuffler(seed);
    shuffler.shuffle(&mut triples);
    let mut renamed: HashMap<BlankNode, BlankNode> = HashMap::new();
    let mut rename = |b: &BlankNode| {
        let next = renamed.len();
        renamed
            .entry(b.clone())
            .or_insert_with(|| BlankNode::new_unchecked(format!("r{seed}x{next}")))
            .clone()
    };
    let mut out = String::new();
    for t in triples {
        let subject = match &t.subject {
            NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::BlankNode(rename(b)),
            other => other.clone(),
        };
        let object = match &t.object {
            Term::BlankNode(b) => Term::BlankNode(rename(b)),
            other => other.clone(),
        };
        out.push_str(&format!(
            "{} .\n",
            Triple::new(subject, t.predicate.clone(), object)
        ));
    }
    out
}

/// Everything a projection writes, as text.
fn texts(output: &Output) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = output
        .files
        .iter()
        .map(|f| (f.name.clone(), f.text.clone()))
        .collect();
    all.push(("array".into(), to_json_array([output])));
    all.push((
        "container".into(),
        write_turtle(&output.container, &[("avro", AVRO_NS)]),
    ));
    all.push((
        "mappings".into(),
        write_turtle(&output.mappings, &[("avro", AVRO_NS)]),
    ));
    all
}

#[test]
fn shuffled_triples_give_byte_identical_output() {
    for seed in [0x9e37_79b9_7f4a_7c15, 0x2545_f491_4f6c_dd1d] {
        let mut loader = Loader::new();
        for name in common::DOMAINS {
            loader.input_text(
                &format!("{name}.nt"),
                shuffled(name, seed),
                RdfFormat::NTriples,
            );
        }
        let loaded = loader.load();
        assert!(!loaded.has_errors(), "{}", loaded.render());
        for domain in common::DOMAINS {
            let view = loaded
                .models
                .view(&uda_testkit::example_iri(domain))
                .expect("model");
            let output = project(&view, &AvroOptions::default()).expect("projects");
            let expected = texts(&common::example(domain));
            let actual = texts(&output);
            assert_eq!(actual.len(), expected.len(), "{domain}");
            for ((name, a), (_, e)) in actual.iter().zip(&expected) {
                assert_eq!(a, e, "{domain}/{name} differs with seed {seed:#x}");
            }
        }
    }
}

#[test]
fn projecting_twice_gives_the_same_text() {
    for domain in common::DOMAINS {
        assert_eq!(
            texts(&common::example(domain)),
            texts(&common::example(domain)),
            "{domain}"
        );
    }
}
