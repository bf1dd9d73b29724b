//! Reading existing Avro schemas (`.avsc` files) into a container
//! representation in the vocabulary of `ontologies/avro.ttl`: the other
//! direction of the projection. Three passes: `collect` lifts every named
//! type out of the JSON and checks the references; apache-avro parses each
//! named type; `read` records what it parsed.

mod collect;
mod read;

use apache_avro::schema::Name;
use apache_avro::Schema;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use uda_projection::{ImportWarning, Imported};

/// Options of [`import_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ImportOptions {
    /// The most branches a union may have (default 1,000): a larger one is a
    /// located error, as it is far beyond any real schema and only makes
    /// the work grow. Nesting is bounded by serde_json's recursion limit
    /// (128 levels), reported as a JSON error at its line and column.
    pub max_union_branches: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            max_union_branches: 1_000,
        }
    }
}

impl ImportOptions {
    /// These options with at most `branches` branches per union.
    pub fn with_max_union_branches(mut self, branches: usize) -> Self {
        self.max_union_branches = branches;
        self
    }
}

/// One reason an import failed, and where: `file:line:column` for JSON
/// that does not parse, `file:/json/pointer` for the rest (apache-avro
/// reports no positions; the pointer leads to the definition or value).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ImportDiagnostic {
    pub location: String,
    pub message: String,
}

impl fmt::Display for ImportDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: error: {}", self.location, self.message)
    }
}

/// Why Avro schemas could not be imported: every error found, located. An
/// import that fails produces nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub errors: Vec<ImportDiagnostic>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}

/// Imports Avro schemas with the default [`ImportOptions`].
///
/// `sources` are (label, JSON text) pairs, each one `.avsc` file: one schema,
/// or a JSON array of schemas; a named type may be used in any file,
/// whichever defines it. The container is named under `base` (for a
/// projection's own files, `{model IRI}/avro`, which gives back the graph
/// the projection recorded), its schema element named `schema_name`.
pub fn import(
    sources: &[(String, String)],
    base: &str,
    schema_name: &str,
) -> Result<Imported, ImportError> {
    import_with(sources, base, schema_name, &ImportOptions::default())
}

/// [`import`] with options.
pub fn import_with(
    sources: &[(String, String)],
    base: &str,
    schema_name: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let mut errors = Vec::new();
    let mut json = Vec::with_capacity(sources.len());
    for (label, text) in sources {
        match serde_json::from_str::<Value>(text) {
            Ok(value) => json.push((label.as_str(), value)),
            Err(e) => errors.push(ImportDiagnostic {
                location: format!("{label}:{}:{}", e.line(), e.column()),
                message: json_message(&e),
            }),
        }
    }
    let collected = collect::collect(&json, options);
    errors.extend(collected.errors.iter().cloned());
    if !errors.is_empty() {
        return Err(ImportError { errors });
    }
    let mut schemas = Vec::with_capacity(collected.definitions.len());
    for definition in &collected.definitions {
        match parse(definition) {
            Ok(schema) => schemas.push(schema),
            Err(e) => errors.push(ImportDiagnostic {
                location: definition.place.clone(),
                message: format!("{}: {e}", definition.name),
            }),
        }
    }
    if errors.is_empty() {
        check_defaults(&collected.definitions, &schemas, &mut errors);
    }
    if !errors.is_empty() {
        return Err(ImportError { errors });
    }
    let labels: Vec<&str> = json.iter().map(|(label, _)| *label).collect();
    let mut warnings = collected.warnings;
    let recorder = read::read(
        &collected.definitions,
        &schemas,
        &labels,
        (base, schema_name),
        &mut warnings,
    );
    // By source, in the order of the input; within one, as the passes met them.
    warnings.sort_by_key(|(source, _)| *source);
    let warnings = warnings
        .into_iter()
        .map(|(_, d)| ImportWarning {
            location: d.location,
            message: d.message,
        })
        .collect();
    Ok(recorder.finish_import(warnings))
}

/// serde_json's message without its " at line L column C", which the
/// location already says.
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(at) => &text[..at],
        None => &text,
    };
    format!("not valid JSON: {message}")
}

/// Parses one standalone definition with apache-avro. Every type it names
/// is stood in for by an empty fixed of that name, so each definition is
/// parsed alone, deterministically, and every failing one is reported; the
/// definitions themselves were checked to exist by `collect`. Field
/// defaults are taken out, as apache-avro checks them against the named
/// types parsed so far; [`check_defaults`] checks them once all are known.
fn parse(definition: &collect::Definition) -> Result<Schema, apache_avro::Error> {
    let own = definition.name.fullname(None);
    let mut standalone = definition.standalone.clone();
    let defaults = take_defaults(&mut standalone);
    let mut input = vec![standalone.to_string()];
    let mut stubbed = BTreeSet::new();
    for name in &definition.refs {
        if *name != own && stubbed.insert(name.as_str()) {
            let stub = serde_json::json!({"type": "fixed", "name": name, "size": 0});
            input.push(stub.to_string());
        }
    }
    let mut schema = Schema::parse_list(&input)?
        .into_iter()
        .next()
        .unwrap_or(Schema::Null);
    if let Schema::Record(record) = &mut schema {
        for (field, default) in record.fields.iter_mut().zip(defaults) {
            field.default = default;
        }
    }
    Ok(schema)
}

/// Removes the default of every field of a record's JSON; returns them, in order.
fn take_defaults(record: &mut Value) -> Vec<Option<Value>> {
    let Some(Value::Array(fields)) = record.get_mut("fields") else {
        return Vec::new();
    };
    fields
        .iter_mut()
        .map(|field| {
            field
                .as_object_mut()
                .and_then(|f| f.shift_remove("default"))
        })
        .collect()
}

/// Checks every field default against its field's type, as apache-avro
/// does when it parses (a union's default may match any branch), now that
/// every named type is known.
fn check_defaults(
    definitions: &[collect::Definition],
    schemas: &[Schema],
    errors: &mut Vec<ImportDiagnostic>,
) {
    let names: HashMap<Name, &Schema> = schemas
        .iter()
        .filter_map(|s| s.name().map(|name| (name.clone(), s)))
        .collect();
    for (definition, schema) in definitions.iter().zip(schemas) {
        let Schema::Record(record) = schema else {
            continue;
        };
        for (i, field) in record.fields.iter().enumerate() {
            let Some(default) = &field.default else {
                continue;
            };
            let fits = |schema: &Schema| {
                apache_avro::types::Value::try_from(default.clone())
                    .and_then(|value| value.resolve_with_names(schema, &names))
                    .is_ok()
            };
            let ok = match &field.schema {
                Schema::Union(union) => union.variants().iter().any(fits),
                schema => fits(schema),
            };
            if !ok {
                errors.push(ImportDiagnostic {
                    location: format!(
                        "{}/fields/{i}/default",
                        definition.place.trim_end_matches('/')
                    ),
                    message: format!(
                        "{}: the default {default} of field {} is not a value of its type {}",
                        definition.name,
                        field.name,
                        definition.field_types.get(i).map_or("", String::as_str)
                    ),
                });
            }
        }
    }
}
