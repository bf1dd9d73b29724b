//! How Upper's datatypes become GraphQL scalars: the built-in ones, the custom
//! scalars standing for XSD types GraphQL lacks, and domain datatypes.

use uda_upper::{Builtin, Datatype, Facets};

/// The GraphQL scalar a built-in datatype maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scalar {
    /// One of GraphQL's own scalars (`String`, `Int`, `Float`, `Boolean`).
    BuiltIn(&'static str),
    /// A custom scalar the schema declares.
    Custom(CustomScalar),
}

/// A custom scalar for a datatype GraphQL has no scalar for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CustomScalar {
    /// The name it wants (claimed like any other type name).
    pub name: &'static str,
    /// What its values are, for its description.
    pub about: &'static str,
}

/// XML Schema 1.1 Part 2, where the XSD datatypes are specified.
const XSD_SPEC: &str = "https://www.w3.org/TR/xmlschema11-2/";
/// RDF 1.1 Concepts, where language-tagged strings are specified.
const LANG_STRING_SPEC: &str = "https://www.w3.org/TR/rdf11-concepts/#dfn-language-tagged-string";

/// The scalar for a built-in datatype. GraphQL's `Int` is a signed 32-bit
/// integer, so only byte, short and int fit it; wider integers get scalars of
/// their own rather than overflowing at run time.
pub(crate) fn scalar(builtin: Builtin) -> Scalar {
    let custom = |name, about| Scalar::Custom(CustomScalar { name, about });
    match builtin {
        Builtin::String => Scalar::BuiltIn("String"),
        Builtin::Boolean => Scalar::BuiltIn("Boolean"),
        Builtin::Byte | Builtin::Short | Builtin::Int => Scalar::BuiltIn("Int"),
        Builtin::Float | Builtin::Double => Scalar::BuiltIn("Float"),
        Builtin::Long => custom("Long", "A signed 64-bit integer (xsd:long)."),
        Builtin::Integer => custom("BigInt", "An integer of any size (xsd:integer)."),
        Builtin::NonNegativeInteger => custom("NonNegativeBigInt", "A non-negative integer of any size (xsd:nonNegativeInteger)."),
        Builtin::Decimal => custom("Decimal", "An exact decimal number (xsd:decimal)."),
        Builtin::Date => custom("Date", "A calendar date, with an optional time zone (xsd:date), e.g. 2024-05-31."),
        Builtin::Time => custom("Time", "A time of day, with an optional time zone (xsd:time), e.g. 20:30:00."),
        Builtin::DateTime => custom("DateTime", "A date and time, with an optional time zone (xsd:dateTime), e.g. 2024-05-31T20:30:00Z."),
        Builtin::DateTimeStamp => custom("DateTimeStamp", "A date and time with a required time zone (xsd:dateTimeStamp), e.g. 2024-05-31T20:30:00+02:00."),
        Builtin::Duration => custom("Duration", "A duration (xsd:duration), e.g. PT1H30M."),
        Builtin::AnyUri => custom("URI", "A URI reference (xsd:anyURI)."),
        Builtin::Base64Binary => custom("Base64Binary", "Binary data, base64-encoded (xsd:base64Binary)."),
        Builtin::HexBinary => custom("HexBinary", "Binary data, hex-encoded (xsd:hexBinary)."),
        Builtin::LangString => custom("LangString", "A string tagged with its language (rdf:langString)."),
    }
}

/// How values of a custom scalar standing for `builtin` travel in JSON.
/// Numbers travel as strings: JSON parsers commonly read numbers as
/// doubles, which lose digits beyond 2^53.
fn serialization(builtin: Builtin) -> &'static str {
    match builtin {
        Builtin::LangString => {
            "Serialized as a JSON object {\"value\": String, \"language\": String}, the language a BCP 47 tag."
        }
        b if b.is_numeric() => "Serialized as a JSON string in its XSD lexical form, so no digit is lost.",
        _ => "Serialized as a JSON string in its XSD lexical form.",
    }
}

/// The URL of the specification of a built-in datatype's values, for `@specifiedBy`.
pub(crate) fn specified_by(builtin: Builtin) -> String {
    match builtin {
        Builtin::LangString => LANG_STRING_SPEC.to_owned(),
        _ => format!("{XSD_SPEC}#{}", uda_upper::local_name(builtin.iri())),
    }
}

/// The description of the custom scalar standing for `builtin`.
pub(crate) fn custom_description(builtin: Builtin, custom: CustomScalar) -> String {
    format!("{} {}", custom.about, serialization(builtin))
}

/// What a domain datatype's scalar says about its base and facets.
pub(crate) fn domain_description(datatype: &Datatype) -> String {
    let base = match scalar(datatype.base) {
        Scalar::BuiltIn(name) => format!("serialized as a GraphQL {name}"),
        Scalar::Custom(_) => serialization(datatype.base).trim_end_matches('.').replacen(
            "Serialized",
            "serialized",
            1,
        ),
    };
    let mut text = format!(
        "Restricts xsd:{} ({base})",
        uda_upper::local_name(datatype.base.iri())
    );
    let facets = facets(&datatype.facets);
    if !facets.is_empty() {
        text.push_str(": ");
        text.push_str(&facets.join("; "));
    }
    text.push('.');
    text
}

/// The facets in words, in a fixed order. GraphQL cannot enforce them: they
/// are stated for people and noted in the mappings.
pub(crate) fn facets(facets: &Facets) -> Vec<String> {
    let Facets {
        pattern,
        min_length,
        max_length,
        min_inclusive,
        max_inclusive,
        min_exclusive,
        max_exclusive,
        precision,
        scale,
    } = facets;
    [
        pattern.as_ref().map(|p| format!("matches the pattern {p}")),
        min_length.map(|n| format!("at least {n} characters")),
        max_length.map(|n| format!("at most {n} characters")),
        min_inclusive.as_ref().map(|v| format!("at least {v}")),
        min_exclusive.as_ref().map(|v| format!("greater than {v}")),
        max_inclusive.as_ref().map(|v| format!("at most {v}")),
        max_exclusive.as_ref().map(|v| format!("less than {v}")),
        precision.map(|n| format!("at most {}", digits(n))),
        scale.map(|n| format!("at most {} after the decimal point", digits(n))),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn digits(n: u32) -> String {
    if n == 1 {
        "1 digit".to_owned()
    } else {
        format!("{n} digits")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_32_bit_integers_are_int() {
        for b in [Builtin::Byte, Builtin::Short, Builtin::Int] {
            assert_eq!(scalar(b), Scalar::BuiltIn("Int"));
        }
        for (b, name) in [
            (Builtin::Long, "Long"),
            (Builtin::Integer, "BigInt"),
            (Builtin::NonNegativeInteger, "NonNegativeBigInt"),
        ] {
            assert!(
                matches!(scalar(b), Scalar::Custom(c) if c.name == name),
                "{b:?}"
            );
        }
    }

    #[test]
    fn custom_scalars_have_distinct_names_and_specifications() {
        let customs: Vec<(Builtin, CustomScalar)> = Builtin::ALL
            .into_iter()
            .filter_map(|b| match scalar(b) {
                Scalar::Custom(c) => Some((b, c)),
                Scalar::BuiltIn(_) => None,
            })
            .collect();
        let mut names: Vec<&str> = customs.iter().map(|(_, c)| c.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), customs.len());
        assert_eq!(
            specified_by(Builtin::Long),
            "https://www.w3.org/TR/xmlschema11-2/#long"
        );
        assert_eq!(
            specified_by(Builtin::AnyUri),
            "https://www.w3.org/TR/xmlschema11-2/#anyURI"
        );
        assert!(
            specified_by(Builtin::LangString).starts_with("https://www.w3.org/TR/rdf11-concepts/")
        );
    }

    #[test]
    fn facets_are_described() {
        let datatype = Datatype {
            iri: "https://example.org/x#Money".into(),
            text: Default::default(),
            base: Builtin::Decimal,
            facets: Facets {
                precision: Some(14),
                scale: Some(2),
                min_inclusive: Some("0".into()),
                ..Default::default()
            },
            location: uda_upper::Location::file_only("test.ttl".into()),
        };
        assert_eq!(
            domain_description(&datatype),
            "Restricts xsd:decimal (serialized as a JSON string in its XSD lexical form, so no digit is lost): \
             at least 0; at most 14 digits; at most 2 digits after the decimal point."
        );
    }
}
