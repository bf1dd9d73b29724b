//! Any bytes, in any RDF syntax uda reads, go through parsing, typed-model
//! building and validation without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use uda_upper::{format_from_name, Loader};

const FORMATS: [&str; 6] = ["turtle", "trig", "ntriples", "nquads", "rdfxml", "jsonld"];

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let Some(format) = format_from_name(FORMATS[*first as usize % FORMATS.len()]) else {
        return;
    };
    let mut loader = Loader::new();
    loader.input_text("fuzz", rest, format);
    let loaded = loader.load();
    let _ = loaded.render();
});
