//! What the fuzz targets share: fuzz bytes loaded as a model and projected
//! when valid (`project`), and a server over an in-memory registry (`server`).

pub mod server;

use uda_targets::Target;
use uda_upper::{format_from_name, Loaded, Loader};

/// The example models, given to every load as libraries (a fuzzed model may
/// import them, as marketing imports studio, and stay valid), and registered
/// in the server's registry, in this order (imports first).
const EXAMPLES_IN_IMPORT_ORDER: [(&str, &str); 3] = [
    (
        "onepiece.ttl",
        include_str!("../../ontologies/examples/onepiece.ttl"),
    ),
    (
        "studio.ttl",
        include_str!("../../ontologies/examples/studio.ttl"),
    ),
    (
        "marketing.ttl",
        include_str!("../../ontologies/examples/marketing.ttl"),
    ),
];

/// `data` as a Turtle model, loaded and validated, with the examples as libraries.
pub fn load(data: &[u8]) -> Loaded {
    let turtle = format_from_name("turtle").expect("turtle is a known format");
    let mut loader = Loader::new();
    loader.input_text("fuzz.ttl", data, turtle);
    for (name, text) in EXAMPLES_IN_IMPORT_ORDER {
        loader.library_text(name, text.as_bytes(), turtle);
    }
    loader.load()
}

/// Loads `data`; when the models are valid, projects each input model to
/// each of `targets` twice and checks both projections are the same (uda's
/// output is deterministic). Panics, for the fuzzer to report, on any difference.
pub fn project(data: &[u8], targets: &[Target]) {
    let loaded = load(data);
    let _ = loaded.render();
    if loaded.has_errors() {
        return;
    }
    for iri in &loaded.inputs {
        let Some(view) = loaded.models.view(iri) else {
            continue;
        };
        for target in targets {
            let first = target.project(&view).map(|o| o.files);
            let second = target.project(&view).map(|o| o.files);
            assert_eq!(first, second, "{target}: two projections of <{iri}> differ");
        }
    }
}
