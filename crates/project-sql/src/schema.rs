//! The planned schema: tables, columns, keys, constraints and enumeration
//! types, each with the domain terms it realizes and what it could not
//! express. The planner builds it, rendering and recording read it.

use crate::expr;
use crate::Dialect;
use sqlparser::ast::{DataType, Expr};
use std::collections::BTreeMap;
use uda_projection::{Case, Names};
use uda_upper::Text;

/// PostgreSQL truncates longer identifiers; names stay within it everywhere
/// so that they are the same in every dialect.
const MAX_NAME: usize = 63;
/// Room kept below [`MAX_NAME`] for a `_NN` suffix that makes a name unique.
const SUFFIX_ROOM: usize = 4;

/// The domain terms an element realizes, and what it could not express.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trace {
    /// Terms this element is the realization of (its name may be recorded as renamed).
    pub primary: Vec<String>,
    /// Terms it realizes in part (a flattened column realizes the relationship it was reached through).
    pub secondary: Vec<String>,
    pub notes: Vec<String>,
}

impl Trace {
    pub(crate) fn of(iri: &str) -> Self {
        Self {
            primary: vec![iri.to_owned()],
            ..Self::default()
        }
    }

    pub(crate) fn iris(&self) -> impl Iterator<Item = &str> {
        self.primary
            .iter()
            .chain(&self.secondary)
            .map(String::as_str)
    }
}

/// A table or an enumeration type, of this model's schema or of one it imports.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct PartRef {
    pub model: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Schema {
    pub model: String,
    pub domain: String,
    pub text: Text,
    /// Models whose DDL must run first, in that order.
    pub requires: Vec<Requirement>,
    pub enum_types: Vec<EnumType>,
    /// In DDL order once planned: every foreign key points to an earlier table.
    pub tables: Vec<Table>,
    /// The table of every keyed class (a subclass maps to its taxonomy's table under single-table inheritance).
    pub class_tables: BTreeMap<String, String>,
    /// The type of every enumeration, under [`EnumStyle::PostgresEnum`].
    pub enum_type_names: BTreeMap<String, String>,
    /// Notes about the whole schema, and terms nothing else realizes.
    pub trace: Trace,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Requirement {
    pub model: String,
    pub domain: String,
}

#[derive(Debug, Clone)]
pub(crate) struct EnumType {
    pub name: String,
    pub labels: Vec<Allowed>,
    pub comment: Option<String>,
    pub trace: Trace,
}

/// One value an enumeration type or CHECK admits.
#[derive(Debug, Clone)]
pub(crate) struct Allowed {
    pub label: String,
    pub trace: Trace,
}

#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub name: String,
    pub comment: Option<String>,
    pub columns: Vec<Column>,
    pub primary_key: Key,
    pub foreign_keys: Vec<ForeignKey>,
    pub checks: Vec<Check>,
    pub trace: Trace,
    /// Column and constraint names: one scope, so that every part of the
    /// table has its own name (and container IRI).
    pub names: Names,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub name: String,
    pub data_type: DataType,
    pub not_null: bool,
    pub comment: Option<String>,
    /// The enumeration type of the column, when it has one.
    pub enum_type: Option<PartRef>,
    pub trace: Trace,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Key {
    pub name: String,
    pub columns: Vec<String>,
}

/// How a foreign key appears in the DDL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FkPlacement {
    /// In its table's CREATE TABLE.
    Inline,
    /// In an ALTER TABLE after every table exists (it closes a cycle).
    Altered,
    /// Not declared: it closes a cycle and the dialect cannot add it later.
    Omitted,
}

#[derive(Debug, Clone)]
pub(crate) struct ForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    pub table: PartRef,
    pub referred: Vec<String>,
    pub placement: FkPlacement,
    pub trace: Trace,
}

#[derive(Debug, Clone)]
pub(crate) struct Check {
    pub name: String,
    pub expr: Expr,
    /// The enumeration values a `col IN (...)` check admits.
    pub allowed: Vec<Allowed>,
    pub trace: Trace,
}

/// Columns that are NULL or present together: an optional nested value,
/// an optional language-tagged string, an optional composite reference, or
/// the columns of a subclass in a single-table taxonomy.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub hint: String,
    pub guard: Guard,
    pub all: Vec<String>,
    pub required: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) enum Guard {
    /// Absent when every column is NULL.
    AllNull,
    /// Absent when the row's kind is none of these.
    KindNotIn(String, Vec<String>),
}

/// A key column of a keyed class, as foreign keys copy it.
#[derive(Debug, Clone)]
pub(crate) struct KeyColumn {
    pub name: String,
    pub data_type: DataType,
    pub enum_type: Option<PartRef>,
}

impl Table {
    pub(crate) fn new(name: String, comment: Option<String>, trace: Trace) -> Self {
        Self {
            name,
            comment,
            columns: Vec::new(),
            primary_key: Key::default(),
            foreign_keys: Vec::new(),
            checks: Vec::new(),
            trace,
            names: Names::new(&[], true),
            groups: Vec::new(),
        }
    }

    pub(crate) fn constraint_name(&mut self, what: &str, suffix: &str) -> String {
        claim(&mut self.names, &format!("{}_{what}_{suffix}", self.name))
    }

    pub(crate) fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The primary key's columns as foreign keys copy them.
    pub(crate) fn key_columns(&self) -> Vec<KeyColumn> {
        self.primary_key
            .columns
            .iter()
            .filter_map(|k| self.column(k))
            .map(|c| KeyColumn {
                name: c.name.clone(),
                data_type: c.data_type.clone(),
                enum_type: c.enum_type.clone(),
            })
            .collect()
    }

    /// Adds plain NOT NULL copies of key columns (of an owner or a parent).
    pub(crate) fn copy_key(&mut self, key: &[KeyColumn]) -> Vec<String> {
        key.iter()
            .map(|k| {
                let name = claim(&mut self.names, &k.name);
                self.columns.push(Column {
                    name: name.clone(),
                    data_type: k.data_type.clone(),
                    not_null: true,
                    comment: None,
                    enum_type: k.enum_type.clone(),
                    trace: Trace::default(),
                });
                name
            })
            .collect()
    }

    pub(crate) fn reference(
        &mut self,
        columns: Vec<String>,
        table: PartRef,
        key: &[KeyColumn],
        trace: Trace,
    ) {
        let first = columns.first().cloned().unwrap_or_default();
        let name = self.constraint_name(&first, "fkey");
        self.foreign_keys.push(ForeignKey {
            name,
            columns,
            table,
            referred: key.iter().map(|k| k.name.clone()).collect(),
            placement: FkPlacement::Inline,
            trace,
        });
    }

    /// Turns the groups into CHECK constraints where they say something.
    pub(crate) fn close_groups(&mut self, dialect: Dialect) {
        for group in std::mem::take(&mut self.groups) {
            if group.required.is_empty() {
                continue;
            }
            let present = expr::and(
                group
                    .required
                    .iter()
                    .map(|c| expr::is_not_null(c, dialect))
                    .collect(),
            );
            let absent = match &group.guard {
                Guard::AllNull if group.all.len() > 1 => expr::and(
                    group
                        .all
                        .iter()
                        .map(|c| expr::is_null(c, dialect))
                        .collect(),
                ),
                Guard::AllNull => None,
                Guard::KindNotIn(kind, labels) => {
                    Some(expr::in_strings(kind, labels, true, dialect))
                }
            };
            let (Some(absent), Some(present)) = (absent, present) else {
                continue;
            };
            let name = self.constraint_name(&group.hint, "check");
            self.checks.push(Check {
                name,
                expr: expr::or(absent, present),
                allowed: Vec::new(),
                trace: Trace::default(),
            });
        }
    }
}

/// Claims a snake-case name no longer than PostgreSQL keeps.
pub(crate) fn claim(scope: &mut Names, wanted: &str) -> String {
    let snake = Names::new(&[], true).claim(wanted, Case::Snake);
    let base: String = snake.chars().take(MAX_NAME - SUFFIX_ROOM).collect();
    scope.claim(&base, Case::AsIs)
}

/// A table or column comment: the description, led by the label when the
/// label says more than the name (`billing order` for `order`, not `work`
/// for `work_work_id`).
pub(crate) fn comment(text: &Text, name: &str) -> Option<String> {
    let squash = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
    };
    let label = text
        .label
        .as_deref()
        .filter(|l| !squash(name).contains(&squash(l)));
    match (label, text.description.as_deref()) {
        (Some(l), Some(d)) => Some(format!("{l}: {d}")),
        (Some(l), None) => Some(l.to_owned()),
        (None, Some(d)) => Some(d.to_owned()),
        (None, None) => None,
    }
}
