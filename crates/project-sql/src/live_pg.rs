//! Reading a live PostgreSQL schema into a [`Catalog`], from the server's
//! own catalog (`pg_catalog`) through the `postgres` client: tables, views,
//! columns with their types, nullability, defaults and comments, primary
//! keys, UNIQUE, foreign keys (columns in key order) and CHECK constraints,
//! indexes, and enumeration types. `information_schema` is not used: it
//! hides objects the connected role does not own and loses key order
//! across composite foreign keys.

use crate::catalog::{
    warning, Catalog, CheckDef, ColumnDef, EnumDef, ForeignKeyDef, ImportError, IndexDef, Key,
    TableDef, ViewColumnDef, ViewDef,
};
use crate::keywords::ident;
use crate::statements::in_list;
use crate::Dialect;
use postgres::Client;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use std::collections::BTreeMap;

/// The relations of a schema, with their kind and comment.
const RELATIONS: &str =
    "SELECT c.oid, c.relname, c.relkind::text, obj_description(c.oid, 'pg_class')
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
    ORDER BY c.relname";

/// The columns of the schema's tables and views, in order.
const COLUMNS: &str =
    "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
        a.attnotnull, pg_get_expr(d.adbin, d.adrelid), col_description(a.attrelid, a.attnum),
        t.typtype::text, t.typname
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = $1 AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attrelid, a.attnum";

/// Constraints, each with the names of its columns and referenced columns, in key order.
const CONSTRAINTS: &str =
    "SELECT k.conrelid, k.conname, k.contype::text, r.relname, pg_get_expr(k.conbin, k.conrelid),
        ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i),
        ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
              JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i),
        k.confdeltype::text, k.confupdtype::text, k.condeferrable
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class r ON r.oid = k.confrelid
    WHERE n.nspname = $1 AND k.contype IN ('p', 'u', 'f', 'c')
    ORDER BY k.conrelid, k.conname";

/// Indexes that no constraint creates; expression and partial ones are flagged.
const INDEXES: &str = "SELECT i.indrelid, x.relname, i.indisunique, i.indkey::int2[],
        i.indexprs IS NOT NULL OR i.indpred IS NOT NULL
    FROM pg_index i
    JOIN pg_class x ON x.oid = i.indexrelid
    JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    ORDER BY x.relname";

/// Enumeration types and their labels, in order.
const ENUMS: &str = "SELECT t.typname, e.enumlabel, obj_description(t.oid, 'pg_type')
    FROM pg_type t
    JOIN pg_namespace n ON n.oid = t.typnamespace
    JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE n.nspname = $1
    ORDER BY t.typname, e.enumsortorder";

/// Functions and triggers, which a container representation does not hold.
const OTHERS: &str = "SELECT 'function', p.proname FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1
    UNION ALL
    SELECT 'trigger', c.relname || '.' || g.tgname FROM pg_trigger g
        JOIN pg_class c ON c.oid = g.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND NOT g.tgisinternal
    ORDER BY 1, 2";

/// Reads the schema `schema` of the connected database.
pub(crate) fn read(client: &mut Client, schema: &str) -> Result<Catalog, ImportError> {
    let fail = |e: postgres::Error| ImportError::at(format!("schema {schema}"), e);
    let mut catalog = Catalog::default();
    let mut tables: BTreeMap<u32, usize> = BTreeMap::new();
    let mut views: BTreeMap<u32, usize> = BTreeMap::new();
    for row in client.query(RELATIONS, &[&schema]).map_err(fail)? {
        let (oid, name, kind, comment): (u32, String, String, Option<String>) =
            (row.get(0), row.get(1), row.get(2), row.get(3));
        let at = format!("{schema}.{name}");
        match kind.as_str() {
            "r" | "p" => {
                tables.insert(oid, catalog.tables.len());
                catalog.tables.push(TableDef {
                    name,
                    location: at,
                    comment,
                    ..TableDef::default()
                });
            }
            "v" | "m" => {
                if kind == "m" {
                    catalog
                        .warnings
                        .push(warning(&at, "a materialized view: recorded as a view"));
                }
                let definition: String = client
                    .query_one("SELECT pg_get_viewdef($1::oid)", &[&oid])
                    .map_err(fail)?
                    .get(0);
                views.insert(oid, catalog.views.len());
                catalog.views.push(ViewDef {
                    name,
                    definition: definition.trim().trim_end_matches(';').to_owned(),
                    comment,
                    columns: Vec::new(),
                });
            }
            "S" => catalog
                .warnings
                .push(warning(&at, "a sequence: not represented")),
            _ => catalog
                .warnings
                .push(warning(&at, "a foreign table: not represented")),
        }
    }
    // Column numbers of each relation, to name the columns of keys.
    let mut numbers: BTreeMap<(u32, i16), String> = BTreeMap::new();
    for row in client.query(COLUMNS, &[&schema]).map_err(fail)? {
        let (oid, number, name): (u32, i16, String) = (row.get(0), row.get(1), row.get(2));
        let (formatted, not_null, default, comment): (
            String,
            bool,
            Option<String>,
            Option<String>,
        ) = (row.get(3), row.get(4), row.get(5), row.get(6));
        let (kind, type_name): (String, String) = (row.get(7), row.get(8));
        numbers.insert((oid, number), name.clone());
        let is_enum = kind == "e";
        let data_type = if is_enum {
            // Spelled as the projection's DDL spells a type name.
            ident(&type_name, Dialect::Postgres).to_string()
        } else {
            spelling(&formatted)
        };
        if let Some(&i) = tables.get(&oid) {
            catalog.tables[i].columns.push(ColumnDef {
                name,
                data_type,
                not_null,
                default,
                comment,
                enum_type: is_enum.then_some(type_name),
            });
        } else if let Some(&i) = views.get(&oid) {
            catalog.views[i].columns.push(ViewColumnDef {
                name,
                data_type: Some(data_type),
                comment,
            });
        }
    }
    let names = |oid: u32, keys: &[i16]| -> Vec<String> {
        keys.iter()
            .filter_map(|k| numbers.get(&(oid, *k)).cloned())
            .collect()
    };
    for row in client.query(CONSTRAINTS, &[&schema]).map_err(fail)? {
        let (oid, name, kind): (u32, String, String) = (row.get(0), row.get(1), row.get(2));
        let Some(&i) = tables.get(&oid) else { continue };
        // Named in the query: a foreign key's columns may be in another schema.
        let (columns, referred): (Vec<String>, Vec<String>) = (row.get(5), row.get(6));
        let table = &mut catalog.tables[i];
        match kind.as_str() {
            "p" => table.primary_key = Some(Key { name, columns }),
            "u" => table.uniques.push(Key { name, columns }),
            "f" => {
                let target: Option<String> = row.get(3);
                let (on_delete, on_update, deferrable): (String, String, bool) =
                    (row.get(7), row.get(8), row.get(9));
                let rules = [
                    action(&on_delete).map(|a| format!("ON DELETE {a}")),
                    action(&on_update).map(|a| format!("ON UPDATE {a}")),
                    deferrable.then(|| "DEFERRABLE".to_owned()),
                ];
                for rule in rules.into_iter().flatten() {
                    catalog.warnings.push(warning(
                        &table.location,
                        format!(
                            "not represented: {rule} of foreign key {}.{name}",
                            table.name
                        ),
                    ));
                }
                table.foreign_keys.push(ForeignKeyDef {
                    name,
                    columns,
                    table: target.unwrap_or_default(),
                    referred,
                    added_later: None,
                });
            }
            _ => {
                let expression: String = row.get::<_, Option<String>>(4).unwrap_or_default();
                let allowed = Parser::new(&PostgreSqlDialect {})
                    .try_with_sql(&expression)
                    .and_then(|mut p| p.parse_expr())
                    .ok()
                    .and_then(|e| in_list(&e).map(|(_, values)| values))
                    .unwrap_or_default();
                table.checks.push(CheckDef {
                    name,
                    expression,
                    allowed,
                });
            }
        }
    }
    for row in client.query(INDEXES, &[&schema]).map_err(fail)? {
        let (oid, name, unique, keys, expression): (u32, String, bool, Vec<i16>, bool) =
            (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4));
        let Some(&i) = tables.get(&oid) else { continue };
        let table = &mut catalog.tables[i];
        if expression || keys.contains(&0) {
            catalog.warnings.push(warning(
                format!("{schema}.{name}"),
                "an index on expressions or with a condition: not represented",
            ));
            continue;
        }
        table.indexes.push(IndexDef {
            name,
            unique,
            columns: names(oid, &keys),
        });
    }
    for row in client.query(ENUMS, &[&schema]).map_err(fail)? {
        let (name, label, comment): (String, String, Option<String>) =
            (row.get(0), row.get(1), row.get(2));
        match catalog.enum_types.last_mut() {
            Some(e) if e.name == name => e.labels.push(label),
            _ => catalog.enum_types.push(EnumDef {
                name,
                labels: vec![label],
                comment,
            }),
        }
    }
    for row in client.query(OTHERS, &[&schema]).map_err(fail)? {
        let (kind, name): (String, String) = (row.get(0), row.get(1));
        catalog.warnings.push(warning(
            format!("{schema}.{name}"),
            format!("a {kind}: not represented"),
        ));
    }
    Ok(catalog)
}

/// A referential action other than the default (`pg_constraint.confdeltype`).
fn action(code: &str) -> Option<&'static str> {
    match code {
        "r" => Some("RESTRICT"),
        "c" => Some("CASCADE"),
        "n" => Some("SET NULL"),
        "d" => Some("SET DEFAULT"),
        _ => None,
    }
}

/// PostgreSQL's name of a type (`format_type`) as the projection's DDL
/// spells it, so that the same column reads the same from DDL and from the
/// database: `timestamp without time zone` is `TIMESTAMP`, `character
/// varying(40)` is `VARCHAR(40)`. Other names are upper-cased as they are.
fn spelling(formatted: &str) -> String {
    let (name, size) = match formatted.split_once('(') {
        Some((name, rest)) => match rest.split_once(')') {
            Some((size, tail)) => (format!("{name}{tail}"), Some(size.replace(' ', ""))),
            None => (formatted.to_owned(), None),
        },
        None => (formatted.to_owned(), None),
    };
    let base = match name.trim() {
        "timestamp without time zone" => "TIMESTAMP",
        "timestamp with time zone" => "TIMESTAMPTZ",
        "time without time zone" => "TIME",
        "time with time zone" => "TIMETZ",
        "character varying" => "VARCHAR",
        "character" => "CHAR",
        "bit varying" => "VARBIT",
        other => return with_size(&other.to_uppercase(), size),
    };
    with_size(base, size)
}

fn with_size(base: &str, size: Option<String>) -> String {
    match size {
        Some(size) => format!("{base}({size})"),
        None => base.to_owned(),
    }
}
