//! How Upper's datatypes become JSON Schema: the JSON type, `format` and
//! bounds of a built-in datatype, the facets of a domain datatype as JSON
//! Schema's own constraints where they mean the same, and notes for what
//! JSON Schema cannot check.

use serde_json::{Map, Number, Value};
use uda_upper::{Builtin, Facets, ResolvedDatatype};

/// XSD's date (year, month, day), without a time zone.
const DATE: &str = "-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
/// XSD's time of day, with an optional time-zone offset.
const TIME: &str =
    "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?";

/// An attribute's datatype, mapped.
pub struct Mapped {
    /// The keywords of one value's schema; empty when the value is a
    /// language-tagged string (the projection refers to its definition).
    pub keywords: Map<String, Value>,
    /// `rdf:langString`: an object with the text and its language tag.
    pub lang_string: bool,
    /// What JSON Schema cannot express, for the mappings and `$comment`.
    pub notes: Vec<String>,
}

/// The JSON type a built-in datatype's values are written as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Json {
    String,
    Integer,
    Number,
    Boolean,
    Object,
}

/// Maps a resolved datatype. `shown` is how notes name the datatype (a
/// compact IRI such as `studio:Money`).
pub fn map(resolved: ResolvedDatatype<'_>, shown: &str) -> Mapped {
    let builtin = resolved.builtin;
    let mut keywords = Map::new();
    let mut notes = Vec::new();
    let json = match builtin {
        Builtin::String => Json::String,
        Builtin::Boolean => Json::Boolean,
        Builtin::Byte => bounded(&mut keywords, i8::MIN.into(), i8::MAX.into()),
        Builtin::Short => bounded(&mut keywords, i16::MIN.into(), i16::MAX.into()),
        Builtin::Int => bounded(&mut keywords, i32::MIN.into(), i32::MAX.into()),
        Builtin::Long => bounded(&mut keywords, i64::MIN, i64::MAX),
        Builtin::Integer => Json::Integer,
        Builtin::NonNegativeInteger => {
            keywords.insert("minimum".into(), Value::from(0));
            Json::Integer
        }
        // Precision and scale (facets of decimals only) are not checked either.
        Builtin::Decimal => {
            notes.push(format!(
                "{shown} is written as a JSON number: its precision and scale are not checked, and parsers reading numbers as doubles may round it"
            ));
            Json::Number
        }
        Builtin::Float | Builtin::Double => Json::Number,
        Builtin::Date => {
            notes.push(format!(
                "{shown} is written with format date (RFC 3339 full-date), which has no time-zone offset: a date with one is refused"
            ));
            formatted(&mut keywords, "date")
        }
        // RFC 3339's time and date-time (the formats) need the time-zone
        // offset XSD makes optional: a pattern of XSD's lexical form instead.
        Builtin::Time => {
            notes.push(format!(
                "{shown} is written as a pattern of its XSD form, not with format time (RFC 3339), which needs a time-zone offset"
            ));
            patterned(&mut keywords, &format!("^{TIME}$"))
        }
        Builtin::DateTime => {
            notes.push(format!(
                "{shown} is written as a pattern of its XSD form, not with format date-time (RFC 3339), which needs a time-zone offset"
            ));
            patterned(&mut keywords, &format!("^{DATE}T{TIME}$"))
        }
        Builtin::DateTimeStamp => formatted(&mut keywords, "date-time"),
        Builtin::Duration => {
            notes.push(format!(
                "{shown} is written with format duration (ISO 8601), which has no negative durations"
            ));
            formatted(&mut keywords, "duration")
        }
        Builtin::AnyUri => formatted(&mut keywords, "uri-reference"),
        Builtin::Base64Binary => {
            keywords.insert("contentEncoding".into(), Value::from("base64"));
            Json::String
        }
        Builtin::HexBinary => patterned(&mut keywords, "^([0-9a-fA-F]{2})*$"),
        Builtin::LangString => Json::Object,
    };
    if json == Json::Object {
        return Mapped {
            keywords: Map::new(),
            lang_string: true,
            notes,
        };
    }
    let name = match json {
        Json::String => "string",
        Json::Integer => "integer",
        Json::Number => "number",
        Json::Boolean => "boolean",
        Json::Object => "object",
    };
    let mut all = Map::new();
    all.insert("type".into(), Value::from(name));
    all.extend(keywords);
    if let Some(domain) = resolved.domain {
        facets(&domain.facets, builtin, json, shown, &mut all, &mut notes);
    }
    Mapped {
        keywords: all,
        lang_string: false,
        notes,
    }
}

/// An integer type's bounds.
fn bounded(keywords: &mut Map<String, Value>, min: i64, max: i64) -> Json {
    keywords.insert("minimum".into(), Value::from(min));
    keywords.insert("maximum".into(), Value::from(max));
    Json::Integer
}

fn patterned(keywords: &mut Map<String, Value>, pattern: &str) -> Json {
    keywords.insert("pattern".into(), Value::from(pattern));
    Json::String
}

fn formatted(keywords: &mut Map<String, Value>, format: &str) -> Json {
    keywords.insert("format".into(), Value::from(format));
    Json::String
}

/// Writes the facets of a domain datatype that JSON Schema checks the same
/// way; notes the others.
fn facets(
    f: &Facets,
    builtin: Builtin,
    json: Json,
    shown: &str,
    keywords: &mut Map<String, Value>,
    notes: &mut Vec<String>,
) {
    let mut unchecked = Vec::new();
    // XSD lengths count characters of strings and URIs, but octets of binary values.
    let counts_characters = matches!(builtin, Builtin::String | Builtin::AnyUri);
    if let Some(pattern) = &f.pattern {
        // Upper's patterns are SHACL's (XPath `fn:matches`, unanchored), as
        // JSON Schema's are; they apply to strings only in JSON Schema.
        if json == Json::String {
            let pattern = Value::from(pattern.as_str());
            // The built-in type's own pattern (a time, hex digits) holds too.
            if keywords.contains_key("pattern") {
                let facet = Map::from_iter([("pattern".to_owned(), pattern)]);
                keywords.insert("allOf".into(), Value::Array(vec![Value::Object(facet)]));
            } else {
                keywords.insert("pattern".into(), pattern);
            }
        } else {
            unchecked.push("pattern");
        }
    }
    for (facet, keyword, value) in [
        ("minLength", "minLength", f.min_length),
        ("maxLength", "maxLength", f.max_length),
    ] {
        if let Some(value) = value {
            if counts_characters {
                keywords.insert(keyword.into(), Value::from(value));
            } else {
                unchecked.push(facet);
            }
        }
    }
    for (facet, keyword, value) in [
        ("minInclusive", "minimum", &f.min_inclusive),
        ("maxInclusive", "maximum", &f.max_inclusive),
        ("minExclusive", "exclusiveMinimum", &f.min_exclusive),
        ("maxExclusive", "exclusiveMaximum", &f.max_exclusive),
    ] {
        let Some(value) = value else { continue };
        match number(value).filter(|_| matches!(json, Json::Integer | Json::Number)) {
            Some(number) => {
                // A facet narrows the built-in range: it replaces its bound.
                keywords.insert(keyword.into(), Value::Number(number));
            }
            None => unchecked.push(facet),
        }
    }
    if !unchecked.is_empty() {
        notes.push(format!(
            "{shown} restricts its values by {}, which JSON Schema does not check for this type",
            unchecked.join(", ")
        ));
    }
}

/// A facet's lexical value as a JSON number (`+5`, `.5` and `1E3` are XSD
/// numbers but not JSON ones).
fn number(lexical: &str) -> Option<Number> {
    let trimmed = lexical.trim();
    let unsigned = trimmed.strip_prefix('+').unwrap_or(trimmed);
    serde_json::from_str::<Number>(unsigned)
        .ok()
        .or_else(|| unsigned.parse::<f64>().ok().and_then(Number::from_f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xsd_numbers_become_json_numbers() {
        assert_eq!(number("10").map(|n| n.to_string()), Some("10".into()));
        assert_eq!(number("+5").map(|n| n.to_string()), Some("5".into()));
        assert_eq!(number("-0.5").map(|n| n.to_string()), Some("-0.5".into()));
        assert_eq!(number(".5").map(|n| n.to_string()), Some("0.5".into()));
        assert_eq!(number("1E3").map(|n| n.to_string()), Some("1000.0".into()));
        assert_eq!(number("2024-01-01"), None);
        assert_eq!(number("INF"), None);
    }
}
