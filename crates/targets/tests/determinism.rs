//! Every target is deterministic: the example models with their triples
//! shuffled and their blank nodes renamed give byte-identical files,
//! container representations and mappings, also when projected after the
//! mappings of an earlier version (the targets that keep numbers read them).

use uda_projection::{write_turtle, Output};
use uda_targets::Target;
use uda_testkit::{example_iri, load_examples, shuffled_example};
use uda_upper::{Loader, RdfFormat};

const DOMAINS: [&str; 3] = ["onepiece", "studio", "marketing"];

/// Everything a projection writes, as text.
fn texts(output: &Output) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = output
        .files
        .iter()
        .map(|f| (f.name.clone(), f.text.clone()))
        .collect();
    all.push(("container".into(), write_turtle(&output.container, &[])));
    all.push(("mappings".into(), write_turtle(&output.mappings, &[])));
    all
}

#[test]
fn shuffled_triples_give_byte_identical_output_for_every_target() {
    let examples = load_examples();
    for seed in [0x9e37_79b9_7f4a_7c15, 0x2545_f491_4f6c_dd1d] {
        let mut loader = Loader::new();
        for domain in DOMAINS {
            loader.input_text(
                &format!("{domain}.nt"),
                shuffled_example(domain, seed),
                RdfFormat::NTriples,
            );
        }
        let loaded = loader.load();
        assert!(!loaded.has_errors(), "{}", loaded.render());
        for domain in DOMAINS {
            let iri = example_iri(domain);
            let shuffled = loaded.models.view(&iri).expect("the shuffled model");
            let plain = examples.models.view(&iri).expect("the example");
            for target in Target::all() {
                let expected = target.project(&plain).expect("projects");
                // After an earlier version: the example's own mappings.
                let earlier = expected.mappings.to_graph();
                for (after, output) in [
                    (false, target.project(&shuffled)),
                    (true, target.project_after(&shuffled, Some(&earlier))),
                ] {
                    let actual = texts(&output.expect("projects"));
                    let expected = texts(&expected);
                    assert_eq!(actual.len(), expected.len(), "{target} {domain}");
                    for ((name, a), (_, e)) in actual.iter().zip(&expected) {
                        assert_eq!(
                            a, e,
                            "{target} {domain}/{name} differs with seed {seed:#x} (after earlier mappings: {after})"
                        );
                    }
                }
            }
        }
    }
}
