//! The import's last pass: the named types apache-avro parsed, recorded as
//! container elements, with the same `Recorder` naming and the same field
//! description (`crate::container`) as the projection.

use super::collect::Definition;
use super::ImportDiagnostic;
use crate::container::{self, count_literal, position_literal, FieldFacts};
use crate::vocab;
use apache_avro::schema::{
    DecimalSchema, EnumSchema, FixedSchema, InnerDecimalSchema, RecordSchema, UuidSchema,
};
use apache_avro::Schema;
use oxrdf::{NamedNode, NamedNodeRef};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use uda_projection::Recorder;
use uda_upper::Builtin;

/// Records every definition; `(base, schema name)` name the container.
pub fn read(
    definitions: &[Definition],
    schemas: &[Schema],
    labels: &[&str],
    (base, schema_name): (&str, &str),
    warnings: &mut Vec<(usize, ImportDiagnostic)>,
) -> Recorder {
    let mut reader = Reader {
        recorder: Recorder::for_container(base, vocab::SCHEMA, schema_name),
        namespaces: HashMap::new(),
        elements: HashMap::new(),
        labels,
        warnings,
    };
    // Every named type has its element before any field links to one.
    let mut named = Vec::with_capacity(definitions.len());
    for (definition, schema) in definitions.iter().zip(schemas) {
        if let Some(element) = reader.named_element(definition, schema) {
            named.push((definition, schema, element));
        }
    }
    for (definition, schema, element) in named {
        reader.describe(definition, schema, &element);
    }
    reader.recorder
}

struct Reader<'r> {
    recorder: Recorder,
    namespaces: HashMap<String, NamedNode>,
    /// The element of every named type, by full name.
    elements: HashMap<String, NamedNode>,
    labels: &'r [&'r str],
    warnings: &'r mut Vec<(usize, ImportDiagnostic)>,
}

impl Reader<'_> {
    fn warn(&mut self, source: usize, location: &str, message: String) {
        let location = location.to_owned();
        self.warnings
            .push((source, ImportDiagnostic { location, message }));
    }

    /// The element of a named type, part of its namespace's element (the
    /// null namespace's is named "").
    fn named_element(&mut self, definition: &Definition, schema: &Schema) -> Option<NamedNode> {
        let class = match schema {
            Schema::Record(_) => vocab::RECORD,
            Schema::Enum(_) => vocab::ENUM,
            _ if fixed_of(schema).is_some() => vocab::FIXED,
            _ => return None,
        };
        let name = &definition.name;
        let namespace = name.namespace().unwrap_or_default();
        let ns = match self.namespaces.get(namespace) {
            Some(element) => element.clone(),
            None => {
                let schema_element = self.recorder.schema().clone();
                let element = self
                    .recorder
                    .element(&schema_element, vocab::NAMESPACE, namespace);
                self.namespaces
                    .insert(namespace.to_owned(), element.clone());
                element
            }
        };
        let element = self.recorder.element(&ns, class, name.name());
        let full = name.fullname(None);
        self.recorder.string(&element, vocab::FULL_NAME, &full);
        self.elements.insert(full, element.clone());
        Some(element)
    }

    fn describe(&mut self, definition: &Definition, schema: &Schema, element: &NamedNode) {
        let (doc, aliases, attributes) = match schema {
            Schema::Record(r) => (&r.doc, &r.aliases, &r.attributes),
            Schema::Enum(e) => (&e.doc, &e.aliases, &e.attributes),
            _ => match fixed_of(schema) {
                Some(f) => (&f.doc, &f.aliases, &f.attributes),
                None => return,
            },
        };
        if let Some(doc) = doc {
            self.recorder.string(element, vocab::DOC, doc);
        }
        for alias in aliases.iter().flatten() {
            self.recorder
                .string(element, vocab::ALIAS, &alias.fullname(None));
        }
        container::attributes(&mut self.recorder, element, attributes);
        if let Some(&first) = definition.top_in.first() {
            let file = self.labels.get(first).copied().unwrap_or_default();
            self.recorder.string(element, vocab::FILE, file);
            if let Some(&second) = definition.top_in.get(1) {
                let other = self.labels.get(second).copied().unwrap_or_default();
                self.warn(
                    second,
                    other,
                    format!(
                        "{}: also the top-level schema of {file}; a named type has one file, the first",
                        definition.name
                    ),
                );
            }
        }
        match schema {
            Schema::Record(record) => self.record(definition, record, element),
            Schema::Enum(e) => self.symbols(e, element),
            _ => self.fixed(definition, schema, element),
        }
    }

    fn record(&mut self, definition: &Definition, record: &RecordSchema, element: &NamedNode) {
        let kind = record_kind(&record.attributes, !definition.top_in.is_empty());
        self.recorder
            .link(element, vocab::RECORD_KIND, &kind.into_owned());
        let mut fields = HashMap::new();
        for (position, field) in record.fields.iter().enumerate() {
            let place = format!(
                "{}/fields/{position}",
                definition.place.trim_end_matches('/')
            );
            let mut attributes = field.custom_attributes.clone();
            let order = match attributes.remove("order") {
                Some(Value::String(order))
                    if ["ascending", "descending", "ignore"].contains(&order.as_str()) =>
                {
                    Some(order)
                }
                Some(other) => {
                    self.warn(
                        definition.source,
                        &place,
                        format!(
                            "{}.{}: order {other} is not ascending, descending or ignore; kept in the field's custom attributes",
                            definition.name, field.name
                        ),
                    );
                    attributes.insert("order".to_owned(), other);
                    None
                }
                None => None,
            };
            // `collect` wrote the type of every field apache-avro parsed.
            let fallback;
            let type_text = match definition.field_types.get(position) {
                Some(text) => text.as_str(),
                None => {
                    fallback = serde_json::to_string(&field.schema).unwrap_or_default();
                    &fallback
                }
            };
            let facts = FieldFacts {
                name: &field.name,
                position,
                type_text,
                default: field.default.as_ref(),
                doc: field.doc.as_deref(),
                schema: &field.schema,
                aliases: &field.aliases,
                order: order.as_deref(),
                attributes: &attributes,
            };
            let targets: Vec<NamedNode> = named_types(&field.schema)
                .iter()
                .filter_map(|full| self.elements.get(full).cloned())
                .collect();
            let field_element = container::field(&mut self.recorder, element, &facts, &targets);
            fields.insert(field.name.as_str(), field_element);
        }
        // The projection names a record's key fields in `uda.key`.
        if let Some(key) = record.attributes.get("uda.key") {
            let members = key.as_array().into_iter().flatten();
            for member in members {
                match member.as_str().and_then(|name| fields.get(name)) {
                    Some(field) => self.recorder.link(element, vocab::KEY_FIELD, field),
                    None => self.warn(
                        definition.source,
                        &definition.place,
                        format!(
                            "{}: uda.key names {member}, which is not a field; it is not recorded as a key field",
                            definition.name
                        ),
                    ),
                }
            }
        }
    }

    fn symbols(&mut self, e: &EnumSchema, element: &NamedNode) {
        for (position, symbol) in e.symbols.iter().enumerate() {
            let symbol_element = self.recorder.element(element, vocab::SYMBOL, symbol);
            self.recorder
                .literal(&symbol_element, vocab::POSITION, position_literal(position));
            if e.default.as_ref() == Some(symbol) {
                self.recorder
                    .link(element, vocab::DEFAULT_SYMBOL, &symbol_element);
            }
        }
    }

    fn fixed(&mut self, definition: &Definition, schema: &Schema, element: &NamedNode) {
        let Some(fixed) = fixed_of(schema) else {
            return;
        };
        self.recorder
            .literal(element, vocab::SIZE, count_literal(fixed.size));
        let logical = match schema {
            Schema::Decimal(d) => {
                self.recorder
                    .literal(element, vocab::PRECISION, count_literal(d.precision));
                self.recorder
                    .literal(element, vocab::SCALE, count_literal(d.scale));
                Some("decimal")
            }
            Schema::Uuid(_) => Some("uuid"),
            Schema::Duration(_) => Some("duration"),
            _ => None,
        };
        if let Some(logical) = logical {
            self.recorder.string(element, vocab::LOGICAL_TYPE, logical);
        } else if let Some(written) = definition.standalone.get("logicalType") {
            self.warn(
                definition.source,
                &definition.place,
                format!(
                    "{}: the logical type {written} does not apply to a fixed of {} bytes; values are read as the fixed",
                    definition.name, fixed.size
                ),
            );
        }
    }
}

/// The fixed a named type is, with or without a logical type.
fn fixed_of(schema: &Schema) -> Option<&FixedSchema> {
    match schema {
        Schema::Fixed(f)
        | Schema::Duration(f)
        | Schema::Uuid(UuidSchema::Fixed(f))
        | Schema::Decimal(DecimalSchema {
            inner: InnerDecimalSchema::Fixed(f),
            ..
        }) => Some(f),
        _ => None,
    }
}

/// What a record stands for, read from the `uda.*` attributes the
/// projection writes; a record without them is an entity when it is a
/// top-level schema, else nested.
fn record_kind(attributes: &BTreeMap<String, Value>, top: bool) -> NamedNodeRef<'static> {
    let iri = attributes.get("uda.iri").and_then(Value::as_str);
    if attributes.contains_key("uda.extends") {
        vocab::EXTENSION_RECORD
    } else if attributes.contains_key("uda.references") {
        vocab::REFERENCE_RECORD
    } else if iri == Some(Builtin::LangString.iri()) {
        vocab::VALUE_RECORD
    } else if top {
        vocab::ENTITY_RECORD
    } else {
        vocab::NESTED_RECORD
    }
}

/// The full names of the named types a field's values are of, in order.
fn named_types(schema: &Schema) -> Vec<String> {
    fn walk(schema: &Schema, seen: &mut HashSet<String>, out: &mut Vec<String>) {
        match schema {
            Schema::Array(array) => walk(&array.items, seen, out),
            Schema::Map(map) => walk(&map.types, seen, out),
            Schema::Union(union) => union.variants().iter().for_each(|v| walk(v, seen, out)),
            other => {
                if let Some(name) = other.name() {
                    let full = name.fullname(None);
                    if seen.insert(full.clone()) {
                        out.push(full);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(schema, &mut HashSet::new(), &mut out);
    out
}
