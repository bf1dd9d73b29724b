//! The same model, whatever the order of its triples and the labels of its
//! blank nodes, projects to byte-identical text and equal mappings.

use oxrdf::{BlankNode, NamedOrBlankNode, Term, Triple};
use oxttl::{NTriplesSerializer, TurtleParser};
use std::collections::HashMap;
use uda_project_shacl::{project, ShaclOptions};
use uda_upper::{Loaded, Loader, RdfFormat};

const EXAMPLES: [&str; 3] = ["onepiece", "studio", "marketing"];

/// A fixed-seed linear congruential generator: reproducible shuffles.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn shuffled_ntriples(turtle: &[u8], rng: &mut Lcg) -> String {
    let mut triples: Vec<Triple> = TurtleParser::new()
        .for_slice(turtle)
        .collect::<Result<_, _>>()
        .expect("example parses");
    for i in (1..triples.len()).rev() {
        triples.swap(i, rng.below(i + 1));
    }
    let mut renamed: HashMap<BlankNode, BlankNode> = HashMap::new();
    let mut rename = |b: &BlankNode| {
        renamed
            .entry(b.clone())
            .or_insert_with(|| BlankNode::new_unchecked(format!("x{}", rng.below(1 << 30))))
            .clone()
    };
    let mut writer = NTriplesSerializer::new().for_writer(Vec::new());
    for t in triples {
        let subject = match t.subject {
            NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::BlankNode(rename(&b)),
            other => other,
        };
        let object = match t.object {
            Term::BlankNode(b) => Term::BlankNode(rename(&b)),
            other => other,
        };
        writer
            .serialize_triple(&Triple::new(subject, t.predicate, object))
            .expect("in memory");
    }
    String::from_utf8(writer.finish()).expect("UTF-8")
}

fn load(shuffle: Option<u64>) -> Loaded {
    let mut loader = Loader::new();
    for domain in EXAMPLES {
        let path = uda_testkit::examples_dir().join(format!("{domain}.ttl"));
        match shuffle {
            None => {
                loader.input_file(path);
            }
            Some(seed) => {
                let text =
                    shuffled_ntriples(&std::fs::read(&path).expect("example"), &mut Lcg(seed));
                loader.input_text(&format!("{domain}.nt"), text, RdfFormat::NTriples);
            }
        }
    }
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    loaded
}

#[test]
fn shuffled_models_project_to_identical_text_and_mappings() {
    let original = load(None);
    for seed in [1, 42, 2024] {
        let shuffled = load(Some(seed));
        for domain in EXAMPLES {
            let iri = uda_testkit::example_iri(domain);
            for closed in [false, true] {
                let options = ShaclOptions { closed };
                let a = project(&original.models.view(&iri).expect("view"), &options)
                    .expect("projects");
                let b = project(&shuffled.models.view(&iri).expect("view"), &options)
                    .expect("projects");
                assert_eq!(a.files, b.files, "{domain}, seed {seed}");
                assert_eq!(a.mappings, b.mappings, "{domain}, seed {seed}");
                assert_eq!(a.container, b.container, "{domain}, seed {seed}");
            }
        }
    }
}
