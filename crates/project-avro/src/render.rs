//! Writing the schemas out. Each top-level record becomes a self-contained
//! schema: every named type it uses is defined inline where it is first
//! used, then referred to by full name, as Avro requires. All the top-level
//! schemas together make one JSON array in which each named type is defined
//! once, so the array is itself a valid Avro schema (a union).

use crate::error::AvroError;
use crate::naming::FullName;
use apache_avro::schema::{ArraySchema, Name, UnionSchema};
use apache_avro::Schema;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use uda_projection::{Output, SchemaFile};

/// `schema` as compact or pretty JSON text.
pub fn json(name: &str, schema: &Schema, pretty: bool) -> Result<String, AvroError> {
    let text = if pretty {
        serde_json::to_string_pretty(schema)
    } else {
        serde_json::to_string(schema)
    };
    text.map_err(|source| AvroError::Json {
        name: name.to_owned(),
        source,
    })
}

/// The file of a top-level record: `{namespace}.{Name}.avsc`.
pub fn file_name(top: &FullName) -> String {
    format!("{}.avsc", top.full())
}

/// One file per top-level record, sorted by name.
pub fn files(
    tops: &[FullName],
    definitions: &BTreeMap<String, Schema>,
) -> Result<Vec<SchemaFile>, AvroError> {
    let mut files = Vec::new();
    for top in tops {
        let name = Name::new(top.full()).map_err(|source| AvroError::Avro {
            name: top.full(),
            source,
        })?;
        let schema = expand(&Schema::Ref { name }, definitions, &mut BTreeSet::new())?;
        let mut text = json(&top.full(), &schema, true)?;
        text.push('\n');
        files.push(SchemaFile {
            name: file_name(top),
            text,
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// `schema` with the first use of each named type not yet `defined`
/// replaced by its definition.
fn expand(
    schema: &Schema,
    definitions: &BTreeMap<String, Schema>,
    defined: &mut BTreeSet<String>,
) -> Result<Schema, AvroError> {
    match schema {
        Schema::Ref { name } => {
            let full = name.fullname(None);
            match definitions.get(&full) {
                Some(definition) if defined.insert(full) => {
                    expand(definition, definitions, defined)
                }
                _ => Ok(schema.clone()),
            }
        }
        Schema::Record(record) => {
            let mut record = record.clone();
            for field in &mut record.fields {
                field.schema = expand(&field.schema, definitions, defined)?;
            }
            Ok(Schema::Record(record))
        }
        Schema::Array(array) => Ok(Schema::Array(ArraySchema {
            items: Box::new(expand(&array.items, definitions, defined)?),
            attributes: array.attributes.clone(),
        })),
        Schema::Union(union) => {
            let variants = union
                .variants()
                .iter()
                .map(|v| expand(v, definitions, defined))
                .collect::<Result<Vec<_>, _>>()?;
            UnionSchema::new(variants)
                .map(Schema::Union)
                .map_err(|source| AvroError::Avro {
                    name: "a union".to_owned(),
                    source,
                })
        }
        _ => Ok(schema.clone()),
    }
}

/// The JSON array of every top-level schema of `outputs` (one model's, or
/// several models' in a row), for printing.
///
/// In Avro a JSON array is a union, and a union may define a named type only
/// once; the files are self-contained, so a type used by several records
/// (a nested `Money`, a reference record) is defined in each of them. Here
/// each named type is defined at its first use in the array and referred to
/// by full name after, so the array as a whole parses as one Avro schema.
pub fn to_json_array<'o>(outputs: impl IntoIterator<Item = &'o Output>) -> String {
    files_to_json_array(outputs.into_iter().flat_map(|output| &output.files))
}

/// [`to_json_array`] over schema files alone (as a server's `Projection.files` gives them).
pub fn files_to_json_array<'f>(files: impl IntoIterator<Item = &'f SchemaFile>) -> String {
    let mut defined = BTreeSet::new();
    let schemas: Vec<Value> = files
        .into_iter()
        .filter_map(|file| serde_json::from_str::<Value>(&file.text).ok())
        .map(|mut schema| {
            define_once(&mut schema, None, &mut defined);
            schema
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&Value::Array(schemas)).unwrap_or_default();
    text.push('\n');
    text
}

/// Replaces definitions of named types already `defined` by their full name.
fn define_once(schema: &mut Value, namespace: Option<&str>, defined: &mut BTreeSet<String>) {
    match schema {
        Value::Array(variants) => {
            for variant in variants {
                define_once(variant, namespace, defined);
            }
        }
        Value::Object(object) => {
            let kind = object
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let name = object.get("name").and_then(Value::as_str);
            match (kind, name) {
                ("record" | "error" | "enum" | "fixed", Some(name)) => {
                    let own = object
                        .get("namespace")
                        .and_then(Value::as_str)
                        .or(namespace);
                    let full = match own {
                        Some(ns) if !name.contains('.') && !ns.is_empty() => format!("{ns}.{name}"),
                        _ => name.to_owned(),
                    };
                    let inner = full.rsplit_once('.').map(|(ns, _)| ns.to_owned());
                    if !defined.insert(full.clone()) {
                        *schema = Value::String(full);
                        return;
                    }
                    if let Some(Value::Array(fields)) = object.get_mut("fields") {
                        for field in fields.iter_mut().filter_map(Value::as_object_mut) {
                            if let Some(ty) = field.get_mut("type") {
                                define_once(ty, inner.as_deref(), defined);
                            }
                        }
                    }
                }
                ("array", _) => {
                    if let Some(items) = object.get_mut("items") {
                        define_once(items, namespace, defined);
                    }
                }
                ("map", _) => {
                    if let Some(values) = object.get_mut("values") {
                        define_once(values, namespace, defined);
                    }
                }
                _ => {
                    if let Some(inner @ (Value::Object(_) | Value::Array(_))) =
                        object.get_mut("type")
                    {
                        define_once(inner, namespace, defined);
                    }
                }
            }
        }
        _ => {}
    }
}
