//! How Upper's datatypes become Iceberg primitive types, what the Iceberg
//! type loses (notes), and which type changes Iceberg makes in place (type
//! promotion), which decides whether a field keeps its id.

use uda_upper::{local_name, Builtin, ResolvedDatatype};

/// Iceberg's widest decimal: `decimal(P, S)` takes 1 <= P <= 38.
pub const MAX_DECIMAL_PRECISION: u32 = 38;

/// Precision and scale of an `xsd:decimal` whose datatype gives neither:
/// the widest Iceberg decimal, with 9 digits after the point.
pub const DEFAULT_DECIMAL: (u32, u32) = (MAX_DECIMAL_PRECISION, 9);

/// The Iceberg type of one value of an attribute.
pub enum Value {
    /// A primitive type, as Iceberg writes it (`long`, `decimal(14, 2)`).
    Primitive(String),
    /// `rdf:langString`: a struct of the text and its language tag.
    LangString,
}

/// An attribute's datatype, mapped.
pub struct Mapped {
    pub value: Value,
    /// What the Iceberg type cannot express, for the mappings and the field's doc.
    pub notes: Vec<String>,
}

/// Maps a resolved datatype. `shown` is how notes name the datatype (a
/// compact IRI such as `studio:Money`).
pub fn map(resolved: ResolvedDatatype<'_>, shown: &str) -> Mapped {
    let builtin = resolved.builtin;
    let mut notes = Vec::new();
    let base = compact_builtin(builtin);
    let mut note = |text: &str| notes.push(format!("{base} {text}"));
    let primitive = match builtin {
        Builtin::String => "string".to_owned(),
        Builtin::Boolean => "boolean".to_owned(),
        Builtin::Byte | Builtin::Short => {
            note("is written as an Iceberg int, which is wider; the narrower range is not checked");
            "int".to_owned()
        }
        Builtin::Int => "int".to_owned(),
        Builtin::Long => "long".to_owned(),
        Builtin::Integer | Builtin::NonNegativeInteger => {
            note("is unbounded; it is written as an Iceberg long, which holds signed 64-bit values only");
            "long".to_owned()
        }
        Builtin::Decimal => {
            let facets = resolved.domain.map(|d| &d.facets);
            let given = (
                facets.and_then(|f| f.precision),
                facets.and_then(|f| f.scale),
            );
            let (precision, scale) = match given {
                (Some(p), s) => (p, s.unwrap_or(0)),
                (None, Some(s)) => (DEFAULT_DECIMAL.0.max(s), s),
                (None, None) => DEFAULT_DECIMAL,
            };
            if precision == 0 || precision > MAX_DECIMAL_PRECISION || scale > precision {
                notes.push(format!(
                    "{shown} has precision {precision} and scale {scale}, which no Iceberg decimal takes (1 <= scale <= precision <= 38): written as a string holding the decimal's lexical form"
                ));
                return Mapped {
                    value: Value::Primitive("string".to_owned()),
                    notes,
                };
            }
            if given.0.is_none() {
                notes.push(format!(
                    "{shown} gives no precision; written as decimal({precision}, {scale}), so values with more digits cannot be written"
                ));
            }
            format!("decimal({precision}, {scale})")
        }
        Builtin::Float => "float".to_owned(),
        Builtin::Double => "double".to_owned(),
        Builtin::Date => "date".to_owned(),
        Builtin::Time => {
            note("is written as an Iceberg time (microseconds after midnight); a time-zone offset is not kept");
            "time".to_owned()
        }
        Builtin::DateTime => {
            note("is written as timestamptz (microseconds since the Unix epoch, UTC); a value without a time zone is taken as UTC, and a time-zone offset is not kept");
            "timestamptz".to_owned()
        }
        Builtin::DateTimeStamp => {
            note("is written as timestamptz (microseconds since the Unix epoch, UTC); the instant is kept, its time-zone offset is not");
            "timestamptz".to_owned()
        }
        Builtin::Duration => {
            note("is written as an ISO 8601 duration string (e.g. P1Y2M3DT4H): Iceberg has no duration type");
            "string".to_owned()
        }
        Builtin::AnyUri => {
            note("is written as an Iceberg string; that it is a URI is not checked");
            "string".to_owned()
        }
        Builtin::Base64Binary | Builtin::HexBinary => "binary".to_owned(),
        Builtin::LangString => {
            note("is written as a struct of the text (value) and its language tag (lang)");
            return Mapped {
                value: Value::LangString,
                notes,
            };
        }
    };
    if let Some(domain) = resolved.domain {
        let unchecked = facets(&domain.facets);
        if !unchecked.is_empty() {
            notes.push(format!(
                "{shown} restricts {base} by {}; Iceberg cannot check these facets",
                unchecked.join(", ")
            ));
        }
    }
    Mapped {
        value: Value::Primitive(primitive),
        notes,
    }
}

/// The facets of a domain datatype an Iceberg type does not check (its
/// precision and scale are the decimal's own).
fn facets(f: &uda_upper::Facets) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = [
        ("pattern", f.pattern.is_some()),
        ("minLength", f.min_length.is_some()),
        ("maxLength", f.max_length.is_some()),
        ("minInclusive", f.min_inclusive.is_some()),
        ("maxInclusive", f.max_inclusive.is_some()),
        ("minExclusive", f.min_exclusive.is_some()),
        ("maxExclusive", f.max_exclusive.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, present)| present.then_some(name))
    .collect();
    names.sort_unstable();
    names
}

/// Whether Iceberg changes a field of type `from` to type `to` in place,
/// keeping its id and the data written before (spec v2, "Schema Evolution"):
/// the same type, `int` to `long`, `float` to `double`, and a decimal's
/// precision widened with its scale kept. Structs and lists stay themselves
/// (their fields and elements evolve on their own).
pub fn is_promotion(from: &str, to: &str) -> bool {
    if from == to {
        return true;
    }
    match (from, to) {
        ("int", "long") | ("float", "double") => true,
        _ => match (decimal(from), decimal(to)) {
            (Some((p1, s1)), Some((p2, s2))) => s1 == s2 && p2 >= p1,
            _ => false,
        },
    }
}

/// The precision and scale of `decimal(P, S)`.
fn decimal(text: &str) -> Option<(u32, u32)> {
    let inner = text.strip_prefix("decimal(")?.strip_suffix(')')?;
    let (p, s) = inner.split_once(',')?;
    Some((p.trim().parse().ok()?, s.trim().parse().ok()?))
}

/// `xsd:int`, `rdf:langString`.
pub fn compact_builtin(builtin: Builtin) -> String {
    let prefix = if builtin == Builtin::LangString {
        "rdf"
    } else {
        "xsd"
    };
    format!("{prefix}:{}", local_name(builtin.iri()))
}

#[cfg(test)]
mod tests {
    use super::is_promotion;

    #[test]
    fn promotions_are_the_ones_iceberg_allows() {
        assert!(is_promotion("int", "long"));
        assert!(is_promotion("float", "double"));
        assert!(is_promotion("decimal(10, 2)", "decimal(14, 2)"));
        assert!(is_promotion("struct", "struct"));
        assert!(!is_promotion("long", "int"));
        assert!(!is_promotion("decimal(10, 2)", "decimal(14, 3)"));
        assert!(!is_promotion("decimal(14, 2)", "decimal(10, 2)"));
        assert!(!is_promotion("string", "int"));
        assert!(!is_promotion("date", "timestamptz"));
    }
}
