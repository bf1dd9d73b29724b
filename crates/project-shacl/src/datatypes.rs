//! How the values of an Upper datatype are constrained in SHACL.
//!
//! `sh:datatype` accepts a literal only when its datatype IRI is exactly the
//! one given, while Upper ([`Builtin::accepts`]) takes a Turtle `42` (an
//! `xsd:integer`) as a valid `xsd:byte` when it is in range, any integer as
//! an `xsd:decimal`, and a language-tagged string as an `xsd:string`. Data
//! written by hand relies on that, and so do domain models themselves
//! (`upper:minCount 1` is an `xsd:integer` given for an
//! `xsd:nonNegativeInteger`). Those three built-ins are therefore stated as
//! an `sh:or` over the datatypes Upper accepts (plus the value range of the
//! bounded integer types); every other built-in is a plain `sh:datatype`.

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Literal, NamedNodeRef};
use uda_upper::{Builtin, Facets, ResolvedDatatype};

use crate::vocab::sh;

/// A set of literal datatypes accepted where one built-in is declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Family {
    /// `xsd:string`: plain or language-tagged strings.
    StringOrLangString,
    /// The integer built-ins: a literal of any of them (range checked apart).
    Integer,
    /// `xsd:decimal`: decimals and integers.
    Decimal,
}

const INTEGERS: [NamedNodeRef<'static>; 6] = [
    xsd::INTEGER,
    xsd::LONG,
    xsd::INT,
    xsd::SHORT,
    xsd::BYTE,
    xsd::NON_NEGATIVE_INTEGER,
];

impl Family {
    /// The blank-node label of the shared `sh:or` list, also a readable name.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Family::StringOrLangString => "StringOrLangString",
            Family::Integer => "AnyInteger",
            Family::Decimal => "AnyDecimal",
        }
    }

    /// The datatypes a value may have, in the order they are listed.
    pub(crate) fn datatypes(self) -> Vec<NamedNodeRef<'static>> {
        match self {
            Family::StringOrLangString => vec![xsd::STRING, rdf::LANG_STRING],
            Family::Integer => INTEGERS.to_vec(),
            Family::Decimal => std::iter::once(xsd::DECIMAL).chain(INTEGERS).collect(),
        }
    }
}

/// What a value of a datatype must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValueRule {
    /// `Ok`: exactly this `sh:datatype`; `Err`: one of a family, via `sh:or`.
    pub(crate) datatype: Result<NamedNodeRef<'static>, Family>,
    /// Further constraints: `(sh:minInclusive, -128)`, `(sh:pattern, ...)`...
    pub(crate) facets: Vec<(NamedNodeRef<'static>, Literal)>,
}

/// The SHACL rule for values of `datatype`.
pub(crate) fn value_rule(datatype: ResolvedDatatype<'_>) -> ValueRule {
    let builtin = datatype.builtin;
    let family = match builtin {
        Builtin::String => Some(Family::StringOrLangString),
        Builtin::Decimal => Some(Family::Decimal),
        b if b.is_integer() => Some(Family::Integer),
        _ => None,
    };
    let mut facets = Vec::new();
    if let Some((min, max)) = integer_bounds(builtin) {
        let integer = |v: &str| Literal::new_typed_literal(v, xsd::INTEGER);
        facets.push((sh::MIN_INCLUSIVE, integer(min)));
        if let Some(max) = max {
            facets.push((sh::MAX_INCLUSIVE, integer(max)));
        }
    }
    if let Some(domain) = datatype.domain {
        facets.extend(domain_facets(builtin, &domain.facets));
    }
    ValueRule {
        datatype: match family {
            Some(f) => Err(f),
            None => Ok(NamedNodeRef::new_unchecked(builtin.iri())),
        },
        facets,
    }
}

/// The value range of the bounded integer built-ins (`xsd:integer` has none).
fn integer_bounds(builtin: Builtin) -> Option<(&'static str, Option<&'static str>)> {
    match builtin {
        Builtin::Byte => Some(("-128", Some("127"))),
        Builtin::Short => Some(("-32768", Some("32767"))),
        Builtin::Int => Some(("-2147483648", Some("2147483647"))),
        Builtin::Long => Some(("-9223372036854775808", Some("9223372036854775807"))),
        Builtin::NonNegativeInteger => Some(("0", None)),
        _ => None,
    }
}

fn domain_facets(base: Builtin, facets: &Facets) -> Vec<(NamedNodeRef<'static>, Literal)> {
    let mut out = Vec::new();
    if let Some(pattern) = &facets.pattern {
        out.push((sh::PATTERN, Literal::new_simple_literal(pattern)));
    }
    let count = |n: u64| Literal::new_typed_literal(n.to_string(), xsd::INTEGER);
    if let Some(n) = facets.min_length {
        out.push((sh::MIN_LENGTH, count(n)));
    }
    if let Some(n) = facets.max_length {
        out.push((sh::MAX_LENGTH, count(n)));
    }
    // Bounds keep their lexical form; they are typed so that SHACL compares
    // them as numbers (Upper only allows numeric bounds).
    let bound = |v: &str| {
        let integer = base.is_integer()
            && v.trim_start_matches(['+', '-'])
                .bytes()
                .all(|b| b.is_ascii_digit());
        Literal::new_typed_literal(v, if integer { xsd::INTEGER } else { xsd::DECIMAL })
    };
    for (predicate, value) in [
        (sh::MIN_INCLUSIVE, &facets.min_inclusive),
        (sh::MAX_INCLUSIVE, &facets.max_inclusive),
        (sh::MIN_EXCLUSIVE, &facets.min_exclusive),
        (sh::MAX_EXCLUSIVE, &facets.max_exclusive),
    ] {
        if let Some(v) = value {
            out.push((predicate, bound(v)));
        }
    }
    if let Some(pattern) = digits_pattern(facets.precision, facets.scale) {
        out.push((sh::PATTERN, Literal::new_simple_literal(pattern)));
    }
    out
}

/// A pattern on the lexical form of a decimal that holds the values a SQL
/// `NUMERIC(precision, scale)` holds without rounding: at most
/// `precision - scale` digits before the point and `scale` after it. Leading
/// zeros of the integer part and trailing zeros of the fraction do not count.
/// With a precision only, at most `precision` digits in all; with a scale
/// only, at most `scale` after the point.
///
/// Written in the common subset of XPath and Rust regular expressions (no
/// non-capturing groups), so that any SHACL engine reads it the same way.
pub(crate) fn digits_pattern(precision: Option<u32>, scale: Option<u32>) -> Option<String> {
    let fraction = |digits: u32| {
        if digits == 0 {
            r"(\.0*)?".to_owned()
        } else {
            format!(r"(\.[0-9]{{0,{digits}}}0*)?")
        }
    };
    let integer = |digits: u32| {
        if digits == 0 {
            "0*".to_owned()
        } else {
            format!("0*[0-9]{{0,{digits}}}")
        }
    };
    let body = match (precision, scale) {
        (None, None) => return None,
        (Some(p), Some(s)) => format!("{}{}", integer(p.saturating_sub(s)), fraction(s)),
        (None, Some(s)) => format!("[0-9]*{}", fraction(s)),
        (Some(p), None) => {
            // Each alternative allows `f` significant fraction digits and
            // the rest of the precision before the point.
            let alternatives: Vec<String> = (0..=p)
                .map(|f| match f {
                    0 => format!("{}{}", integer(p), fraction(0)),
                    f => format!(r"{}\.[0-9]{{{f}}}0*", integer(p - f)),
                })
                .collect();
            format!("({})", alternatives.join("|"))
        }
    };
    Some(format!("^[+-]?{body}$"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digits of a decimal's lexical form that count: without sign,
    /// leading zeros of the integer part and trailing zeros of the fraction.
    fn significant(lexical: &str) -> (usize, usize) {
        let unsigned = lexical.trim_start_matches(['+', '-']);
        let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        (
            integer.trim_start_matches('0').len(),
            fraction.trim_end_matches('0').len(),
        )
    }

    fn fits(lexical: &str, precision: Option<u32>, scale: Option<u32>) -> bool {
        let (integer, fraction) = significant(lexical);
        let (p, s) = (precision.map(|p| p as usize), scale.map(|s| s as usize));
        match (p, s) {
            (Some(p), Some(s)) => integer <= p.saturating_sub(s) && fraction <= s,
            (Some(p), None) => integer + fraction <= p,
            (None, Some(s)) => fraction <= s,
            (None, None) => true,
        }
    }

    /// Every decimal written with up to four digits before and three after
    /// the point (from 0, 1 and 9), signed or not.
    fn decimals() -> Vec<String> {
        let mut digits = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = digits
                .iter()
                .flat_map(|d| ["0", "1", "9"].map(|c| format!("{d}{c}")))
                .collect();
            digits.extend(longer);
        }
        digits.sort();
        digits.dedup();
        let fractions: Vec<String> = std::iter::once(String::new())
            .chain(
                digits
                    .iter()
                    .filter(|d| d.len() <= 3)
                    .map(|d| format!(".{d}")),
            )
            .collect();
        let mut out = Vec::new();
        for sign in ["", "-", "+"] {
            for integer in &digits {
                for fraction in &fractions {
                    if integer.is_empty() && fraction.len() <= 1 {
                        continue; // no digit at all: not a decimal
                    }
                    out.push(format!("{sign}{integer}{fraction}"));
                }
            }
        }
        out
    }

    #[test]
    fn patterns_hold_exactly_the_decimals_that_fit() {
        let values = decimals();
        assert!(values.len() > 10_000);
        for (precision, scale) in [
            (Some(5), Some(2)),
            (Some(3), Some(0)),
            (Some(2), Some(2)),
            (Some(4), None),
            (None, Some(1)),
        ] {
            let pattern = digits_pattern(precision, scale).unwrap_or_default();
            let regex = regex::Regex::new(&pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            for value in &values {
                assert_eq!(
                    regex.is_match(value),
                    fits(value, precision, scale),
                    "{value} against {pattern}"
                );
            }
        }
    }

    #[test]
    fn patterns_are_readable() {
        assert_eq!(digits_pattern(None, None), None);
        assert_eq!(
            digits_pattern(Some(14), Some(2)).as_deref(),
            Some(r"^[+-]?0*[0-9]{0,12}(\.[0-9]{0,2}0*)?$")
        );
        assert_eq!(
            digits_pattern(Some(2), Some(2)).as_deref(),
            Some(r"^[+-]?0*(\.[0-9]{0,2}0*)?$")
        );
        assert_eq!(
            digits_pattern(None, Some(0)).as_deref(),
            Some(r"^[+-]?[0-9]*(\.0*)?$")
        );
        assert_eq!(
            digits_pattern(Some(2), None).as_deref(),
            Some(r"^[+-]?(0*[0-9]{0,2}(\.0*)?|0*[0-9]{0,1}\.[0-9]{1}0*|0*\.[0-9]{2}0*)$")
        );
    }
}
