//! Finishing touches that depend on the dialect: the order of the tables,
//! foreign keys that close a cycle, and SQLite's rowid.

use crate::schema::{FkPlacement, ForeignKey, Table};
use crate::Dialect;
use sqlparser::ast::DataType;
use std::collections::{BTreeMap, BTreeSet};

/// In SQLite, a lone `INTEGER` primary key column aliases the rowid, and a
/// NULL key becomes a generated one; declared `INT` (the same affinity), the
/// key stays required.
pub(crate) fn keep_rowid(table: &mut Table) {
    let [key] = table.primary_key.columns.as_slice() else {
        return;
    };
    if let Some(column) = table.columns.iter_mut().find(|c| c.name == *key) {
        if column.data_type == DataType::Integer(None) {
            column.data_type = DataType::Int(None);
            column.trace.notes.push(
                "declared INT, not INTEGER: an INTEGER PRIMARY KEY would alias the rowid and generate a missing key"
                    .to_owned(),
            );
        }
    }
}

/// Orders tables so every foreign key points to an earlier table; ties and
/// cycles are broken by name. A foreign key closing a cycle is added after
/// the tables (PostgreSQL), kept as a forward reference (SQLite resolves
/// foreign keys only when rows are written) or left out (DuckDB cannot add
/// one to an existing table).
pub(crate) fn order(tables: &mut Vec<Table>, model: &str, dialect: Dialect) {
    let mut remaining: BTreeMap<String, Table> =
        tables.drain(..).map(|t| (t.name.clone(), t)).collect();
    let mut done: BTreeSet<String> = BTreeSet::new();
    // A reference to a table of this schema not created yet.
    let forward = |t: &Table, fk: &ForeignKey, done: &BTreeSet<String>| {
        fk.table.model == model && fk.table.name != t.name && !done.contains(&fk.table.name)
    };
    while let Some(first) = remaining.keys().next().cloned() {
        let ready = remaining
            .values()
            .find(|t| !t.foreign_keys.iter().any(|f| forward(t, f, &done)))
            .map(|t| t.name.clone());
        let Some(mut table) = remaining.remove(&ready.unwrap_or(first)) else {
            break;
        };
        if dialect != Dialect::Sqlite {
            let closing: Vec<bool> = table
                .foreign_keys
                .iter()
                .map(|f| forward(&table, f, &done))
                .collect();
            for (fk, _) in table
                .foreign_keys
                .iter_mut()
                .zip(closing)
                .filter(|(_, c)| *c)
            {
                fk.placement = if dialect == Dialect::DuckDb {
                    fk.trace.notes.push(format!(
                        "not declared: {} and {} refer to each other, and DuckDB cannot add a \
                         foreign key to an existing table",
                        table.name, fk.table.name
                    ));
                    FkPlacement::Omitted
                } else {
                    FkPlacement::Altered
                };
            }
        }
        done.insert(table.name.clone());
        tables.push(table);
    }
}
