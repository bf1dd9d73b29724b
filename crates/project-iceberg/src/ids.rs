//! Field ids kept across versions of a model. Iceberg finds a column in data
//! files by its id, so a field must keep its id from one version of the
//! model to the next, and an id, once given, must never name another field.
//!
//! An id is allocated on the field's *id key*: the IRI of the table's class,
//! then the IRIs of the properties leading to the field (and `element`,
//! `value`, `lang` for a list's element and a language string's parts),
//! never its generated name, which a collision elsewhere may change. The
//! mappings of each version record every field's key, id and type and every
//! table's last column id (`ontologies/iceberg.ttl`); the next version reads
//! them back ([`Earlier::read`]) and keeps an id while the type is the same or
//! one Iceberg promotes in place, and otherwise, or for a new field, takes the
//! table's next id. Removed fields keep their ids retired: the last column id
//! only grows, and a re-added property gets a new id.
//!
//! Ids are handed out in the order Iceberg's own fresh-id assignment uses (a
//! struct's fields first, then what each holds), so creating a table from a
//! first version keeps uda's ids, and adding a version's new columns in the
//! order of their ids (a new column's id, then its nested fields') gives
//! them the ids uda recorded.

use crate::error::IcebergError;
use crate::plan::{Field, Type};
use crate::types::is_promotion;
use crate::vocab;
use oxrdf::{Graph, NamedNode, NamedNodeRef, TermRef};
use std::collections::HashMap;
use uda_projection::MAP_NS;

/// What the earlier mappings say about one table.
#[derive(Debug, Default)]
pub struct TableIds {
    pub last_column_id: i32,
    pub schema_id: i32,
    pub schema_hash: String,
    /// Every field's id and type, by id key.
    fields: HashMap<String, (i32, String)>,
}

/// What the earlier mappings say about every table, by the table's id key.
#[derive(Debug, Default)]
pub struct Earlier {
    tables: HashMap<String, TableIds>,
}

impl Earlier {
    /// Reads the Iceberg mapping set of `graph`: the elements under the
    /// container it names that carry an id key. Other targets' mappings in
    /// the same graph are left alone.
    pub fn read(graph: &Graph) -> Result<Self, IcebergError> {
        let mut earlier = Self::default();
        let target = NamedNode::new_unchecked(format!("{MAP_NS}target"));
        let container = NamedNode::new_unchecked(format!("{MAP_NS}container"));
        let sets = graph.subjects_for_predicate_object(
            &target,
            oxrdf::LiteralRef::new_simple_literal("iceberg"),
        );
        let mut bases = Vec::new();
        for set in sets {
            if let Some(TermRef::NamedNode(schema)) =
                graph.object_for_subject_predicate(set, &container)
            {
                let base = schema.as_str();
                let base = base.strip_suffix("/schema").unwrap_or(base);
                bases.push(format!("{base}/"));
            }
        }
        let mut fields = Vec::new();
        for triple in graph.triples_for_predicate(vocab::ID_KEY) {
            let oxrdf::NamedOrBlankNodeRef::NamedNode(subject) = triple.subject else {
                continue;
            };
            if !bases
                .iter()
                .any(|b| subject.as_str().starts_with(b.as_str()))
            {
                continue;
            }
            let TermRef::Literal(key) = triple.object else {
                return Err(bad(subject, "its ice:idKey is not a literal"));
            };
            let key = key.value();
            let last = graph.object_for_subject_predicate(subject, vocab::LAST_COLUMN_ID);
            if let Some(last) = last {
                let table = earlier.tables.entry(key.to_owned()).or_default();
                table.last_column_id = number(subject, "ice:lastColumnId", Some(last))?;
                let schema_id = graph.object_for_subject_predicate(subject, vocab::SCHEMA_ID);
                table.schema_id = number(subject, "ice:schemaId", schema_id)?;
                table.schema_hash = text(
                    subject,
                    "ice:schemaHash",
                    graph.object_for_subject_predicate(subject, vocab::SCHEMA_HASH),
                )?;
            } else {
                let id = number(
                    subject,
                    "ice:fieldId",
                    graph.object_for_subject_predicate(subject, vocab::FIELD_ID),
                )?;
                let ty = text(
                    subject,
                    "ice:type",
                    graph.object_for_subject_predicate(subject, vocab::TYPE),
                )?;
                fields.push((subject, key.to_owned(), id, ty));
            }
        }
        for (subject, key, id, ty) in fields {
            let table_key = key.split(' ').next().unwrap_or_default();
            let Some(table) = earlier.tables.get_mut(table_key) else {
                return Err(bad(
                    subject,
                    &format!("its id key `{key}` names no table of the mappings"),
                ));
            };
            if id < 1 || id > table.last_column_id {
                return Err(bad(
                    subject,
                    &format!(
                        "field id {id} is not between 1 and its table's last column id {}",
                        table.last_column_id
                    ),
                ));
            }
            table.fields.insert(key, (id, ty));
        }
        Ok(earlier)
    }

    /// What the earlier mappings say about the table keyed `key`.
    pub fn table(&self, key: &str) -> Option<&TableIds> {
        self.tables.get(key)
    }
}

fn bad(subject: NamedNodeRef<'_>, message: &str) -> IcebergError {
    IcebergError::Earlier {
        subject: subject.as_str().to_owned(),
        message: message.to_owned(),
    }
}

fn number(
    subject: NamedNodeRef<'_>,
    what: &str,
    term: Option<TermRef<'_>>,
) -> Result<i32, IcebergError> {
    match term {
        Some(TermRef::Literal(l)) => l.value().parse().map_err(|_| {
            bad(
                subject,
                &format!("its {what} `{}` is not an integer", l.value()),
            )
        }),
        _ => Err(bad(subject, &format!("it has an ice:idKey but no {what}"))),
    }
}

fn text(
    subject: NamedNodeRef<'_>,
    what: &str,
    term: Option<TermRef<'_>>,
) -> Result<String, IcebergError> {
    match term {
        Some(TermRef::Literal(l)) => Ok(l.value().to_owned()),
        _ => Err(bad(subject, &format!("it has an ice:idKey but no {what}"))),
    }
}

/// Gives every field of one table its id.
pub struct Allocator<'e> {
    earlier: Option<&'e TableIds>,
    next: i32,
}

impl<'e> Allocator<'e> {
    /// An allocator for a table the earlier version had (`earlier`) or not.
    pub fn new(earlier: Option<&'e TableIds>) -> Self {
        Self {
            earlier,
            next: earlier.map_or(1, |t| t.last_column_id + 1),
        }
    }

    /// The last id given, or the earlier last column id when none was new.
    pub fn last_column_id(&self) -> i32 {
        self.next - 1
    }

    /// Assigns the ids of a table's fields.
    pub fn assign(&mut self, fields: &mut [Field]) {
        if self.earlier.is_some() {
            self.kept(fields);
        } else {
            self.fresh(fields);
        }
    }

    fn take(&mut self) -> i32 {
        let id = self.next;
        self.next += 1;
        id
    }

    /// New fields: every field of a struct, then what each holds, as
    /// Iceberg assigns fresh ids.
    fn fresh(&mut self, fields: &mut [Field]) {
        for field in fields.iter_mut() {
            field.id = self.take();
        }
        for field in fields.iter_mut() {
            self.fresh_inside(&mut field.ty);
        }
    }

    fn fresh_inside(&mut self, ty: &mut Type) {
        match ty {
            Type::Primitive(_) => {}
            Type::Struct(fields) => self.fresh(fields),
            Type::List(element) => {
                element.id = self.take();
                self.fresh_inside(&mut element.ty);
            }
        }
    }

    /// Fields of a table the earlier version had: each keeps its id if its
    /// type allows, else it and all it holds are new, in the order Iceberg's
    /// `add_column` numbers them.
    fn kept(&mut self, fields: &mut [Field]) {
        for field in fields.iter_mut() {
            self.kept_field(field);
        }
    }

    fn kept_field(&mut self, field: &mut Field) {
        let before = self
            .earlier
            .and_then(|t| t.fields.get(&field.key))
            .filter(|(_, ty)| is_promotion(ty, field.ty.text()));
        match before {
            Some((id, _)) => {
                field.id = *id;
                match &mut field.ty {
                    Type::Primitive(_) => {}
                    Type::Struct(fields) => self.kept(fields),
                    Type::List(element) => self.kept_field(element),
                }
            }
            None => {
                field.id = self.take();
                self.fresh_inside(&mut field.ty);
            }
        }
    }
}
