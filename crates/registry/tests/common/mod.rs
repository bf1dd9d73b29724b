//! Shared by the registry's tests and benchmarks: a small projector built on
//! `uda_projection::Recorder`, and model texts.
#![allow(dead_code)]

use oxigraph::model::NamedNode;
use uda_projection::{Output, ProjectionError, Projector, Recorder, SchemaFile, MAP_NS};
use uda_registry::{oxigraph, ModelSource, RegisterOptions, Registry, RegistryError, Rejection};
use uda_upper::{local_name, ModelView, Target};

/// A projection to a made-up target: one element per class with one per
/// property carrying its type (`string!`, `[Work]`...), one per enumeration
/// with one per value. Its elements are plain `map:ContainerElement`s, so the
/// mapping model governs its container representation.
pub struct TestProjector;

fn element_class() -> NamedNode {
    NamedNode::new_unchecked(format!("{MAP_NS}ContainerElement"))
}

impl Projector for TestProjector {
    fn target(&self) -> &str {
        "test"
    }

    fn project(&self, view: &ModelView<'_>) -> Result<Output, ProjectionError> {
        let root = view.root();
        let class = element_class();
        let type_predicate = NamedNode::new_unchecked("https://example.org/test-target#type");
        let mut r = Recorder::new(&root.iri, "test", class.as_ref(), &root.domain);
        let schema = r.schema().clone();
        let mut text = String::new();
        for c in root.classes.values() {
            let t = r.element(&schema, class.as_ref(), local_name(&c.iri));
            r.realizes(&c.iri, &t);
            text.push_str(&format!("type {}\n", local_name(&c.iri)));
            for p in view.all_properties(c) {
                let f = r.element(&t, class.as_ref(), local_name(&p.iri));
                r.realizes(&p.iri, &f);
                let base = match (view.datatype(p), view.target(p)) {
                    (Some(d), _) => local_name(d.builtin.iri()).to_owned(),
                    (None, Some(Target::Class(c))) => local_name(&c.iri).to_owned(),
                    (None, Some(Target::Enumeration(e))) => local_name(&e.iri).to_owned(),
                    (None, None) => "unknown".to_owned(),
                };
                let mut ty = if p.is_many() {
                    format!("[{base}]")
                } else {
                    base
                };
                if p.is_required() {
                    ty.push('!');
                }
                r.string(&f, type_predicate.as_ref(), &ty);
                text.push_str(&format!("  {}: {ty}\n", local_name(&p.iri)));
            }
        }
        for e in root.enumerations.values() {
            let t = r.element(&schema, class.as_ref(), local_name(&e.iri));
            r.realizes(&e.iri, &t);
            for v in &e.values {
                let value = r.element(&t, class.as_ref(), local_name(&v.iri));
                r.realizes(&v.iri, &value);
            }
        }
        Ok(r.finish(vec![SchemaFile {
            name: format!("{}.txt", root.domain),
            text,
        }]))
    }
}

pub fn projectors() -> Vec<Box<dyn Projector>> {
    vec![Box::new(TestProjector)]
}

pub fn example(name: &str) -> String {
    let path = uda_testkit::examples_dir().join(format!("{name}.ttl"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn source(name: &str, text: &str) -> ModelSource {
    ModelSource::turtle(format!("{name}.ttl"), text)
}

pub fn options() -> RegisterOptions {
    RegisterOptions {
        principal: "tester".to_owned(),
        ..RegisterOptions::default()
    }
}

/// A synthetic model of `classes` classes with its own IRI and namespace.
pub fn synthetic(name: &str, classes: usize) -> String {
    uda_testkit::synthetic_model(classes)
        .replace(
            "https://example.org/synthetic",
            &format!("https://example.org/{name}"),
        )
        .replace("\"synthetic\"", &format!("\"{name}\""))
}

/// Version `version` of a synthetic model: each version adds one optional attribute.
pub fn synthetic_version(name: &str, classes: usize, version: u64) -> String {
    let mut text = synthetic(name, classes);
    for v in 2..=version {
        text.push_str(&format!(
            "s:extra{v} a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .\ns:C0 upper:property s:extra{v} .\n"
        ));
    }
    text
}

/// Registers, panicking with the error's message.
pub fn register(registry: &Registry, name: &str, text: &str) -> uda_registry::Registered {
    registry
        .register(&source(name, text), &projectors(), &options())
        .unwrap_or_else(|e| panic!("registering {name}: {e}"))
}

/// The store's size and content, to compare before and after.
pub fn snapshot(r: &Registry) -> (usize, String) {
    (
        r.quad_count().expect("count"),
        r.dump_nquads().expect("dump"),
    )
}

/// Fails with the problems `verify` finds.
pub fn assert_sound(r: &Registry) {
    let problems = r.verify().expect("verify");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The rejection an operation failed with, panicking on anything else.
pub fn rejection<T: std::fmt::Debug>(result: Result<T, RegistryError>) -> Rejection {
    match result {
        Err(RegistryError::Rejected(r)) => *r,
        Err(e) => panic!("expected a rejection, got the error {e}"),
        Ok(r) => panic!("expected a rejection, got {r:?}"),
    }
}
