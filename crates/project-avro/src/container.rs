//! Writing Avro elements into a container representation, shared by the
//! projection and the import so that both describe a field, a named type's
//! custom attributes or a logical type with the very same triples: that is
//! what lets importing a projection's files give back the graph it recorded.

use crate::vocab;
use apache_avro::schema::{DecimalSchema, InnerDecimalSchema, UuidSchema};
use apache_avro::Schema;
use oxrdf::vocab::xsd;
use oxrdf::{Literal, NamedNode};
use serde_json::Value;
use std::collections::BTreeMap;
use uda_projection::Recorder;

/// What a field element says, beyond its name.
pub struct FieldFacts<'f> {
    pub name: &'f str,
    pub position: usize,
    /// The field's type as compact JSON, named types by full name.
    pub type_text: &'f str,
    pub default: Option<&'f Value>,
    pub doc: Option<&'f str>,
    pub schema: &'f Schema,
    pub aliases: &'f [String],
    pub order: Option<&'f str>,
    /// Custom attributes (not `order`).
    pub attributes: &'f BTreeMap<String, Value>,
}

/// Records the element of a field of `record`, whose values are of the
/// named types `named`.
pub fn field<'n>(
    recorder: &mut Recorder,
    record: &NamedNode,
    facts: &FieldFacts<'_>,
    named: impl IntoIterator<Item = &'n NamedNode>,
) -> NamedNode {
    let element = recorder.element(record, vocab::FIELD, facts.name);
    recorder.literal(&element, vocab::POSITION, position_literal(facts.position));
    recorder.string(&element, vocab::TYPE, facts.type_text);
    if let Some(default) = facts.default {
        recorder.string(&element, vocab::DEFAULT, &default.to_string());
    }
    if let Some(doc) = facts.doc {
        recorder.string(&element, vocab::DOC, doc);
    }
    if let Some(logical) = logical_type(facts.schema) {
        recorder.string(&element, vocab::LOGICAL_TYPE, logical);
    }
    for target in named {
        recorder.link(&element, vocab::NAMED_TYPE, target);
    }
    for alias in facts.aliases {
        recorder.string(&element, vocab::ALIAS, alias);
    }
    if let Some(order) = facts.order {
        recorder.string(&element, vocab::ORDER, order);
    }
    attributes(recorder, &element, facts.attributes);
    element
}

/// Records the custom attributes of an element as one compact JSON object,
/// keys sorted (the map is ordered), when it has any.
pub fn attributes(recorder: &mut Recorder, element: &NamedNode, map: &BTreeMap<String, Value>) {
    if map.is_empty() {
        return;
    }
    let object: serde_json::Map<String, Value> =
        map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    recorder.string(
        element,
        vocab::CUSTOM_ATTRIBUTES,
        &Value::Object(object).to_string(),
    );
}

/// The 0-based position of a field or symbol, as `xsd:int`.
pub fn position_literal(position: usize) -> Literal {
    Literal::from(i32::try_from(position).unwrap_or(i32::MAX))
}

/// A count (a fixed's size, a decimal's precision), as `xsd:nonNegativeInteger`.
pub fn count_literal(count: usize) -> Literal {
    Literal::new_typed_literal(count.to_string(), xsd::NON_NEGATIVE_INTEGER)
}

/// The logical type of the values of a field, if they have one: of its type,
/// of an array's items or a map's values, or of the first union branch that
/// has one. A logical type over a named fixed belongs to the fixed (its
/// element says it), not to the fields that use it.
pub fn logical_type(schema: &Schema) -> Option<&'static str> {
    Some(match schema {
        Schema::Date => "date",
        Schema::TimeMillis => "time-millis",
        Schema::TimeMicros => "time-micros",
        Schema::TimestampMillis => "timestamp-millis",
        Schema::TimestampMicros => "timestamp-micros",
        Schema::TimestampNanos => "timestamp-nanos",
        Schema::LocalTimestampMillis => "local-timestamp-millis",
        Schema::LocalTimestampMicros => "local-timestamp-micros",
        Schema::LocalTimestampNanos => "local-timestamp-nanos",
        Schema::BigDecimal => "big-decimal",
        Schema::Decimal(DecimalSchema {
            inner: InnerDecimalSchema::Bytes,
            ..
        }) => "decimal",
        Schema::Uuid(UuidSchema::String | UuidSchema::Bytes) => "uuid",
        Schema::Array(array) => return logical_type(&array.items),
        Schema::Map(map) => return logical_type(&map.types),
        Schema::Union(union) => return union.variants().iter().find_map(logical_type),
        _ => return None,
    })
}
