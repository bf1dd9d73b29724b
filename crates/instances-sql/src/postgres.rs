//! PostgreSQL: rows copied in with `COPY ... FROM STDIN` (text format), one
//! table after another in one transaction; read back as text, in a session
//! whose settings make that text ISO 8601 and exact.

use std::io::Write as _;

use postgres::Client;
use uda_instances::sql::{Holds, SqlPlan, Tables};
use uda_instances::Cell;
use uda_upper::Builtin;

use crate::{quote, SqlError};

/// Session settings under which values are read back as XSD writes them.
const READ_SETTINGS: &str = "SET TIME ZONE 'UTC'; SET intervalstyle = 'iso_8601'; \
     SET extra_float_digits = 3; SET bytea_output = 'hex'; SET datestyle = 'ISO'";

/// Copies `tables` (rows of `plan`'s tables, in its order) into the tables
/// of `schema` (or the search path's), in one transaction, after running the
/// scripts of `ddl` in it (the projection's, to create the tables): on any
/// error nothing is written, not even the tables. A value the column would not give back as it was
/// (an `xsd:dateTime` with a time zone, in a `TIMESTAMP`) is refused first.
pub fn load_postgres(
    client: &mut Client,
    schema: Option<&str>,
    plan: &SqlPlan,
    ddl: &[String],
    tables: &Tables,
) -> Result<(), SqlError> {
    for (table, rows) in plan.tables.iter().zip(tables) {
        for row in rows {
            for (column, cell) in table.columns.iter().zip(row) {
                if let (Holds::Literal(Builtin::DateTime), Cell::Text(t)) = (column.holds, cell) {
                    if has_timezone(t) {
                        return Err(SqlError::new(
                            &table.name,
                            format!("column {}: {t} has a time zone, which a PostgreSQL TIMESTAMP does not keep", column.name),
                        ));
                    }
                }
            }
        }
    }
    let mut tx = client
        .transaction()
        .map_err(|e| SqlError::new("", pg(&e)))?;
    tx.batch_execute("SET CONSTRAINTS ALL DEFERRED")
        .map_err(|e| SqlError::new("", pg(&e)))?;
    for script in ddl {
        tx.batch_execute(script)
            .map_err(|e| SqlError::new("", pg(&e)))?;
    }
    for (table, rows) in plan.tables.iter().zip(tables) {
        if rows.is_empty() {
            continue;
        }
        let error = |e: &dyn std::fmt::Display| SqlError::new(&table.name, e);
        let db = |e: postgres::Error| SqlError::new(&table.name, pg(&e));
        let columns: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
        let sql = format!(
            "COPY {} ({}) FROM STDIN",
            qualified(schema, &table.name),
            columns.join(", ")
        );
        let mut text = String::new();
        for row in rows {
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    text.push('\t');
                }
                copy_text(cell, &mut text);
            }
            text.push('\n');
        }
        let mut writer = tx.copy_in(&sql).map_err(db)?;
        writer.write_all(text.as_bytes()).map_err(|e| error(&e))?;
        writer.finish().map_err(db)?;
    }
    // Dropping the transaction on an error above rolls it back.
    tx.commit().map_err(|e| SqlError::new("", pg(&e)))
}

/// The server's message (and detail) rather than the client's bare "db error".
fn pg(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{}: {detail}", db.message()),
            None => db.message().to_owned(),
        },
        None => e.to_string(),
    }
}

fn qualified(schema: Option<&str>, table: &str) -> String {
    match schema {
        Some(s) => format!("{}.{}", quote(s), quote(table)),
        None => quote(table),
    }
}

/// Whether an XSD date-time's lexical form ends with a time zone.
fn has_timezone(text: &str) -> bool {
    text.ends_with('Z') || {
        let tail = text.len().saturating_sub(6);
        text.get(tail..)
            .is_some_and(|t| (t.starts_with('+') || t.starts_with('-')) && t.as_bytes()[3] == b':')
    }
}

/// A cell in COPY's text format: `\N` for NULL, backslash escapes.
fn copy_text(cell: &Cell, out: &mut String) {
    match cell {
        Cell::Null => out.push_str("\\N"),
        Cell::Bool(b) => out.push(if *b { 't' } else { 'f' }),
        Cell::Int(i) => out.push_str(&i.to_string()),
        Cell::Float(f) if f.is_nan() => out.push_str("NaN"),
        Cell::Float(f) if f.is_infinite() => {
            out.push_str(if *f > 0.0 { "Infinity" } else { "-Infinity" })
        }
        Cell::Float(f) => out.push_str(&f.to_string()),
        Cell::Bytes(b) => {
            out.push_str("\\\\x");
            out.push_str(&hex::encode(b));
        }
        Cell::Text(t) => {
            for c in t.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
        }
    }
}

/// Every row of `plan`'s tables in `schema` (or the search path's), in the
/// plan's order, ordered by all columns.
pub fn read_postgres(
    client: &mut Client,
    schema: Option<&str>,
    plan: &SqlPlan,
) -> Result<Tables, SqlError> {
    let mut tx = client
        .transaction()
        .map_err(|e| SqlError::new("", pg(&e)))?;
    tx.batch_execute(READ_SETTINGS)
        .map_err(|e| SqlError::new("", pg(&e)))?;
    let mut out = Vec::with_capacity(plan.tables.len());
    for table in &plan.tables {
        let columns: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("{}::text", quote(&c.name)))
            .collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            columns.join(", "),
            qualified(schema, &table.name),
            (1..=columns.len())
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let rows = tx
            .query(&sql, &[])
            .map_err(|e| SqlError::new(&table.name, pg(&e)))?;
        let mut cells = Vec::with_capacity(rows.len());
        for row in rows {
            let mut values = Vec::with_capacity(table.columns.len());
            for (i, column) in table.columns.iter().enumerate() {
                let text: Option<String> = row.get(i);
                values.push(match text {
                    None => Cell::Null,
                    Some(t) => cell(t, column.holds).map_err(|m| {
                        SqlError::new(&table.name, format!("column {}: {m}", column.name))
                    })?,
                });
            }
            cells.push(values);
        }
        out.push(cells);
    }
    tx.commit().map_err(|e| SqlError::new("", pg(&e)))?;
    Ok(out)
}

/// The cell PostgreSQL's text for a column holding `holds` stands for.
fn cell(text: String, holds: Holds) -> Result<Cell, String> {
    let number = |t: &str| {
        t.parse::<i64>()
            .map(Cell::Int)
            .map_err(|e| format!("{t}: {e}"))
    };
    Ok(match holds {
        Holds::Position => number(&text)?,
        Holds::Text => Cell::Text(text),
        Holds::Literal(b) => match b {
            Builtin::Boolean => Cell::Bool(text == "t" || text == "true"),
            Builtin::Byte | Builtin::Short | Builtin::Int | Builtin::Long => number(&text)?,
            Builtin::Float | Builtin::Double => {
                Cell::Float(text.parse().map_err(|e| format!("{text}: {e}"))?)
            }
            Builtin::HexBinary | Builtin::Base64Binary => {
                let digits = text
                    .strip_prefix("\\x")
                    .ok_or_else(|| format!("{text} is not hex bytea"))?;
                Cell::Bytes(hex::decode(digits).map_err(|e| format!("{text}: {e}"))?)
            }
            // `2024-01-01 09:00:00` and `2024-03-01 12:00:00+00`, in XSD's form.
            Builtin::DateTime | Builtin::DateTimeStamp => {
                let mut t = text.replacen(' ', "T", 1);
                let tail = t.len().saturating_sub(3);
                if t.get(tail..)
                    .is_some_and(|z| z.starts_with('+') || z.starts_with('-'))
                {
                    t.push_str(":00");
                }
                Cell::Text(t)
            }
            _ => Cell::Text(text),
        },
    })
}
