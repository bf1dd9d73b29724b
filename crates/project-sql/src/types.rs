//! Column types: how each built-in datatype, restricted by a domain
//! datatype's facets, becomes a column type and CHECK conditions in each
//! dialect. The README's type table documents the same choices.

use crate::{Dialect, SqlError};
use sqlparser::ast::{BinaryOperator, DataType, ExactNumberInfo, TimezoneInfo};
use uda_upper::{Builtin, ResolvedDatatype};

/// DuckDB decimals hold at most 38 digits.
const DUCKDB_MAX_PRECISION: u64 = 38;
/// ... of which at most 38 after the point.
const DUCKDB_MAX_SCALE: i64 = 38;
/// The scale DuckDB gets for an `xsd:decimal` without facets.
const DUCKDB_DEFAULT_SCALE: i64 = 10;
/// The largest precision PostgreSQL accepts in a declared `NUMERIC(p)`.
const POSTGRES_MAX_PRECISION: u64 = 1000;

/// A condition on one column's value, rendered as part of its CHECK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cond {
    /// `col <op> number`.
    Compare(BinaryOperator, String),
    /// `length(col) <op> n`, or `octet_length` for binary values.
    Length {
        op: BinaryOperator,
        n: u64,
        binary: bool,
    },
    /// The value matches a regular expression somewhere (XPath `matches` semantics).
    Pattern(String),
    /// `col IN (...)` over integers (SQLite booleans).
    OneOfNumbers(Vec<i64>),
}

/// What a datatype becomes in a dialect.
#[derive(Debug, Clone)]
pub(crate) struct ColumnType {
    pub data_type: DataType,
    pub conds: Vec<Cond>,
    /// What the column cannot enforce or keep.
    pub notes: Vec<String>,
    /// `rdf:langString`: a second column holds the language tag.
    pub lang: bool,
}

/// The text type of a dialect (`VARCHAR` is DuckDB's own name for it).
pub(crate) fn text(dialect: Dialect) -> DataType {
    match dialect {
        Dialect::DuckDb => DataType::Varchar(None),
        Dialect::Postgres | Dialect::Sqlite => DataType::Text,
    }
}

/// The type of a child table's `position` column.
pub(crate) const POSITION: DataType = DataType::Integer(None);

/// Maps a datatype (built-in or domain) to a column type in `dialect`.
pub(crate) fn column_type(
    dialect: Dialect,
    datatype: &ResolvedDatatype<'_>,
) -> Result<ColumnType, SqlError> {
    let mut out = ColumnType {
        data_type: DataType::Text,
        conds: Vec::new(),
        notes: Vec::new(),
        lang: false,
    };
    let builtin = datatype.builtin;
    let facets = datatype.domain.map(|d| &d.facets);
    let (precision, scale) = facets.map_or((None, None), |f| (f.precision, f.scale));
    out.data_type = builtin_type(
        dialect,
        builtin,
        precision.map(u64::from),
        scale.map(i64::from),
        &mut out,
    );
    if let Some(range) = integer_range(dialect, builtin) {
        out.conds
            .push(Cond::Compare(BinaryOperator::GtEq, range.0.to_string()));
        out.conds
            .push(Cond::Compare(BinaryOperator::LtEq, range.1.to_string()));
    }
    if builtin == Builtin::NonNegativeInteger {
        out.conds
            .push(Cond::Compare(BinaryOperator::GtEq, "0".to_owned()));
    }
    if builtin == Builtin::Boolean && dialect == Dialect::Sqlite {
        out.conds.push(Cond::OneOfNumbers(vec![0, 1]));
        out.notes
            .push("SQLite has no boolean type: stored as INTEGER 0 or 1".to_owned());
    }
    let (Some(domain), Some(facets)) = (datatype.domain, facets) else {
        return Ok(out);
    };
    let bounds = [
        (&facets.min_inclusive, BinaryOperator::GtEq),
        (&facets.max_inclusive, BinaryOperator::LtEq),
        (&facets.min_exclusive, BinaryOperator::Gt),
        (&facets.max_exclusive, BinaryOperator::Lt),
    ];
    for (bound, op) in bounds {
        if let Some(bound) = bound {
            out.conds
                .push(Cond::Compare(op, number(bound, &domain.iri)?));
        }
    }
    let binary = matches!(builtin, Builtin::Base64Binary | Builtin::HexBinary);
    if let Some(n) = facets.min_length {
        out.conds.push(Cond::Length {
            op: BinaryOperator::GtEq,
            n,
            binary,
        });
    }
    if let Some(n) = facets.max_length {
        out.conds.push(Cond::Length {
            op: BinaryOperator::LtEq,
            n,
            binary,
        });
    }
    if let Some(pattern) = &facets.pattern {
        match dialect {
            Dialect::Postgres | Dialect::DuckDb => out.conds.push(Cond::Pattern(pattern.clone())),
            Dialect::Sqlite => out.notes.push(format!(
                "pattern {pattern} of <{}> not enforced: SQLite has no regular expressions without an extension",
                domain.iri
            )),
        }
    }
    Ok(out)
}

fn builtin_type(
    dialect: Dialect,
    builtin: Builtin,
    precision: Option<u64>,
    scale: Option<i64>,
    out: &mut ColumnType,
) -> DataType {
    use Dialect::*;
    let sqlite_text = |out: &mut ColumnType, what: &str| {
        out.notes.push(format!(
            "SQLite has no {what} type: stored as ISO 8601 text"
        ));
        DataType::Text
    };
    match (builtin, dialect) {
        (Builtin::String | Builtin::AnyUri, _) => text(dialect),
        (Builtin::LangString, _) => {
            out.lang = true;
            text(dialect)
        }
        (Builtin::Boolean, Sqlite) => DataType::Integer(None),
        (Builtin::Boolean, _) => DataType::Boolean,
        (Builtin::Byte, DuckDb) => DataType::TinyInt(None),
        (Builtin::Byte | Builtin::Short, Postgres | DuckDb) => DataType::SmallInt(None),
        (Builtin::Int, Postgres | DuckDb) => DataType::Integer(None),
        (Builtin::Long, Postgres | DuckDb) => DataType::BigInt(None),
        (Builtin::Byte | Builtin::Short | Builtin::Int | Builtin::Long, Sqlite) => {
            DataType::Integer(None)
        }
        (Builtin::Integer | Builtin::NonNegativeInteger, Postgres) => {
            DataType::Numeric(ExactNumberInfo::Precision(POSTGRES_MAX_PRECISION))
        }
        (Builtin::Integer | Builtin::NonNegativeInteger, Sqlite) => {
            out.notes
                .push("unbounded integer stored as a 64-bit SQLite INTEGER".to_owned());
            DataType::Integer(None)
        }
        (Builtin::Integer | Builtin::NonNegativeInteger, DuckDb) => {
            out.notes
                .push("unbounded integer stored as a 128-bit HUGEINT".to_owned());
            DataType::HugeInt
        }
        (Builtin::Decimal, Postgres) => match (precision, scale) {
            (Some(p), Some(s)) => DataType::Numeric(ExactNumberInfo::PrecisionAndScale(p, s)),
            (None, Some(s)) => DataType::Numeric(ExactNumberInfo::PrecisionAndScale(
                POSTGRES_MAX_PRECISION,
                s,
            )),
            (Some(p), None) => {
                out.notes.push(format!(
                    "precision {p} not enforced: SQL needs a scale to declare one"
                ));
                DataType::Numeric(ExactNumberInfo::None)
            }
            (None, None) => DataType::Numeric(ExactNumberInfo::None),
        },
        (Builtin::Decimal, DuckDb) => {
            let max = DUCKDB_MAX_PRECISION;
            if precision.is_some_and(|p| p > max) {
                out.notes.push(format!(
                    "precision lowered to {max}: DuckDB decimals hold at most {max} digits"
                ));
            }
            let info = match (precision, scale) {
                (Some(p), Some(s)) => {
                    ExactNumberInfo::PrecisionAndScale(p.min(max), s.min(DUCKDB_MAX_SCALE))
                }
                (None, Some(s)) => ExactNumberInfo::PrecisionAndScale(max, s.min(DUCKDB_MAX_SCALE)),
                (Some(p), None) => {
                    out.notes.push(format!(
                        "precision {p} not enforced without a scale: DECIMAL({max},{DUCKDB_DEFAULT_SCALE}) used"
                    ));
                    ExactNumberInfo::PrecisionAndScale(max, DUCKDB_DEFAULT_SCALE)
                }
                (None, None) => {
                    out.notes.push(format!(
                        "unbounded decimal stored as DECIMAL({max},{DUCKDB_DEFAULT_SCALE}), DuckDB's widest"
                    ));
                    ExactNumberInfo::PrecisionAndScale(max, DUCKDB_DEFAULT_SCALE)
                }
            };
            DataType::Decimal(info)
        }
        (Builtin::Decimal, Sqlite) => {
            if precision.is_some() || scale.is_some() {
                out.notes.push(
                    "precision and scale not enforced: SQLite NUMERIC has no size".to_owned(),
                );
            }
            DataType::Numeric(ExactNumberInfo::None)
        }
        (Builtin::Float, Postgres | DuckDb) => DataType::Real,
        (Builtin::Double, Postgres) => DataType::DoublePrecision,
        (Builtin::Double, DuckDb) => DataType::Double(ExactNumberInfo::None),
        (Builtin::Float | Builtin::Double, Sqlite) => DataType::Real,
        (Builtin::Date, Sqlite) => sqlite_text(out, "date"),
        (Builtin::Time, Sqlite) => sqlite_text(out, "time"),
        (Builtin::DateTime | Builtin::DateTimeStamp, Sqlite) => sqlite_text(out, "timestamp"),
        (Builtin::Duration, Sqlite) => sqlite_text(out, "interval"),
        (Builtin::Date, _) => DataType::Date,
        (Builtin::Time, _) => DataType::Time(None, TimezoneInfo::None),
        (Builtin::DateTime, _) => DataType::Timestamp(None, TimezoneInfo::None),
        (Builtin::DateTimeStamp, _) => DataType::Timestamp(None, TimezoneInfo::Tz),
        (Builtin::Duration, _) => DataType::Interval {
            fields: None,
            precision: None,
        },
        (Builtin::Base64Binary | Builtin::HexBinary, Postgres) => DataType::Bytea,
        (Builtin::Base64Binary | Builtin::HexBinary, Sqlite | DuckDb) => DataType::Blob(None),
    }
}

/// The range a narrow integer type needs a CHECK for, where the dialect's
/// column type is wider.
fn integer_range(dialect: Dialect, builtin: Builtin) -> Option<(i64, i64)> {
    let range = match builtin {
        Builtin::Byte => (i64::from(i8::MIN), i64::from(i8::MAX)),
        Builtin::Short => (i64::from(i16::MIN), i64::from(i16::MAX)),
        Builtin::Int => (i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => return None,
    };
    match (dialect, builtin) {
        (Dialect::Sqlite, _) | (Dialect::Postgres, Builtin::Byte) => Some(range),
        _ => None,
    }
}

/// A facet's decimal lexical form as an SQL number, refusing anything else:
/// the text goes into the DDL as it is.
fn number(lexical: &str, datatype: &str) -> Result<String, SqlError> {
    let trimmed = lexical.trim();
    let unsigned = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return Err(SqlError::BadFacet {
            datatype: datatype.to_owned(),
            value: lexical.to_owned(),
        });
    }
    Ok(trimmed.strip_prefix('+').unwrap_or(trimmed).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_bounds_must_be_decimal_numbers() {
        assert_eq!(number("+10", "d").ok().as_deref(), Some("10"));
        assert_eq!(number("-0.5", "d").ok().as_deref(), Some("-0.5"));
        assert_eq!(number(".5", "d").ok().as_deref(), Some(".5"));
        for bad in ["", ".", "1e3", "1; DROP TABLE x", "--1"] {
            assert!(number(bad, "d").is_err(), "{bad}");
        }
    }

    #[test]
    fn narrow_integers_get_range_checks_only_where_the_type_is_wider() {
        assert_eq!(
            integer_range(Dialect::Postgres, Builtin::Byte),
            Some((-128, 127))
        );
        assert_eq!(integer_range(Dialect::Postgres, Builtin::Short), None);
        assert_eq!(integer_range(Dialect::DuckDb, Builtin::Byte), None);
        assert_eq!(
            integer_range(Dialect::Sqlite, Builtin::Int),
            Some((-2147483648, 2147483647))
        );
    }
}
