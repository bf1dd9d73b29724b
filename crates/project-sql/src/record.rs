//! The container representation (in the vocabulary of `ontologies/sql.ttl`)
//! and the mappings of a planned schema.

use crate::schema::{Allowed, FkPlacement, PartRef, Schema, Table, Trace};
use crate::vocab as sql;
use crate::Dialect;
use oxrdf::vocab::xsd;
use oxrdf::{Literal, NamedNode, NamedNodeRef};
use uda_projection::{Output, Recorder, SchemaFile};

/// The IRI the projection of `model` gives the element at `path` (the
/// recorder's scheme), so that elements of imported schemas can be linked.
fn element_iri(model: &str, dialect: Dialect, path: &[&str]) -> NamedNode {
    let base = model.trim_end_matches(['#', '/']);
    NamedNode::new_unchecked(format!("{base}/{}/{}", dialect.target(), path.join("/")))
}

struct Record<'s> {
    recorder: Recorder,
    dialect: Dialect,
    schema: &'s Schema,
}

pub(crate) fn record(schema: &Schema, dialect: Dialect, files: Vec<SchemaFile>) -> Output {
    let recorder = Recorder::new(&schema.model, dialect.target(), sql::SCHEMA, &schema.domain);
    let mut r = Record {
        recorder,
        dialect,
        schema,
    };
    let root = r.recorder.schema().clone();
    r.recorder.string(&root, sql::DIALECT, dialect.as_str());
    for req in &schema.requires {
        let required = element_iri(&req.model, dialect, &["schema"]);
        r.recorder.link(&root, sql::REQUIRES, &required);
    }
    r.trace(&root, &schema.trace);
    for e in &schema.enum_types {
        let element = r.recorder.element(&root, sql::ENUM_TYPE, &e.name);
        comment(&mut r.recorder, &element, e.comment.as_deref());
        r.trace(&element, &e.trace);
        r.values(&element, sql::ENUM_LABEL, &e.labels);
    }
    for table in &schema.tables {
        r.table(&root, table);
    }
    r.recorder.finish(files)
}

impl Record<'_> {
    fn trace(&mut self, element: &NamedNode, trace: &Trace) {
        for iri in &trace.primary {
            self.recorder.realizes(iri, element);
        }
        for iri in &trace.secondary {
            self.recorder.realizes_partly(iri, element);
        }
        for note in &trace.notes {
            self.recorder.note(element, note);
        }
    }

    fn values(&mut self, parent: &NamedNode, class: NamedNodeRef<'_>, values: &[Allowed]) {
        for (i, value) in values.iter().enumerate() {
            let element = self.recorder.element(parent, class, &value.label);
            position(&mut self.recorder, &element, i);
            self.trace(&element, &value.trace);
        }
    }

    fn part_iri(&self, table: &PartRef) -> NamedNode {
        element_iri(&table.model, self.dialect, &[&table.name])
    }

    fn table(&mut self, root: &NamedNode, table: &Table) {
        let element = self.recorder.element(root, sql::TABLE, &table.name);
        comment(&mut self.recorder, &element, table.comment.as_deref());
        self.trace(&element, &table.trace);
        let own = PartRef {
            model: self.schema.model.clone(),
            name: table.name.clone(),
        };
        for (i, c) in table.columns.iter().enumerate() {
            let column = self.recorder.element(&element, sql::COLUMN, &c.name);
            self.recorder
                .string(&column, sql::DATA_TYPE, &c.data_type.to_string());
            self.recorder.boolean(&column, sql::NOT_NULL, c.not_null);
            position(&mut self.recorder, &column, i);
            comment(&mut self.recorder, &column, c.comment.as_deref());
            if let Some(ty) = &c.enum_type {
                let ty = self.part_iri(ty);
                self.recorder.link(&column, sql::USES_ENUM_TYPE, &ty);
            }
            self.trace(&column, &c.trace);
        }
        let pk = self
            .recorder
            .element(&element, sql::PRIMARY_KEY, &table.primary_key.name);
        self.key_parts(&pk, &own, &table.primary_key.columns, None);
        for f in &table.foreign_keys {
            if f.placement == FkPlacement::Omitted {
                // Not in the DDL: its columns realize the relationship, the
                // table carries the note.
                for note in &f.trace.notes {
                    self.recorder.note(&element, note);
                }
                continue;
            }
            let fk = self.recorder.element(&element, sql::FOREIGN_KEY, &f.name);
            let target = self.part_iri(&f.table);
            self.recorder.link(&fk, sql::REFERENCED_TABLE, &target);
            self.recorder
                .boolean(&fk, sql::ADDED_LATER, f.placement == FkPlacement::Altered);
            self.key_parts(&fk, &own, &f.columns, Some((&f.table, &f.referred)));
            self.trace(&fk, &f.trace);
        }
        for c in &table.checks {
            let check = self.recorder.element(&element, sql::CHECK, &c.name);
            self.recorder
                .string(&check, sql::EXPRESSION, &c.expr.to_string());
            self.values(&check, sql::ALLOWED_VALUE, &c.allowed);
            self.trace(&check, &c.trace);
        }
    }

    /// The columns of a key, in order, with the columns they refer to.
    fn key_parts(
        &mut self,
        constraint: &NamedNode,
        table: &PartRef,
        columns: &[String],
        referred: Option<(&PartRef, &Vec<String>)>,
    ) {
        for (i, c) in columns.iter().enumerate() {
            let part = self.recorder.element(constraint, sql::KEY_PART, c);
            position(&mut self.recorder, &part, i);
            let column = element_iri(&table.model, self.dialect, &[&table.name, c]);
            self.recorder.link(&part, sql::KEY_COLUMN, &column);
            if let Some((target, names)) = referred {
                if let Some(name) = names.get(i) {
                    let column = element_iri(&target.model, self.dialect, &[&target.name, name]);
                    self.recorder.link(&part, sql::REFERENCES, &column);
                }
            }
        }
    }
}

/// Records an element's comment, if it has one.
pub(crate) fn comment(recorder: &mut Recorder, element: &NamedNode, comment: Option<&str>) {
    if let Some(text) = comment {
        recorder.string(element, sql::COMMENT, text);
    }
}

/// Records an element's position (from 1) among its siblings.
pub(crate) fn position(recorder: &mut Recorder, element: &NamedNode, index: usize) {
    let literal = Literal::new_typed_literal((index + 1).to_string(), xsd::INTEGER);
    recorder.literal(element, sql::POSITION, literal);
}
