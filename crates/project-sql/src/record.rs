//! The container representation (in the vocabulary of `ontologies/sql.ttl`)
//! and the mappings of a planned schema.

use crate::schema::{Allowed, FkPlacement, PartRef, Schema, Table, Trace};
use crate::Dialect;
use oxrdf::vocab::xsd;
use oxrdf::{Literal, NamedNode, Triple};
use uda_projection::{Output, Recorder, SchemaFile, MAP_NS};

/// The namespace of the SQL system model, `ontologies/sql.ttl`.
pub const SQL_NS: &str = "https://w3id.org/uda/sql#";

fn sql(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SQL_NS}{local}"))
}

/// The IRI the projection of `model` gives the element at `path` (the
/// recorder's scheme), so that elements of imported schemas can be linked.
fn element_iri(model: &str, dialect: Dialect, path: &[&str]) -> NamedNode {
    let base = model.trim_end_matches(['#', '/']);
    NamedNode::new_unchecked(format!("{base}/{}/{}", dialect.target(), path.join("/")))
}

struct Record<'s> {
    recorder: Recorder,
    /// Partial realizations, added to the mappings without an original name.
    secondary: Vec<(String, NamedNode)>,
    dialect: Dialect,
    schema: &'s Schema,
}

pub(crate) fn record(schema: &Schema, dialect: Dialect, files: Vec<SchemaFile>) -> Output {
    let recorder = Recorder::new(
        &schema.model,
        dialect.target(),
        sql("Schema").as_ref(),
        &schema.domain,
    );
    let mut r = Record {
        recorder,
        secondary: Vec::new(),
        dialect,
        schema,
    };
    let root = r.recorder.schema().clone();
    r.recorder
        .string(&root, sql("dialect").as_ref(), dialect.as_str());
    for req in &schema.requires {
        let required = element_iri(&req.model, dialect, &["schema"]);
        r.recorder.link(&root, sql("requires").as_ref(), &required);
    }
    r.trace(&root, &schema.trace);
    for e in &schema.enum_types {
        let element = r.recorder.element(&root, sql("EnumType").as_ref(), &e.name);
        r.comment(&element, e.comment.as_deref());
        r.trace(&element, &e.trace);
        r.values(&element, "EnumLabel", &e.labels);
    }
    for table in &schema.tables {
        r.table(&root, table);
    }
    let Record {
        recorder,
        secondary,
        ..
    } = r;
    let mut output = recorder.finish(files);
    let realized_by = NamedNode::new_unchecked(format!("{MAP_NS}realizedBy"));
    for (domain, element) in secondary {
        output.mappings.insert(&Triple::new(
            NamedNode::new_unchecked(domain),
            realized_by.clone(),
            element,
        ));
    }
    output
}

impl Record<'_> {
    fn trace(&mut self, element: &NamedNode, trace: &Trace) {
        for iri in &trace.primary {
            self.recorder.realizes(iri, element);
        }
        for iri in &trace.secondary {
            self.secondary.push((iri.clone(), element.clone()));
        }
        for note in &trace.notes {
            self.recorder.note(element, note);
        }
    }

    fn comment(&mut self, element: &NamedNode, comment: Option<&str>) {
        if let Some(text) = comment {
            self.recorder.string(element, sql("comment").as_ref(), text);
        }
    }

    fn position(&mut self, element: &NamedNode, index: usize) {
        let literal = Literal::new_typed_literal((index + 1).to_string(), xsd::INTEGER);
        self.recorder
            .literal(element, sql("position").as_ref(), literal);
    }

    fn values(&mut self, parent: &NamedNode, class: &str, values: &[Allowed]) {
        for (i, value) in values.iter().enumerate() {
            let element = self
                .recorder
                .element(parent, sql(class).as_ref(), &value.label);
            self.position(&element, i);
            self.trace(&element, &value.trace);
        }
    }

    fn part_iri(&self, table: &PartRef) -> NamedNode {
        element_iri(&table.model, self.dialect, &[&table.name])
    }

    fn table(&mut self, root: &NamedNode, table: &Table) {
        let element = self
            .recorder
            .element(root, sql("Table").as_ref(), &table.name);
        self.comment(&element, table.comment.as_deref());
        self.trace(&element, &table.trace);
        let own = PartRef {
            model: self.schema.model.clone(),
            name: table.name.clone(),
        };
        for (i, c) in table.columns.iter().enumerate() {
            let column = self
                .recorder
                .element(&element, sql("Column").as_ref(), &c.name);
            self.recorder
                .string(&column, sql("dataType").as_ref(), &c.data_type.to_string());
            self.recorder
                .boolean(&column, sql("notNull").as_ref(), c.not_null);
            self.position(&column, i);
            self.comment(&column, c.comment.as_deref());
            if let Some(ty) = &c.enum_type {
                let ty = self.part_iri(ty);
                self.recorder.link(&column, sql("enumType").as_ref(), &ty);
            }
            self.trace(&column, &c.trace);
        }
        let pk = self.recorder.element(
            &element,
            sql("PrimaryKey").as_ref(),
            &table.primary_key.name,
        );
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
            let fk = self
                .recorder
                .element(&element, sql("ForeignKey").as_ref(), &f.name);
            let target = self.part_iri(&f.table);
            self.recorder
                .link(&fk, sql("referencedTable").as_ref(), &target);
            self.recorder.boolean(
                &fk,
                sql("addedLater").as_ref(),
                f.placement == FkPlacement::Altered,
            );
            self.key_parts(&fk, &own, &f.columns, Some((&f.table, &f.referred)));
            self.trace(&fk, &f.trace);
        }
        for c in &table.checks {
            let check = self
                .recorder
                .element(&element, sql("Check").as_ref(), &c.name);
            self.recorder
                .string(&check, sql("expression").as_ref(), &c.expr.to_string());
            self.values(&check, "AllowedValue", &c.allowed);
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
            let part = self
                .recorder
                .element(constraint, sql("KeyPart").as_ref(), c);
            self.position(&part, i);
            let column = element_iri(&table.model, self.dialect, &[&table.name, c]);
            self.recorder.link(&part, sql("column").as_ref(), &column);
            if let Some((target, names)) = referred {
                if let Some(name) = names.get(i) {
                    let column = element_iri(&target.model, self.dialect, &[&target.name, name]);
                    self.recorder
                        .link(&part, sql("references").as_ref(), &column);
                }
            }
        }
    }
}
