//! Literal semantics needed by SHACL Core: whether a literal's lexical form
//! is valid for its XSD datatype (`sh:datatype` must reject ill-typed
//! literals), and SPARQL-style ordering of values (`sh:minInclusive` and
//! friends, `sh:lessThan`).

use std::cmp::Ordering;
use std::str::FromStr;

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{LiteralRef, TermRef};
use oxsdatatypes::{
    Boolean, Date, DateTime, DayTimeDuration, Decimal, Double, Duration, GDay, GMonth, GMonthDay,
    GYear, GYearMonth, Time, YearMonthDuration,
};

const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// Whether `literal` has a lexical form in the lexical space of its
/// datatype. Datatypes this crate does not know are accepted, since nothing
/// can be said about them.
pub(crate) fn is_well_formed(literal: LiteralRef<'_>) -> bool {
    let datatype = literal.datatype();
    if datatype == rdf::LANG_STRING {
        return literal.language().is_some();
    }
    let Some(local) = datatype.as_str().strip_prefix(XSD) else {
        return true;
    };
    let lexical = literal.value();
    match local {
        "string" | "anyURI" => true,
        "normalizedString" => !lexical.contains(['\n', '\r', '\t']),
        "token" => is_token(lexical),
        "language" => is_language(lexical),
        "NMTOKEN" => !lexical.is_empty() && lexical.chars().all(is_name_char),
        "Name" => is_name(lexical, true),
        "NCName" | "ID" | "IDREF" | "ENTITY" => is_name(lexical, false),
        "boolean" => matches!(lexical, "true" | "false" | "1" | "0"),
        "decimal" => is_decimal(lexical),
        "float" | "double" => is_float(lexical),
        "hexBinary" => lexical.len() % 2 == 0 && lexical.bytes().all(|b| b.is_ascii_hexdigit()),
        "base64Binary" => is_base64(lexical),
        "dateTime" => DateTime::from_str(lexical).is_ok(),
        "dateTimeStamp" => DateTime::from_str(lexical).is_ok_and(|d| d.timezone_offset().is_some()),
        "date" => Date::from_str(lexical).is_ok(),
        "time" => Time::from_str(lexical).is_ok(),
        "gYear" => GYear::from_str(lexical).is_ok(),
        "gYearMonth" => GYearMonth::from_str(lexical).is_ok(),
        "gMonth" => GMonth::from_str(lexical).is_ok(),
        "gMonthDay" => GMonthDay::from_str(lexical).is_ok(),
        "gDay" => GDay::from_str(lexical).is_ok(),
        "duration" => Duration::from_str(lexical).is_ok(),
        "dayTimeDuration" => DayTimeDuration::from_str(lexical).is_ok(),
        "yearMonthDuration" => YearMonthDuration::from_str(lexical).is_ok(),
        other => match integer_range(other) {
            Some(range) => parse_integer(lexical).is_some_and(|i| range.contains(&i)),
            None => true,
        },
    }
}

/// The value range of the integer datatypes. Unbounded ends are `None`.
struct IntRange {
    min: Option<i128>,
    max: Option<i128>,
}

impl IntRange {
    fn contains(&self, value: &BigInt) -> bool {
        self.min.is_none_or(|min| value.ge_i128(min))
            && self.max.is_none_or(|max| value.le_i128(max))
    }
}

fn integer_range(local: &str) -> Option<IntRange> {
    let (min, max) = match local {
        "integer" => (None, None),
        "nonPositiveInteger" => (None, Some(0)),
        "negativeInteger" => (None, Some(-1)),
        "nonNegativeInteger" => (Some(0), None),
        "positiveInteger" => (Some(1), None),
        "long" => (Some(i64::MIN.into()), Some(i64::MAX.into())),
        "int" => (Some(i32::MIN.into()), Some(i32::MAX.into())),
        "short" => (Some(i16::MIN.into()), Some(i16::MAX.into())),
        "byte" => (Some(i8::MIN.into()), Some(i8::MAX.into())),
        "unsignedLong" => (Some(0), Some(u64::MAX.into())),
        "unsignedInt" => (Some(0), Some(u32::MAX.into())),
        "unsignedShort" => (Some(0), Some(u16::MAX.into())),
        "unsignedByte" => (Some(0), Some(u8::MAX.into())),
        _ => return None,
    };
    Some(IntRange { min, max })
}

/// An integer of any size, as sign plus decimal digits without leading
/// zeros, since `xsd:integer` is unbounded.
struct BigInt {
    negative: bool,
    digits: String,
}

impl BigInt {
    /// Values beyond ±10^38 do not fit: they compare as larger in magnitude
    /// than any bound, which is all range checks need.
    fn as_i128(&self) -> Option<i128> {
        if self.digits.len() > 38 {
            return None;
        }
        let magnitude = i128::from_str(&self.digits).ok()?;
        Some(if self.negative { -magnitude } else { magnitude })
    }

    fn ge_i128(&self, bound: i128) -> bool {
        match self.as_i128() {
            Some(v) => v >= bound,
            None => !self.negative,
        }
    }

    fn le_i128(&self, bound: i128) -> bool {
        match self.as_i128() {
            Some(v) => v <= bound,
            None => self.negative,
        }
    }
}

fn parse_integer(lexical: &str) -> Option<BigInt> {
    let (negative, digits) = match lexical.as_bytes().first()? {
        b'-' => (true, &lexical[1..]),
        b'+' => (false, &lexical[1..]),
        _ => (false, lexical),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    let digits = if trimmed.is_empty() { "0" } else { trimmed };
    Some(BigInt {
        negative: negative && digits != "0",
        digits: digits.to_owned(),
    })
}

fn is_decimal(lexical: &str) -> bool {
    let unsigned = lexical.strip_prefix(['+', '-']).unwrap_or(lexical);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(int.is_empty() && frac.is_empty()) && digits(int) && digits(frac) && unsigned != "."
}

fn is_float(lexical: &str) -> bool {
    if matches!(lexical, "INF" | "+INF" | "-INF" | "NaN") {
        return true;
    }
    let (mantissa, exponent) = match lexical.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (lexical, None),
    };
    is_decimal(mantissa)
        && exponent.is_none_or(|e| {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
        })
}

fn is_base64(lexical: &str) -> bool {
    let compact: Vec<u8> = lexical.bytes().filter(|b| *b != b' ').collect();
    if compact.len() % 4 != 0 {
        return false;
    }
    let padding = compact.iter().rev().take_while(|b| **b == b'=').count();
    padding <= 2
        && compact[..compact.len() - padding]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
}

fn is_token(lexical: &str) -> bool {
    !lexical.contains(['\n', '\r', '\t'])
        && !lexical.starts_with(' ')
        && !lexical.ends_with(' ')
        && !lexical.contains("  ")
}

fn is_language(lexical: &str) -> bool {
    let mut parts = lexical.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn is_name_start_char(c: char) -> bool {
    c == ':' || c == '_' || c.is_alphabetic()
}

fn is_name_char(c: char) -> bool {
    is_name_start_char(c) || c == '-' || c == '.' || c.is_numeric() || c == '\u{B7}'
}

fn is_name(lexical: &str, allow_colon: bool) -> bool {
    let mut chars = lexical.chars();
    chars
        .next()
        .is_some_and(|c| is_name_start_char(c) && (allow_colon || c != ':'))
        && chars.all(|c| is_name_char(c) && (allow_colon || c != ':'))
}

/// The comparable value of a literal, grouped so that only values of the
/// same family are ordered against each other, as SPARQL's `<` does.
enum Value<'a> {
    Decimal(Decimal),
    Double(f64),
    String(&'a str),
    Boolean(bool),
    DateTime(DateTime),
    Date(Date),
    Time(Time),
    GYear(GYear),
    GYearMonth(GYearMonth),
    GMonth(GMonth),
    GMonthDay(GMonthDay),
    GDay(GDay),
    Duration(Duration),
}

fn value_of(literal: LiteralRef<'_>) -> Option<Value<'_>> {
    if !is_well_formed(literal) {
        return None;
    }
    let lexical = literal.value();
    let datatype = literal.datatype();
    if datatype == xsd::STRING {
        return Some(Value::String(lexical));
    }
    let local = datatype.as_str().strip_prefix(XSD)?;
    Some(match local {
        "decimal" => Value::Decimal(Decimal::from_str(lexical).ok()?),
        "float" | "double" => Value::Double(Double::from_str(lexical).ok()?.into()),
        "boolean" => Value::Boolean(Boolean::from_str(lexical).ok()?.into()),
        "dateTime" | "dateTimeStamp" => Value::DateTime(DateTime::from_str(lexical).ok()?),
        "date" => Value::Date(Date::from_str(lexical).ok()?),
        "time" => Value::Time(Time::from_str(lexical).ok()?),
        "gYear" => Value::GYear(GYear::from_str(lexical).ok()?),
        "gYearMonth" => Value::GYearMonth(GYearMonth::from_str(lexical).ok()?),
        "gMonth" => Value::GMonth(GMonth::from_str(lexical).ok()?),
        "gMonthDay" => Value::GMonthDay(GMonthDay::from_str(lexical).ok()?),
        "gDay" => Value::GDay(GDay::from_str(lexical).ok()?),
        "duration" | "dayTimeDuration" | "yearMonthDuration" => {
            Value::Duration(Duration::from_str(lexical).ok()?)
        }
        other if integer_range(other).is_some() => {
            // Integers beyond the fixed-point decimal range still compare,
            // approximately, as doubles.
            let normalized = lexical.strip_prefix('+').unwrap_or(lexical);
            match Decimal::from_str(normalized) {
                Ok(d) => Value::Decimal(d),
                Err(_) => Value::Double(f64::from_str(normalized).ok()?),
            }
        }
        _ => return None,
    })
}

/// SPARQL-style ordering of two terms: `None` when they cannot be compared
/// (IRIs, blank nodes, ill-typed literals, values of different families,
/// NaN, or date/times whose order depends on an unknown timezone).
pub(crate) fn compare(a: TermRef<'_>, b: TermRef<'_>) -> Option<Ordering> {
    let (TermRef::Literal(a), TermRef::Literal(b)) = (a, b) else {
        return None;
    };
    match (value_of(a)?, value_of(b)?) {
        (Value::Decimal(x), Value::Decimal(y)) => Some(x.cmp(&y)),
        (Value::Decimal(x), Value::Double(y)) => f64::from(Double::from(x)).partial_cmp(&y),
        (Value::Double(x), Value::Decimal(y)) => x.partial_cmp(&f64::from(Double::from(y))),
        (Value::Double(x), Value::Double(y)) => x.partial_cmp(&y),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Boolean(x), Value::Boolean(y)) => Some(x.cmp(&y)),
        (Value::DateTime(x), Value::DateTime(y)) => x.partial_cmp(&y),
        (Value::Date(x), Value::Date(y)) => x.partial_cmp(&y),
        (Value::Time(x), Value::Time(y)) => x.partial_cmp(&y),
        (Value::GYear(x), Value::GYear(y)) => x.partial_cmp(&y),
        (Value::GYearMonth(x), Value::GYearMonth(y)) => x.partial_cmp(&y),
        (Value::GMonth(x), Value::GMonth(y)) => x.partial_cmp(&y),
        (Value::GMonthDay(x), Value::GMonthDay(y)) => x.partial_cmp(&y),
        (Value::GDay(x), Value::GDay(y)) => x.partial_cmp(&y),
        (Value::Duration(x), Value::Duration(y)) => x.partial_cmp(&y),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::Literal;

    fn typed(value: &str, local: &str) -> Literal {
        Literal::new_typed_literal(
            value,
            oxrdf::NamedNode::new_unchecked(format!("{XSD}{local}")),
        )
    }

    #[test]
    fn integer_ranges_follow_xsd() {
        assert!(is_well_formed(typed("127", "byte").as_ref()));
        assert!(!is_well_formed(typed("128", "byte").as_ref()));
        assert!(!is_well_formed(typed("c", "byte").as_ref()));
        assert!(is_well_formed(typed("-0", "nonNegativeInteger").as_ref()));
        assert!(!is_well_formed(typed("0", "positiveInteger").as_ref()));
        assert!(is_well_formed(
            typed("123456789012345678901234567890123456789012", "integer").as_ref()
        ));
        assert!(!is_well_formed(
            typed("123456789012345678901234567890123456789012", "long").as_ref()
        ));
        assert!(!is_well_formed(typed(" 1", "integer").as_ref()));
    }

    #[test]
    fn numeric_comparison_crosses_types() {
        let one = typed("1", "integer");
        let one_and_half = typed("1.5", "decimal");
        let two = typed("2.0E0", "double");
        assert_eq!(
            compare(one.as_ref().into(), one_and_half.as_ref().into()),
            Some(Ordering::Less)
        );
        assert_eq!(
            compare(two.as_ref().into(), one_and_half.as_ref().into()),
            Some(Ordering::Greater)
        );
        let text = Literal::new_simple_literal("1");
        assert_eq!(compare(one.as_ref().into(), text.as_ref().into()), None);
    }

    #[test]
    fn malformed_literals_are_incomparable() {
        let bad = typed("x", "integer");
        let one = typed("1", "integer");
        assert_eq!(compare(bad.as_ref().into(), one.as_ref().into()), None);
    }
}
