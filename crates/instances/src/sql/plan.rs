//! The SQL plan: for every table of a model's SQL projection, what fills
//! each column, found by reading the mappings (`map:realizedBy`) against the
//! container representation (`ontologies/sql.ttl`) and the model.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use uda_upper::{Builtin, Class, ClassKind, ModelView, Property, Target};

use crate::instances::{key_atoms, Atom};
use crate::mapped::Mapped;
use crate::PlanError;

const SQL: &str = "https://w3id.org/uda/sql#";

fn sql(term: &str) -> String {
    format!("{SQL}{term}")
}

/// How to fill, and read, every table of a model's SQL projection.
#[derive(Debug, Clone)]
pub struct SqlPlan {
    /// In an order where every foreign key refers to an earlier table (but
    /// in a cycle), so that rows can be loaded in it.
    pub tables: Vec<TablePlan>,
    /// Enumeration → (value IRI, label stored) in the model's order.
    pub(crate) labels: HashMap<String, Vec<(String, String)>>,
}

/// One table: its columns, and where its rows come from.
#[derive(Debug, Clone)]
pub struct TablePlan {
    pub name: String,
    pub columns: Vec<Column>,
    pub(crate) rows: Rows,
}

/// A column, with what it holds (how a database client binds and reads it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub holds: Holds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// A literal of this datatype (a language-tagged string's text).
    Literal(Builtin),
    /// A language tag, an enumeration label: text.
    Text,
    /// A value's place among its owner's values: an integer.
    Position,
}

#[derive(Debug, Clone)]
pub(crate) enum Rows {
    /// One row per instance of `class` (and its subclasses); an extension
    /// table (`optional`) only when one of its fields has a value.
    Entity {
        class: String,
        key: Vec<usize>,
        fields: Vec<Field>,
        optional: bool,
    },
    /// One row per value of a many-valued property, of the instance or of
    /// the nested value `path` (single-valued properties) leads to from it.
    Values {
        class: String,
        path: Vec<String>,
        property: String,
        owner: Vec<usize>,
        position: Option<usize>,
        value: Slot,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub property: String,
    pub slot: Slot,
}

/// The columns one value occupies.
#[derive(Debug, Clone)]
pub(crate) enum Slot {
    Literal {
        column: usize,
        builtin: Builtin,
    },
    Lang {
        column: usize,
        lang: usize,
    },
    Enum {
        column: usize,
        enumeration: String,
    },
    Reference {
        columns: Vec<usize>,
        class: String,
    },
    /// A nested value flattened into columns of its owner's row.
    Nested {
        fields: Vec<Field>,
    },
}

impl SqlPlan {
    /// Reads the plan from the mappings and containers of one SQL target
    /// (`mapped`, the model's projection and those of the models it imports).
    pub fn new(view: &ModelView<'_>, mapped: &Mapped) -> Result<Self, PlanError> {
        let mut builder = Builder {
            view,
            mapped,
            tables: BTreeMap::new(),
        };
        let labels = labels(view, mapped);
        let mut seen_tables = BTreeMap::new();
        let models = explicit_imports(view);
        for class in view.classes() {
            let owned = view
                .owner(&class.iri)
                .is_some_and(|m| models.contains(m.iri.as_str()));
            if class.kind != ClassKind::Direct || !owned {
                continue;
            }
            let all: Vec<&str> = mapped
                .realized_by(&class.iri)
                .filter(|e| mapped.is_a(e, &sql("Table")))
                .collect();
            // Not an extension table, which references the class's own.
            let tables: Vec<&str> = all
                .iter()
                .copied()
                .filter(|t| !all.iter().any(|o| builder.references(t, o).is_some()))
                .collect();
            let table = match tables.as_slice() {
                // A class of a model no mapping was given for.
                [] => continue,
                [one] => one.to_string(),
                _ => return Err(PlanError::new(&class.iri, "is realized by several tables")),
            };
            if let Some(other) = seen_tables.insert(table.clone(), class.iri.clone()) {
                return Err(PlanError::new(
                    &class.iri,
                    format!("shares its table with {other}: single-table inheritance is not supported yet"),
                ));
            }
            builder.class(class, &table)?;
        }
        let tables = order(builder.tables, mapped);
        Ok(Self { tables, labels })
    }
}

/// The root model and the models it imports explicitly, transitively: Upper,
/// imported implicitly by every model, has tables only when imported explicitly.
fn explicit_imports<'v>(view: &ModelView<'v>) -> BTreeSet<&'v str> {
    let mut out = BTreeSet::new();
    let mut stack = vec![view.root()];
    while let Some(m) = stack.pop() {
        if out.insert(m.iri.as_str()) {
            stack.extend(
                m.imports
                    .iter()
                    .filter_map(|i| view.models().iter().find(|x| x.iri == *i)),
            );
        }
    }
    out
}

/// The label each enumeration value is stored as: the name of an element realizing it.
fn labels(view: &ModelView<'_>, mapped: &Mapped) -> HashMap<String, Vec<(String, String)>> {
    view.enumerations()
        .into_iter()
        .map(|e| {
            let values = e
                .values
                .iter()
                .filter_map(|v| {
                    let label = mapped.realized_by(&v.iri).find_map(|el| mapped.name(el))?;
                    Some((v.iri.clone(), label))
                })
                .collect();
            (e.iri.clone(), values)
        })
        .collect()
}

struct Builder<'m, 'v> {
    view: &'m ModelView<'v>,
    mapped: &'m Mapped,
    /// Table IRI → its plan.
    tables: BTreeMap<String, TablePlan>,
}

impl<'v> Builder<'_, 'v> {
    fn columns(&self, table: &str) -> Vec<String> {
        self.mapped
            .parts(table, &sql("Column"), Some(&sql("position")))
    }

    /// The columns of a key or foreign key constraint, in order.
    fn key_columns(&self, constraint: &str) -> Vec<String> {
        self.mapped
            .parts(constraint, &sql("KeyPart"), Some(&sql("position")))
            .iter()
            .filter_map(|part| self.mapped.link(part, &sql("column")))
            .collect()
    }

    /// A table's plan, its columns named and, until filled, holding text.
    fn table(&mut self, table: &str, rows: Rows) -> Result<&mut TablePlan, PlanError> {
        let columns = self
            .columns(table)
            .iter()
            .map(|c| {
                Ok(Column {
                    name: self
                        .mapped
                        .name(c)
                        .ok_or_else(|| PlanError::new(c, "has no name"))?,
                    holds: Holds::Text,
                })
            })
            .collect::<Result<Vec<_>, PlanError>>()?;
        let name = self
            .mapped
            .name(table)
            .ok_or_else(|| PlanError::new(table, "has no name"))?;
        Ok(self.tables.entry(table.to_owned()).or_insert(TablePlan {
            name,
            columns,
            rows,
        }))
    }

    fn index(&self, table: &str, column: &str) -> Result<usize, PlanError> {
        self.columns(table)
            .iter()
            .position(|c| c == column)
            .ok_or_else(|| PlanError::new(column, format!("is not a column of {table}")))
    }

    fn class(&mut self, class: &Class, table: &str) -> Result<(), PlanError> {
        let atoms = key_atoms(self.view, class).map_err(|e| PlanError::new(&class.iri, e))?;
        let key = self.primary_key(table)?;
        if key.len() != atoms.len() {
            return Err(PlanError::new(
                table,
                format!(
                    "has {} key columns where {} has {} key values",
                    key.len(),
                    class.iri,
                    atoms.len()
                ),
            ));
        }
        let mut own = Vec::new();
        // Many-valued properties of nested values flattened into the row: child tables.
        let mut nested_many: Vec<Vec<&'v Property>> = Vec::new();
        let mut extension: BTreeMap<String, Vec<Field>> = BTreeMap::new();
        let siblings: Vec<&Property> = self.view.all_properties(class);
        for p in self.view.declared_properties(class) {
            if class.primary_key.contains(&p.iri) {
                continue;
            }
            if p.is_many() {
                self.values(class, &[p], table)?;
                continue;
            }
            // The table holding it: the class's own, or an extension table.
            let holders: BTreeSet<String> = self
                .mapped
                .realized_by(&p.iri)
                .filter(|e| self.mapped.is_a(e, &sql("Column")))
                .filter_map(|c| self.mapped.link(c, "https://w3id.org/uda/mapping#partOf"))
                .collect();
            let holder = if holders.contains(table) {
                table.to_owned()
            } else {
                holders
                    .into_iter()
                    .find(|t| self.references(t, table).is_some())
                    .ok_or_else(|| {
                        PlanError::new(
                            &p.iri,
                            format!("has no column in {table} or a table extending it"),
                        )
                    })?
            };
            let exclude: Vec<&str> = siblings
                .iter()
                .filter(|s| s.iri != p.iri)
                .map(|s| s.iri.as_str())
                .collect();
            let slot = self.slot(&holder, &[p], &exclude, &mut nested_many)?;
            let field = Field {
                property: p.iri.clone(),
                slot,
            };
            if holder == table {
                own.push(field);
            } else {
                extension.entry(holder).or_default().push(field);
            }
        }
        let plan = self.table(
            table,
            Rows::Entity {
                class: class.iri.clone(),
                key: Vec::new(),
                fields: Vec::new(),
                optional: false,
            },
        )?;
        for (&i, atom) in key.iter().zip(&atoms) {
            plan.columns[i].holds = holds(atom);
        }
        plan.rows = Rows::Entity {
            class: class.iri.clone(),
            key,
            fields: own,
            optional: false,
        };
        self.type_fields(table);
        for path in nested_many {
            self.values(class, &path, table)?;
        }
        for (holder, fields) in extension {
            let key = self.primary_key(&holder)?;
            let plan = self.table(
                &holder,
                Rows::Entity {
                    class: String::new(),
                    key: Vec::new(),
                    fields: Vec::new(),
                    optional: true,
                },
            )?;
            for (&i, atom) in key.iter().zip(&atoms) {
                plan.columns[i].holds = holds(atom);
            }
            plan.rows = Rows::Entity {
                class: class.iri.clone(),
                key,
                fields,
                optional: true,
            };
            self.type_fields(&holder);
        }
        Ok(())
    }

    fn primary_key(&self, table: &str) -> Result<Vec<usize>, PlanError> {
        let pk = self
            .mapped
            .parts(table, &sql("PrimaryKey"), None)
            .into_iter()
            .next()
            .ok_or_else(|| PlanError::new(table, "has no primary key"))?;
        self.key_columns(&pk)
            .iter()
            .map(|c| self.index(table, c))
            .collect()
    }

    /// The foreign key of `table` that references `target`, if any.
    fn references(&self, table: &str, target: &str) -> Option<String> {
        self.mapped
            .parts(table, &sql("ForeignKey"), None)
            .into_iter()
            .find(|fk| self.mapped.link(fk, &sql("referencedTable")).as_deref() == Some(target))
    }

    /// The table of many-valued property `path`'s last, of `class` (whose
    /// table is `owner`) or of the nested value the rest of `path` leads to.
    fn values(
        &mut self,
        class: &Class,
        path: &[&'v Property],
        owner: &str,
    ) -> Result<(), PlanError> {
        let p = path[path.len() - 1];
        if p.ordered {
            return Err(PlanError::new(
                &p.iri,
                "is ordered: lists are not supported yet",
            ));
        }
        // The table realizing the whole path (a property many classes share
        // has one per class) with a foreign key to the owner's table whose
        // columns hold no value: the owner's key.
        let owner_key = |table: &str| {
            self.mapped
                .parts(table, &sql("ForeignKey"), None)
                .into_iter()
                .filter(|fk| {
                    self.mapped.link(fk, &sql("referencedTable")).as_deref() == Some(owner)
                })
                .map(|fk| self.key_columns(&fk))
                .find(|cols| cols.iter().all(|c| !self.mapped.realizes(c, &p.iri)))
        };
        let (table, owner_key) = self
            .mapped
            .realized_by(&p.iri)
            .filter(|e| self.mapped.is_a(e, &sql("Table")))
            .filter(|e| path.iter().all(|q| self.mapped.realizes(e, &q.iri)))
            .find_map(|t| owner_key(t).map(|k| (t.to_owned(), k)))
            .ok_or_else(|| {
                PlanError::new(
                    &p.iri,
                    format!("is many-valued but no table referencing {owner} realizes it"),
                )
            })?;
        let columns = self.columns(&table);
        let mine: Vec<usize> = (0..columns.len())
            .filter(|&i| self.mapped.realizes(&columns[i], &p.iri))
            .collect();
        let owner_cols: Vec<usize> = owner_key
            .iter()
            .map(|c| self.index(&table, c))
            .collect::<Result<_, _>>()?;
        let rest: Vec<usize> = (0..columns.len())
            .filter(|i| !mine.contains(i) && !owner_cols.contains(i))
            .collect();
        let position = match rest.as_slice() {
            [] => None,
            [one] => Some(*one),
            _ => return Err(PlanError::new(&table, "has columns no mapping explains")),
        };
        let mut deeper = Vec::new();
        let value = self.slot(&table, &[p], &[], &mut deeper)?;
        if !deeper.is_empty() {
            return Err(PlanError::new(
                &p.iri,
                "holds nested values with many-valued properties: not supported yet",
            ));
        }
        let atoms = key_atoms(self.view, class).map_err(|e| PlanError::new(&class.iri, e))?;
        let plan = self.table(
            &table,
            Rows::Values {
                class: class.iri.clone(),
                path: path[..path.len() - 1]
                    .iter()
                    .map(|p| p.iri.clone())
                    .collect(),
                property: p.iri.clone(),
                owner: owner_cols.clone(),
                position,
                value,
            },
        )?;
        for (&i, atom) in owner_cols.iter().zip(&atoms) {
            plan.columns[i].holds = holds(atom);
        }
        if let Some(i) = position {
            plan.columns[i].holds = Holds::Position;
        }
        self.type_fields(&table);
        Ok(())
    }

    /// The columns of `table` realized by every property of `path` and by none of `exclude`.
    fn select(&self, table: &str, path: &[&Property], exclude: &[&str]) -> Vec<usize> {
        self.columns(table)
            .iter()
            .enumerate()
            .filter(|(_, c)| path.iter().all(|p| self.mapped.realizes(c, &p.iri)))
            // A property on the path is not excluded by an outer level (a
            // nested value may have a property its owner has too).
            .filter(|(_, c)| {
                !exclude
                    .iter()
                    .any(|x| !path.iter().any(|p| p.iri == *x) && self.mapped.realizes(c, x))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The columns the last property of `path` occupies in `table`.
    /// Many-valued members of a nested value are not in the row: their
    /// paths go to `many`, for child tables.
    fn slot(
        &self,
        table: &str,
        path: &[&'v Property],
        exclude: &[&str],
        many: &mut Vec<Vec<&'v Property>>,
    ) -> Result<Slot, PlanError> {
        let p = path[path.len() - 1];
        let columns = self.select(table, path, exclude);
        let one = |columns: &[usize]| match columns {
            [c] => Ok(*c),
            _ => Err(PlanError::new(
                &p.iri,
                format!(
                    "is realized by {} columns of {table} where one was expected",
                    columns.len()
                ),
            )),
        };
        if let Some(d) = self.view.datatype(p) {
            return match (d.builtin, columns.as_slice()) {
                // The text, then its language tag in the next column.
                (Builtin::LangString, [text, lang]) => Ok(Slot::Lang {
                    column: *text,
                    lang: *lang,
                }),
                (Builtin::LangString, _) => Err(PlanError::new(
                    &p.iri,
                    format!("is a language-tagged string without two columns in {table}"),
                )),
                (builtin, _) => Ok(Slot::Literal {
                    column: one(&columns)?,
                    builtin,
                }),
            };
        }
        match self.view.target(p) {
            Some(Target::Enumeration(e)) => Ok(Slot::Enum {
                column: one(&columns)?,
                enumeration: e.iri.clone(),
            }),
            Some(Target::Class(c)) if c.kind == ClassKind::Direct => {
                let atoms = key_atoms(self.view, c).map_err(|e| PlanError::new(&c.iri, e))?;
                if atoms.len() != columns.len() {
                    return Err(PlanError::new(
                        &p.iri,
                        format!(
                            "is realized by {} columns of {table}, but {} has {} key values",
                            columns.len(),
                            c.iri,
                            atoms.len()
                        ),
                    ));
                }
                Ok(Slot::Reference {
                    columns,
                    class: c.iri.clone(),
                })
            }
            Some(Target::Class(nested)) => {
                let members = self.view.all_properties(nested);
                let mut fields = Vec::new();
                for q in members.iter().copied() {
                    let mut inner = path.to_vec();
                    inner.push(q);
                    if q.is_many() {
                        many.push(inner);
                        continue;
                    }
                    let mut exclude = exclude.to_vec();
                    exclude.extend(
                        members
                            .iter()
                            .filter(|m| m.iri != q.iri)
                            .map(|m| m.iri.as_str()),
                    );
                    fields.push(Field {
                        property: q.iri.clone(),
                        slot: self.slot(table, &inner, &exclude, many)?,
                    });
                }
                Ok(Slot::Nested { fields })
            }
            None => Err(PlanError::new(&p.iri, "has no resolved datatype or target")),
        }
    }

    /// Sets what the columns of a table's fields hold, from their slots.
    fn type_fields(&mut self, table: &str) {
        let view = self.view;
        let Some(plan) = self.tables.get_mut(table) else {
            return;
        };
        let mut typed = Vec::new();
        match &plan.rows {
            Rows::Entity { fields, .. } => fields
                .iter()
                .for_each(|f| slot_holds(view, &f.slot, &mut typed)),
            Rows::Values { value, .. } => slot_holds(view, value, &mut typed),
        }
        for (i, h) in typed {
            plan.columns[i].holds = h;
        }
    }
}

fn holds(atom: &Atom) -> Holds {
    match atom {
        Atom::Literal(b) => Holds::Literal(*b),
        Atom::Enum(_) => Holds::Text,
    }
}

fn slot_holds(view: &ModelView<'_>, slot: &Slot, out: &mut Vec<(usize, Holds)>) {
    match slot {
        Slot::Literal { column, builtin } => out.push((*column, Holds::Literal(*builtin))),
        Slot::Lang { column, lang } => {
            out.push((*column, Holds::Literal(Builtin::LangString)));
            out.push((*lang, Holds::Text));
        }
        Slot::Enum { column, .. } => out.push((*column, Holds::Text)),
        Slot::Reference { columns, class } => {
            let atoms = view
                .class(class)
                .and_then(|c| key_atoms(view, c).ok())
                .unwrap_or_default();
            out.extend(columns.iter().zip(&atoms).map(|(c, a)| (*c, holds(a))));
        }
        Slot::Nested { fields } => fields.iter().for_each(|f| slot_holds(view, &f.slot, out)),
    }
}

/// Tables in load order: each after the tables its foreign keys reference
/// (a cycle is broken at the table of the smallest IRI), ties by IRI.
fn order(tables: BTreeMap<String, TablePlan>, mapped: &Mapped) -> Vec<TablePlan> {
    let deps: BTreeMap<&String, BTreeSet<String>> = tables
        .keys()
        .map(|t| {
            let refs = mapped
                .parts(t, &sql("ForeignKey"), None)
                .iter()
                .filter_map(|fk| mapped.link(fk, &sql("referencedTable")))
                .filter(|r| r != t && tables.contains_key(r))
                .collect();
            (t, refs)
        })
        .collect();
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    while done.len() < tables.len() {
        let ready: Vec<&String> = deps
            .iter()
            .filter(|(t, d)| !done.contains(t.as_str()) && d.iter().all(|x| done.contains(x)))
            .map(|(t, _)| *t)
            .collect();
        let next = if ready.is_empty() {
            deps.keys()
                .find(|t| !done.contains(t.as_str()))
                .map(|t| vec![*t])
                .unwrap_or_default()
        } else {
            ready
        };
        for t in next {
            done.insert(t.clone());
            out.push(tables[t].clone());
        }
    }
    out
}
