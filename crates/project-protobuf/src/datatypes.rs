//! How Upper's datatypes become Protobuf types: the scalar or well-known
//! type of an attribute's values, and what the Protobuf type loses (notes).

use uda_upper::{local_name, Builtin, ResolvedDatatype};

/// The well-known type of timestamps, and the file that defines it (bundled
/// with protoc and every Protobuf runtime).
pub const TIMESTAMP: (&str, &str) = (
    "google.protobuf.Timestamp",
    "google/protobuf/timestamp.proto",
);

/// The Protobuf type of one value of an attribute.
pub enum ValueType {
    /// A scalar type (`string`, `int64`...).
    Scalar(&'static str),
    /// A well-known message type, with the file to import.
    WellKnown(&'static str, &'static str),
    /// `rdf:langString`: the package's `LangString` message, which the projection names.
    LangString,
}

/// An attribute's datatype, mapped.
pub struct Mapped {
    pub value: ValueType,
    /// What the Protobuf type cannot express, for the mappings and the comment.
    pub notes: Vec<String>,
}

/// Maps a resolved datatype. `shown` is how notes name the datatype (a
/// compact IRI such as `studio:Money`).
pub fn map(resolved: ResolvedDatatype<'_>, shown: &str) -> Mapped {
    let builtin = resolved.builtin;
    let base = compact_builtin(builtin);
    let mut notes = Vec::new();
    let mut note = |text: &str| notes.push(format!("{base} {text}"));
    let value = match builtin {
        Builtin::String => ValueType::Scalar("string"),
        Builtin::Boolean => ValueType::Scalar("bool"),
        Builtin::Byte | Builtin::Short => {
            note("is written as int32, which is wider; the narrower range is not checked");
            ValueType::Scalar("int32")
        }
        Builtin::Int => ValueType::Scalar("int32"),
        Builtin::Long => ValueType::Scalar("int64"),
        Builtin::Integer => {
            note("is unbounded; it is written as int64, which holds 64-bit values only");
            ValueType::Scalar("int64")
        }
        Builtin::NonNegativeInteger => {
            note("is unbounded; it is written as uint64, which holds 64-bit values only");
            ValueType::Scalar("uint64")
        }
        Builtin::Decimal => {
            note("is written as its lexical form in a string (e.g. 12.50): Protobuf has no decimal type, and a double would round it");
            ValueType::Scalar("string")
        }
        Builtin::Float => ValueType::Scalar("float"),
        Builtin::Double => ValueType::Scalar("double"),
        Builtin::Date => {
            note("is written as its lexical form in a string (YYYY-MM-DD, with its time zone if any): google.type.Date is not bundled with protoc");
            ValueType::Scalar("string")
        }
        Builtin::Time => {
            note("is written as its lexical form in a string (hh:mm:ss, with its time zone if any): Protobuf has no time-of-day type");
            ValueType::Scalar("string")
        }
        Builtin::DateTime => {
            note("is written as a google.protobuf.Timestamp (an instant, UTC); a value without a time zone is taken as UTC, and a time-zone offset is not kept");
            ValueType::WellKnown(TIMESTAMP.0, TIMESTAMP.1)
        }
        Builtin::DateTimeStamp => {
            note("is written as a google.protobuf.Timestamp (an instant, UTC); its time-zone offset is not kept");
            ValueType::WellKnown(TIMESTAMP.0, TIMESTAMP.1)
        }
        Builtin::Duration => {
            note("is written as an ISO 8601 duration string (e.g. P1Y2M3DT4H): google.protobuf.Duration holds seconds only, not months or years");
            ValueType::Scalar("string")
        }
        Builtin::AnyUri => {
            note("is written as a string; that it is a URI is not checked");
            ValueType::Scalar("string")
        }
        Builtin::Base64Binary | Builtin::HexBinary => ValueType::Scalar("bytes"),
        Builtin::LangString => {
            note("is written as a LangString message (value, lang)");
            ValueType::LangString
        }
    };
    if let Some(domain) = resolved.domain {
        let f = &domain.facets;
        let facets: Vec<String> = [
            ("pattern", f.pattern.clone()),
            ("minLength", f.min_length.map(|v| v.to_string())),
            ("maxLength", f.max_length.map(|v| v.to_string())),
            ("minInclusive", f.min_inclusive.clone()),
            ("maxInclusive", f.max_inclusive.clone()),
            ("minExclusive", f.min_exclusive.clone()),
            ("maxExclusive", f.max_exclusive.clone()),
            ("precision", f.precision.map(|v| v.to_string())),
            ("scale", f.scale.map(|v| v.to_string())),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name} {v}")))
        .collect();
        if !facets.is_empty() {
            notes.push(format!(
                "{shown} restricts {base} by {}; Protobuf cannot check these",
                facets.join(", ")
            ));
        }
    }
    Mapped { value, notes }
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
