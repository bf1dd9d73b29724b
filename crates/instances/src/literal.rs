//! Literals and the cells that hold them: a literal of a property's datatype
//! to one value a container stores, in its canonical form, and back.

use std::fmt;
use std::str::FromStr;

use oxrdf::{Literal, LiteralRef};
use oxsdatatypes::{
    Boolean, Date, DateTime, Decimal, Double, Duration, Float, Integer, Time, TimezoneOffset,
};
use uda_upper::Builtin;

/// One stored value: what a column, an Avro field or a JSON member holds.
///
/// Values without a native type in every container (decimals, unbounded
/// integers, dates, times, durations, URIs) are [`Cell::Text`] in their XSD
/// canonical form; each container's writer decides how to store them.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
pub enum Cell {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Bytes(Vec<u8>),
}

impl Cell {
    pub fn is_null(&self) -> bool {
        matches!(self, Cell::Null)
    }

    /// The value as the text of a key segment or a language tag; `None` for NULL.
    pub fn lexical(&self) -> Option<String> {
        Some(match self {
            Cell::Null => return None,
            Cell::Bool(b) => b.to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) => Double::from(*f).to_string(),
            Cell::Text(t) => t.clone(),
            Cell::Bytes(b) => hex::encode_upper(b),
        })
    }
}

/// A literal that is not a value of the datatype its property declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLiteral {
    pub literal: String,
    pub datatype: &'static str,
}

impl fmt::Display for BadLiteral {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is not a value of {}", self.literal, self.datatype)
    }
}

fn canonical<T: FromStr + fmt::Display>(text: &str) -> Option<String> {
    T::from_str(text).ok().map(|v| v.to_string())
}

/// The cell holding `literal`, a value of `builtin` (XSD's canonical form
/// of it, so that equal values are equal cells). A language-tagged string is
/// its text; its tag is a second cell, [`lang_cell`].
pub fn to_cell(literal: LiteralRef<'_>, builtin: Builtin) -> Result<Cell, BadLiteral> {
    let text = literal.value();
    let bad = || BadLiteral {
        literal: literal.to_string(),
        datatype: builtin.iri(),
    };
    if !builtin.accepts(literal) {
        return Err(bad());
    }
    let cell = match builtin {
        Builtin::String | Builtin::AnyUri | Builtin::LangString => Cell::Text(text.to_owned()),
        Builtin::Boolean => Cell::Bool(bool::from(Boolean::from_str(text).map_err(|_| bad())?)),
        Builtin::Byte | Builtin::Short | Builtin::Int | Builtin::Long => {
            Cell::Int(i64::from(Integer::from_str(text).map_err(|_| bad())?))
        }
        // Unbounded in XSD; a container may hold more digits than i64, so text.
        Builtin::Integer | Builtin::NonNegativeInteger => {
            Cell::Text(canonical::<Integer>(text).ok_or_else(bad)?)
        }
        Builtin::Decimal => Cell::Text(canonical::<Decimal>(text).ok_or_else(bad)?),
        Builtin::Float => Cell::Float(f64::from(f32::from(
            Float::from_str(text).map_err(|_| bad())?,
        ))),
        Builtin::Double => Cell::Float(f64::from(Double::from_str(text).map_err(|_| bad())?)),
        Builtin::Date => Cell::Text(canonical::<Date>(text).ok_or_else(bad)?),
        Builtin::Time => Cell::Text(canonical::<Time>(text).ok_or_else(bad)?),
        // XSD's canonical form of a time with a zone is in UTC (and what
        // PostgreSQL's TIMESTAMPTZ gives back).
        Builtin::DateTime | Builtin::DateTimeStamp => {
            let value = DateTime::from_str(text).map_err(|_| bad())?;
            let value = match value.timezone_offset() {
                Some(_) => value.adjust(Some(TimezoneOffset::UTC)).ok_or_else(bad)?,
                None => value,
            };
            Cell::Text(value.to_string())
        }
        Builtin::Duration => Cell::Text(canonical::<Duration>(text).ok_or_else(bad)?),
        Builtin::HexBinary => Cell::Bytes(hex::decode(text).map_err(|_| bad())?),
        Builtin::Base64Binary => Cell::Bytes(base64_decode(text).ok_or_else(bad)?),
    };
    Ok(cell)
}

/// The language tag of a language-tagged string, as a cell.
pub fn lang_cell(literal: LiteralRef<'_>) -> Cell {
    literal
        .language()
        .map_or(Cell::Null, |l| Cell::Text(l.to_owned()))
}

/// The literal a cell holds, typed with `builtin` (and tagged with `lang`
/// for a language-tagged string). Cells a container converted (a decimal
/// SQLite stored as a REAL, a boolean as 0 or 1) are brought back to the
/// canonical form [`to_cell`] gives.
pub fn from_cell(cell: &Cell, builtin: Builtin, lang: Option<&str>) -> Result<Literal, BadLiteral> {
    let bad = |text: String| BadLiteral {
        literal: text,
        datatype: builtin.iri(),
    };
    let text = match cell {
        Cell::Null => return Err(bad("NULL".into())),
        Cell::Bytes(b) => match builtin {
            Builtin::HexBinary => hex::encode_upper(b),
            Builtin::Base64Binary => base64_encode(b),
            _ => String::from_utf8(b.clone()).map_err(|_| bad("binary".into()))?,
        },
        Cell::Bool(b) => b.to_string(),
        Cell::Int(i) if builtin == Builtin::Boolean => (*i != 0).to_string(),
        Cell::Int(i) => i.to_string(),
        // A REAL holding a decimal: its shortest decimal form.
        Cell::Float(f) if builtin == Builtin::Decimal => format!("{f}"),
        Cell::Float(f) => Double::from(*f).to_string(),
        Cell::Text(t) => t.clone(),
    };
    if builtin == Builtin::LangString {
        let lang = lang.ok_or_else(|| bad(format!("{text:?} without a language tag")))?;
        return Literal::new_language_tagged_literal(text, lang)
            .map_err(|e| bad(format!("language tag {lang:?}: {e}")));
    }
    // Canonical again: the container may have answered in another form.
    let literal =
        Literal::new_typed_literal(text, oxrdf::NamedNodeRef::new_unchecked(builtin.iri()));
    canonical_literal(literal.as_ref(), builtin)
}

/// The canonical literal of a cell [`to_cell`] made.
fn typed(cell: &Cell, builtin: Builtin) -> Literal {
    let text = match (cell, builtin) {
        (Cell::Bytes(b), Builtin::Base64Binary) => base64_encode(b),
        (Cell::Float(f), Builtin::Float) => Float::from(*f as f32).to_string(),
        (other, _) => other.lexical().unwrap_or_default(),
    };
    Literal::new_typed_literal(text, oxrdf::NamedNodeRef::new_unchecked(builtin.iri()))
}

/// The canonical form of a literal of `builtin`: what a round trip through
/// any container gives back.
pub fn canonical_literal(literal: LiteralRef<'_>, builtin: Builtin) -> Result<Literal, BadLiteral> {
    if builtin == Builtin::LangString {
        return Ok(literal.into_owned());
    }
    if builtin == Builtin::String || builtin == Builtin::AnyUri {
        to_cell(literal, builtin)?;
        return Ok(Literal::new_typed_literal(
            literal.value(),
            oxrdf::NamedNodeRef::new_unchecked(builtin.iri()),
        ));
    }
    Ok(typed(&to_cell(literal, builtin)?, builtin))
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64 with padding (RFC 4648), as `xsd:base64Binary` writes it.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(BASE64[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes base64, ignoring the whitespace `xsd:base64Binary` allows.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let symbols: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if symbols.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(symbols.len() / 4 * 3);
    for chunk in symbols.chunks(4) {
        let pad = chunk.iter().rev().take_while(|b| **b == b'=').count();
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for (i, b) in chunk.iter().enumerate() {
            let v = if i >= 4 - pad {
                0
            } else {
                BASE64.iter().position(|c| c == b)? as u32
            };
            n |= v << (18 - 6 * i);
        }
        for i in 0..3 - pad {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for bytes in [&b""[..], b"f", b"fo", b"foo", b"foob", b"\xff\x00\x10"] {
            let text = base64_encode(bytes);
            assert_eq!(base64_decode(&text).as_deref(), Some(bytes), "{text}");
        }
        assert_eq!(base64_encode(b"foob"), "Zm9vYg==");
        assert_eq!(base64_decode("Zm9v!g=="), None);
    }

    #[test]
    fn literals_become_canonical_cells_and_back() {
        let lit = |v: &str, b: Builtin| {
            Literal::new_typed_literal(v, oxrdf::NamedNodeRef::new_unchecked(b.iri()))
        };
        let cases = [
            ("3700000.00", Builtin::Decimal, Cell::Text("3700000".into())),
            ("0010", Builtin::Long, Cell::Int(10)),
            (
                "CAFEBABE",
                Builtin::HexBinary,
                Cell::Bytes(vec![0xca, 0xfe, 0xba, 0xbe]),
            ),
            ("true", Builtin::Boolean, Cell::Bool(true)),
        ];
        for (text, builtin, cell) in cases {
            let literal = lit(text, builtin);
            assert_eq!(to_cell(literal.as_ref(), builtin), Ok(cell.clone()));
            let back = from_cell(&cell, builtin, None).expect("converts back");
            assert_eq!(
                back,
                canonical_literal(literal.as_ref(), builtin).expect("canonical")
            );
        }
        // SQLite's NUMERIC gives a decimal back as a REAL or an INTEGER.
        assert_eq!(
            from_cell(&Cell::Float(8.1), Builtin::Decimal, None).map(|l| l.value().to_owned()),
            Ok("8.1".into())
        );
        assert!(to_cell(lit("x", Builtin::Int).as_ref(), Builtin::Int).is_err());
    }
}
