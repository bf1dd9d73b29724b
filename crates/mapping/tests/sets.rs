//! A file's `map:MappingSet` (what registering it needs), and mappings
//! written in uda's vocabulary and read back: the form the registry stores.

use uda_mapping::{read, read_graph, to_graph};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const SET: &str = "@prefix map: <https://w3id.org/uda/mapping#> .
<https://example.org/mappings> a map:MappingSet ;
    map:domainModel <https://example.org/studio> ;
    map:container <https://example.org/legacy/schema> .
";

#[test]
fn a_set_names_the_model_and_the_container() {
    let mappings = read("set.ttl", &format!("{SET}{}", fixture("clean.ttl"))).expect("read");
    let set = mappings.set.expect("a set");
    assert_eq!(set.iri.iri, "https://example.org/mappings");
    assert_eq!(set.domain_model.iri, "https://example.org/studio");
    assert_eq!(set.container.iri, "https://example.org/legacy/schema");
    assert_eq!(set.container.location.to_string(), "set.ttl:4:19");
    assert!(read("clean.ttl", &fixture("clean.ttl"))
        .expect("read")
        .set
        .is_none());
}

#[test]
fn a_set_without_its_ends_or_a_blank_set_is_an_error() {
    let errors = read(
        "set.ttl",
        "@prefix map: <https://w3id.org/uda/mapping#> .\n<https://example.org/m> a map:MappingSet .\n",
    )
    .expect_err("no ends");
    assert!(errors[0].to_string().contains("set.ttl:2:"), "{errors:?}");
    assert!(errors[0].message.contains("map:domainModel"), "{errors:?}");
    let errors = read(
        "set.ttl",
        "@prefix map: <https://w3id.org/uda/mapping#> .\n[] a map:MappingSet .\n",
    )
    .expect_err("blank");
    assert!(errors[0].message.contains("named by an IRI"), "{errors:?}");
}

#[test]
fn netflix_mappings_are_written_in_uda_vocabulary_and_read_back_the_same() {
    let text = format!("{SET}{}", fixture("netflix.ttl"));
    let mappings = read("netflix.ttl", &text).expect("read");
    let graph = to_graph(&mappings, "sql-postgres");
    let written = graph.to_string();
    assert!(!written.contains(uda_mapping::NETFLIX_MAP_NS), "{written}");
    assert!(written.contains("\"sql-postgres\""), "{written}");
    let back = read_graph("stored", &graph).expect("read back");
    let ends = |m: &uda_mapping::Mappings| {
        m.set
            .as_ref()
            .map(|s| [&s.iri, &s.domain_model, &s.container].map(|r| r.iri.clone()))
    };
    assert_eq!(ends(&back), ends(&mappings));
    let shape = |m: &uda_mapping::Mappings| -> Vec<(String, String, Vec<Vec<String>>)> {
        let mut all: Vec<_> = m
            .mappings
            .iter()
            .map(|m| {
                let mut fields: Vec<Vec<String>> = m
                    .fields
                    .iter()
                    .map(|f| {
                        let mut v = vec![f.field.iri.clone()];
                        v.extend(f.path.iter().map(|s| s.iri.clone()));
                        v
                    })
                    .collect();
                fields.sort();
                (
                    m.data_asset.iri.clone(),
                    m.primary_concept.iri.clone(),
                    fields,
                )
            })
            .collect();
        all.sort();
        all
    };
    assert_eq!(shape(&back), shape(&mappings));
}
