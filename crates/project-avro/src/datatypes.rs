//! How Upper's datatypes become Avro types: the primitive or logical type of
//! an attribute's values, what the Avro type loses (notes), and the facets
//! Avro cannot check (kept as `uda.*` custom attributes).

use crate::error::AvroError;
use crate::TimestampPrecision;
use apache_avro::schema::{DecimalSchema, InnerDecimalSchema};
use apache_avro::Schema;
use serde_json::Value;
use std::collections::BTreeMap;
use uda_upper::{Builtin, Datatype, ResolvedDatatype};

/// Precision and scale of an `xsd:decimal` whose datatype gives neither
/// (the widest common SQL `NUMERIC(38, 9)`, so values survive a trip
/// through most warehouses).
pub const DEFAULT_DECIMAL: (u32, u32) = (38, 9);

/// The Avro type of one value of an attribute.
pub enum ValueType {
    Plain(Schema),
    /// `rdf:langString`: the shared `LangString` record, which the projection names.
    LangString,
}

/// An attribute's datatype, mapped.
pub struct Mapped {
    pub value: ValueType,
    /// What the Avro type cannot express, for the mappings and the field's doc.
    pub notes: Vec<String>,
    /// `uda.*` custom attributes of the field.
    pub attributes: BTreeMap<String, Value>,
}

/// Maps a resolved datatype. `shown` is how notes name the datatype (a
/// compact IRI such as `studio:Money`).
pub fn map(
    resolved: ResolvedDatatype<'_>,
    shown: &str,
    timestamps: TimestampPrecision,
) -> Result<Mapped, AvroError> {
    let mut notes = Vec::new();
    let mut attributes = BTreeMap::new();
    let builtin = resolved.builtin;
    let iri = resolved.domain.map_or(builtin.iri(), |d| d.iri.as_str());
    attributes.insert("uda.datatype".to_owned(), Value::from(iri));
    let base_note = |text: &str| format!("{} {text}", compact_builtin(builtin));
    let value = match builtin {
        Builtin::String => ValueType::Plain(Schema::String),
        Builtin::Boolean => ValueType::Plain(Schema::Boolean),
        Builtin::Byte | Builtin::Short => {
            notes.push(base_note(
                "is written as an Avro int, which is wider; the narrower range is not checked",
            ));
            ValueType::Plain(Schema::Int)
        }
        Builtin::Int => ValueType::Plain(Schema::Int),
        Builtin::Long => ValueType::Plain(Schema::Long),
        Builtin::Integer => {
            notes.push(base_note(
                "is unbounded; it is written as an Avro long, which holds 64-bit values only",
            ));
            ValueType::Plain(Schema::Long)
        }
        Builtin::NonNegativeInteger => {
            notes.push(base_note(
                "is unbounded and never negative; it is written as an Avro long, which holds signed 64-bit values only",
            ));
            ValueType::Plain(Schema::Long)
        }
        Builtin::Decimal => ValueType::Plain(decimal(resolved.domain, shown, &mut notes)?),
        Builtin::Float => ValueType::Plain(Schema::Float),
        Builtin::Double => ValueType::Plain(Schema::Double),
        Builtin::Date => ValueType::Plain(Schema::Date),
        Builtin::Time => {
            let (schema, unit) = match timestamps {
                TimestampPrecision::Micros => (Schema::TimeMicros, "time-micros"),
                TimestampPrecision::Millis => (Schema::TimeMillis, "time-millis"),
            };
            notes.push(base_note(&format!(
                "is written as {unit} (time after midnight); a time-zone offset is not kept"
            )));
            ValueType::Plain(schema)
        }
        Builtin::DateTime | Builtin::DateTimeStamp => {
            let (schema, unit) = match timestamps {
                TimestampPrecision::Micros => (Schema::TimestampMicros, "timestamp-micros"),
                TimestampPrecision::Millis => (Schema::TimestampMillis, "timestamp-millis"),
            };
            let zone = if builtin == Builtin::DateTime {
                "a value without a time zone is taken as UTC, and a time-zone offset is not kept"
            } else {
                "the instant is kept, its time-zone offset is not"
            };
            notes.push(base_note(&format!(
                "is written as {unit} (since the Unix epoch, UTC); {zone}"
            )));
            ValueType::Plain(schema)
        }
        Builtin::Duration => {
            notes.push(base_note(
                "is written as an ISO 8601 duration string (e.g. P1Y2M3DT4H); Avro's duration logical type cannot hold negative or sub-millisecond durations",
            ));
            ValueType::Plain(Schema::String)
        }
        Builtin::AnyUri => {
            notes.push(base_note(
                "is written as an Avro string; that it is a URI is not checked",
            ));
            ValueType::Plain(Schema::String)
        }
        Builtin::Base64Binary | Builtin::HexBinary => ValueType::Plain(Schema::Bytes),
        Builtin::LangString => {
            notes.push(base_note("is written as a LangString record (value, lang)"));
            ValueType::LangString
        }
    };
    if let Some(domain) = resolved.domain {
        attributes.insert("uda.baseType".to_owned(), Value::from(builtin.iri()));
        let unchecked = facets(domain, &mut attributes);
        if !unchecked.is_empty() {
            notes.push(format!(
                "{shown} restricts {} by {}; Avro cannot check these facets, kept as uda.* attributes",
                compact_builtin(builtin),
                unchecked.join(", ")
            ));
        }
    }
    Ok(Mapped {
        value,
        notes,
        attributes,
    })
}

/// An Avro `decimal` over bytes, with the domain datatype's precision and
/// scale or [`DEFAULT_DECIMAL`].
fn decimal(
    domain: Option<&Datatype>,
    shown: &str,
    notes: &mut Vec<String>,
) -> Result<Schema, AvroError> {
    let facets = domain.map(|d| &d.facets);
    let given = (
        facets.and_then(|f| f.precision),
        facets.and_then(|f| f.scale),
    );
    let (precision, scale) = match given {
        (Some(p), s) => (p, s.unwrap_or(0)),
        (None, Some(s)) => (DEFAULT_DECIMAL.0.max(s), s),
        (None, None) => DEFAULT_DECIMAL,
    };
    if given.0.is_none() {
        notes.push(format!(
            "{shown} gives no precision; written as decimal({precision}, {scale}), so values with more digits cannot be written"
        ));
    }
    if precision == 0 || scale > precision {
        return Err(AvroError::Decimal {
            datatype: domain
                .map_or(Builtin::Decimal.iri(), |d| d.iri.as_str())
                .to_owned(),
            precision,
            scale,
        });
    }
    Ok(Schema::Decimal(DecimalSchema {
        precision: precision as usize,
        scale: scale as usize,
        inner: InnerDecimalSchema::Bytes,
    }))
}

/// Writes the facets Avro cannot check as custom attributes; returns their names.
fn facets(domain: &Datatype, attributes: &mut BTreeMap<String, Value>) -> Vec<&'static str> {
    let f = &domain.facets;
    let texts = [
        ("pattern", &f.pattern),
        ("minInclusive", &f.min_inclusive),
        ("maxInclusive", &f.max_inclusive),
        ("minExclusive", &f.min_exclusive),
        ("maxExclusive", &f.max_exclusive),
    ];
    let lengths = [("minLength", f.min_length), ("maxLength", f.max_length)];
    let mut names = Vec::new();
    for (name, value) in texts {
        if let Some(value) = value {
            attributes.insert(format!("uda.{name}"), Value::from(value.as_str()));
            names.push(name);
        }
    }
    for (name, value) in lengths {
        if let Some(value) = value {
            attributes.insert(format!("uda.{name}"), Value::from(value));
            names.push(name);
        }
    }
    names.sort_unstable();
    names
}

fn compact_builtin(builtin: Builtin) -> String {
    let iri = builtin.iri();
    let prefix = if builtin == Builtin::LangString {
        "rdf"
    } else {
        "xsd"
    };
    format!("{prefix}:{}", uda_upper::local_name(iri))
}
