//! What a model change does to the Iceberg tables, as `uda diff` and the
//! registry describe it (`uda_diff`, lining up the container elements
//! realizing each changed term, the new version projected after the old):
//! a promoted type keeps its field id, an incompatible one replaces the
//! column with a new id, an added or removed property adds or drops fields.

mod common;

use common::{edited, example_text};
use oxrdf::Graph;
use uda_project_iceberg::{project, IcebergOptions};
use uda_projection::{Output, ProjectionError, Projector};
use uda_upper::{Loader, ModelView, RdfFormat};

/// The Iceberg projection behind the interface the diff drives projections through.
struct Iceberg;

impl Projector for Iceberg {
    fn target(&self) -> &str {
        "iceberg"
    }

    fn project(&self, view: &ModelView<'_>) -> Result<Output, ProjectionError> {
        self.project_after(view, None)
    }

    fn project_after(
        &self,
        view: &ModelView<'_>,
        earlier: Option<&Graph>,
    ) -> Result<Output, ProjectionError> {
        project(view, &IcebergOptions::after(earlier)).map_err(|e| ProjectionError {
            target: "iceberg".to_owned(),
            message: e.to_string(),
        })
    }
}

fn descriptions(old: &str, new: &str) -> Vec<String> {
    let load = |text: &str| {
        let mut loader = Loader::new();
        loader.input_text("studio.ttl", text.as_bytes(), RdfFormat::Turtle);
        let loaded = loader.load();
        assert!(!loaded.has_errors(), "{}", loaded.render());
        loaded
    };
    let (old, new) = (load(old), load(new));
    let iri = uda_testkit::example_iri("studio");
    let (old, new) = (
        old.models.view(&iri).expect("old"),
        new.models.view(&iri).expect("new"),
    );
    let projectors: Vec<Box<dyn Projector>> = vec![Box::new(Iceberg)];
    uda_diff::diff_with_projections(&old, &new, &projectors)
        .into_iter()
        .flat_map(|c| c.projections)
        .map(|p| p.description)
        .collect()
}

#[test]
fn promotions_keep_the_field_and_incompatible_changes_replace_it() {
    let v1 = example_text("studio");
    let v2 = edited(
        &v1,
        &[
            (
                "(a reserved word in SQL).\" ;\n    upper:datatype xsd:int ;",
                "(a reserved word in SQL).\" ;\n    upper:datatype xsd:long ;",
            ),
            (
                "upper:label \"studio id\" ;\n    upper:datatype xsd:int ;",
                "upper:label \"studio id\" ;\n    upper:datatype xsd:string ;",
            ),
        ],
    );
    let found = descriptions(&v1, &v2);
    let shown = found.join("\n");
    assert!(
        found.contains(&"Field `credit.order`: `type` changes from `int` to `long`".to_owned()),
        "{shown}"
    );
    let studio_id = found
        .iter()
        .find(|d| d.starts_with("Field `studio.studio_id`:"))
        .unwrap_or_else(|| panic!("studio_id is described:\n{shown}"));
    assert!(
        studio_id.contains("`fieldId` changes from `1` to `")
            && studio_id.contains("`type` changes from `int` to `string`"),
        "{studio_id}"
    );
}

#[test]
fn added_and_removed_properties_add_and_drop_fields() {
    let v1 = example_text("studio");
    let v2 = edited(
        &v1,
        &[("studio:title , studio:synopsis ,", "studio:title ,")],
    );
    let found = descriptions(&v1, &v2);
    assert!(
        found.contains(&"drops Field `work.synopsis`".to_owned()),
        "{found:#?}"
    );
    let back = descriptions(&v2, &v1);
    assert!(
        back.contains(&"adds Field `work.synopsis`".to_owned()),
        "{back:#?}"
    );
}
