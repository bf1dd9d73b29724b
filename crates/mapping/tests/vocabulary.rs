//! The mapping model (`ontologies/mapping.ttl`) stays a valid Upper model
//! with the classes a hand-written mapping is made of, so a mapping file is
//! an instance of a model like any other.

use uda_upper::Loader;

#[test]
fn the_mapping_model_is_valid_and_declares_the_hand_written_mapping_shape() {
    let dir = uda_testkit::repo_dir().join("ontologies");
    let mut loader = Loader::new();
    loader.input_file(dir.join("mapping.ttl"));
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let view = loaded
        .models
        .view("https://w3id.org/uda/mapping")
        .expect("the mapping model");
    let map = |local: &str| format!("{}{local}", uda_projection::MAP_NS);
    for class in ["Mapping", "FieldMapping", "ConceptMapping"] {
        assert!(view.class(&map(class)).is_some(), "map:{class}");
    }
    for property in [
        "toDataAsset",
        "forPrimaryConcept",
        "fieldMapping",
        "forRelatedConcept",
        "toField",
        "fromProperty",
        "forConcept",
        "realizedBy",
    ] {
        assert!(view.property(&map(property)).is_some(), "map:{property}");
    }
}
