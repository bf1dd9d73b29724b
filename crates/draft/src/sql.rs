//! Drafting from an SQL container representation (`ontologies/sql.ttl`):
//! tables become classes keyed by their primary key, foreign keys
//! relationships, NOT NULL a least count of 1, CHECK IN lists and
//! enumeration types enumerations. A table whose primary key is a foreign
//! key to another's is its subclass; a table keyed by a foreign key to its
//! owner plus one value (or a position) holds a many-valued property.

use crate::container::{iri, Container};
use crate::model::{Class, Datatype, Drafted, Enumeration, Kind, Prop, Range, Scope};
use crate::DraftError;
use oxrdf::NamedNode;
use std::collections::{BTreeMap, BTreeSet};
use uda_projection::Case;

const SQL: &str = "https://w3id.org/uda/sql#";

fn sql(local: &str) -> NamedNode {
    iri(SQL, local)
}

struct Column {
    name: String,
    range: Range,
    not_null: bool,
    description: Option<String>,
}

struct ForeignKey {
    columns: Vec<String>,
    table: String,
    /// The property the columns stand for.
    name: String,
}

struct Table {
    name: String,
    description: Option<String>,
    columns: Vec<Column>,
    key: Vec<String>,
    foreign: Vec<ForeignKey>,
}

/// The columns of a key, in key order, by name.
fn key_columns(
    c: &Container<'_>,
    key: &NamedNode,
) -> Result<Vec<(String, Option<String>)>, DraftError> {
    let mut parts = c.parts(key, &sql("KeyPart"));
    parts.sort_by_key(|p| c.integer(p, &sql("position")).unwrap_or(i64::MAX));
    let mut all = Vec::new();
    for p in parts {
        let Some(column) = c.node(&p, &sql("column")) else {
            continue;
        };
        let references = c
            .node(&p, &sql("references"))
            .map(|r| c.name(&r))
            .transpose()?;
        all.push((c.name(&column)?, references));
    }
    Ok(all)
}

/// The property a foreign key's columns stand for: `series_work_id`
/// referencing `work_id` is `series`.
fn relationship_name(columns: &[(String, Option<String>)]) -> String {
    let stripped: Vec<&str> = columns
        .iter()
        .filter_map(|(col, referenced)| {
            referenced
                .as_ref()
                .and_then(|r| col.strip_suffix(r.as_str()))
                .map(|s| s.trim_end_matches('_'))
                .filter(|s| !s.is_empty())
        })
        .collect();
    match stripped.first() {
        Some(first) if stripped.len() == columns.len() && stripped.iter().all(|s| s == first) => {
            (*first).to_owned()
        }
        _ => columns.first().map(|(c, _)| c.clone()).unwrap_or_default(),
    }
}

pub(crate) fn draft(c: &Container<'_>) -> Result<Drafted, DraftError> {
    let mut d = Drafted::default();
    let mut enum_of_column: BTreeMap<NamedNode, String> = BTreeMap::new();
    for node in c.of_type(&sql("EnumType")) {
        let name = c.name(&node)?;
        let mut labels = c.parts(&node, &sql("EnumLabel"));
        labels.sort_by_key(|p| c.integer(p, &sql("position")).unwrap_or(i64::MAX));
        let values = labels.iter().map(|l| c.name(l)).collect::<Result<_, _>>()?;
        let description = c.string(&node, &sql("comment"));
        d.enums.insert(
            name.clone(),
            Enumeration {
                name,
                description,
                values,
                value_case: Case::AsIs,
            },
        );
    }
    // CHECK lists become enumerations, one per distinct list of values,
    // named after the first column (by table and column name) they constrain.
    let mut enum_names = Scope::default();
    for name in d.enums.keys() {
        enum_names.reserve(name);
    }
    let mut by_values: BTreeMap<Vec<String>, String> = BTreeMap::new();
    let mut tables = BTreeMap::new();
    for node in c.of_type(&sql("Table")) {
        let name = c.name(&node)?;
        let mut column_nodes = c.parts(&node, &sql("Column"));
        column_nodes.sort_by_key(|p| c.integer(p, &sql("position")).unwrap_or(i64::MAX));
        let mut column_by_name = BTreeMap::new();
        for col in &column_nodes {
            column_by_name.entry(c.name(col)?).or_insert(col);
        }
        // CHECK (column IN (...)): the column's values are an enumeration.
        for check in c.parts(&node, &sql("Check")) {
            let mut values = c.parts(&check, &sql("AllowedValue"));
            if values.is_empty() {
                continue;
            }
            values.sort_by_key(|p| c.integer(p, &sql("position")).unwrap_or(i64::MAX));
            let expression = c.string(&check, &sql("expression")).unwrap_or_default();
            let column: String = expression
                .trim_start()
                .trim_start_matches(['"', '`', '['])
                .chars()
                .take_while(|ch| ch.is_alphanumeric() || *ch == '_')
                .collect();
            let Some(column_node) = column_by_name.get(&column) else {
                d.note(format!(
                    "{name}: CHECK ({expression}) lists values of no column; not drafted"
                ));
                continue;
            };
            let values: Vec<String> = values.iter().map(|v| c.name(v)).collect::<Result<_, _>>()?;
            let enum_name = match by_values.get(&values) {
                Some(existing) => existing.clone(),
                None => {
                    let unique = enum_names.claim(&column, Case::Pascal);
                    by_values.insert(values.clone(), unique.clone());
                    d.enums.insert(
                        unique.clone(),
                        Enumeration {
                            name: unique.clone(),
                            description: None,
                            values,
                            value_case: Case::AsIs,
                        },
                    );
                    unique
                }
            };
            enum_of_column.insert((*column_node).clone(), enum_name);
        }
        let mut columns = Vec::new();
        for col in &column_nodes {
            let col_name = c.name(col)?;
            let written = c.string(col, &sql("dataType")).unwrap_or_default();
            let range = match (enum_of_column.get(col), c.node(col, &sql("enumType"))) {
                (Some(e), _) => Range::Class(e.clone()),
                (None, Some(t)) => Range::Class(c.name(&t)?),
                (None, None) => {
                    match crate::types::sql(&written) {
                        Some(dt) => Range::Datatype(dt),
                        None => {
                            d.note(format!("{name}.{col_name}: type {written} is not known; drafted as a string"));
                            Range::Datatype(Datatype::Xsd("string"))
                        }
                    }
                }
            };
            columns.push(Column {
                name: col_name,
                range,
                not_null: c.boolean(col, &sql("notNull")),
                description: c.string(col, &sql("comment")),
            });
        }
        let key = match c.parts(&node, &sql("PrimaryKey")).first() {
            Some(pk) => key_columns(c, pk)?.into_iter().map(|(n, _)| n).collect(),
            None => Vec::new(),
        };
        let mut foreign = Vec::new();
        for fk in c.parts(&node, &sql("ForeignKey")) {
            let Some(target) = c.node(&fk, &sql("referencedTable")) else {
                continue;
            };
            let parts = key_columns(c, &fk)?;
            foreign.push(ForeignKey {
                name: relationship_name(&parts),
                columns: parts.into_iter().map(|(n, _)| n).collect(),
                table: c.name(&target)?,
            });
        }
        let description = c.string(&node, &sql("comment"));
        tables.insert(
            name.clone(),
            Table {
                name,
                description,
                columns,
                key,
                foreign,
            },
        );
    }
    shape(&mut d, &tables);
    Ok(d)
}

/// Turns tables into classes: subclasses, child tables, plain tables.
fn shape(d: &mut Drafted, tables: &BTreeMap<String, Table>) {
    let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
    let mut children: Vec<(String, Prop)> = Vec::new();
    for t in tables.values() {
        let key = set(&t.key);
        // Maps, not scans: a hostile table may have very many columns.
        let key_position: BTreeMap<&String, usize> =
            t.key.iter().enumerate().map(|(i, k)| (k, i)).collect();
        let not_null: BTreeMap<&String, bool> =
            t.columns.iter().map(|c| (&c.name, c.not_null)).collect();
        // Keyed by a foreign key to its parent's key alone: a subclass.
        let parent = t.foreign.iter().find(|f| {
            set(&f.columns) == key
                && !key.is_empty()
                && tables.contains_key(&f.table)
                && f.table != t.name
        });
        // Keyed by a foreign key to its owner plus the value(s): a child table.
        // The owner is the table whose name the child's starts with, if one is.
        let owner = t
            .foreign
            .iter()
            .filter(|f| {
                let cols = set(&f.columns);
                cols.is_subset(&key)
                    && cols.len() < key.len()
                    && tables.contains_key(&f.table)
                    && f.table != t.name
            })
            .min_by_key(|f| !t.name.starts_with(&format!("{}_", f.table)));
        if let (None, Some(owner)) = (parent, owner) {
            let owner_columns = set(&owner.columns);
            let rest: Vec<&Column> = t
                .columns
                .iter()
                .filter(|c| !owner_columns.contains(&c.name))
                .collect();
            let rest_names: BTreeSet<String> = rest.iter().map(|c| c.name.clone()).collect();
            let prop_name = t
                .name
                .strip_prefix(&format!("{}_", owner.table))
                .unwrap_or(&t.name)
                .to_owned();
            let value_fk = t.foreign.iter().find(|f| {
                !std::ptr::eq(*f, owner)
                    && rest.len() == f.columns.len()
                    && set(&f.columns) == rest_names
            });
            let range = if let Some(fk) = value_fk {
                Some(Range::Class(fk.table.clone()))
            } else if rest.len() == 1 {
                Some(rest[0].range.clone())
            } else if let [value, lang] = rest.as_slice() {
                // A value and its language tag: a language-tagged string.
                (lang.name == format!("{}_lang", value.name))
                    .then_some(Range::Datatype(Datatype::Xsd("langString")))
            } else if rest.iter().any(|c| c.name == "position") {
                let props = rest
                    .iter()
                    .filter(|c| c.name != "position")
                    .map(|c| attribute(c))
                    .collect();
                d.classes.insert(
                    t.name.clone(),
                    Class {
                        name: t.name.clone(),
                        kind: Kind::Nested,
                        description: t.description.clone(),
                        props,
                        key: Vec::new(),
                        parent: None,
                    },
                );
                d.note(format!(
                    "{}: the values of {}.{prop_name}, drafted as a nested class",
                    t.name, owner.table
                ));
                Some(Range::Class(t.name.clone()))
            } else {
                None
            };
            if let Some(range) = range {
                children.push((
                    owner.table.clone(),
                    Prop {
                        name: prop_name,
                        range,
                        required: false,
                        many: true,
                        description: t.description.clone(),
                    },
                ));
                continue;
            }
        }
        let in_fk: BTreeSet<&String> = t.foreign.iter().flat_map(|f| &f.columns).collect();
        let mut props = Vec::new();
        let mut key_members = Vec::new();
        let inherited: BTreeSet<&String> = parent
            .map(|p| p.columns.iter().collect())
            .unwrap_or_default();
        for col in &t.columns {
            if inherited.contains(&col.name) {
                continue;
            }
            if !in_fk.contains(&col.name) {
                props.push(attribute(col));
                if let Some(at) = key_position.get(&col.name) {
                    key_members.push((Some(*at), col.name.clone()));
                }
            }
        }
        for f in &t.foreign {
            if parent.is_some_and(|p| std::ptr::eq(p, f)) {
                continue;
            }
            let required = f
                .columns
                .iter()
                .all(|n| not_null.get(n).copied().unwrap_or(false));
            props.push(Prop {
                name: f.name.clone(),
                range: Range::Class(f.table.clone()),
                required,
                many: false,
                description: None,
            });
            if f.columns.iter().all(|c| key.contains(c)) {
                key_members.push((
                    f.columns.first().and_then(|c| key_position.get(c).copied()),
                    f.name.clone(),
                ));
            }
        }
        key_members.sort();
        let key: Vec<String> = key_members.into_iter().map(|(_, k)| k).collect();
        if t.key.is_empty() && parent.is_none() {
            d.note(format!(
                "{}: no primary key; drafted as a nested class",
                t.name
            ));
        }
        let kind = if key.is_empty() && parent.is_none() {
            Kind::Nested
        } else {
            Kind::Direct
        };
        d.classes.insert(
            t.name.clone(),
            Class {
                name: t.name.clone(),
                kind,
                description: t.description.clone(),
                props,
                key,
                parent: parent.map(|p| p.table.clone()),
            },
        );
    }
    for (owner, prop) in children {
        if let Some(class) = d.classes.get_mut(&owner) {
            class.props.push(prop);
        }
    }
}

fn attribute(col: &Column) -> Prop {
    Prop {
        name: col.name.clone(),
        range: col.range.clone(),
        required: col.not_null,
        many: false,
        description: col.description.clone(),
    }
}
