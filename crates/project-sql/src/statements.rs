//! What each parsed DDL statement says about the schema, read from
//! sqlparser's AST into a [`Catalog`]: tables and their columns and
//! constraints, `ALTER TABLE ... ADD`, indexes, views, comments and
//! enumeration types; any other statement is a warning at its place.

use crate::catalog::{
    warning, Catalog, CheckDef, ColumnDef, EnumDef, ForeignKeyDef, IndexDef, Key, TableDef,
    ViewColumnDef, ViewDef,
};
use crate::ddl::{sql_dialect, Described, Item, Parsed};
use crate::Dialect;
use sqlparser::ast::{
    AlterTableOperation, BinaryOperator, ColumnOption, CommentObject, CreateIndex, CreateTable,
    DataType, Expr, Ident, IndexColumn, ObjectName, SelectItem, SetExpr, Statement,
    TableConstraint, TableFactor, UserDefinedTypeRepresentation, Value,
};
use sqlparser::tokenizer::{Token, Tokenizer};
use std::collections::{BTreeMap, BTreeSet};
use uda_projection::ImportWarning;

/// Reads the statements, in order, into a catalog; the errors of meaning
/// (a statement about a table that does not exist) follow `errors`.
pub(crate) fn read(
    parsed: Vec<Parsed>,
    dialect: Dialect,
    errors: Vec<ImportWarning>,
) -> (Catalog, Vec<ImportWarning>) {
    let mut reader = Reader {
        dialect,
        catalog: Catalog::default(),
        tables: BTreeMap::new(),
        names: BTreeSet::new(),
        errors,
    };
    for p in parsed {
        reader.statement(p);
    }
    reader.resolve_references();
    (reader.catalog, reader.errors)
}

struct Reader {
    dialect: Dialect,
    catalog: Catalog,
    /// The place of each table in the catalog, by name.
    tables: BTreeMap<String, usize>,
    /// The names of tables, views and types.
    names: BTreeSet<String>,
    errors: Vec<ImportWarning>,
}

impl Reader {
    fn warn(&mut self, at: &str, message: impl std::fmt::Display) {
        self.catalog.warnings.push(warning(at, message));
    }

    /// An identifier as the database stores it: PostgreSQL folds unquoted
    /// names to lower case; SQLite and DuckDB keep them as written.
    fn name(&self, ident: &Ident) -> String {
        if ident.quote_style.is_none() && self.dialect == Dialect::Postgres {
            ident.value.to_ascii_lowercase()
        } else {
            ident.value.clone()
        }
    }

    /// The last part of a qualified name: the schema being read is the one
    /// its tables are created in.
    fn object(&self, name: &ObjectName) -> String {
        name.0
            .last()
            .and_then(|p| p.as_ident())
            .map(|i| self.name(i))
            .unwrap_or_default()
    }

    fn names(&self, idents: &[Ident]) -> Vec<String> {
        idents.iter().map(|i| self.name(i)).collect()
    }

    fn statement(&mut self, p: Parsed) {
        let at = p.at.as_str();
        let statement = match p.item {
            Item::Statement(statement) => *statement,
            Item::PsqlCommand(name) => {
                self.warn(
                    at,
                    format!("a psql command ({name}), not SQL: not represented"),
                );
                return;
            }
        };
        match statement {
            Statement::CreateTable(ct) => self.create_table(ct, at, &p.comments),
            Statement::CreateType {
                name,
                representation: UserDefinedTypeRepresentation::Enum { labels },
            } => {
                let name = self.object(&name);
                if !self.claim(&name, at) {
                    return;
                }
                let comment = Described::read(&p.comments, &name).element;
                self.catalog.enum_types.push(EnumDef {
                    name,
                    labels: labels.into_iter().map(|l| l.value).collect(),
                    comment,
                });
            }
            Statement::CreateView {
                name,
                columns,
                query,
                materialized,
                ..
            } => {
                let name = self.object(&name);
                if !self.claim(&name, at) {
                    return;
                }
                let mut listed: Vec<ViewColumnDef> = columns
                    .iter()
                    .map(|c| ViewColumnDef {
                        name: self.name(&c.name),
                        data_type: None,
                        comment: None,
                    })
                    .collect();
                if listed.is_empty() {
                    match self.view_columns(&query) {
                        Some(derived) => listed = derived,
                        None => self.warn(
                            at,
                            format!("the columns of view {name} cannot be derived from its query: recorded without columns"),
                        ),
                    }
                }
                if materialized {
                    self.warn(
                        at,
                        format!("{name} is a materialized view: recorded as a view"),
                    );
                }
                self.catalog.views.push(ViewDef {
                    name,
                    definition: query.to_string(),
                    comment: None,
                    columns: listed,
                });
            }
            Statement::CreateIndex(index) => self.create_index(index, at),
            Statement::AlterTable {
                name, operations, ..
            } => {
                let table = self.object(&name);
                for op in operations {
                    match op {
                        AlterTableOperation::AddConstraint { constraint, .. } => {
                            self.on_table(&table, at, |r, t| r.constraint(t, constraint, at, true));
                        }
                        other => {
                            self.warn(at, format!("not represented: ALTER TABLE {table} {other}"))
                        }
                    }
                }
            }
            Statement::Comment {
                object_type,
                object_name,
                comment,
                ..
            } => self.comment(object_type, &object_name, comment, at),
            // The schema read is the one named by the caller.
            Statement::CreateSchema { .. } => {}
            other => {
                let text = other.to_string();
                let head: String = text.chars().take(60).collect();
                let more = if head.len() < text.len() { "…" } else { "" };
                self.warn(
                    at,
                    format!("not a schema element, not represented: {head}{more}"),
                );
            }
        }
    }

    /// Takes a name in the schema's one scope of tables, views and types
    /// (in PostgreSQL a table is a type too); a name taken twice is an error.
    fn claim(&mut self, name: &str, at: &str) -> bool {
        let fresh = self.names.insert(name.to_owned());
        if !fresh {
            self.errors
                .push(warning(at, format!("{name} is created twice")));
        }
        fresh
    }

    /// Applies `f` to the table named `table`, or reports that it does not exist.
    fn on_table(&mut self, table: &str, at: &str, f: impl FnOnce(&mut Self, &mut TableDef)) {
        match self.tables.get(table).copied() {
            Some(i) => {
                let mut t = std::mem::take(&mut self.catalog.tables[i]);
                f(self, &mut t);
                self.catalog.tables[i] = t;
            }
            None => self.errors.push(warning(
                at,
                format!("table {table} is not created before this statement"),
            )),
        }
    }

    fn create_table(&mut self, ct: CreateTable, at: &str, comments: &[String]) {
        let name = self.object(&ct.name);
        if ct.query.is_some() {
            self.warn(
                at,
                format!(
                    "CREATE TABLE {name} AS a query: its columns are not declared, not represented"
                ),
            );
            return;
        }
        if !self.claim(&name, at) {
            return;
        }
        let mut described = Described::read(comments, &name);
        let mut table = TableDef {
            comment: described.element.take(),
            name,
            location: at.to_owned(),
            ..TableDef::default()
        };
        for c in &ct.columns {
            let column = table.claim(Some(self.name(&c.name)), &[], "");
            table.columns.push(ColumnDef {
                comment: described.parts.remove(&column),
                name: column.clone(),
                data_type: c.data_type.to_string(),
                enum_type: user_type(&c.data_type).map(|i| self.name(i)),
                ..ColumnDef::default()
            });
            for option in &c.options {
                let one = [column.clone()];
                let named = option.name.as_ref().map(|n| self.name(n));
                match &option.option {
                    ColumnOption::NotNull => set(&mut table, &column, |c| c.not_null = true),
                    ColumnOption::Null => {}
                    ColumnOption::Default(e) => {
                        let text = e.to_string();
                        set(&mut table, &column, |c| c.default = Some(text));
                    }
                    ColumnOption::Comment(text) => {
                        let text = text.clone();
                        set(&mut table, &column, |c| c.comment = Some(text));
                    }
                    ColumnOption::Unique {
                        is_primary: true, ..
                    } => {
                        let name = table.claim(named, &[], "pkey");
                        self.primary_key(&mut table, name, one.to_vec(), at);
                    }
                    ColumnOption::Unique { .. } => {
                        let name = table.claim(named, &one, "key");
                        table.uniques.push(Key {
                            name,
                            columns: one.to_vec(),
                        });
                    }
                    ColumnOption::ForeignKey {
                        foreign_table,
                        referred_columns,
                        on_delete,
                        on_update,
                        characteristics,
                    } => {
                        let reference = Reference {
                            name: named,
                            columns: one.to_vec(),
                            table: self.object(foreign_table),
                            referred: self.names(referred_columns),
                            added_later: false,
                        };
                        let rules = [
                            on_delete.map(|a| format!("ON DELETE {a}")),
                            on_update.map(|a| format!("ON UPDATE {a}")),
                            characteristics.as_ref().map(ToString::to_string),
                        ];
                        self.foreign_key(&mut table, reference, rules, at);
                    }
                    ColumnOption::Check(e) => {
                        let name = option.name.clone();
                        self.add_check(&mut table, name, e);
                    }
                    other => self.warn(
                        at,
                        format!("not represented: {other} on column {}.{column}", table.name),
                    ),
                }
            }
        }
        for constraint in ct.constraints {
            self.constraint(&mut table, constraint, at, false);
        }
        self.tables
            .insert(table.name.clone(), self.catalog.tables.len());
        self.catalog.tables.push(table);
    }

    /// A foreign key without its referenced columns refers to the
    /// referenced table's primary key: filled in once every key is known.
    fn resolve_references(&mut self) {
        let keys: BTreeMap<String, Vec<String>> = self
            .catalog
            .tables
            .iter()
            .filter_map(|t| Some((t.name.clone(), t.primary_key.as_ref()?.columns.clone())))
            .collect();
        for t in &mut self.catalog.tables {
            for f in t.foreign_keys.iter_mut().filter(|f| f.referred.is_empty()) {
                if let Some(key) = keys.get(&f.table) {
                    f.referred = key.clone();
                }
            }
        }
    }

    fn primary_key(&mut self, table: &mut TableDef, name: String, columns: Vec<String>, at: &str) {
        if table.primary_key.is_some() {
            self.errors.push(warning(
                at,
                format!("table {} has two primary keys", table.name),
            ));
            return;
        }
        // PostgreSQL and DuckDB make key columns NOT NULL; SQLite does not.
        if self.dialect != Dialect::Sqlite {
            for c in &columns {
                set(table, c, |c| c.not_null = true);
            }
        }
        table.primary_key = Some(Key { name, columns });
    }

    fn constraint(
        &mut self,
        table: &mut TableDef,
        constraint: TableConstraint,
        at: &str,
        altered: bool,
    ) {
        match constraint {
            TableConstraint::PrimaryKey { name, columns, .. } => {
                let Some(columns) = self.index_columns(&columns, at, &table.name) else {
                    return;
                };
                let name = table.claim(name.map(|n| self.name(&n)), &[], "pkey");
                self.primary_key(table, name, columns, at);
            }
            TableConstraint::Unique { name, columns, .. } => {
                let Some(columns) = self.index_columns(&columns, at, &table.name) else {
                    return;
                };
                let name = table.claim(name.map(|n| self.name(&n)), &columns, "key");
                table.uniques.push(Key { name, columns });
            }
            TableConstraint::ForeignKey {
                name,
                columns,
                foreign_table,
                referred_columns,
                on_delete,
                on_update,
                characteristics,
                ..
            } => {
                let reference = Reference {
                    name: name.map(|n| self.name(&n)),
                    columns: self.names(&columns),
                    table: self.object(&foreign_table),
                    referred: self.names(&referred_columns),
                    added_later: altered,
                };
                let rules = [
                    on_delete.map(|a| format!("ON DELETE {a}")),
                    on_update.map(|a| format!("ON UPDATE {a}")),
                    characteristics.as_ref().map(ToString::to_string),
                ];
                self.foreign_key(table, reference, rules, at);
            }
            TableConstraint::Check { name, expr, .. } => {
                self.add_check(table, name, &expr);
            }
            other => self.warn(
                at,
                format!("not represented: {other} on table {}", table.name),
            ),
        }
    }

    /// A foreign key; what it does on deletes and updates, and when it is
    /// checked, the vocabulary does not say: a warning.
    fn foreign_key(
        &mut self,
        table: &mut TableDef,
        r: Reference,
        rules: [Option<String>; 3],
        at: &str,
    ) {
        let name = table.claim(r.name, &r.columns, "fkey");
        for rule in rules.into_iter().flatten() {
            self.warn(
                at,
                format!(
                    "not represented: {rule} of foreign key {}.{name}",
                    table.name
                ),
            );
        }
        table.foreign_keys.push(ForeignKeyDef {
            name,
            columns: r.columns,
            table: r.table,
            referred: r.referred,
            added_later: Some(r.added_later),
        });
    }

    /// A CHECK, named as written or, when unnamed, as PostgreSQL names it:
    /// after the one column it refers to, else after the table alone.
    fn add_check(&self, table: &mut TableDef, name: Option<Ident>, expr: &Expr) {
        let expression = expr.to_string();
        let columns = match name {
            Some(_) => Vec::new(),
            None => self
                .referred_column(table, &expression)
                .into_iter()
                .collect(),
        };
        let name = table.claim(name.map(|n| self.name(&n)), &columns, "check");
        table.checks.push(CheckDef {
            name,
            allowed: in_list(expr).map(|(_, values)| values).unwrap_or_default(),
            expression,
        });
    }

    /// The one column of `table` an expression refers to, if it refers to
    /// exactly one: the words of its text that name a column and are not
    /// called as functions (sqlparser's AST has no walker without its
    /// `visitor` feature; its tokenizer reads the words).
    fn referred_column(&self, table: &TableDef, expression: &str) -> Option<String> {
        let sql = sql_dialect(self.dialect);
        let tokens = Tokenizer::new(sql.as_ref(), expression).tokenize().ok()?;
        let mut found: Option<String> = None;
        let mut words = tokens
            .iter()
            .filter(|t| !matches!(t, Token::Whitespace(_)))
            .peekable();
        while let Some(token) = words.next() {
            let Token::Word(w) = token else { continue };
            if words.peek() == Some(&&Token::LParen) {
                continue;
            }
            let name = self.name(&Ident {
                value: w.value.clone(),
                quote_style: w.quote_style,
                span: sqlparser::tokenizer::Span::empty(),
            });
            // `taken` holds the column names (and constraint names, which a
            // check does not mention): a set, where the columns are a list.
            if table.taken.contains(&name) && table.columns.iter().any(|c| c.name == name) {
                match &found {
                    Some(other) if *other != name => return None,
                    _ => found = Some(name),
                }
            }
        }
        found
    }

    /// The columns of a key or index; `None` (with a warning) when a part is an expression.
    fn index_columns(
        &mut self,
        columns: &[IndexColumn],
        at: &str,
        table: &str,
    ) -> Option<Vec<String>> {
        let mut out = Vec::new();
        for c in columns {
            match &c.column.expr {
                Expr::Identifier(i) => out.push(self.name(i)),
                other => {
                    self.warn(at, format!("not represented: the expression {other} as a key or index part on {table}"));
                    return None;
                }
            }
        }
        Some(out)
    }

    fn create_index(&mut self, index: CreateIndex, at: &str) {
        let table = self.object(&index.table_name);
        let Some(columns) = self.index_columns(&index.columns, at, &table) else {
            return;
        };
        if let Some(predicate) = &index.predicate {
            self.warn(
                at,
                format!("not represented: the index's condition WHERE {predicate}"),
            );
        }
        let unique = index.unique;
        let name = index.name.as_ref().map(|n| self.object(n));
        self.on_table(&table, at, |_, t| {
            let name = t.claim(name, &columns, "idx");
            t.indexes.push(IndexDef {
                name,
                unique,
                columns,
            });
        });
    }

    fn comment(
        &mut self,
        object: CommentObject,
        name: &ObjectName,
        text: Option<String>,
        at: &str,
    ) {
        let parts: Vec<String> = name
            .0
            .iter()
            .filter_map(|p| p.as_ident())
            .map(|i| self.name(i))
            .collect();
        // COMMENT ON COLUMN names a view's columns too.
        let view =
            |r: &mut Self, name: &str| r.catalog.views.iter_mut().position(|v| v.name == name);
        match (object, parts.as_slice()) {
            (CommentObject::Table, [.., table]) => {
                self.on_table(table, at, |_, t| t.comment = text);
            }
            (CommentObject::Column, [.., table, column]) => {
                let slot = match view(self, table) {
                    Some(v) => self.catalog.views[v]
                        .columns
                        .iter_mut()
                        .find(|c| c.name == *column)
                        .map(|c| &mut c.comment),
                    None => match self.tables.get(table.as_str()) {
                        Some(&t) => self.catalog.tables[t]
                            .column_mut(column)
                            .map(|c| &mut c.comment),
                        None => {
                            self.on_table(table, at, |_, _| {});
                            return;
                        }
                    },
                };
                match slot {
                    Some(comment) => *comment = text,
                    None => self
                        .errors
                        .push(warning(at, format!("{table} has no column {column}"))),
                }
            }
            (object, _) => self.warn(at, format!("not represented: COMMENT ON {object} {name}")),
        }
    }

    /// A view's columns from its query: explicit names and aliases, and a
    /// wildcard over one known table. `None` when a column has no name of
    /// its own or the wildcard's tables are unknown.
    fn view_columns(&self, query: &sqlparser::ast::Query) -> Option<Vec<ViewColumnDef>> {
        let SetExpr::Select(select) = query.body.as_ref() else {
            return None;
        };
        let mut names = Vec::new();
        for item in &select.projection {
            match item {
                SelectItem::UnnamedExpr(Expr::Identifier(i)) => names.push(self.name(i)),
                SelectItem::UnnamedExpr(Expr::CompoundIdentifier(parts)) => {
                    names.push(self.name(parts.last()?));
                }
                SelectItem::ExprWithAlias { alias, .. } => names.push(self.name(alias)),
                SelectItem::Wildcard(_)
                    if select.from.len() == 1 && select.from[0].joins.is_empty() =>
                {
                    let TableFactor::Table { name, .. } = &select.from[0].relation else {
                        return None;
                    };
                    let table = self.object(name);
                    let t = self.catalog.tables.iter().find(|t| t.name == table)?;
                    names.extend(t.columns.iter().map(|c| c.name.clone()));
                }
                _ => return None,
            }
        }
        Some(
            names
                .into_iter()
                .map(|name| ViewColumnDef {
                    name,
                    data_type: None,
                    comment: None,
                })
                .collect(),
        )
    }
}

/// A foreign key as a statement declares it, before it is named.
struct Reference {
    name: Option<String>,
    columns: Vec<String>,
    table: String,
    referred: Vec<String>,
    added_later: bool,
}

fn set(table: &mut TableDef, column: &str, f: impl FnOnce(&mut ColumnDef)) {
    if let Some(c) = table.column_mut(column) {
        f(c);
    }
}

/// The name of a bare user-defined type, which may be an enumeration type.
fn user_type(data_type: &DataType) -> Option<&Ident> {
    match data_type {
        DataType::Custom(name, args) if args.is_empty() => name.0.last()?.as_ident(),
        _ => None,
    }
}

/// A check admitting a list of strings: `col IN ('a', 'b')`, or the forms
/// PostgreSQL reports it in, `col = ANY (ARRAY['a'::text, ...])` and, for
/// one value, `col = 'a'::text`. The column and the values.
pub(crate) fn in_list(expr: &Expr) -> Option<(&Ident, Vec<String>)> {
    let bare = |e: &Expr| -> Option<String> {
        let mut e = e;
        loop {
            match e {
                Expr::Nested(inner) => e = inner,
                Expr::Cast { expr, .. } => e = expr,
                Expr::Value(v) => {
                    return match &v.value {
                        Value::SingleQuotedString(s) => Some(s.clone()),
                        _ => None,
                    }
                }
                _ => return None,
            }
        }
    };
    let strings = |list: &[Expr]| list.iter().map(bare).collect::<Option<Vec<String>>>();
    match unnest(expr) {
        Expr::InList {
            expr,
            list,
            negated: false,
        } => Some((column(expr)?, strings(list)?)),
        Expr::AnyOp {
            left,
            compare_op: BinaryOperator::Eq,
            right,
            ..
        } => match unnest(right) {
            Expr::Array(array) => Some((column(left)?, strings(&array.elem)?)),
            _ => None,
        },
        Expr::BinaryOp {
            left,
            op: BinaryOperator::Eq,
            right,
        } => Some((column(left)?, vec![bare(right)?])),
        _ => None,
    }
}

fn unnest(mut e: &Expr) -> &Expr {
    while let Expr::Nested(inner) = e {
        e = inner;
    }
    e
}

fn column(e: &Expr) -> Option<&Ident> {
    match unnest(e) {
        Expr::Identifier(i) => Some(i),
        _ => None,
    }
}
