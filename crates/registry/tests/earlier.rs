//! A projection of a new version sees the mappings its target recorded for
//! the version before (`Projector::project_after`), at registration and when
//! a stored version is projected again (`Registry::earlier_mappings`): what
//! targets that number their fields across versions stand on.

mod common;

use common::*;
use oxigraph::model::{NamedNode, TermRef};
use uda_projection::{Output, ProjectionError, Projector, Recorder, MAP_NS};
use uda_registry::{oxigraph, Registry};
use uda_upper::ModelView;

const STUDIO: &str = "https://example.org/studio";

/// A target that counts its generations: its schema's note says
/// `generation N`, one more than the earlier mappings' note (1 without them).
struct Generations;

const GENERATION: &str = "generation ";

fn generation(mappings: &oxigraph::model::Graph) -> Option<u64> {
    let note = NamedNode::new_unchecked(format!("{MAP_NS}note"));
    mappings
        .triples_for_predicate(&note)
        .find_map(|t| match t.object {
            TermRef::Literal(l) => l.value().strip_prefix(GENERATION)?.parse().ok(),
            _ => None,
        })
}

impl Projector for Generations {
    fn target(&self) -> &str {
        "generations"
    }

    fn project(&self, view: &ModelView<'_>) -> Result<Output, ProjectionError> {
        self.project_after(view, None)
    }

    fn project_after(
        &self,
        view: &ModelView<'_>,
        earlier: Option<&oxigraph::model::Graph>,
    ) -> Result<Output, ProjectionError> {
        let root = view.root();
        let element = NamedNode::new_unchecked(format!("{MAP_NS}ContainerElement"));
        let mut r = Recorder::new(&root.iri, "generations", element.as_ref(), &root.domain);
        let schema = r.schema().clone();
        let n = earlier.and_then(generation).unwrap_or(0) + 1;
        r.note(&schema, &format!("{GENERATION}{n}"));
        Ok(r.finish(Vec::new()))
    }
}

fn register_version(r: &Registry, version: u64) {
    let projectors: Vec<Box<dyn Projector>> = vec![Box::new(TestProjector), Box::new(Generations)];
    let text = format!(
        "{}\nstudio:Work upper:property studio:extra{version} .\nstudio:extra{version} a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .\n",
        example("studio")
    );
    let registered = r
        .register(&source("studio", &text), &projectors, &options())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(registered.version, version);
}

#[test]
fn each_version_is_projected_after_the_mappings_of_the_one_before() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = Registry::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    for version in 1..=3 {
        register_version(&r, version);
    }
    // Version 1 had no earlier version; version n was projected after n - 1.
    assert_eq!(
        r.earlier_mappings(STUDIO, 1, "generations").expect("read"),
        None
    );
    for version in 2..=3 {
        let earlier = r
            .earlier_mappings(STUDIO, version, "generations")
            .expect("read")
            .unwrap_or_else(|| panic!("no mappings before version {version}"));
        assert_eq!(generation(&earlier), Some(version - 1));
    }
    // What version 3 recorded is what projecting it again after version 2 gives.
    let stored = r
        .earlier_mappings(STUDIO, 4, "generations")
        .expect("read")
        .expect("version 3's mappings");
    assert_eq!(generation(&stored), Some(3));
    // Another target's mappings are not given to this one.
    assert_eq!(
        r.earlier_mappings(STUDIO, 3, "no-such-target")
            .expect("read"),
        None
    );
    assert_sound(&r);
}
