//! Test support: the models, their DDL (with the DDL of the models they
//! import, which must run first), and the DDL parsed back with sqlparser.
#![allow(dead_code)] // each test crate uses part of it

pub mod engines;
pub mod import;
pub mod rows;

use sqlparser::ast::{
    ColumnOption, DataType, Expr, Ident, Statement, TableConstraint, UserDefinedTypeRepresentation,
};
use sqlparser::dialect::{DuckDbDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;
use uda_project_sql::{project, Dialect, SqlOptions};
use uda_projection::Output;
use uda_upper::{Loaded, Loader};

/// The example models, and `tests/models/edge.ttl` for what they do not exercise.
pub const MODELS: [&str; 4] = ["onepiece", "studio", "marketing", "edge"];

pub fn models_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/models")
}

/// Every model of [`MODELS`], loaded together and valid.
pub fn loaded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        let mut loader = Loader::new();
        for m in ["onepiece", "studio", "marketing"] {
            loader.input_file(uda_testkit::examples_dir().join(format!("{m}.ttl")));
        }
        loader.input_file(models_dir().join("edge.ttl"));
        let loaded = loader.load();
        assert!(
            !loaded.has_errors(),
            "test models are invalid:\n{}",
            loaded.render()
        );
        loaded
    })
}

pub fn iri(domain: &str) -> String {
    uda_testkit::example_iri(domain)
}

pub fn output(domain: &str, options: &SqlOptions) -> Output {
    let view = loaded().models.view(&iri(domain)).expect("model is loaded");
    project(&view, options).unwrap_or_else(|e| panic!("{domain}: {e}"))
}

pub fn ddl(domain: &str, options: &SqlOptions) -> String {
    let out = output(domain, options);
    assert_eq!(out.files.len(), 1);
    assert_eq!(
        out.files[0].name,
        format!("{domain}.{}.sql", options.dialect)
    );
    out.files[0].text.clone()
}

/// The DDL of `domain` and of every model it imports, imports first.
pub fn chain(domain: &str, options: &SqlOptions) -> Vec<(String, String)> {
    fn visit(domain: &str, out: &mut Vec<String>) {
        let model = loaded().models.get(&iri(domain)).expect("model is loaded");
        for import in &model.imports {
            if let Some(m) = loaded().models.get(import) {
                if !out.contains(&m.domain) {
                    visit(&m.domain.clone(), out);
                }
            }
        }
        if !out.iter().any(|d| d == domain) {
            out.push(domain.to_owned());
        }
    }
    let mut domains = Vec::new();
    visit(domain, &mut domains);
    domains
        .into_iter()
        .map(|d| (d.clone(), ddl(&d, options)))
        .collect()
}

/// Parses DDL with sqlparser's parser for the dialect.
pub fn parse(text: &str, dialect: Dialect) -> Vec<Statement> {
    let result = match dialect {
        Dialect::Postgres => Parser::parse_sql(&PostgreSqlDialect {}, text),
        Dialect::Sqlite => Parser::parse_sql(&SQLiteDialect {}, text),
        Dialect::DuckDb => Parser::parse_sql(&DuckDbDialect {}, text),
    };
    result.unwrap_or_else(|e| panic!("sqlparser ({dialect}) cannot parse the DDL: {e}\n{text}"))
}

/// What the parsed DDL declares, as the row generator needs it.
#[derive(Debug, Default)]
pub struct Db {
    /// In DDL order.
    pub tables: Vec<TableInfo>,
    /// Enumeration types and their labels.
    pub enums: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct TableInfo {
    pub ident: Ident,
    pub columns: Vec<ColumnInfo>,
    pub primary_key: (String, Vec<String>),
    pub foreign_keys: Vec<ForeignKeyInfo>,
    pub checks: Vec<(String, Expr)>,
}

#[derive(Debug, Clone)]
pub struct ColumnInfo {
    pub ident: Ident,
    pub data_type: DataType,
    pub not_null: bool,
}

#[derive(Debug, Clone)]
pub struct ForeignKeyInfo {
    pub name: String,
    pub columns: Vec<String>,
    pub table: String,
    pub referred: Vec<String>,
}

impl TableInfo {
    pub fn name(&self) -> &str {
        &self.ident.value
    }

    pub fn column(&self, name: &str) -> &ColumnInfo {
        self.columns
            .iter()
            .find(|c| c.ident.value == name)
            .unwrap_or_else(|| panic!("{} has no column {name}", self.name()))
    }
}

impl Db {
    pub fn from_statements(statements: &[Statement]) -> Self {
        let mut db = Db::default();
        for s in statements {
            match s {
                Statement::CreateTable(ct) => {
                    let mut table = TableInfo {
                        ident: ct
                            .name
                            .0
                            .last()
                            .and_then(|p| p.as_ident())
                            .cloned()
                            .expect("table name"),
                        columns: ct
                            .columns
                            .iter()
                            .map(|c| ColumnInfo {
                                ident: c.name.clone(),
                                data_type: c.data_type.clone(),
                                not_null: c
                                    .options
                                    .iter()
                                    .any(|o| matches!(o.option, ColumnOption::NotNull)),
                            })
                            .collect(),
                        primary_key: (String::new(), Vec::new()),
                        foreign_keys: Vec::new(),
                        checks: Vec::new(),
                    };
                    for c in &ct.constraints {
                        table.add_constraint(c);
                    }
                    db.tables.push(table);
                }
                Statement::AlterTable {
                    name, operations, ..
                } => {
                    let name = name
                        .0
                        .last()
                        .and_then(|p| p.as_ident())
                        .expect("table name")
                        .value
                        .clone();
                    let table = db.table_mut(&name);
                    for op in operations {
                        match op {
                            sqlparser::ast::AlterTableOperation::AddConstraint {
                                constraint,
                                ..
                            } => table.add_constraint(constraint),
                            other => panic!("unexpected ALTER TABLE operation {other}"),
                        }
                    }
                }
                Statement::CreateType {
                    name,
                    representation: UserDefinedTypeRepresentation::Enum { labels },
                } => {
                    db.enums.insert(
                        name.to_string(),
                        labels.iter().map(|l| l.value.clone()).collect(),
                    );
                }
                Statement::Comment { .. } => {}
                other => panic!("unexpected statement {other}"),
            }
        }
        db
    }

    pub fn table(&self, name: &str) -> &TableInfo {
        self.tables
            .iter()
            .find(|t| t.name() == name)
            .unwrap_or_else(|| panic!("no table {name}"))
    }

    fn table_mut(&mut self, name: &str) -> &mut TableInfo {
        self.tables
            .iter_mut()
            .find(|t| t.name() == name)
            .unwrap_or_else(|| panic!("no table {name}"))
    }
}

impl TableInfo {
    fn add_constraint(&mut self, c: &TableConstraint) {
        let name = |n: &Option<Ident>| {
            n.as_ref()
                .map(|i| i.value.clone())
                .expect("constraints are named")
        };
        match c {
            TableConstraint::PrimaryKey {
                name: n, columns, ..
            } => {
                self.primary_key = (
                    name(n),
                    columns.iter().map(|c| expr_name(&c.column.expr)).collect(),
                );
            }
            TableConstraint::ForeignKey {
                name: n,
                columns,
                foreign_table,
                referred_columns,
                ..
            } => self.foreign_keys.push(ForeignKeyInfo {
                name: name(n),
                columns: columns.iter().map(|c| c.value.clone()).collect(),
                table: foreign_table
                    .0
                    .last()
                    .and_then(|p| p.as_ident())
                    .expect("table")
                    .value
                    .clone(),
                referred: referred_columns.iter().map(|c| c.value.clone()).collect(),
            }),
            TableConstraint::Check { name: n, expr, .. } => {
                self.checks.push((name(n), (**expr).clone()))
            }
            other => panic!("unexpected constraint {other}"),
        }
    }
}

fn expr_name(e: &Expr) -> String {
    match e {
        Expr::Identifier(i) => i.value.clone(),
        other => panic!("key column is not a name: {other}"),
    }
}

/// Every dialect with the option sets that apply to it.
pub fn option_sets(dialect: Dialect) -> Vec<SqlOptions> {
    use uda_project_sql::{EnumStyle, Inheritance};
    let mut sets = vec![
        SqlOptions::new(dialect),
        SqlOptions {
            inheritance: Inheritance::SingleTable,
            ..SqlOptions::new(dialect)
        },
    ];
    if dialect != Dialect::Sqlite {
        sets.push(SqlOptions {
            enum_style: EnumStyle::PostgresEnum,
            ..SqlOptions::new(dialect)
        });
    }
    sets
}
