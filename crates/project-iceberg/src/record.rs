//! Writing the planned tables out: ids given ([`crate::ids`]), each table's
//! schema as Iceberg's JSON (spec v2, as in table metadata), the container
//! representation in the vocabulary of `ontologies/iceberg.ttl`, and the
//! mappings, which also keep what the next version needs to keep the ids.

use crate::ids::{Allocator, Earlier};
use crate::plan::{Field, Table, Type};
use crate::vocab;
use oxrdf::{Literal, NamedNode};
use serde_json::{json, Map, Value};
use uda_projection::{Case, Names, Output, Recorder, SchemaFile};
use uda_upper::ModelView;

/// Records and renders every table of the root model of `view`.
pub fn output(view: &ModelView<'_>, tables: Vec<Table<'_>>, earlier: &Earlier) -> Output {
    let root = view.root();
    let namespace = Names::new(&[], true).claim(&root.domain, Case::Snake);
    let mut recorder = Recorder::new(&root.iri, "iceberg", vocab::SCHEMA, &namespace);
    let schema = recorder.schema().clone();
    let mut files = Vec::new();
    for mut table in tables {
        let before = earlier.table(&table.key);
        let mut allocator = Allocator::new(before);
        allocator.assign(&mut table.fields);
        let last_column_id = allocator.last_column_id();
        let mut identifiers = Vec::new();
        let mut identifier_notes = Vec::new();
        for field in table.fields.iter_mut().filter(|f| f.identifier) {
            identifier_ids(field, &mut identifiers, &mut identifier_notes);
        }
        let fields: Vec<Value> = table.fields.iter().map(field_json).collect();
        // The digest leaves the schema-id out: it is what decides it.
        let body = json!({"identifier-field-ids": identifiers, "fields": fields});
        let hash = format!("{:016x}", fnv1a(body.to_string().as_bytes()));
        let schema_id = match before {
            Some(b) if b.schema_hash == hash => b.schema_id,
            Some(b) => b.schema_id + 1,
            None => 0,
        };
        let json = json!({
            "type": "struct",
            "schema-id": schema_id,
            "identifier-field-ids": identifiers,
            "fields": fields,
        });
        let file = format!("{namespace}.{}.json", table.name);
        let element = recorder.element(&schema, vocab::TABLE, &table.name);
        recorder.string(&element, vocab::FILE, &file);
        recorder.literal(&element, vocab::SCHEMA_ID, Literal::from(schema_id));
        recorder.literal(
            &element,
            vocab::LAST_COLUMN_ID,
            Literal::from(last_column_id),
        );
        let kind = if table.extension {
            vocab::EXTENSION_TABLE
        } else {
            vocab::ENTITY_TABLE
        };
        recorder.link(&element, vocab::TABLE_KIND, kind);
        if let Some(doc) = &table.doc {
            recorder.string(&element, vocab::DOC, doc);
        }
        recorder.realizes(&table.class.iri, &element);
        for note in table.notes.iter().chain(&identifier_notes) {
            recorder.note(&element, note);
        }
        recorder.mapping_literal(&element, vocab::ID_KEY, Literal::from(table.key.as_str()));
        recorder.mapping_literal(
            &element,
            vocab::LAST_COLUMN_ID,
            Literal::from(last_column_id),
        );
        recorder.mapping_literal(&element, vocab::SCHEMA_ID, Literal::from(schema_id));
        recorder.mapping_literal(&element, vocab::SCHEMA_HASH, Literal::from(hash.as_str()));
        let mut by_id = Vec::new();
        for (position, field) in table.fields.iter().enumerate() {
            record_field(&mut recorder, &element, field, position, &mut by_id);
        }
        for id in &identifiers {
            if let Some((_, field)) = by_id.iter().find(|(i, _)| i == id) {
                recorder.link(&element, vocab::IDENTIFIER_FIELD, field);
            }
        }
        let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
        text.push('\n');
        files.push(SchemaFile { name: file, text });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    recorder.finish(files)
}

/// The identifier field ids under `field`, a primary key member: its
/// primitive fields, through structs. Iceberg takes only required
/// primitives that are not floating point, outside lists; the others are
/// noted on the table.
fn identifier_ids(field: &Field, ids: &mut Vec<i32>, notes: &mut Vec<String>) {
    let refuse = |why: &str, notes: &mut Vec<String>| {
        notes.push(format!(
            "key field {} (id {}) is not an identifier field: {why}",
            field.name, field.id
        ));
    };
    if !field.required {
        return refuse("Iceberg identifier fields must be required", notes);
    }
    match &field.ty {
        Type::Primitive(p) if p == "float" || p == "double" => {
            refuse("Iceberg identifier fields cannot be floating point", notes)
        }
        Type::Primitive(_) => ids.push(field.id),
        Type::Struct(fields) => {
            for f in fields {
                identifier_ids(f, ids, notes);
            }
        }
        Type::List(_) => refuse("Iceberg identifier fields cannot be in a list", notes),
    }
}

/// A field as Iceberg's JSON writes it.
fn field_json(field: &Field) -> Value {
    let mut object = Map::new();
    object.insert("id".to_owned(), json!(field.id));
    object.insert("name".to_owned(), json!(field.name));
    object.insert("required".to_owned(), json!(field.required));
    object.insert("type".to_owned(), type_json(&field.ty));
    if let Some(doc) = &field.doc {
        object.insert("doc".to_owned(), json!(doc));
    }
    Value::Object(object)
}

fn type_json(ty: &Type) -> Value {
    match ty {
        Type::Primitive(p) => json!(p),
        Type::Struct(fields) => json!({
            "type": "struct",
            "fields": fields.iter().map(field_json).collect::<Vec<_>>(),
        }),
        Type::List(element) => json!({
            "type": "list",
            "element-id": element.id,
            "element": type_json(&element.ty),
            "element-required": element.required,
        }),
    }
}

/// Records the element of `field`, at `position` in `parent`, and what it
/// holds; `by_id` collects every element by its field id.
fn record_field(
    recorder: &mut Recorder,
    parent: &NamedNode,
    field: &Field,
    position: usize,
    by_id: &mut Vec<(i32, NamedNode)>,
) {
    let element = recorder.element(parent, vocab::FIELD, &field.name);
    recorder.literal(&element, vocab::FIELD_ID, Literal::from(field.id));
    let position = i32::try_from(position).unwrap_or(i32::MAX);
    recorder.literal(&element, vocab::POSITION, Literal::from(position));
    recorder.string(&element, vocab::TYPE, field.ty.text());
    recorder.boolean(&element, vocab::REQUIRED, field.required);
    if let Some(doc) = &field.doc {
        recorder.string(&element, vocab::DOC, doc);
    }
    if let Some(property) = &field.property {
        recorder.realizes(property, &element);
    }
    for term in &field.partly {
        recorder.realizes_partly(term, &element);
    }
    for note in &field.notes {
        recorder.note(&element, note);
    }
    recorder.mapping_literal(&element, vocab::ID_KEY, Literal::from(field.key.as_str()));
    recorder.mapping_literal(&element, vocab::FIELD_ID, Literal::from(field.id));
    recorder.mapping_literal(&element, vocab::TYPE, Literal::from(field.ty.text()));
    by_id.push((field.id, element.clone()));
    match &field.ty {
        Type::Primitive(_) => {}
        Type::Struct(fields) => {
            for (position, f) in fields.iter().enumerate() {
                record_field(recorder, &element, f, position, by_id);
            }
        }
        Type::List(item) => record_field(recorder, &element, item, 0, by_id),
    }
}

/// FNV-1a, 64 bits: a digest that stays the same from build to build (std's
/// hashers promise no such thing), to tell a changed schema.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
