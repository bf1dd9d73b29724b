//! The same models, with their triples in another order and their blank
//! nodes renamed, project to byte-identical schemas and graphs.

mod common;

use oxrdf::{BlankNode, NamedOrBlankNode, Term, Triple};
use oxttl::TurtleParser;
use std::collections::HashMap;
use uda_project_graphql::{project, GraphqlOptions};
use uda_projection::write_turtle;
use uda_upper::{Loader, RdfFormat};

/// A small fixed-seed generator (64-bit LCG): the shuffle is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// The Turtle `text` as N-Triples, shuffled, with fresh blank node names.
fn shuffled(text: &str, rng: &mut Lcg) -> String {
    let mut triples: Vec<Triple> = TurtleParser::new()
        .for_slice(text)
        .collect::<Result<_, _>>()
        .expect("the example parses");
    let mut renamed: HashMap<BlankNode, BlankNode> = HashMap::new();
    let mut fresh = |b: BlankNode| {
        let n = renamed.len();
        renamed
            .entry(b)
            .or_insert_with(|| BlankNode::new_unchecked(format!("renamed{n}")))
            .clone()
    };
    for t in &mut triples {
        if let NamedOrBlankNode::BlankNode(b) = &t.subject {
            t.subject = fresh(b.clone()).into();
        }
        if let Term::BlankNode(b) = &t.object {
            t.object = fresh(b.clone()).into();
        }
    }
    for i in (1..triples.len()).rev() {
        triples.swap(i, rng.below(i + 1));
    }
    triples.iter().map(|t| format!("{t} .\n")).collect()
}

#[test]
fn shuffled_models_give_identical_output() {
    let original = uda_testkit::load_examples();
    let mut rng = Lcg(0x5eed);
    let mut loader = Loader::new();
    for domain in ["onepiece", "studio", "marketing"] {
        let text =
            std::fs::read_to_string(uda_testkit::examples_dir().join(format!("{domain}.ttl")))
                .expect("example");
        loader.input_text(
            &format!("{domain}.nt"),
            shuffled(&text, &mut rng),
            RdfFormat::NTriples,
        );
    }
    let reordered = loader.load();
    assert!(!reordered.has_errors(), "{}", reordered.render());
    for domain in ["onepiece", "studio", "marketing"] {
        let iri = uda_testkit::example_iri(domain);
        for federation in [false, true] {
            let options = GraphqlOptions { federation };
            let a =
                project(&original.models.view(&iri).expect("model"), &options).expect("projects");
            let b =
                project(&reordered.models.view(&iri).expect("model"), &options).expect("projects");
            assert_eq!(a.files, b.files, "{domain} (federation: {federation})");
            assert_eq!(
                write_turtle(&a.container, &[]),
                write_turtle(&b.container, &[]),
                "{domain} container"
            );
            assert_eq!(
                write_turtle(&a.mappings, &[]),
                write_turtle(&b.mappings, &[]),
                "{domain} mappings"
            );
        }
    }
}
