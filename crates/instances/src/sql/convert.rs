//! RDF instance data to the rows of an [`SqlPlan`]'s tables, and rows back
//! to RDF.

use std::collections::HashMap;

use oxrdf::{
    BlankNode, Graph, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term,
    TermRef, Triple,
};
use uda_upper::{Builtin, Class, ModelView};

use crate::instances::{key_atoms, key_class, mint, Atom, Instances, RDF_TYPE};
use crate::literal::{from_cell, lang_cell, to_cell, Cell};
use crate::sql::plan::{Field, Rows, Slot, SqlPlan};
use crate::DataError;

/// The rows of every table of a plan, in the plan's order.
pub type Tables = Vec<Vec<Vec<Cell>>>;

/// Errors stop after this many: bad data is reported, not listed in full.
const MAX_ERRORS: usize = 100;

/// The rows `graph` fills each table of `plan` with. Every instance of a
/// keyed class of the model goes to its class's tables; what cannot be
/// stored (a second value of a single-valued property, a reference to
/// something the data does not describe, a literal of another datatype) is
/// an error, and then nothing is returned.
pub fn to_rows(
    view: &ModelView<'_>,
    plan: &SqlPlan,
    graph: &Graph,
) -> Result<Tables, Vec<DataError>> {
    let instances = Instances::new(view, graph, &plan.labels)?;
    let mut errors = Vec::new();
    let mut tables = Vec::with_capacity(plan.tables.len());
    for table in &plan.tables {
        let width = table.columns.len();
        let mut rows = Vec::new();
        match &table.rows {
            Rows::Entity {
                class,
                key,
                fields,
                optional,
            } => {
                let Some(class) = view.class(class) else {
                    continue;
                };
                for &s in instances.of(class) {
                    let mut row = vec![Cell::Null; width];
                    let filled = instances.key(s).and_then(|k| {
                        put(&mut row, key, k);
                        fields
                            .iter()
                            .try_for_each(|f| fill(&instances, view, s, f, &mut row))
                    });
                    match filled {
                        Err(e) => errors.push(e),
                        Ok(()) if *optional && fields_empty(&row, key) => {}
                        Ok(()) => rows.push(row),
                    }
                }
            }
            Rows::Values {
                class,
                path,
                property,
                owner,
                position,
                value,
            } => {
                let (Some(class), Some(p)) = (view.class(class), view.property(property)) else {
                    continue;
                };
                for &s in instances.of(class) {
                    let holder = match walk(&instances, view, s, path) {
                        Ok(Some(h)) => h,
                        Ok(None) => continue,
                        Err(e) => {
                            errors.push(e);
                            continue;
                        }
                    };
                    let owner_key = match instances.key(s) {
                        Ok(k) => k,
                        Err(e) => {
                            errors.push(e);
                            continue;
                        }
                    };
                    let mut own = Vec::new();
                    for v in instances.values(holder, p) {
                        let mut row = vec![Cell::Null; width];
                        put(&mut row, owner, owner_key.clone());
                        match fill_value(&instances, view, s, &p.iri, value, v, &mut row) {
                            Ok(()) => own.push(row),
                            Err(e) => errors.push(e),
                        }
                    }
                    // Values have no order: sorted, numbered in that order.
                    own.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
                    if let Some(at) = position {
                        for (i, row) in own.iter_mut().enumerate() {
                            row[*at] = Cell::Int(i as i64);
                        }
                    }
                    rows.extend(own);
                }
            }
        }
        if errors.len() >= MAX_ERRORS {
            break;
        }
        tables.push(rows);
    }
    if errors.is_empty() {
        Ok(tables)
    } else {
        errors.truncate(MAX_ERRORS);
        Err(errors)
    }
}

/// The nested value `path` leads to from `s`, if any.
fn walk<'g>(
    instances: &Instances<'g, '_>,
    view: &ModelView<'_>,
    s: NamedOrBlankNodeRef<'g>,
    path: &[String],
) -> Result<Option<NamedOrBlankNodeRef<'g>>, DataError> {
    let mut node = s;
    for step in path {
        let Some(p) = view.property(step) else {
            return Ok(None);
        };
        node = match instances.single(node, p)? {
            Some(TermRef::BlankNode(b)) => NamedOrBlankNodeRef::BlankNode(b),
            Some(TermRef::NamedNode(n)) => NamedOrBlankNodeRef::NamedNode(n),
            Some(other) => {
                return Err(DataError::new(
                    node.to_string(),
                    format!("{step}: {other} is not a nested value"),
                ))
            }
            None => return Ok(None),
        };
    }
    Ok(Some(node))
}

fn fields_empty(row: &[Cell], key: &[usize]) -> bool {
    row.iter()
        .enumerate()
        .all(|(i, c)| key.contains(&i) || c.is_null())
}

fn put(row: &mut [Cell], columns: &[usize], cells: Vec<Cell>) {
    for (&i, c) in columns.iter().zip(cells) {
        row[i] = c;
    }
}

fn fill<'g>(
    instances: &Instances<'g, '_>,
    view: &ModelView<'_>,
    s: NamedOrBlankNodeRef<'_>,
    field: &Field,
    row: &mut [Cell],
) -> Result<(), DataError> {
    let Some(p) = view.property(&field.property) else {
        return Ok(());
    };
    match instances.single(s, p)? {
        Some(v) => fill_value(instances, view, s, &p.iri, &field.slot, v, row),
        None => Ok(()),
    }
}

fn fill_value<'g>(
    instances: &Instances<'g, '_>,
    view: &ModelView<'_>,
    s: NamedOrBlankNodeRef<'_>,
    property: &str,
    slot: &Slot,
    value: TermRef<'g>,
    row: &mut [Cell],
) -> Result<(), DataError> {
    let error = |message: String| DataError::new(s.to_string(), format!("{property}: {message}"));
    match (slot, value) {
        (Slot::Literal { column, builtin }, TermRef::Literal(l)) => {
            row[*column] = to_cell(l, *builtin).map_err(|e| error(e.to_string()))?;
        }
        (Slot::Lang { column, lang }, TermRef::Literal(l)) => {
            row[*column] = to_cell(l, Builtin::LangString).map_err(|e| error(e.to_string()))?;
            row[*lang] = lang_cell(l);
        }
        (
            Slot::Enum {
                column,
                enumeration,
            },
            v,
        ) => row[*column] = instances.label(s, enumeration, v)?,
        (Slot::Reference { columns, class }, v) => {
            let target = match v {
                TermRef::NamedNode(n) => NamedOrBlankNodeRef::NamedNode(n),
                TermRef::BlankNode(b) => NamedOrBlankNodeRef::BlankNode(b),
                other => return Err(error(format!("{other} is not an instance"))),
            };
            let expected = view.class(class);
            match (instances.class_of(target), expected) {
                (Some(c), Some(e))
                    if c.iri == e.iri || view.ancestors(c).iter().any(|a| a.iri == e.iri) => {}
                _ => {
                    return Err(error(format!(
                        "{v} is not described as a {class} in the data"
                    )))
                }
            }
            put(row, columns, instances.key(target)?);
        }
        (Slot::Nested { fields }, TermRef::BlankNode(b)) => {
            let node = NamedOrBlankNodeRef::BlankNode(b);
            for f in fields {
                fill(instances, view, node, f, row)?;
            }
        }
        (Slot::Nested { fields }, TermRef::NamedNode(n)) => {
            let node = NamedOrBlankNodeRef::NamedNode(n);
            for f in fields {
                fill(instances, view, node, f, row)?;
            }
        }
        (_, v) => return Err(error(format!("{v} is not a value it takes"))),
    }
    Ok(())
}

/// The RDF graph rows of `plan`'s tables hold, instances named by IRIs
/// minted from their keys under `base` (see [`mint`]), nested values by
/// blank nodes. An instance's type is the most specific class whose table
/// has a row for it.
pub fn from_rows(
    view: &ModelView<'_>,
    plan: &SqlPlan,
    tables: &Tables,
    base: &str,
) -> Result<Graph, DataError> {
    let reader = Reader {
        view,
        plan,
        base,
        nodes: Default::default(),
    };
    let mut graph = Graph::new();
    let mut types: HashMap<NamedNode, &Class> = HashMap::new();
    for (table, rows) in plan.tables.iter().zip(tables) {
        let at =
            |row: usize| DataError::new(format!("{} row {}", table.name, row + 1), String::new());
        match &table.rows {
            Rows::Entity {
                class,
                key,
                fields,
                optional,
            } => {
                let class = view.class(class).ok_or_else(|| {
                    DataError::new(class.clone(), "is no class of the model".into())
                })?;
                for (n, row) in rows.iter().enumerate() {
                    let located = |e: DataError| at(n).with(e);
                    let key_cells = reader.key(class, key, row).map_err(located)?;
                    let id =
                        NamedNode::new_unchecked(mint(base, key_class(view, class), &key_cells));
                    if !optional {
                        let known = types.entry(id.clone()).or_insert(class);
                        if view.ancestors(class).iter().any(|a| a.iri == known.iri) {
                            *known = class;
                        }
                        if class.primary_key.is_empty() {
                            // The key's values are stated once, by the class declaring it.
                        } else {
                            reader
                                .key_triples(class, &id, &key_cells, &mut graph)
                                .map_err(located)?;
                        }
                    }
                    for f in fields {
                        let p = NamedNode::new_unchecked(&f.property);
                        let at = (id.as_str(), vec![f.property.clone()]);
                        if let Some(v) = reader
                            .value(&f.slot, row, Some(at), &mut graph)
                            .map_err(located)?
                        {
                            graph.insert(&Triple::new(id.clone(), p, v));
                        }
                    }
                }
            }
            Rows::Values {
                class,
                path,
                property,
                owner,
                position: _,
                value,
            } => {
                let class = view.class(class).ok_or_else(|| {
                    DataError::new(class.clone(), "is no class of the model".into())
                })?;
                let p = NamedNode::new_unchecked(property);
                for (n, row) in rows.iter().enumerate() {
                    let located = |e: DataError| at(n).with(e);
                    let key_cells = reader.key(class, owner, row).map_err(located)?;
                    let id =
                        NamedNode::new_unchecked(mint(base, key_class(view, class), &key_cells));
                    let holder = reader.node(&id, path, &mut graph);
                    if let Some(v) = reader
                        .value(value, row, None, &mut graph)
                        .map_err(located)?
                    {
                        graph.insert(&Triple::new(holder, p.clone(), v));
                    }
                }
            }
        }
    }
    for (id, class) in types {
        graph.insert(&Triple::new(
            id,
            RDF_TYPE,
            NamedNodeRef::new_unchecked(&class.iri),
        ));
    }
    Ok(graph)
}

struct Reader<'a, 'v> {
    view: &'a ModelView<'v>,
    plan: &'a SqlPlan,
    base: &'a str,
    /// The blank node of the nested value a path leads to from an instance:
    /// its members come from its owner's row and from child tables.
    nodes: std::cell::RefCell<HashMap<(String, Vec<String>), BlankNode>>,
}

impl Reader<'_, '_> {
    /// The node `path` leads to from instance `id`, made (and linked) if
    /// no row has made it yet.
    fn node(&self, id: &NamedNode, path: &[String], graph: &mut Graph) -> NamedOrBlankNode {
        let Some((last, parent)) = path.split_last() else {
            return id.clone().into();
        };
        if let Some(known) = self
            .nodes
            .borrow()
            .get(&(id.as_str().to_owned(), path.to_vec()))
        {
            return known.clone().into();
        }
        let owner = self.node(id, parent, graph);
        let node = BlankNode::default();
        graph.insert(&Triple::new(
            owner,
            NamedNode::new_unchecked(last),
            node.clone(),
        ));
        self.nodes
            .borrow_mut()
            .insert((id.as_str().to_owned(), path.to_vec()), node.clone());
        node.into()
    }

    /// The canonical key cells of `class` in `columns` of `row`.
    fn key(&self, class: &Class, columns: &[usize], row: &[Cell]) -> Result<Vec<Cell>, DataError> {
        let atoms =
            key_atoms(self.view, class).map_err(|e| DataError::new(class.iri.clone(), e))?;
        atoms
            .iter()
            .zip(columns)
            .map(|(atom, &c)| match atom {
                Atom::Literal(b) => canonical_cell(&row[c], *b),
                Atom::Enum(_) => Ok(row[c].clone()),
            })
            .collect()
    }

    /// The triples stating the key members of instance `id` of `class`, which declares the key.
    fn key_triples(
        &self,
        class: &Class,
        id: &NamedNode,
        cells: &[Cell],
        graph: &mut Graph,
    ) -> Result<(), DataError> {
        let mut rest = cells;
        for p in self.view.primary_key(class) {
            let value: Term = match (self.view.datatype(p), self.view.target(p)) {
                (Some(d), _) => {
                    let v = literal(&rest[0], d.builtin, None)?;
                    rest = &rest[1..];
                    v.into()
                }
                (None, Some(uda_upper::Target::Enumeration(e))) => {
                    let v = self.enum_value(&e.iri, &rest[0])?;
                    rest = &rest[1..];
                    v.into()
                }
                (None, Some(uda_upper::Target::Class(target))) => {
                    let n = key_atoms(self.view, target)
                        .map_err(|e| DataError::new(target.iri.clone(), e))?
                        .len();
                    let iri = mint(self.base, key_class(self.view, target), &rest[..n]);
                    rest = &rest[n..];
                    NamedNode::new_unchecked(iri).into()
                }
                (None, None) => continue,
            };
            graph.insert(&Triple::new(
                id.clone(),
                NamedNode::new_unchecked(&p.iri),
                value,
            ));
        }
        Ok(())
    }

    fn enum_value(&self, enumeration: &str, cell: &Cell) -> Result<NamedNode, DataError> {
        let label = cell.lexical().unwrap_or_default();
        self.plan
            .labels
            .get(enumeration)
            .and_then(|values| values.iter().find(|(_, l)| *l == label))
            .map(|(iri, _)| NamedNode::new_unchecked(iri))
            .ok_or_else(|| DataError::new(label.clone(), format!("is no value of {enumeration}")))
    }

    /// The value a slot of `row` holds, `None` when its columns are NULL.
    /// `at`: the instance and path the value is at, for a nested value
    /// whose other members child tables hold.
    fn value(
        &self,
        slot: &Slot,
        row: &[Cell],
        at: Option<(&str, Vec<String>)>,
        graph: &mut Graph,
    ) -> Result<Option<Term>, DataError> {
        Ok(Some(match slot {
            Slot::Literal { column, .. }
            | Slot::Lang { column, .. }
            | Slot::Enum { column, .. }
                if row[*column].is_null() =>
            {
                return Ok(None)
            }
            Slot::Literal { column, builtin } => literal(&row[*column], *builtin, None)?.into(),
            Slot::Lang { column, lang } => {
                let tag = row[*lang].lexical();
                literal(&row[*column], Builtin::LangString, tag.as_deref())?.into()
            }
            Slot::Enum {
                column,
                enumeration,
            } => self.enum_value(enumeration, &row[*column])?.into(),
            Slot::Reference { columns, class } => {
                if columns.iter().all(|c| row[*c].is_null()) {
                    return Ok(None);
                }
                let class = self
                    .view
                    .class(class)
                    .ok_or_else(|| DataError::new(class.clone(), "is no class".into()))?;
                let cells = self.key(class, columns, row)?;
                NamedNode::new_unchecked(mint(self.base, key_class(self.view, class), &cells))
                    .into()
            }
            Slot::Nested { fields } => {
                let node = BlankNode::default();
                let mut triples = Vec::new();
                for f in fields {
                    let inner = at.as_ref().map(|(id, path)| {
                        let mut path = path.clone();
                        path.push(f.property.clone());
                        (*id, path)
                    });
                    if let Some(v) = self.value(&f.slot, row, inner, graph)? {
                        triples.push(Triple::new(
                            node.clone(),
                            NamedNode::new_unchecked(&f.property),
                            v,
                        ));
                    }
                }
                if triples.is_empty() {
                    return Ok(None);
                }
                if let Some((id, path)) = at {
                    self.nodes
                        .borrow_mut()
                        .insert((id.to_owned(), path), node.clone());
                }
                for t in &triples {
                    graph.insert(t);
                }
                NamedOrBlankNode::from(node).into()
            }
        }))
    }
}

fn literal(cell: &Cell, builtin: Builtin, lang: Option<&str>) -> Result<oxrdf::Literal, DataError> {
    from_cell(cell, builtin, lang).map_err(|e| DataError::new(format!("{cell:?}"), e.to_string()))
}

/// A cell a database gave back, in the canonical form [`to_cell`] gives.
fn canonical_cell(cell: &Cell, builtin: Builtin) -> Result<Cell, DataError> {
    let l = literal(cell, builtin, None)?;
    to_cell(l.as_ref(), builtin).map_err(|e| DataError::new(l.to_string(), e.to_string()))
}
