//! Drafting from an Avro container representation (`ontologies/avro.ttl`):
//! records become classes, enums enumerations, fields properties. Avro has
//! no keys: `avro:keyField` (uda's own `uda.key`) gives one, else a field
//! named `id` or `{record}Id`; reference records stand for relationships.

use crate::container::{iri, Container};
use crate::model::{Class, Datatype, Drafted, Enumeration, Kind, Prop, Range};
use crate::DraftError;
use oxrdf::NamedNode;
use std::collections::BTreeMap;
use uda_projection::Case;

const AVRO: &str = "https://w3id.org/uda/avro#";

fn avro(local: &str) -> NamedNode {
    iri(AVRO, local)
}

/// The parts of `node` of `class`, by `avro:position`.
fn ordered(c: &Container<'_>, node: &NamedNode, class: &str) -> Vec<NamedNode> {
    let mut parts = c.parts(node, &avro(class));
    parts.sort_by_key(|p| c.integer(p, &avro("position")).unwrap_or(i64::MAX));
    parts
}

pub(crate) fn draft(c: &Container<'_>) -> Result<Drafted, DraftError> {
    let mut d = Drafted::default();
    // What each named type stands for in a field: a class or enumeration by
    // name, or a datatype.
    let mut named: BTreeMap<NamedNode, Range> = BTreeMap::new();
    for node in c.of_type(&avro("Enum")) {
        let name = c.name(&node)?;
        let values = ordered(c, &node, "Symbol")
            .iter()
            .map(|s| c.name(s))
            .collect::<Result<_, _>>()?;
        named.insert(node.clone(), Range::Class(name.clone()));
        let description = c.string(&node, &avro("doc"));
        d.enums.insert(
            name.clone(),
            Enumeration {
                name,
                description,
                values,
                value_case: Case::ScreamingSnake,
            },
        );
    }
    for node in c.of_type(&avro("Fixed")) {
        let precision = c
            .integer(&node, &avro("precision"))
            .and_then(|p| u32::try_from(p).ok());
        let scale = c
            .integer(&node, &avro("scale"))
            .and_then(|p| u32::try_from(p).ok());
        let logical = c.string(&node, &avro("logicalType"));
        let dt = crate::types::avro("fixed", logical.as_deref(), precision, scale)
            .unwrap_or(Datatype::Xsd("base64Binary"));
        named.insert(node, Range::Datatype(dt));
    }
    let kind_of = |node: &NamedNode| {
        c.node(node, &avro("recordKind"))
            .map(|k| k.as_str().trim_start_matches(AVRO).to_owned())
    };
    let records = c.of_type(&avro("Record"));
    for node in &records {
        let name = c.name(node)?;
        let range = match kind_of(node).as_deref() {
            Some("ReferenceRecord") => {
                Range::Class(name.strip_suffix("Ref").unwrap_or(&name).to_owned())
            }
            Some("ValueRecord") if name == "LangString" => {
                Range::Datatype(Datatype::Xsd("langString"))
            }
            _ => Range::Class(name.clone()),
        };
        named.insert(node.clone(), range);
    }
    // The record realizing each class, by the `uda.iri` uda writes, so that
    // an extension record's fields (`uda.extends`) go to the record it extends.
    let mut by_iri = BTreeMap::new();
    for node in &records {
        if let Some(iri) = custom(c, node, "uda.iri") {
            by_iri.entry(iri).or_insert(c.name(node)?);
        }
    }
    let mut extensions = Vec::new();
    for node in &records {
        let name = c.name(node)?;
        match kind_of(node).as_deref() {
            Some("ReferenceRecord") | Some("ValueRecord") => continue,
            Some("ExtensionRecord") => {
                let keys: Vec<String> = c
                    .nodes(node, &avro("keyField"))
                    .iter()
                    .map(|k| c.name(k))
                    .collect::<Result<_, _>>()?;
                match custom(c, node, "uda.extends").and_then(|iri| by_iri.get(&iri)) {
                    Some(extended) => {
                        d.note(format!(
                            "{name}: adds fields to {extended}; drafted as its properties"
                        ));
                        let mut props = record_props(c, node, &name, &named, &mut d)?;
                        props.retain(|p| !keys.contains(&p.name));
                        extensions.push((extended.clone(), props));
                    }
                    None => d.note(format!(
                        "{name}: adds fields to a record the container does not hold; not drafted"
                    )),
                }
                continue;
            }
            _ => {}
        }
        if d.classes.contains_key(&name) {
            d.note(format!(
                "{name}: a second record of this name (another namespace); not drafted"
            ));
            continue;
        }
        let props = record_props(c, node, &name, &named, &mut d)?;
        let mut key: Vec<String> = Vec::new();
        for k in c.nodes(node, &avro("keyField")) {
            key.push(c.name(&k)?);
        }
        key.sort_by_key(|k| props.iter().position(|p| &p.name == k));
        if key.is_empty() {
            if let Some(p) = crate::model::id_like(&name, &props) {
                d.note(format!(
                    "{name}: Avro records have no keys; keyed by its field {}",
                    p.name
                ));
                key.push(p.name.clone());
            } else {
                d.note(format!("{name}: Avro records have no keys and no field is named like an id; drafted as a nested class"));
            }
        }
        let kind = if key.is_empty() {
            Kind::Nested
        } else {
            Kind::Direct
        };
        let description = c.string(node, &avro("doc"));
        d.classes.insert(
            name.clone(),
            Class {
                name,
                kind,
                description,
                props,
                key,
                parent: None,
            },
        );
    }
    for (extended, props) in extensions {
        if let Some(class) = d.classes.get_mut(&extended) {
            for p in props {
                if !class.props.iter().any(|q| q.name == p.name) {
                    class.props.push(p);
                }
            }
        }
    }
    Ok(d)
}

/// The properties of a record's fields, in order.
fn record_props(
    c: &Container<'_>,
    node: &NamedNode,
    name: &str,
    named: &BTreeMap<NamedNode, Range>,
    d: &mut Drafted,
) -> Result<Vec<Prop>, DraftError> {
    let mut props = Vec::new();
    for field in ordered(c, node, "Field") {
        let field_name = c.name(&field)?;
        match field_prop(c, &field, field_name.clone(), named) {
            Some(p) => props.push(p),
            None => d.note(format!(
                "{name}.{field_name}: its type {} has no Upper counterpart; not drafted",
                c.string(&field, &avro("type")).unwrap_or_default()
            )),
        }
    }
    Ok(props)
}

/// A string value of the element's custom attributes (`avro:customAttributes`,
/// one JSON object), e.g. `uda.iri`.
fn custom(c: &Container<'_>, node: &NamedNode, key: &str) -> Option<String> {
    let tokens = quoted(&c.string(node, &avro("customAttributes"))?);
    let at = tokens.iter().position(|t| t == key)?;
    tokens.get(at + 1).cloned()
}

/// A field's property, read from its compact JSON type: a union with
/// `"null"` is optional, an array many-valued.
fn field_prop(
    c: &Container<'_>,
    field: &NamedNode,
    name: String,
    named: &BTreeMap<NamedNode, Range>,
) -> Option<Prop> {
    let written = c.string(field, &avro("type")).unwrap_or_default();
    let tokens = quoted(&written);
    let nullable = tokens.iter().any(|t| t == "null");
    let many = tokens.iter().any(|t| t == "array");
    let range = match c
        .node(field, &avro("namedType"))
        .and_then(|n| named.get(&n))
    {
        Some(r) => r.clone(),
        None => {
            let logical = c.string(field, &avro("logicalType"));
            let primitive = tokens.iter().find(|t| {
                matches!(
                    t.as_str(),
                    "string" | "boolean" | "int" | "long" | "float" | "double" | "bytes"
                )
            })?;
            let number = |key: &str| {
                let at = written.find(&format!("\"{key}\":"))? + key.len() + 3;
                let digits: String = written[at..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                digits.parse().ok()
            };
            Range::Datatype(crate::types::avro(
                primitive,
                logical.as_deref(),
                number("precision"),
                number("scale"),
            )?)
        }
    };
    if tokens.iter().any(|t| t == "map") {
        return None;
    }
    Some(Prop {
        name,
        range,
        required: !nullable && !many,
        many,
        description: c.string(field, &avro("doc")),
    })
}

/// The quoted strings of a compact JSON text (Avro type names and keys).
fn quoted(json: &str) -> Vec<String> {
    let mut all = Vec::new();
    let mut chars = json.chars();
    while let Some(ch) = chars.next() {
        if ch == '"' {
            let mut s = String::new();
            while let Some(ch) = chars.next() {
                match ch {
                    '\\' => {
                        chars.next();
                    }
                    '"' => break,
                    other => s.push(other),
                }
            }
            all.push(s);
        }
    }
    all
}
