#![doc = include_str!("../README.md")]

mod error;
mod ids;
mod plan;
mod record;
mod types;
mod vocab;

pub use error::IcebergError;
pub use types::{is_promotion, DEFAULT_DECIMAL, MAX_DECIMAL_PRECISION};
pub use vocab::NS as ICEBERG_NS;

use oxrdf::Graph;
use uda_projection::{Output, SchemaFile};
use uda_upper::ModelView;

/// Options of the Iceberg projection.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct IcebergOptions<'e> {
    /// The mappings recorded for the model's previous version (they may hold
    /// other targets' too): fields keep the ids recorded there.
    pub earlier: Option<&'e Graph>,
}

impl<'e> IcebergOptions<'e> {
    /// These options, keeping the field ids of `earlier`.
    pub fn after(earlier: Option<&'e Graph>) -> Self {
        Self { earlier }
    }
}

/// Projects the root model of `view` to Iceberg: one schema file per table,
/// `{namespace}.{table}.json`, sorted by name, with the container
/// representation (in the vocabulary of `ontologies/iceberg.ttl`) and the
/// mappings, which record every field id for the next version.
pub fn project(view: &ModelView<'_>, options: &IcebergOptions<'_>) -> Result<Output, IcebergError> {
    let earlier = match options.earlier {
        Some(graph) => ids::Earlier::read(graph)?,
        None => ids::Earlier::default(),
    };
    let tables = plan::tables(view)?;
    Ok(record::output(view, tables, &earlier))
}

/// The schema files of one projection as one JSON object, each table's
/// schema under its file name: what `uda generate` and `uda show` print.
pub fn files_to_json_object<'f>(files: impl IntoIterator<Item = &'f SchemaFile>) -> String {
    let mut object = serde_json::Map::new();
    for file in files {
        let value = serde_json::from_str(&file.text)
            .unwrap_or_else(|_| serde_json::Value::String(file.text.clone()));
        object.insert(file.name.clone(), value);
    }
    let mut text =
        serde_json::to_string_pretty(&serde_json::Value::Object(object)).unwrap_or_default();
    text.push('\n');
    text
}
