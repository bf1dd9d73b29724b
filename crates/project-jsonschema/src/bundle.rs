//! Several documents as one: a compound schema document (JSON Schema 2020-12,
//! "bundling"), each document embedded under `$defs` with its own `$id`, so
//! the projection of a model prints as one JSON value that validators load
//! whole and whose references resolve as among the separate files.

use serde_json::{Map, Value};
use uda_projection::SchemaFile;

/// The compound document of `files` (the documents of one or more
/// projections), keyed by file name, in the order given.
pub fn bundle<'f>(files: impl IntoIterator<Item = &'f SchemaFile>) -> String {
    let mut defs = Map::new();
    for file in files {
        // The projection writes JSON; a text that is not (a file edited by
        // hand) is kept as it is, as a string, rather than dropped.
        let document =
            serde_json::from_str(&file.text).unwrap_or_else(|_| Value::String(file.text.clone()));
        defs.insert(file.name.clone(), document);
    }
    let mut root = Map::new();
    root.insert("$schema".into(), Value::from(crate::DIALECT));
    root.insert("$defs".into(), Value::Object(defs));
    let mut text = serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default();
    text.push('\n');
    text
}
