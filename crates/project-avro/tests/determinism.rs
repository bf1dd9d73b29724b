//! The projection is deterministic: the example models with their triples
//! shuffled and their blank nodes renamed give byte-identical output.

mod common;

use uda_project_avro::{project, to_json_array, AvroOptions, AVRO_NS};
use uda_projection::{write_turtle, Output};
use uda_upper::{Loader, RdfFormat};

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
                uda_testkit::shuffled_example(name, seed),
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
