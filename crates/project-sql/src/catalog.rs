//! What an importer reads from an existing schema, whatever its source (a
//! DDL file, a live PostgreSQL or SQLite database), and how it is written as
//! a container representation: the same elements, named the same way, as
//! the projection records (`record.rs`), so that importing a projection's
//! DDL gives back the graph it recorded.

use crate::record::{comment, position};
use crate::vocab as sql;
use crate::Dialect;
use oxrdf::vocab::rdf;
use oxrdf::{NamedNode, NamedNodeRef, TermRef};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use uda_projection::{ImportWarning, Imported, Recorder};

/// Where the container is named and what it refers to.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions<'a> {
    /// The IRI every element is named under: `{model IRI}/sql-{dialect}` to
    /// compare with a projection, [`Coordinates::base_iri`] for an existing
    /// container.
    ///
    /// [`Coordinates::base_iri`]: uda_projection::Coordinates::base_iri
    pub base: &'a str,
    /// The schema's `map:name`.
    pub schema_name: &'a str,
    /// Schemas imported before, whose tables and types this one may refer
    /// to (as a model's DDL refers to the tables of the models it imports):
    /// each is `sql:requires`d, and references into it use its IRIs.
    pub requires: &'a [Imported],
}

/// An import that could not be done: every error, located.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render(.errors))]
pub struct ImportError {
    /// In the order found: a file's parse errors first, then errors of meaning.
    pub errors: Vec<LocatedError>,
}

/// One error of an import, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocatedError {
    /// `file:line:column`, or the database object (or the database) for a live import.
    pub location: String,
    pub message: String,
}

impl fmt::Display for LocatedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: error: {}", self.location, self.message)
    }
}

fn render(errors: &[LocatedError]) -> String {
    let lines: Vec<String> = errors.iter().map(LocatedError::to_string).collect();
    lines.join("\n")
}

impl ImportError {
    pub(crate) fn at(location: impl fmt::Display, message: impl fmt::Display) -> Self {
        Self::new(vec![warning(location, message)])
    }

    /// The error of these findings (each located as a warning is).
    pub(crate) fn new(found: Vec<ImportWarning>) -> Self {
        Self {
            errors: found
                .into_iter()
                .map(|w| LocatedError {
                    location: w.location,
                    message: w.message,
                })
                .collect(),
        }
    }
}

pub(crate) fn warning(location: impl fmt::Display, message: impl fmt::Display) -> ImportWarning {
    ImportWarning {
        location: location.to_string(),
        message: message.to_string(),
    }
}

/// An existing schema, as read.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    pub enum_types: Vec<EnumDef>,
    pub tables: Vec<TableDef>,
    pub views: Vec<ViewDef>,
    pub warnings: Vec<ImportWarning>,
}

#[derive(Debug)]
pub(crate) struct EnumDef {
    pub name: String,
    pub labels: Vec<String>,
    pub comment: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct TableDef {
    pub name: String,
    /// Where it was read, for warnings about it.
    pub location: String,
    pub comment: Option<String>,
    pub columns: Vec<ColumnDef>,
    pub primary_key: Option<Key>,
    pub uniques: Vec<Key>,
    pub foreign_keys: Vec<ForeignKeyDef>,
    pub checks: Vec<CheckDef>,
    pub indexes: Vec<IndexDef>,
    /// The names of its columns and constraints, one scope, and the last
    /// number appended to each generated name.
    pub taken: BTreeSet<String>,
    pub numbered: BTreeMap<String, usize>,
}

#[derive(Debug, Default)]
pub(crate) struct ColumnDef {
    pub name: String,
    pub data_type: String,
    pub not_null: bool,
    pub default: Option<String>,
    pub comment: Option<String>,
    /// The type's name, when it may be an enumeration type (a bare user type).
    pub enum_type: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Key {
    pub name: String,
    pub columns: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct ForeignKeyDef {
    pub name: String,
    pub columns: Vec<String>,
    pub table: String,
    pub referred: Vec<String>,
    /// Added by `ALTER TABLE` (DDL); `None` where the source cannot tell (a live database).
    pub added_later: Option<bool>,
}

#[derive(Debug)]
pub(crate) struct CheckDef {
    pub name: String,
    pub expression: String,
    /// The values a `col IN ('a', ...)` check admits.
    pub allowed: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct IndexDef {
    pub name: String,
    pub unique: bool,
    pub columns: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct ViewDef {
    pub name: String,
    pub definition: String,
    pub comment: Option<String>,
    pub columns: Vec<ViewColumnDef>,
}

#[derive(Debug)]
pub(crate) struct ViewColumnDef {
    pub name: String,
    pub data_type: Option<String>,
    pub comment: Option<String>,
}

impl TableDef {
    pub(crate) fn column_mut(&mut self, name: &str) -> Option<&mut ColumnDef> {
        self.columns.iter_mut().find(|c| c.name == name)
    }

    /// Takes a name for a column or constraint: `wanted` if given, else the
    /// name PostgreSQL gives an unnamed constraint, `{table}_{columns}_{suffix}`
    /// with a number appended while it is taken, so that a DDL's unnamed
    /// constraints are named as the database names them.
    pub(crate) fn claim(
        &mut self,
        wanted: Option<String>,
        columns: &[String],
        suffix: &str,
    ) -> String {
        if let Some(name) = wanted {
            self.taken.insert(name.clone());
            return name;
        }
        let mut stem = self.name.clone();
        for c in columns {
            stem.push('_');
            stem.push_str(c);
        }
        let base = format!("{stem}_{suffix}");
        let mut name = base.clone();
        // Numbers go on from the last one given to this name, so that many
        // unnamed constraints on the same columns take linear time.
        let next = self.numbered.entry(base.clone()).or_insert(0);
        while self.taken.contains(&name) {
            *next += 1;
            name = format!("{base}{next}");
        }
        self.taken.insert(name.clone());
        name
    }
}

/// The elements of the schemas given as required, by parent and name,
/// with their class.
struct Required {
    schemas: Vec<NamedNode>,
    parts: BTreeMap<(String, String), (NamedNode, String)>,
}

impl Required {
    fn new(requires: &[Imported]) -> Self {
        let mut parts = BTreeMap::new();
        for imported in requires {
            let container = &imported.container;
            for t in container.iter() {
                if t.predicate != map::PART_OF {
                    continue;
                }
                let (oxrdf::NamedOrBlankNodeRef::NamedNode(element), TermRef::NamedNode(parent)) =
                    (t.subject, t.object)
                else {
                    continue;
                };
                let name = container.object_for_subject_predicate(element, map::NAME);
                let class = container.object_for_subject_predicate(element, rdf::TYPE);
                if let (Some(TermRef::Literal(name)), Some(TermRef::NamedNode(class))) =
                    (name, class)
                {
                    parts.insert(
                        (parent.as_str().to_owned(), name.value().to_owned()),
                        (element.into_owned(), class.as_str().to_owned()),
                    );
                }
            }
        }
        Self {
            schemas: requires.iter().map(|i| i.schema.clone()).collect(),
            parts,
        }
    }

    /// The element of `class` named `name` under `parent` in a required schema.
    fn find(&self, parent: &NamedNode, name: &str, class: NamedNodeRef<'_>) -> Option<&NamedNode> {
        self.parts
            .get(&(parent.as_str().to_owned(), name.to_owned()))
            .filter(|(_, c)| c == class.as_str())
            .map(|(iri, _)| iri)
    }

    /// A table or type named `name` in the first required schema having one.
    fn top(&self, name: &str, class: NamedNodeRef<'_>) -> Option<&NamedNode> {
        self.schemas.iter().find_map(|s| self.find(s, name, class))
    }
}

/// The mapping vocabulary's terms an importer reads back from required schemas.
mod map {
    uda_upper::iri_constants! { "https://w3id.org/uda/mapping#", pub const {
        NAME = "name";
        PART_OF = "partOf";
    }}
}

struct Writer<'c> {
    recorder: Recorder,
    base: String,
    required: Required,
    /// This schema's tables, by name.
    own: BTreeMap<String, NamedNode>,
    /// This schema's enumeration types, by name.
    enums: BTreeMap<String, NamedNode>,
    /// This schema's columns, by table and name.
    columns: BTreeMap<(String, String), NamedNode>,
    catalog: &'c Catalog,
    warnings: Vec<ImportWarning>,
}

/// Writes the catalog as a container representation in `ontologies/sql.ttl`'s vocabulary.
pub(crate) fn record(catalog: Catalog, dialect: Dialect, options: &ImportOptions<'_>) -> Imported {
    let mut recorder = Recorder::for_container(options.base, sql::SCHEMA, options.schema_name);
    let root = recorder.schema().clone();
    recorder.string(&root, sql::DIALECT, dialect.as_str());
    for required in options.requires {
        recorder.link(&root, sql::REQUIRES, &required.schema);
    }
    let mut w = Writer {
        recorder,
        base: options.base.to_owned(),
        required: Required::new(options.requires),
        own: BTreeMap::new(),
        enums: BTreeMap::new(),
        columns: BTreeMap::new(),
        catalog: &catalog,
        warnings: Vec::new(),
    };
    w.write(&root);
    let Writer {
        recorder,
        mut warnings,
        ..
    } = w;
    let mut all = catalog.warnings;
    all.append(&mut warnings);
    recorder.finish_import(all)
}

impl Writer<'_> {
    fn write(&mut self, root: &NamedNode) {
        let catalog = self.catalog;
        for e in &catalog.enum_types {
            let element = self.recorder.element(root, sql::ENUM_TYPE, &e.name);
            comment(&mut self.recorder, &element, e.comment.as_deref());
            self.values(&element, sql::ENUM_LABEL, &e.labels);
            self.enums.insert(e.name.clone(), element);
        }
        // Every table and column first: constraints refer to them in any order.
        for t in &catalog.tables {
            let table = self.recorder.element(root, sql::TABLE, &t.name);
            comment(&mut self.recorder, &table, t.comment.as_deref());
            for (i, c) in t.columns.iter().enumerate() {
                let column = self.column(&table, c, i);
                self.columns
                    .insert((t.name.clone(), c.name.clone()), column);
            }
            self.own.insert(t.name.clone(), table);
        }
        for t in &catalog.tables {
            self.constraints(t);
        }
        for v in &catalog.views {
            let view = self.recorder.element(root, sql::VIEW, &v.name);
            self.recorder.string(&view, sql::DEFINITION, &v.definition);
            comment(&mut self.recorder, &view, v.comment.as_deref());
            for (i, c) in v.columns.iter().enumerate() {
                let column = self.recorder.element(&view, sql::VIEW_COLUMN, &c.name);
                position(&mut self.recorder, &column, i);
                comment(&mut self.recorder, &column, c.comment.as_deref());
                if let Some(ty) = &c.data_type {
                    self.recorder.string(&column, sql::RESULT_TYPE, ty);
                }
            }
        }
    }

    fn column(&mut self, table: &NamedNode, c: &ColumnDef, i: usize) -> NamedNode {
        let column = self.recorder.element(table, sql::COLUMN, &c.name);
        self.recorder.string(&column, sql::DATA_TYPE, &c.data_type);
        self.recorder.boolean(&column, sql::NOT_NULL, c.not_null);
        position(&mut self.recorder, &column, i);
        comment(&mut self.recorder, &column, c.comment.as_deref());
        if let Some(d) = &c.default {
            self.recorder.string(&column, sql::DEFAULT, d);
        }
        // A bare type name that is no enumeration type (a domain, an
        // extension's type) is a type like any other.
        if let Some(name) = &c.enum_type {
            let found = match self.enums.get(name) {
                Some(own) => Some(own.clone()),
                None => self.required.top(name, sql::ENUM_TYPE).cloned(),
            };
            if let Some(ty) = found {
                self.recorder.link(&column, sql::USES_ENUM_TYPE, &ty);
            }
        }
        column
    }

    fn constraints(&mut self, t: &TableDef) {
        let Some(table) = self.own.get(&t.name).cloned() else {
            return;
        };
        if let Some(pk) = &t.primary_key {
            let element = self.recorder.element(&table, sql::PRIMARY_KEY, &pk.name);
            self.key_parts(&element, t, &pk.columns, None);
        }
        for u in &t.uniques {
            let element = self.recorder.element(&table, sql::UNIQUE, &u.name);
            self.key_parts(&element, t, &u.columns, None);
        }
        for f in &t.foreign_keys {
            let element = self.recorder.element(&table, sql::FOREIGN_KEY, &f.name);
            let target = self.table_iri(t, &f.table);
            self.recorder.link(&element, sql::REFERENCED_TABLE, &target);
            if let Some(later) = f.added_later {
                self.recorder.boolean(&element, sql::ADDED_LATER, later);
            }
            self.key_parts(
                &element,
                t,
                &f.columns,
                Some((&f.table, &target, &f.referred)),
            );
        }
        for c in &t.checks {
            let element = self.recorder.element(&table, sql::CHECK, &c.name);
            self.recorder
                .string(&element, sql::EXPRESSION, &c.expression);
            self.values(&element, sql::ALLOWED_VALUE, &c.allowed);
        }
        for i in &t.indexes {
            let element = self.recorder.element(&table, sql::INDEX, &i.name);
            self.recorder.boolean(&element, sql::IS_UNIQUE, i.unique);
            self.key_parts(&element, t, &i.columns, None);
        }
    }

    /// A referenced table: this schema's, a required schema's, or else one
    /// named under this schema's base, with a warning.
    fn table_iri(&mut self, from: &TableDef, name: &str) -> NamedNode {
        if let Some(own) = self.own.get(name) {
            return own.clone();
        }
        if let Some(found) = self.required.top(name, sql::TABLE) {
            return found.clone();
        }
        self.warnings.push(warning(
            &from.location,
            format!(
                "{} refers to table {name}, which neither this schema nor a required one creates",
                from.name
            ),
        ));
        unstated(&self.base, None, name)
    }

    fn column_iri(
        &mut self,
        from: &TableDef,
        table: &str,
        table_iri: &NamedNode,
        name: &str,
    ) -> NamedNode {
        if let Some(own) = self.columns.get(&(table.to_owned(), name.to_owned())) {
            return own.clone();
        }
        if let Some(found) = self.required.find(table_iri, name, sql::COLUMN) {
            return found.clone();
        }
        self.warnings.push(warning(
            &from.location,
            format!(
                "{} refers to column {table}.{name}, which is not known",
                from.name
            ),
        ));
        unstated(&self.base, Some(table_iri), name)
    }

    /// The columns of a key, in order, with the columns they refer to.
    fn key_parts(
        &mut self,
        constraint: &NamedNode,
        t: &TableDef,
        columns: &[String],
        referred: Option<(&String, &NamedNode, &Vec<String>)>,
    ) {
        let own = self.own.get(&t.name).cloned();
        for (i, c) in columns.iter().enumerate() {
            let part = self.recorder.element(constraint, sql::KEY_PART, c);
            position(&mut self.recorder, &part, i);
            if let Some(own) = &own {
                let column = self.column_iri(t, &t.name, own, c);
                self.recorder.link(&part, sql::KEY_COLUMN, &column);
            }
            if let Some((table, table_iri, names)) = referred {
                if let Some(name) = names.get(i) {
                    let column = self.column_iri(t, table, table_iri, name);
                    self.recorder.link(&part, sql::REFERENCES, &column);
                }
            }
        }
    }

    fn values(&mut self, parent: &NamedNode, class: NamedNodeRef<'_>, values: &[String]) {
        for (i, value) in values.iter().enumerate() {
            let element = self.recorder.element(parent, class, value);
            position(&mut self.recorder, &element, i);
        }
    }
}

/// The IRI an element named `name` (under `parent`, or the schema) would
/// have, without stating that it exists: a throwaway recorder names it, so
/// that the encoding is the recorder's own.
fn unstated(base: &str, parent: Option<&NamedNode>, name: &str) -> NamedNode {
    let mut scratch = Recorder::for_container(base, sql::SCHEMA, "");
    let parent = parent.cloned().unwrap_or_else(|| scratch.schema().clone());
    scratch.element(&parent, sql::TABLE, name)
}
