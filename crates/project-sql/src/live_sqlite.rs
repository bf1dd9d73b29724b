//! Reading a live SQLite database into a [`Catalog`], opened read-only
//! through rusqlite: columns, primary keys, foreign keys and indexes from
//! SQLite's pragmas (`table_info`, `foreign_key_list`, `index_list`,
//! `index_info`), which say what SQLite enforces.
//!
//! SQLite has no catalog of constraint names or CHECK constraints: it keeps
//! each `CREATE` statement's text as it was run (`sqlite_schema.sql`). That
//! text is parsed with the DDL reader for what the pragmas lack — CHECKs,
//! the names of constraints — and the pragmas then set what they report.

use crate::catalog::{warning, Catalog, ForeignKeyDef, ImportError, IndexDef, Key, TableDef};
use crate::ddl;
use crate::Dialect;
use rusqlite::{Connection, OpenFlags};
use sqlparser::dialect::SQLiteDialect;
use sqlparser::parser::Parser;
use std::path::Path;

/// Reads the database at `path`, which is opened read-only.
pub(crate) fn read(path: &Path) -> Result<Catalog, ImportError> {
    let at = path.display().to_string();
    let fail = |e: rusqlite::Error| ImportError::at(&at, e);
    let db = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(fail)?;
    let mut objects = db
        .prepare(
            "SELECT type, name, sql FROM sqlite_schema
             WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
        )
        .map_err(fail)?;
    let mut sources = Vec::new();
    let mut triggers = Vec::new();
    let rows = objects
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .map_err(fail)?;
    for row in rows {
        let (kind, name, sql) = row.map_err(fail)?;
        if kind == "trigger" {
            triggers.push(name);
        } else {
            sources.push((format!("{at} ({kind} {name})"), sql));
        }
    }
    let mut catalog = ddl::read(&sources, Dialect::Sqlite)?;
    for name in triggers {
        catalog.warnings.push(warning(
            format!("{at} (trigger {name})"),
            "a trigger: not represented",
        ));
    }
    for table in &mut catalog.tables {
        pragmas(&db, table).map_err(fail)?;
    }
    for view in &mut catalog.views {
        let columns = table_info(&db, &view.name).map_err(fail)?;
        view.columns = columns
            .into_iter()
            .map(|c| crate::catalog::ViewColumnDef {
                name: c.name,
                data_type: (!c.declared.is_empty()).then(|| spelling(&c.declared)),
                comment: None,
            })
            .collect();
    }
    Ok(catalog)
}

struct Info {
    name: String,
    declared: String,
    not_null: bool,
    default: Option<String>,
    /// The column's place in the primary key, from 1; 0 if not in it.
    pk: usize,
}

fn table_info(db: &Connection, table: &str) -> rusqlite::Result<Vec<Info>> {
    let mut stmt = db.prepare(
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid",
    )?;
    let rows = stmt.query_map([table], |r| {
        Ok(Info {
            name: r.get(0)?,
            declared: r.get(1)?,
            not_null: r.get(2)?,
            default: r.get(3)?,
            pk: r.get(4)?,
        })
    })?;
    rows.collect()
}

/// Sets what SQLite reports of a table over what its statement was read as.
fn pragmas(db: &Connection, table: &mut TableDef) -> rusqlite::Result<()> {
    let info = table_info(db, &table.name)?;
    let mut key: Vec<(usize, String)> = Vec::new();
    for i in &info {
        if i.pk > 0 {
            key.push((i.pk, i.name.clone()));
        }
        if let Some(c) = table.column_mut(&i.name) {
            c.data_type = spelling(&i.declared);
            c.not_null = i.not_null;
            c.default = i.default.clone();
        }
    }
    key.sort();
    let columns: Vec<String> = key.into_iter().map(|(_, c)| c).collect();
    table.primary_key = (!columns.is_empty()).then(|| Key {
        name: table
            .primary_key
            .as_ref()
            .map_or_else(|| format!("{}_pkey", table.name), |k| k.name.clone()),
        columns,
    });
    foreign_keys(db, table)?;
    indexes(db, table)
}

/// The foreign keys SQLite enforces, named as the statement names them.
fn foreign_keys(db: &Connection, table: &mut TableDef) -> rusqlite::Result<()> {
    let mut stmt = db.prepare(
        "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
    )?;
    let rows = stmt.query_map([&table.name], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut read: Vec<(i64, String, Vec<String>, Vec<String>)> = Vec::new();
    for row in rows {
        let (id, target, from, to) = row?;
        match read.last_mut() {
            Some(last) if last.0 == id => {
                last.2.push(from);
                last.3.extend(to);
            }
            _ => read.push((id, target, vec![from], to.into_iter().collect())),
        }
    }
    let declared = std::mem::take(&mut table.foreign_keys);
    // SQLite lists foreign keys last declared first.
    for (_, target, columns, referred) in read.into_iter().rev() {
        let name = declared
            .iter()
            .find(|f| f.columns == columns && f.table == target)
            .map(|f| f.name.clone());
        let name = name.unwrap_or_else(|| table.claim(None, &columns, "fkey"));
        let referred = if referred.is_empty() {
            referred_key(db, &target)?
        } else {
            referred
        };
        table.foreign_keys.push(ForeignKeyDef {
            name,
            columns,
            table: target,
            referred,
            // SQLite declares every foreign key in its CREATE TABLE.
            added_later: Some(false),
        });
    }
    Ok(())
}

/// The primary key a foreign key without columns refers to.
fn referred_key(db: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut key: Vec<(usize, String)> = table_info(db, table)?
        .into_iter()
        .filter(|i| i.pk > 0)
        .map(|i| (i.pk, i.name))
        .collect();
    key.sort();
    Ok(key.into_iter().map(|(_, c)| c).collect())
}

/// UNIQUE constraints (`origin` u) and `CREATE INDEX`es (c); the primary
/// key's index is the key itself.
fn indexes(db: &Connection, table: &mut TableDef) -> rusqlite::Result<()> {
    let mut stmt =
        db.prepare("SELECT name, \"unique\", origin FROM pragma_index_list(?1) ORDER BY seq DESC")?;
    let rows = stmt.query_map([&table.name], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, bool>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let list: Vec<(String, bool, String)> = rows.collect::<rusqlite::Result<_>>()?;
    let uniques = std::mem::take(&mut table.uniques);
    let declared = std::mem::take(&mut table.indexes);
    let mut cols = db.prepare("SELECT cid, name FROM pragma_index_info(?1) ORDER BY seqno")?;
    for (index, unique, origin) in list {
        let parts: Vec<(i64, Option<String>)> = cols
            .query_map([&index], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let columns: Option<Vec<String>> = parts
            .into_iter()
            .map(|(cid, name)| (cid >= 0).then_some(name).flatten())
            .collect();
        match (origin.as_str(), columns) {
            ("pk", _) => {}
            ("u", Some(columns)) => {
                let name = uniques
                    .iter()
                    .find(|u| u.columns == columns)
                    .map(|u| u.name.clone());
                let name = name.unwrap_or_else(|| table.claim(None, &columns, "key"));
                table.uniques.push(Key { name, columns });
            }
            (_, Some(columns)) if declared.iter().any(|d| d.name == index) => {
                table.indexes.push(IndexDef {
                    name: index,
                    unique,
                    columns,
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// A declared type as the DDL reader spells it (sqlparser's form), so that
/// a column reads the same from its statement and from the pragma.
fn spelling(declared: &str) -> String {
    Parser::new(&SQLiteDialect {})
        .try_with_sql(declared)
        .and_then(|mut p| p.parse_data_type())
        .map_or_else(|_| declared.to_owned(), |t| t.to_string())
}
