//! Every document the projection writes is a valid JSON Schema 2020-12
//! document whose references all resolve, for two independent validators
//! (Ajv with ajv-formats, Python's jsonschema): the example models and
//! synthetic models, open and closed.

mod common;

use common::{assert_documents_valid, documents, example, imports, validate, DOMAINS};
use uda_project_jsonschema::{project, JsonSchemaOptions};

#[test]
fn example_documents_are_valid_2020_12_schemas() {
    for closed in [false, true] {
        let options = JsonSchemaOptions::default().with_closed(closed);
        let mut outputs = Vec::new();
        for domain in DOMAINS {
            outputs.push(example(domain, options));
        }
        let docs = documents(&outputs);
        assert!(docs.len() > 10, "{} documents", docs.len());
        assert_documents_valid(
            &format!("examples, closed: {closed}"),
            &validate(&docs, &[]),
        );
    }
    // A document refers to the documents of the models its model imports.
    assert!(imports("marketing").contains(&"studio"));
}

#[test]
fn synthetic_documents_are_valid_2020_12_schemas() {
    let loaded = uda_testkit::load_synthetic(300);
    let view = loaded
        .models
        .view("https://example.org/synthetic")
        .expect("the synthetic model");
    for closed in [false, true] {
        let options = JsonSchemaOptions::default().with_closed(closed);
        let output = project(&view, &options).expect("projects");
        assert_eq!(output.files.len(), 300, "one document per keyed class");
        let docs = documents([&output]);
        assert_documents_valid(
            &format!("synthetic, closed: {closed}"),
            &validate(&docs, &[]),
        );
    }
}
