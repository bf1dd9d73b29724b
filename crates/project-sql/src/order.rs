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
    // Kept up to date as tables are created, rather than found by scanning
    // every remaining table at each step (quadratic in large schemas): how
    // many forward references each table has, the tables making each one,
    // and the tables with none.
    let mut forward_count: BTreeMap<String, usize> = BTreeMap::new();
    let mut referrers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in remaining.values() {
        let mut count = 0;
        for f in t.foreign_keys.iter().filter(|f| forward(t, f, &done)) {
            referrers
                .entry(f.table.name.clone())
                .or_default()
                .push(t.name.clone());
            count += 1;
        }
        forward_count.insert(t.name.clone(), count);
    }
    let mut ready: BTreeSet<String> = forward_count
        .iter()
        .filter(|(_, count)| **count == 0)
        .map(|(name, _)| name.clone())
        .collect();
    while let Some(first) = remaining.keys().next().cloned() {
        // The first table by name with no forward reference, or else the first
        // of all, whose forward references close cycles.
        let next = ready.pop_first().unwrap_or(first);
        let Some(mut table) = remaining.remove(&next) else {
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
        for referrer in referrers.remove(&table.name).unwrap_or_default() {
            if let Some(count) = forward_count.get_mut(&referrer) {
                *count -= 1;
                if *count == 0 && remaining.contains_key(&referrer) {
                    ready.insert(referrer);
                }
            }
        }
        tables.push(table);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Key, PartRef, Trace};
    use uda_projection::Names;

    const MODEL: &str = "https://example.org/m";

    /// A table with a foreign key to each `(model, table)`.
    fn table(name: &str, references: &[(&str, &str)]) -> Table {
        Table {
            name: name.to_owned(),
            comment: None,
            columns: Vec::new(),
            primary_key: Key::default(),
            foreign_keys: references
                .iter()
                .map(|(model, table)| ForeignKey {
                    name: format!("{name}_{table}_fkey"),
                    columns: Vec::new(),
                    table: PartRef {
                        model: (*model).to_owned(),
                        name: (*table).to_owned(),
                    },
                    referred: Vec::new(),
                    placement: FkPlacement::Inline,
                    trace: Trace::default(),
                })
                .collect(),
            checks: Vec::new(),
            trace: Trace::default(),
            names: Names::new(&[], true),
            groups: Vec::new(),
        }
    }

    #[test]
    fn tables_come_after_those_they_refer_to_and_cycles_are_broken_by_name() {
        let tables = || {
            vec![
                table("d", &[(MODEL, "x"), (MODEL, "c")]),
                table("c", &[(MODEL, "b")]),
                table("b", &[(MODEL, "a")]),
                table("a", &[]),
                table("x", &[(MODEL, "y")]),
                table("y", &[(MODEL, "x")]),
                table("s", &[(MODEL, "s")]),
                table("o", &[("https://example.org/other", "a")]),
                table("g", &[(MODEL, "ghost")]),
            ]
        };
        for dialect in Dialect::ALL {
            let mut ordered = tables();
            order(&mut ordered, MODEL, dialect);
            let names: Vec<&str> = ordered.iter().map(|t| t.name.as_str()).collect();
            // a, b, c in dependency order; o and s refer to nothing created
            // later; then d, g and x, each first of what is left, each with a
            // reference to a table not created yet (or never), which y then
            // no longer has.
            assert_eq!(names, ["a", "b", "c", "o", "s", "d", "g", "x", "y"]);
            let closing = match dialect {
                Dialect::Postgres => FkPlacement::Altered,
                Dialect::Sqlite => FkPlacement::Inline,
                Dialect::DuckDb => FkPlacement::Omitted,
            };
            let placements: Vec<(&str, FkPlacement)> = ordered
                .iter()
                .flat_map(|t| {
                    t.foreign_keys
                        .iter()
                        .map(|f| (f.name.as_str(), f.placement))
                })
                .collect();
            assert_eq!(
                placements,
                [
                    ("b_a_fkey", FkPlacement::Inline),
                    ("c_b_fkey", FkPlacement::Inline),
                    ("o_a_fkey", FkPlacement::Inline),
                    ("s_s_fkey", FkPlacement::Inline),
                    ("d_x_fkey", closing),
                    ("d_c_fkey", FkPlacement::Inline),
                    ("g_ghost_fkey", closing),
                    ("x_y_fkey", closing),
                    ("y_x_fkey", FkPlacement::Inline),
                ],
                "{dialect:?}"
            );
        }
    }
}
