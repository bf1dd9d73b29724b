//! Faithfulness, checked from the model's side: for every class and property
//! of every test model, the mappings lead to the table and columns that
//! realize it, and the DDL parsed back gives them the nullability, foreign
//! keys and checks the property calls for.

mod common;

use common::{ddl, iri, loaded, output, parse, Db, TableInfo, MODELS};
use oxrdf::vocab::rdf;
use oxrdf::{NamedNodeRef, TermRef};
use sqlparser::ast::DataType;
use uda_project_sql::{Dialect, EnumStyle, SqlOptions, SQL_NS};
use uda_projection::Output;
use uda_upper::{ClassKind, ModelView, Property, PropertyKind, Target};

fn map(local: &str) -> NamedNodeRef<'static> {
    NamedNodeRef::new_unchecked(match local {
        "realizedBy" => "https://w3id.org/uda/mapping#realizedBy",
        "partOf" => "https://w3id.org/uda/mapping#partOf",
        "name" => "https://w3id.org/uda/mapping#name",
        other => panic!("{other}"),
    })
}

/// The elements of class `class` (e.g. `Column`) realizing `term`, part of
/// `parent` when given, as (element IRI, name).
fn realizations(
    out: &Output,
    term: &str,
    class: &str,
    parent: Option<&str>,
) -> Vec<(String, String)> {
    let class = format!("{SQL_NS}{class}");
    out.mappings
        .objects_for_subject_predicate(NamedNodeRef::new_unchecked(term), map("realizedBy"))
        .filter_map(|e| match e {
            TermRef::NamedNode(n) => Some(n),
            _ => None,
        })
        .filter(|e| {
            matches!(out.container.object_for_subject_predicate(*e, rdf::TYPE), Some(TermRef::NamedNode(c)) if c.as_str() == class)
        })
        .filter(|e| {
            parent.is_none_or(|p| {
                matches!(out.container.object_for_subject_predicate(*e, map("partOf")), Some(TermRef::NamedNode(n)) if n.as_str() == p)
            })
        })
        .map(|e| {
            let Some(TermRef::Literal(name)) = out.container.object_for_subject_predicate(e, map("name")) else {
                panic!("{e} has no name")
            };
            (e.as_str().to_owned(), name.value().to_owned())
        })
        .collect()
}

struct Check<'a> {
    view: ModelView<'a>,
    out: Output,
    db: Db,
    options: SqlOptions,
    model: &'a str,
}

impl Check<'_> {
    fn table_of(&self, class_iri: &str) -> String {
        let owner = self.view.owner(class_iri).expect("owner");
        let out = if owner.iri == self.view.root().iri {
            &self.out
        } else {
            &output(&owner.domain, &self.options)
        };
        let tables = realizations(out, class_iri, "Table", None);
        assert_eq!(
            tables.len(),
            1,
            "{}: one table realizes {class_iri}",
            self.model
        );
        tables[0].1.clone()
    }

    fn columns(&self, p: &Property, table: &str, table_iri: &str) -> Vec<String> {
        let columns: Vec<String> = realizations(&self.out, &p.iri, "Column", Some(table_iri))
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert!(
            !columns.is_empty(),
            "{}: no column of {table} realizes {}",
            self.model,
            p.iri
        );
        columns
    }

    fn class(&self, class: &uda_upper::Class) {
        let name = self.table_of(&class.iri);
        let table_iri = realizations(&self.out, &class.iri, "Table", None)[0]
            .0
            .clone();
        let table = self.db.table(&name);
        for p in self.view.declared_properties(class) {
            self.property(p, table, &table_iri);
        }
    }

    fn property(&self, p: &Property, table: &TableInfo, table_iri: &str) {
        let what = format!(
            "{} {:?}: {} in {}",
            self.model,
            self.options,
            p.iri,
            table.name()
        );
        if p.is_many() {
            let children = realizations(&self.out, &p.iri, "Table", None);
            assert_eq!(children.len(), 1, "{what}: one child table");
            let child = self.db.table(&children[0].1);
            assert_eq!(
                child.foreign_keys[0].table,
                table.name(),
                "{what}: the child refers to its owner"
            );
            return;
        }
        let target = self.view.target(p);
        if let Some(Target::Class(c)) = target {
            if c.kind == ClassKind::Nested {
                for q in self.view.all_properties(c) {
                    if !q.is_many() {
                        let flattened = realizations(&self.out, &q.iri, "Column", Some(table_iri));
                        assert!(!flattened.is_empty(), "{what}: {} is flattened", q.iri);
                    }
                }
                return;
            }
        }
        let columns = self.columns(p, table.name(), table_iri);
        let key = table.primary_key.1.iter().any(|k| columns.contains(k));
        let optional_group = columns.len() > 1 && !p.is_required();
        for c in &columns {
            // Required values are NOT NULL; so are key columns.
            assert_eq!(
                table.column(c).not_null,
                p.is_required() || key,
                "{what}: {c} NOT NULL"
            );
        }
        if optional_group {
            let together = table.checks.iter().any(|(_, e)| {
                let e = e.to_string();
                columns.iter().all(|c| e.contains(&format!("{c} IS NULL")))
            });
            assert!(together, "{what}: {columns:?} are NULL together");
        }
        let checked = |c: &str| {
            table
                .checks
                .iter()
                .find(|(_, e)| e.to_string().contains(c))
                .map(|(_, e)| e.to_string())
        };
        match (&p.kind, target) {
            (_, Some(Target::Enumeration(e))) => {
                let labels: Vec<String> = e
                    .values
                    .iter()
                    .map(|v| uda_upper::local_name(&v.iri).to_owned())
                    .collect();
                match &table.column(&columns[0]).data_type {
                    DataType::Custom(ty, _) => {
                        assert_eq!(self.db.enums[&ty.to_string()], labels, "{what}")
                    }
                    _ => {
                        let quoted: Vec<String> = labels.iter().map(|l| format!("'{l}'")).collect();
                        let check =
                            checked(&format!("IN ({})", quoted.join(", "))).unwrap_or_default();
                        assert!(
                            check.contains(&columns[0]),
                            "{what}: CHECK lists the values"
                        );
                        assert!(
                            self.options.enum_style == EnumStyle::Check
                                || self.options.dialect == Dialect::Sqlite
                        );
                    }
                }
            }
            (_, Some(Target::Class(c))) => {
                let target_table = self.table_of(&c.iri);
                let sorted = |v: &[String]| {
                    let mut v = v.to_vec();
                    v.sort();
                    v
                };
                match table
                    .foreign_keys
                    .iter()
                    .find(|f| sorted(&f.columns) == sorted(&columns))
                {
                    Some(fk) => assert_eq!(fk.table, target_table, "{what}"),
                    // DuckDB cannot declare a foreign key closing a cycle: noted instead.
                    None => {
                        let note = NamedNodeRef::new_unchecked("https://w3id.org/uda/mapping#note");
                        let noted = self
                            .out
                            .mappings
                            .objects_for_subject_predicate(
                                NamedNodeRef::new_unchecked(table_iri),
                                note,
                            )
                            .any(|n| n.to_string().contains("refer to each other"));
                        assert!(
                            self.options.dialect == Dialect::DuckDb && noted,
                            "{what}: a foreign key over {columns:?}"
                        );
                    }
                }
            }
            (PropertyKind::Attribute { .. }, _) => {
                let Some(dt) = self.view.datatype(p) else {
                    panic!("{what}: datatype")
                };
                let Some(domain) = dt.domain else { return };
                let f = &domain.facets;
                let ranged = [
                    &f.min_inclusive,
                    &f.max_inclusive,
                    &f.min_exclusive,
                    &f.max_exclusive,
                ];
                let expects_check = ranged.iter().any(|r| r.is_some())
                    || f.min_length.is_some()
                    || f.max_length.is_some()
                    || (f.pattern.is_some() && self.options.dialect != Dialect::Sqlite);
                if expects_check {
                    let check = checked(&columns[0])
                        .unwrap_or_else(|| panic!("{what}: facets are checked"));
                    if let (Some(p), false) = (&f.pattern, self.options.dialect == Dialect::Sqlite)
                    {
                        assert!(
                            check.contains(&format!("'{p}'")),
                            "{what}: pattern is checked"
                        );
                    }
                    if let Some(max) = f.max_length {
                        assert!(
                            check.contains(&format!("length({}) <= {max}", columns[0])),
                            "{what}"
                        );
                    }
                }
            }
            (PropertyKind::Relationship { .. }, None) => panic!("{what}: unresolved"),
        }
    }
}

#[test]
fn every_class_and_property_is_realized_as_its_rules_say() {
    for dialect in Dialect::ALL {
        for enum_style in [EnumStyle::Check, EnumStyle::PostgresEnum] {
            let options = SqlOptions {
                enum_style,
                ..SqlOptions::new(dialect)
            };
            for model in MODELS {
                let view = loaded().models.view(&iri(model)).expect("view");
                let check = Check {
                    out: output(model, &options),
                    db: Db::from_statements(&parse(&ddl(model, &options), dialect)),
                    view,
                    options,
                    model,
                };
                for class in check.view.root().classes.values() {
                    if class.kind == ClassKind::Direct {
                        check.class(class);
                    }
                }
                // Extensions: columns of the extension table.
                for class in check.view.extended_classes() {
                    let tables = realizations(&check.out, &class.iri, "Table", None);
                    assert_eq!(
                        tables.len(),
                        1,
                        "{model}: one extension table for {}",
                        class.iri
                    );
                    let table = check.db.table(&tables[0].1);
                    for p in check.view.extension_properties(class) {
                        check.property(p, table, &tables[0].0);
                    }
                }
            }
        }
    }
}
