//! Importing DDL is the inverse of the projection: for every test model,
//! every dialect and every option set, and synthetic models of 100 and 1,000
//! classes, importing the generated DDL gives exactly the container graph
//! the projection recorded.

mod common;

use common::import::{assert_same, base, round_trip, same, turtle};
use common::{option_sets, MODELS};

use uda_project_sql::{import_ddl, project, Dialect, ImportOptions, SqlOptions};
use uda_upper::{Loader, RdfFormat};

#[test]
fn importing_the_ddl_of_every_model_gives_the_recorded_container() {
    for dialect in Dialect::ALL {
        for options in option_sets(dialect) {
            for model in MODELS {
                let (out, imported) = round_trip(model, &options);
                assert_eq!(imported.schema, out.schema);
                assert!(out.container.len() > 30, "{model}: a real schema");
                assert!(
                    imported.warnings.is_empty(),
                    "{model} ({options:?}): {:?}",
                    imported.warnings
                );
                assert_same(
                    &format!("{model} ({options:?})"),
                    &turtle(&out.container, &same),
                    &turtle(&imported.container, &same),
                );
            }
        }
    }
}

#[test]
fn importing_the_ddl_of_synthetic_models_gives_the_recorded_container() {
    for classes in [100, 1000] {
        let loaded = Loader::new()
            .input_text(
                "synthetic.ttl",
                uda_testkit::synthetic_model(classes),
                RdfFormat::Turtle,
            )
            .load();
        assert!(!loaded.has_errors(), "{}", loaded.render());
        let iri = "https://example.org/synthetic";
        let view = loaded.models.view(iri).expect("synthetic model");
        for dialect in Dialect::ALL {
            let out = project(&view, &SqlOptions::new(dialect)).expect("projects");
            let imported = import_ddl(
                &[("synthetic.sql".to_owned(), out.files[0].text.clone())],
                dialect,
                &ImportOptions {
                    base: &base(iri, dialect),
                    schema_name: "synthetic",
                    requires: &[],
                },
            )
            .unwrap_or_else(|e| panic!("{classes} classes, {dialect}:\n{e}"));
            assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
            assert_eq!(
                turtle(&out.container, &same),
                turtle(&imported.container, &same),
                "{classes} classes, {dialect}"
            );
        }
    }
}
