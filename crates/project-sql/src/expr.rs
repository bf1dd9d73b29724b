//! CHECK conditions as sqlparser expressions.

use crate::keywords::ident;
use crate::types::Cond;
use crate::Dialect;
use sqlparser::ast::{
    BinaryOperator, Expr, Function, FunctionArg, FunctionArgExpr, FunctionArgumentList,
    FunctionArguments, ObjectName, Value,
};

pub(crate) fn column(name: &str, dialect: Dialect) -> Expr {
    Expr::Identifier(ident(name, dialect))
}

pub(crate) fn string(text: &str) -> Expr {
    Expr::value(Value::SingleQuotedString(text.to_owned()))
}

fn number(text: &str) -> Expr {
    Expr::value(Value::Number(text.to_owned(), false))
}

fn binary(left: Expr, op: BinaryOperator, right: Expr) -> Expr {
    Expr::BinaryOp {
        left: Box::new(left),
        op,
        right: Box::new(right),
    }
}

fn call(name: &str, args: Vec<Expr>) -> Expr {
    Expr::Function(Function {
        name: ObjectName::from(vec![sqlparser::ast::Ident::new(name)]),
        uses_odbc_syntax: false,
        parameters: FunctionArguments::None,
        args: FunctionArguments::List(FunctionArgumentList {
            duplicate_treatment: None,
            args: args
                .into_iter()
                .map(|a| FunctionArg::Unnamed(FunctionArgExpr::Expr(a)))
                .collect(),
            clauses: Vec::new(),
        }),
        filter: None,
        null_treatment: None,
        over: None,
        within_group: Vec::new(),
    })
}

/// `a AND b AND ...`; `None` for no operands.
pub(crate) fn and(operands: Vec<Expr>) -> Option<Expr> {
    operands
        .into_iter()
        .reduce(|l, r| binary(l, BinaryOperator::And, r))
}

/// `(a) OR (b)`, parenthesized because the printer does not add
/// parentheses for precedence.
pub(crate) fn or(left: Expr, right: Expr) -> Expr {
    binary(
        Expr::Nested(Box::new(left)),
        BinaryOperator::Or,
        Expr::Nested(Box::new(right)),
    )
}

pub(crate) fn is_null(name: &str, dialect: Dialect) -> Expr {
    Expr::IsNull(Box::new(column(name, dialect)))
}

pub(crate) fn is_not_null(name: &str, dialect: Dialect) -> Expr {
    Expr::IsNotNull(Box::new(column(name, dialect)))
}

/// `col IN ('a', 'b')`, or `NOT IN`.
pub(crate) fn in_strings(name: &str, values: &[String], negated: bool, dialect: Dialect) -> Expr {
    Expr::InList {
        expr: Box::new(column(name, dialect)),
        list: values.iter().map(|v| string(v)).collect(),
        negated,
    }
}

/// The condition `cond` on column `name`.
pub(crate) fn condition(cond: &Cond, name: &str, dialect: Dialect) -> Expr {
    let col = column(name, dialect);
    match cond {
        Cond::Compare(op, n) => binary(col, op.clone(), number(n)),
        Cond::Length {
            op,
            n,
            binary: bytes,
        } => binary(
            call(if *bytes { "octet_length" } else { "length" }, vec![col]),
            op.clone(),
            number(&n.to_string()),
        ),
        Cond::Pattern(pattern) => match dialect {
            Dialect::DuckDb => call("regexp_matches", vec![col, string(pattern)]),
            Dialect::Postgres | Dialect::Sqlite => {
                binary(col, BinaryOperator::PGRegexMatch, string(pattern))
            }
        },
        Cond::OneOfNumbers(values) => Expr::InList {
            expr: Box::new(col),
            list: values.iter().map(|v| number(&v.to_string())).collect(),
            negated: false,
        },
    }
}
