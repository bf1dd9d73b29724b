//! Rows generated from the parsed DDL alone (no knowledge of the model): one
//! valid row per table, and rows that each violate exactly one NOT NULL,
//! foreign key, CHECK or enumeration type. CHECK conditions are evaluated
//! here, with SQL's three-valued logic, to find values that satisfy or
//! violate them.

use super::{Db, TableInfo};

/// Enumeration types and their labels, of every schema in a chain.
pub type Enums = BTreeMap<String, Vec<String>>;
use regex_syntax::hir::{Class, Hir, HirKind};
use sqlparser::ast::{
    BinaryOperator, DataType, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, TimezoneInfo,
    UnaryOperator, Value,
};
use std::collections::{BTreeMap, BTreeSet};
use uda_project_sql::Dialect;

/// A value to insert.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Null,
    Num(f64),
    Text(String),
    Bool(bool),
    /// A literal the evaluator never looks into (dates, intervals, bytes).
    Raw(String),
}

impl Val {
    pub fn sql(&self) -> String {
        match self {
            Val::Null => "NULL".to_owned(),
            Val::Num(n) if n.fract() == 0.0 => format!("{n:.0}"),
            Val::Num(n) => n.to_string(),
            Val::Text(s) => format!("'{}'", s.replace('\'', "''")),
            Val::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
            Val::Raw(r) => r.clone(),
        }
    }
}

pub type Row = BTreeMap<String, Val>;

/// What the engine must answer to a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    Ok,
    NotNull {
        table: String,
        column: String,
    },
    ForeignKey {
        table: String,
        name: String,
    },
    Check {
        table: String,
        name: String,
    },
    Unique {
        table: String,
        name: String,
    },
    /// A value that is not a label of the column's enumeration type.
    BadEnum,
}

pub struct Step {
    pub sql: String,
    pub expect: Expect,
}

pub fn insert(table: &TableInfo, row: &Row) -> String {
    let columns: Vec<String> = table.columns.iter().map(|c| c.ident.to_string()).collect();
    let values: Vec<String> = table
        .columns
        .iter()
        .map(|c| row[&c.ident.value].sql())
        .collect();
    format!(
        "INSERT INTO {} ({}) VALUES ({})",
        table.ident,
        columns.join(", "),
        values.join(", ")
    )
}

/// The kind of values a column takes, as far as the evaluator cares.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Number,
    Text,
    Bool,
    Enum,
    Opaque,
}

fn kind(data_type: &DataType) -> Kind {
    use DataType::*;
    match data_type {
        TinyInt(_) | SmallInt(_) | Integer(_) | Int(_) | BigInt(_) | HugeInt | Numeric(_)
        | Decimal(_) | Real | Double(_) | DoublePrecision => Kind::Number,
        Text | Varchar(_) => Kind::Text,
        Boolean => Kind::Bool,
        Custom(..) => Kind::Enum,
        _ => Kind::Opaque,
    }
}

/// A valid value of a column's type.
fn sample(data_type: &DataType, dialect: Dialect, enums: &Enums) -> Val {
    use DataType::*;
    match (data_type, dialect) {
        (Custom(name, _), _) => Val::Text(enums[&name.to_string()][0].clone()),
        (Date, _) => Val::Raw("'2024-01-02'".into()),
        (Time(..), _) => Val::Raw("'03:04:05'".into()),
        (Timestamp(_, TimezoneInfo::Tz), _) => Val::Raw("'2024-01-02 03:04:05+00'".into()),
        (Timestamp(..), _) => Val::Raw("'2024-01-02 03:04:05'".into()),
        (Interval { .. }, _) => Val::Raw("'1 day'".into()),
        (Bytea, _) => Val::Raw("'\\x00ff'".into()),
        (Blob(_), Dialect::Sqlite) => Val::Raw("X'00ff'".into()),
        (Blob(_), _) => Val::Raw("'\\x00\\xff'".into()),
        (dt, _) => match kind(dt) {
            Kind::Number => Val::Num(1.0),
            Kind::Bool => Val::Bool(true),
            _ => Val::Text("a".into()),
        },
    }
}

/// Other values of the type, for a foreign key that must miss its row.
fn others(data_type: &DataType, enums: &Enums) -> Vec<Val> {
    match (kind(data_type), data_type) {
        (Kind::Number, _) => vec![Val::Num(2.0), Val::Num(0.0), Val::Num(-1.0)],
        (Kind::Text, _) => vec![Val::Text("zz".into()), Val::Text("tt00000001".into())],
        (Kind::Bool, _) => vec![Val::Bool(false)],
        (Kind::Enum, DataType::Custom(name, _)) => enums[&name.to_string()]
            .iter()
            .skip(1)
            .map(|l| Val::Text(l.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

// ---------------------------------------------------------------- evaluation

#[derive(Debug, Clone, PartialEq)]
enum V {
    Null,
    Num(f64),
    Text(String),
    Bool(bool),
}

fn truth(v: &V) -> Option<bool> {
    match v {
        V::Bool(b) => Some(*b),
        V::Null => None,
        other => panic!("not a truth value: {other:?}"),
    }
}

fn from_truth(t: Option<bool>) -> V {
    t.map_or(V::Null, V::Bool)
}

fn args(f: &sqlparser::ast::Function) -> Vec<&Expr> {
    let FunctionArguments::List(list) = &f.args else {
        panic!("unexpected call {f}")
    };
    list.args
        .iter()
        .map(|a| match a {
            FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => e,
            other => panic!("unexpected argument {other}"),
        })
        .collect()
}

fn eval(e: &Expr, row: &Row) -> V {
    match e {
        Expr::Identifier(i) => match &row[&i.value] {
            Val::Null => V::Null,
            Val::Num(n) => V::Num(*n),
            Val::Text(s) | Val::Raw(s) => V::Text(s.clone()),
            Val::Bool(b) => V::Bool(*b),
        },
        Expr::Value(v) => match &v.value {
            Value::Number(n, _) => V::Num(n.parse().expect("number")),
            Value::SingleQuotedString(s) => V::Text(s.clone()),
            other => panic!("unexpected value {other}"),
        },
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => match eval(expr, row) {
            V::Num(n) => V::Num(-n),
            other => panic!("cannot negate {other:?}"),
        },
        Expr::Nested(inner) => eval(inner, row),
        Expr::IsNull(inner) => V::Bool(eval(inner, row) == V::Null),
        Expr::IsNotNull(inner) => V::Bool(eval(inner, row) != V::Null),
        Expr::InList {
            expr,
            list,
            negated,
        } => {
            let v = eval(expr, row);
            if v == V::Null {
                return V::Null;
            }
            let found = list.iter().any(|l| eval(l, row) == v);
            V::Bool(found != *negated)
        }
        Expr::Function(f) => {
            let args: Vec<V> = args(f).into_iter().map(|a| eval(a, row)).collect();
            match (f.name.to_string().as_str(), args.as_slice()) {
                (_, [V::Null, ..]) => V::Null,
                ("length", [V::Text(s)]) => V::Num(s.chars().count() as f64),
                ("octet_length", [V::Text(s)]) => V::Num(s.len() as f64),
                ("regexp_matches", [V::Text(s), V::Text(p)]) => V::Bool(matches(s, p)),
                (name, args) => panic!("unexpected call {name}({args:?})"),
            }
        }
        Expr::BinaryOp { left, op, right } => {
            let (l, r) = (eval(left, row), eval(right, row));
            match op {
                BinaryOperator::And => from_truth(match (truth(&l), truth(&r)) {
                    (Some(false), _) | (_, Some(false)) => Some(false),
                    (Some(true), Some(true)) => Some(true),
                    _ => None,
                }),
                BinaryOperator::Or => from_truth(match (truth(&l), truth(&r)) {
                    (Some(true), _) | (_, Some(true)) => Some(true),
                    (Some(false), Some(false)) => Some(false),
                    _ => None,
                }),
                _ if l == V::Null || r == V::Null => V::Null,
                BinaryOperator::PGRegexMatch => match (&l, &r) {
                    (V::Text(s), V::Text(p)) => V::Bool(matches(s, p)),
                    _ => panic!("~ on {l:?} and {r:?}"),
                },
                cmp => {
                    let ordering = match (&l, &r) {
                        (V::Num(a), V::Num(b)) => a.partial_cmp(b).expect("numbers compare"),
                        (V::Text(a), V::Text(b)) => a.cmp(b),
                        _ => panic!("cannot compare {l:?} and {r:?}"),
                    };
                    V::Bool(match cmp {
                        BinaryOperator::Eq => ordering.is_eq(),
                        BinaryOperator::NotEq => ordering.is_ne(),
                        BinaryOperator::Lt => ordering.is_lt(),
                        BinaryOperator::LtEq => ordering.is_le(),
                        BinaryOperator::Gt => ordering.is_gt(),
                        BinaryOperator::GtEq => ordering.is_ge(),
                        other => panic!("unexpected operator {other}"),
                    })
                }
            }
        }
        other => panic!("unexpected expression {other}"),
    }
}

fn matches(s: &str, pattern: &str) -> bool {
    regex::Regex::new(pattern)
        .expect("valid pattern")
        .is_match(s)
}

/// A CHECK passes unless its condition is false.
fn passes(check: &Expr, row: &Row) -> bool {
    truth(&eval(check, row)) != Some(false)
}

fn failing(table: &TableInfo, row: &Row) -> Vec<String> {
    table
        .checks
        .iter()
        .filter(|(_, e)| !passes(e, row))
        .map(|(n, _)| n.clone())
        .collect()
}

// ---------------------------------------------------------------- candidates

/// The columns an expression mentions.
fn columns_of(e: &Expr, out: &mut BTreeSet<String>) {
    match e {
        Expr::Identifier(i) => {
            out.insert(i.value.clone());
        }
        Expr::Nested(x) | Expr::IsNull(x) | Expr::IsNotNull(x) | Expr::UnaryOp { expr: x, .. } => {
            columns_of(x, out)
        }
        Expr::InList { expr, list, .. } => {
            columns_of(expr, out);
            list.iter().for_each(|l| columns_of(l, out));
        }
        Expr::BinaryOp { left, right, .. } => {
            columns_of(left, out);
            columns_of(right, out);
        }
        Expr::Function(f) => args(f).into_iter().for_each(|a| columns_of(a, out)),
        _ => {}
    }
}

/// Literals, patterns and lengths in an expression.
#[derive(Default)]
struct Hints {
    numbers: Vec<f64>,
    strings: Vec<String>,
    patterns: Vec<String>,
    lengths: Vec<usize>,
}

fn hints(e: &Expr, h: &mut Hints) {
    match e {
        Expr::Value(v) => match &v.value {
            Value::Number(n, _) => h.numbers.push(n.parse().expect("number")),
            Value::SingleQuotedString(s) => h.strings.push(s.clone()),
            _ => {}
        },
        Expr::UnaryOp { expr, .. } => {
            let mut inner = Hints::default();
            hints(expr, &mut inner);
            h.numbers.extend(inner.numbers.into_iter().map(|n| -n));
        }
        Expr::Nested(x) | Expr::IsNull(x) | Expr::IsNotNull(x) => hints(x, h),
        Expr::InList { expr, list, .. } => {
            hints(expr, h);
            list.iter().for_each(|l| hints(l, h));
        }
        Expr::BinaryOp { left, op, right } => {
            if let (BinaryOperator::PGRegexMatch, Expr::Value(v)) = (op, &**right) {
                if let Value::SingleQuotedString(p) = &v.value {
                    h.patterns.push(p.clone());
                    return hints(left, h);
                }
            }
            if let (Expr::Function(_), Expr::Value(v)) = (&**left, &**right) {
                if let Value::Number(n, _) = &v.value {
                    h.lengths.push(n.parse().expect("length"));
                    return;
                }
            }
            hints(left, h);
            hints(right, h);
        }
        Expr::Function(f) => {
            let args = args(f);
            if f.name.to_string() == "regexp_matches" {
                if let Some(Expr::Value(v)) = args.get(1) {
                    if let Value::SingleQuotedString(p) = &v.value {
                        h.patterns.push(p.clone());
                    }
                }
            } else {
                args.into_iter().for_each(|a| hints(a, h));
            }
        }
        _ => {}
    }
}

/// A shortest string matching a pattern.
fn pattern_sample(pattern: &str) -> String {
    fn walk(h: &Hir, out: &mut String) {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(l) => out.push_str(std::str::from_utf8(&l.0).expect("utf-8 literal")),
            HirKind::Class(Class::Unicode(c)) => out.push(c.ranges()[0].start()),
            HirKind::Class(Class::Bytes(c)) => out.push(char::from(c.ranges()[0].start())),
            HirKind::Repetition(r) => (0..r.min).for_each(|_| walk(&r.sub, out)),
            HirKind::Capture(c) => walk(&c.sub, out),
            HirKind::Concat(hs) => hs.iter().for_each(|h| walk(h, out)),
            HirKind::Alternation(hs) => walk(&hs[0], out),
        }
    }
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .expect("valid pattern");
    let mut out = String::new();
    walk(&hir, &mut out);
    out
}

/// Values worth trying in a column, given the checks that mention it.
fn candidates(
    table: &TableInfo,
    column: &str,
    valid: &Val,
    enums: &Enums,
    dialect: Dialect,
    with_null: bool,
) -> Vec<Val> {
    let info = table.column(column);
    let mut h = Hints::default();
    for (_, e) in &table.checks {
        let mut cols = BTreeSet::new();
        columns_of(e, &mut cols);
        if cols.contains(column) {
            hints(e, &mut h);
        }
    }
    let mut out = vec![valid.clone(), sample(&info.data_type, dialect, enums)];
    match kind(&info.data_type) {
        Kind::Number => {
            for n in &h.numbers {
                out.extend([*n, n - 1.0, n + 1.0, n - 0.5, n + 0.5].map(Val::Num));
            }
        }
        Kind::Text => {
            let mut bases: Vec<String> = h.patterns.iter().map(|p| pattern_sample(p)).collect();
            bases.push("a".into());
            for s in &h.strings {
                out.push(Val::Text(s.clone()));
                out.push(Val::Text(format!("{s}_not")));
            }
            for b in &bases {
                out.push(Val::Text(b.clone()));
                for n in &h.lengths {
                    for len in [n.saturating_sub(1), *n, n + 1] {
                        let padded: String = b
                            .chars()
                            .chain(std::iter::repeat('a'))
                            .take(len.max(b.len()))
                            .collect();
                        let cut: String = b.chars().take(len).collect();
                        out.push(Val::Text(padded));
                        out.push(Val::Text(cut));
                    }
                }
            }
            out.push(Val::Text("!".into()));
        }
        Kind::Bool => out.extend([Val::Bool(true), Val::Bool(false)]),
        Kind::Enum => out.extend(others(&info.data_type, enums)),
        Kind::Opaque => {}
    }
    if with_null && !info.not_null {
        out.push(Val::Null);
    }
    out
}

// ---------------------------------------------------------------- rows

/// The columns of a table whose values come from a referenced row.
fn bound(table: &TableInfo) -> BTreeSet<String> {
    table
        .foreign_keys
        .iter()
        .flat_map(|f| f.columns.iter().cloned())
        .collect()
}

/// Whether the row satisfies a foreign key: a reference with a NULL column
/// is not checked (MATCH SIMPLE); a complete one must match the referenced row.
fn fk_holds(fk: &super::ForeignKeyInfo, row: &Row, rows: &BTreeMap<String, Row>) -> bool {
    if fk.columns.iter().any(|c| row[c] == Val::Null) {
        return true;
    }
    rows.get(&fk.table).is_some_and(|target| {
        fk.columns
            .iter()
            .zip(&fk.referred)
            .all(|(c, r)| target[r] == row[c])
    })
}

/// A row of `table` that satisfies every constraint, referring to the rows
/// already made (`rows`, by table name).
pub fn valid_row(
    table: &TableInfo,
    enums: &Enums,
    rows: &BTreeMap<String, Row>,
    dialect: Dialect,
) -> Row {
    let mut row: Row = table
        .columns
        .iter()
        .map(|c| (c.ident.value.clone(), sample(&c.data_type, dialect, enums)))
        .collect();
    for fk in &table.foreign_keys {
        match rows.get(&fk.table) {
            Some(target) => {
                for (c, r) in fk.columns.iter().zip(&fk.referred) {
                    row.insert(c.clone(), target[r].clone());
                }
            }
            // The referenced table comes later (a cycle) or is this one.
            None => {
                for c in &fk.columns {
                    assert!(
                        !table.column(c).not_null,
                        "{}.{c} must refer to {}, which has no row yet",
                        table.name(),
                        fk.table
                    );
                    row.insert(c.clone(), Val::Null);
                }
            }
        }
    }
    let bound = bound(table);
    for _ in 0..table.checks.len() * 2 + 1 {
        let fails = failing(table, &row);
        let Some(first) = fails.first() else {
            return row;
        };
        let (_, expr) = table
            .checks
            .iter()
            .find(|(n, _)| n == first)
            .expect("check");
        let mut cols = BTreeSet::new();
        columns_of(expr, &mut cols);
        let fixed = cols.iter().filter(|c| !bound.contains(*c)).find_map(|c| {
            candidates(table, c, &row[c], enums, dialect, false)
                .into_iter()
                .find_map(|v| {
                    let mut r = row.clone();
                    r.insert(c.clone(), v);
                    let now = failing(table, &r);
                    (!now.contains(first) && now.len() < fails.len()).then_some(r)
                })
        });
        row = fixed.unwrap_or_else(|| panic!("cannot satisfy {first} of {}", table.name()));
    }
    panic!("cannot satisfy the checks of {}", table.name())
}

/// Rows that each violate exactly one constraint of `table`, starting from
/// its valid row.
pub fn violations(
    table: &TableInfo,
    valid: &Row,
    enums: &Enums,
    rows: &BTreeMap<String, Row>,
    dialect: Dialect,
) -> Vec<(Row, Expect)> {
    let name = table.name().to_owned();
    let bound = bound(table);
    let mut out = Vec::new();
    for c in table.columns.iter().filter(|c| c.not_null) {
        let mut row = valid.clone();
        row.insert(c.ident.value.clone(), Val::Null);
        assert!(
            failing(table, &row).is_empty(),
            "a NULL {} violates a check of {name}",
            c.ident
        );
        out.push((
            row,
            Expect::NotNull {
                table: name.clone(),
                column: c.ident.value.clone(),
            },
        ));
    }
    for fk in &table.foreign_keys {
        let target = rows.get(&fk.table);
        let mut row = valid.clone();
        if target.is_none() {
            // Nothing to refer to yet: any complete reference misses.
            for c in &fk.columns {
                let info = table.column(c);
                row.insert(c.clone(), sample(&info.data_type, dialect, enums));
            }
        }
        let in_one_fk = |c: &String| {
            table
                .foreign_keys
                .iter()
                .filter(|f| f.columns.contains(c))
                .count()
                == 1
        };
        let missed = fk.columns.iter().filter(|c| in_one_fk(c)).find_map(|c| {
            others(&table.column(c).data_type, enums)
                .into_iter()
                .find_map(|v| {
                    let mut r = row.clone();
                    r.insert(c.clone(), v);
                    let referred = fk.referred
                        [fk.columns.iter().position(|x| x == c).expect("column")]
                    .clone();
                    let misses = target.is_none_or(|t| t[&referred] != r[c]);
                    (misses && failing(table, &r).is_empty()).then_some(r)
                })
        });
        let row = missed.unwrap_or_else(|| panic!("cannot miss foreign key {} of {name}", fk.name));
        out.push((
            row,
            Expect::ForeignKey {
                table: name.clone(),
                name: fk.name.clone(),
            },
        ));
    }
    for (check, expr) in &table.checks {
        let mut cols = BTreeSet::new();
        columns_of(expr, &mut cols);
        let cols: Vec<&String> = cols.iter().collect();
        let only_this = |r: &Row| {
            failing(table, r) == [check.clone()]
                && table.foreign_keys.iter().all(|f| fk_holds(f, r, rows))
                && table
                    .columns
                    .iter()
                    .all(|c| !c.not_null || r[&c.ident.value] != Val::Null)
        };
        let single = cols.iter().find_map(|c| {
            candidates(table, c, &valid[*c], enums, dialect, true)
                .into_iter()
                .find_map(|v| {
                    let mut r = valid.clone();
                    r.insert((*c).clone(), v);
                    only_this(&r).then_some(r)
                })
        });
        let pair = || {
            cols.iter().find_map(|a| {
                candidates(table, a, &valid[*a], enums, dialect, true)
                    .into_iter()
                    .find_map(|va| {
                        cols.iter().filter(|b| *b != a).find_map(|b| {
                            candidates(table, b, &valid[*b], enums, dialect, true)
                                .into_iter()
                                .find_map(|vb| {
                                    let mut r = valid.clone();
                                    r.insert((*a).clone(), va.clone());
                                    r.insert((*b).clone(), vb);
                                    only_this(&r).then_some(r)
                                })
                        })
                    })
            })
        };
        let row = single
            .or_else(pair)
            .unwrap_or_else(|| panic!("cannot violate {check} of {name} alone"));
        out.push((
            row,
            Expect::Check {
                table: name.clone(),
                name: check.clone(),
            },
        ));
    }
    for c in &table.columns {
        if kind(&c.data_type) == Kind::Enum && !bound.contains(&c.ident.value) {
            let mut row = valid.clone();
            row.insert(c.ident.value.clone(), Val::Text("not_a_label".into()));
            out.push((row, Expect::BadEnum));
        }
    }
    out
}

/// Every step for a chain of schemas (imports first): valid rows for every
/// table, and for the tables of the last schema, violations first (on the
/// empty table) and a duplicate of the valid row last.
pub fn steps(chain: &[Db], dialect: Dialect) -> Vec<Step> {
    let enums: Enums = chain.iter().flat_map(|db| db.enums.clone()).collect();
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut steps = Vec::new();
    for (i, db) in chain.iter().enumerate() {
        let tested = i + 1 == chain.len();
        for table in &db.tables {
            let valid = valid_row(table, &enums, &rows, dialect);
            if tested {
                for (row, expect) in violations(table, &valid, &enums, &rows, dialect) {
                    steps.push(Step {
                        sql: insert(table, &row),
                        expect,
                    });
                }
            }
            let sql = insert(table, &valid);
            steps.push(Step {
                sql: sql.clone(),
                expect: Expect::Ok,
            });
            if tested {
                steps.push(Step {
                    sql,
                    expect: Expect::Unique {
                        table: table.name().to_owned(),
                        name: table.primary_key.0.clone(),
                    },
                });
            }
            rows.insert(table.name().to_owned(), valid);
        }
    }
    steps
}
