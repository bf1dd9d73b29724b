//! The built-in datatypes Upper supports, and how a literal is checked against one.
//!
//! The list must agree with the `upper:Datatype` instances declared in
//! `ontologies/upper.ttl`; a test keeps the two in step.

use oxrdf::vocab::{rdf, xsd};
use oxrdf::LiteralRef;
use std::fmt;
use std::str::FromStr;

/// A datatype supported out of the box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Builtin {
    String,
    Boolean,
    Byte,
    Short,
    Int,
    Long,
    Integer,
    NonNegativeInteger,
    Decimal,
    Float,
    Double,
    Date,
    Time,
    DateTime,
    DateTimeStamp,
    Duration,
    AnyUri,
    Base64Binary,
    HexBinary,
    LangString,
}

impl Builtin {
    /// Every built-in datatype, in a stable order.
    pub const ALL: [Builtin; 20] = [
        Builtin::String,
        Builtin::Boolean,
        Builtin::Byte,
        Builtin::Short,
        Builtin::Int,
        Builtin::Long,
        Builtin::Integer,
        Builtin::NonNegativeInteger,
        Builtin::Decimal,
        Builtin::Float,
        Builtin::Double,
        Builtin::Date,
        Builtin::Time,
        Builtin::DateTime,
        Builtin::DateTimeStamp,
        Builtin::Duration,
        Builtin::AnyUri,
        Builtin::Base64Binary,
        Builtin::HexBinary,
        Builtin::LangString,
    ];

    /// The datatype's IRI.
    pub fn iri(self) -> &'static str {
        match self {
            Builtin::String => xsd::STRING.as_str(),
            Builtin::Boolean => xsd::BOOLEAN.as_str(),
            Builtin::Byte => xsd::BYTE.as_str(),
            Builtin::Short => xsd::SHORT.as_str(),
            Builtin::Int => xsd::INT.as_str(),
            Builtin::Long => xsd::LONG.as_str(),
            Builtin::Integer => xsd::INTEGER.as_str(),
            Builtin::NonNegativeInteger => xsd::NON_NEGATIVE_INTEGER.as_str(),
            Builtin::Decimal => xsd::DECIMAL.as_str(),
            Builtin::Float => xsd::FLOAT.as_str(),
            Builtin::Double => xsd::DOUBLE.as_str(),
            Builtin::Date => xsd::DATE.as_str(),
            Builtin::Time => xsd::TIME.as_str(),
            Builtin::DateTime => xsd::DATE_TIME.as_str(),
            Builtin::DateTimeStamp => xsd::DATE_TIME_STAMP.as_str(),
            Builtin::Duration => xsd::DURATION.as_str(),
            Builtin::AnyUri => xsd::ANY_URI.as_str(),
            Builtin::Base64Binary => xsd::BASE_64_BINARY.as_str(),
            Builtin::HexBinary => xsd::HEX_BINARY.as_str(),
            Builtin::LangString => rdf::LANG_STRING.as_str(),
        }
    }

    /// The built-in datatype with this IRI, if any.
    pub fn from_iri(iri: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.iri() == iri)
    }

    /// True for the integer types (`xsd:integer` and its restrictions here).
    pub fn is_integer(self) -> bool {
        matches!(
            self,
            Builtin::Byte
                | Builtin::Short
                | Builtin::Int
                | Builtin::Long
                | Builtin::Integer
                | Builtin::NonNegativeInteger
        )
    }

    /// True for types whose values are ordered numbers (ranges apply).
    pub fn is_numeric(self) -> bool {
        self.is_integer() || matches!(self, Builtin::Decimal | Builtin::Float | Builtin::Double)
    }

    /// True for types whose values have a length (length facets apply).
    pub fn is_textual(self) -> bool {
        matches!(
            self,
            Builtin::String
                | Builtin::AnyUri
                | Builtin::LangString
                | Builtin::Base64Binary
                | Builtin::HexBinary
        )
    }

    /// Whether `literal` is a valid value of this datatype: the literal's
    /// datatype is this one or derived from it (a Turtle `42` is an
    /// `xsd:integer`, accepted for `xsd:nonNegativeInteger` when not negative),
    /// and its lexical form is valid. Plain and language-tagged strings are both
    /// accepted for `xsd:string`, because labels are commonly written either way.
    pub fn accepts(self, literal: LiteralRef<'_>) -> bool {
        let given = literal.datatype().as_str();
        let value = literal.value();
        match self {
            Builtin::String => given == xsd::STRING.as_str() || literal.language().is_some(),
            Builtin::LangString => literal.language().is_some(),
            b if b.is_integer() => {
                Builtin::from_iri(given).is_some_and(Builtin::is_integer)
                    && b.integer_in_range(value)
            }
            Builtin::Decimal => {
                (given == xsd::DECIMAL.as_str()
                    || Builtin::from_iri(given).is_some_and(Builtin::is_integer))
                    && oxsdatatypes::Decimal::from_str(value).is_ok()
            }
            other => given == other.iri() && other.lexically_valid(value),
        }
    }

    fn integer_in_range(self, value: &str) -> bool {
        let Ok(n) = oxsdatatypes::Integer::from_str(value) else {
            // Larger than 64 bits: only the unbounded types take it.
            return matches!(self, Builtin::Integer | Builtin::NonNegativeInteger)
                && value
                    .trim_start_matches(['+', '-'])
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                && !(self == Builtin::NonNegativeInteger && value.starts_with('-'));
        };
        let n = i64::from(n);
        match self {
            Builtin::Byte => i8::try_from(n).is_ok(),
            Builtin::Short => i16::try_from(n).is_ok(),
            Builtin::Int => i32::try_from(n).is_ok(),
            Builtin::NonNegativeInteger => n >= 0,
            _ => true,
        }
    }

    fn lexically_valid(self, value: &str) -> bool {
        use oxsdatatypes as x;
        match self {
            Builtin::Boolean => x::Boolean::from_str(value).is_ok(),
            Builtin::Float => x::Float::from_str(value).is_ok(),
            Builtin::Double => x::Double::from_str(value).is_ok(),
            Builtin::Date => x::Date::from_str(value).is_ok(),
            Builtin::Time => x::Time::from_str(value).is_ok(),
            Builtin::DateTime => x::DateTime::from_str(value).is_ok(),
            Builtin::DateTimeStamp => {
                x::DateTime::from_str(value).is_ok_and(|d| d.timezone_offset().is_some())
            }
            Builtin::Duration => x::Duration::from_str(value).is_ok(),
            Builtin::HexBinary => {
                value.len() % 2 == 0 && value.bytes().all(|b| b.is_ascii_hexdigit())
            }
            Builtin::Base64Binary => value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/= \n".contains(&b)),
            _ => true,
        }
    }
}

impl fmt::Display for Builtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.iri())
    }
}
