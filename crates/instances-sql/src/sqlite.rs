//! SQLite: rows inserted with one prepared statement per table, all in one
//! transaction; read back with one SELECT per table.

use rusqlite::types::Value;
use rusqlite::Connection;
use uda_instances::sql::{Holds, SqlPlan, Tables};
use uda_instances::Cell;
use uda_upper::Builtin;

use crate::{quote, SqlError};

/// Inserts `tables` (rows of `plan`'s tables, in its order) in one
/// transaction, after running the scripts of `ddl` in it (the projection's,
/// to create the tables), foreign keys checked at commit so that tables
/// referring to each other in a cycle load too. On any error nothing is
/// written, not even the tables.
pub fn load_sqlite(
    conn: &mut Connection,
    plan: &SqlPlan,
    ddl: &[String],
    tables: &Tables,
) -> Result<(), SqlError> {
    let at = |e: rusqlite::Error| SqlError::new("", e);
    conn.execute_batch("PRAGMA foreign_keys = ON").map_err(at)?;
    let tx = conn.transaction().map_err(at)?;
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")
        .map_err(at)?;
    for script in ddl {
        tx.execute_batch(script).map_err(at)?;
    }
    for (table, rows) in plan.tables.iter().zip(tables) {
        if rows.is_empty() {
            continue;
        }
        let columns: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
        let marks = vec!["?"; columns.len()].join(", ");
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({marks})",
            quote(&table.name),
            columns.join(", ")
        );
        let mut insert = tx
            .prepare(&sql)
            .map_err(|e| SqlError::new(&table.name, e))?;
        for row in rows {
            insert
                .execute(rusqlite::params_from_iter(row.iter().map(value)))
                .map_err(|e| SqlError::new(&table.name, e))?;
        }
    }
    // Dropping the transaction on an error above rolls it back.
    tx.commit().map_err(at)
}

fn value(cell: &Cell) -> Value {
    match cell {
        Cell::Null => Value::Null,
        Cell::Bool(b) => Value::Integer(i64::from(*b)),
        Cell::Int(i) => Value::Integer(*i),
        Cell::Float(f) => Value::Real(*f),
        Cell::Text(t) => Value::Text(t.clone()),
        Cell::Bytes(b) => Value::Blob(b.clone()),
    }
}

/// Every row of `plan`'s tables, in the plan's order, ordered by all
/// columns so that the result is the same from run to run.
pub fn read_sqlite(conn: &Connection, plan: &SqlPlan) -> Result<Tables, SqlError> {
    plan.tables
        .iter()
        .map(|table| {
            let columns: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
            let sql = format!(
                "SELECT {} FROM {} ORDER BY {}",
                columns.join(", "),
                quote(&table.name),
                (1..=columns.len())
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let error = |e: rusqlite::Error| SqlError::new(&table.name, e);
            let mut select = conn.prepare(&sql).map_err(error)?;
            let rows = select
                .query_map([], |r| {
                    (0..table.columns.len())
                        .map(|i| {
                            r.get::<_, Value>(i)
                                .map(|v| cell(v, table.columns[i].holds))
                        })
                        .collect::<Result<Vec<Cell>, _>>()
                })
                .map_err(error)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(error)
        })
        .collect()
}

fn cell(value: Value, holds: Holds) -> Cell {
    match value {
        Value::Null => Cell::Null,
        Value::Integer(i) if holds == Holds::Literal(Builtin::Boolean) => Cell::Bool(i != 0),
        Value::Integer(i) => Cell::Int(i),
        Value::Real(f) => Cell::Float(f),
        Value::Text(t) => Cell::Text(t),
        Value::Blob(b) => Cell::Bytes(b),
    }
}
