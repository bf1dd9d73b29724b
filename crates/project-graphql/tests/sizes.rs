//! How large the container graph of a synthetic model is, plain and as a
//! Federation subgraph, and how much of it is directive data (run with
//! `--nocapture` to read the figures; 5,000 classes only with
//! `UDA_SIZES=5000`). What is asserted: the directives the projection applies
//! to every type and field (`@iri`, `@key`, `@shareable`, `@specifiedBy`)
//! are properties of their elements, not directive data; only the schema's
//! own applications in a subgraph (`@link`, `@composeDirective`) are.

use oxrdf::vocab::rdf;
use oxrdf::TermRef;
use std::collections::HashSet;
use uda_project_graphql::{project, GraphqlOptions, NS};
use uda_upper::{Loader, RdfFormat};

/// The triples about directive applications and their arguments (whose
/// subject is such an element).
fn directive_triples(container: &uda_projection::Triples) -> usize {
    let classes = [
        format!("{NS}DirectiveApplication"),
        format!("{NS}DirectiveArgument"),
    ];
    let subjects: HashSet<String> = container
        .iter()
        .filter(|t| t.predicate == rdf::TYPE)
        .filter(|t| matches!(t.object, TermRef::NamedNode(c) if classes.iter().any(|k| k == c.as_str())))
        .map(|t| t.subject.to_string())
        .collect();
    container
        .iter()
        .filter(|t| subjects.contains(&t.subject.to_string()))
        .count()
}

#[test]
fn container_sizes_of_synthetic_models() {
    let mut sizes = vec![100, 1000];
    if std::env::var("UDA_SIZES").is_ok_and(|v| v == "5000") {
        sizes.push(5000);
    }
    for classes in sizes {
        let mut loader = Loader::new();
        loader.input_text(
            "synthetic.ttl",
            uda_testkit::synthetic_model(classes),
            RdfFormat::Turtle,
        );
        let loaded = loader.load();
        let view = loaded
            .models
            .view("https://example.org/synthetic")
            .expect("model");
        for federation in [false, true] {
            let output = project(&view, &GraphqlOptions { federation }).expect("projects");
            let total = output.container.iter().count();
            let directives = directive_triples(&output.container);
            println!(
                "{classes} classes, federation {federation}: {total} triples, {directives} of directive applications"
            );
            // Three application nodes (two @link, one @composeDirective) and
            // five argument nodes (their url, import and name), 4 triples each.
            let schema_applications = if federation { 3 * 4 + 5 * 4 } else { 0 };
            assert_eq!(directives, schema_applications, "{classes}, {federation}");
        }
    }
}
