//! Container scalar types to XSD datatypes (the table in the README).

use crate::model::Datatype;

/// The built-in datatype of Upper with this XSD local name.
pub(crate) fn xsd_local(local: &str) -> Option<&'static str> {
    const ALL: [&str; 19] = [
        "string",
        "boolean",
        "byte",
        "short",
        "int",
        "long",
        "integer",
        "nonNegativeInteger",
        "decimal",
        "float",
        "double",
        "date",
        "time",
        "dateTime",
        "dateTimeStamp",
        "duration",
        "anyURI",
        "base64Binary",
        "hexBinary",
    ];
    ALL.into_iter().find(|x| *x == local)
}

/// An SQL type as the DDL writes it (`NUMERIC(14,2)`, `TIMESTAMPTZ`, `VARCHAR(10)`).
pub(crate) fn sql(written: &str) -> Option<Datatype> {
    let upper = written.trim().to_ascii_uppercase();
    let (base, args) = match upper.split_once('(') {
        Some((b, rest)) => (b.trim().to_owned(), rest.trim_end_matches(')').to_owned()),
        None => (upper.clone(), String::new()),
    };
    let numbers: Vec<u32> = args
        .split(',')
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    let xsd = |l| Some(Datatype::Xsd(l));
    match base.as_str() {
        "TEXT" | "VARCHAR" | "CHARACTER VARYING" | "CHAR" | "CHARACTER" | "STRING" | "UUID"
        | "CLOB" | "JSON" | "JSONB" => xsd("string"),
        "BOOLEAN" | "BOOL" => xsd("boolean"),
        "TINYINT" => xsd("byte"),
        "SMALLINT" | "INT2" => xsd("short"),
        "INTEGER" | "INT" | "INT4" | "SERIAL" | "MEDIUMINT" => xsd("int"),
        "BIGINT" | "INT8" | "BIGSERIAL" => xsd("long"),
        "HUGEINT" => xsd("integer"),
        "REAL" | "FLOAT4" => xsd("float"),
        "DOUBLE PRECISION" | "DOUBLE" | "FLOAT8" | "FLOAT" => xsd("double"),
        "NUMERIC" | "DECIMAL" => match numbers.as_slice() {
            [p] => xsd(if *p >= 1000 { "integer" } else { "decimal" }),
            [precision, scale] => Some(Datatype::Decimal {
                precision: *precision,
                scale: *scale,
            }),
            _ => xsd("decimal"),
        },
        "DATE" => xsd("date"),
        "TIME" | "TIME WITHOUT TIME ZONE" | "TIMETZ" => xsd("time"),
        "TIMESTAMP" | "DATETIME" | "TIMESTAMP WITHOUT TIME ZONE" => xsd("dateTime"),
        "TIMESTAMPTZ" | "TIMESTAMP WITH TIME ZONE" => xsd("dateTimeStamp"),
        "INTERVAL" => xsd("duration"),
        "BYTEA" | "BLOB" | "BINARY" | "VARBINARY" => xsd("base64Binary"),
        _ => None,
    }
}

/// An Avro primitive type with its logical type.
pub(crate) fn avro(
    primitive: &str,
    logical: Option<&str>,
    precision: Option<u32>,
    scale: Option<u32>,
) -> Option<Datatype> {
    let xsd = |l| Some(Datatype::Xsd(l));
    match (logical, primitive) {
        (Some("date"), _) => xsd("date"),
        (Some("time-millis" | "time-micros"), _) => xsd("time"),
        (Some("timestamp-millis" | "timestamp-micros" | "timestamp-nanos"), _) => xsd("dateTime"),
        (
            Some("local-timestamp-millis" | "local-timestamp-micros" | "local-timestamp-nanos"),
            _,
        ) => xsd("dateTime"),
        (Some("duration"), _) => xsd("duration"),
        (Some("decimal"), _) => match (precision, scale) {
            (Some(p), Some(s)) => Some(Datatype::Decimal {
                precision: p,
                scale: s,
            }),
            (Some(p), None) => Some(Datatype::Decimal {
                precision: p,
                scale: 0,
            }),
            _ => xsd("decimal"),
        },
        (_, "string") => xsd("string"),
        (_, "boolean") => xsd("boolean"),
        (_, "int") => xsd("int"),
        (_, "long") => xsd("long"),
        (_, "float") => xsd("float"),
        (_, "double") => xsd("double"),
        (_, "bytes" | "fixed") => xsd("base64Binary"),
        _ => None,
    }
}
