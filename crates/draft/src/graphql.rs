//! Drafting from a GraphQL container representation (`ontologies/graphql.ttl`):
//! object and interface types become classes, enums enumerations, fields
//! properties; keys come from `@key` (`gql:key`) or the query type's lookup
//! fields; interfaces give the taxonomy back.

use crate::container::{iri, Container};
use crate::model::{Class, Datatype, Drafted, Enumeration, Kind, Prop, Range};
use crate::DraftError;
use oxrdf::NamedNode;
use std::collections::{BTreeMap, BTreeSet};
use uda_projection::Case;

const GQL: &str = "https://w3id.org/uda/graphql#";
const XSD_SPEC: &str = "https://www.w3.org/TR/xmlschema11-2/#";

fn gql(local: &str) -> NamedNode {
    iri(GQL, local)
}

/// A type as the container has it: the elements of that name (several when
/// the graph holds several subgraphs, each adding fields to an entity, as a
/// supergraph merges them).
struct Type {
    nodes: Vec<NamedNode>,
    name: String,
    interface: bool,
    implements: Vec<String>,
}

pub(crate) fn draft(c: &Container<'_>) -> Result<Drafted, DraftError> {
    let mut d = Drafted::default();
    // The root operation types of every schema the graph holds.
    let mut roots = BTreeSet::new();
    for schema in c.of_type(&gql("Schema")) {
        for p in ["queryType", "mutationType", "subscriptionType"] {
            roots.extend(c.nodes(&schema, &gql(p)));
        }
    }
    let mut types: BTreeMap<String, Type> = BTreeMap::new();
    for (class, interface) in [(gql("ObjectType"), false), (gql("InterfaceType"), true)] {
        for node in c.of_type(&class) {
            let name = c.name(&node)?;
            if roots.contains(&node) || name.starts_with('_') {
                continue;
            }
            if is_pagination(c, &node, &name)? {
                d.note(format!("{name}: a Relay pagination type, not drafted"));
                continue;
            }
            let implements: Vec<String> = c
                .nodes(&node, &gql("implements"))
                .iter()
                .map(|i| c.name(i))
                .collect::<Result<_, _>>()?;
            let t = types.entry(name.clone()).or_insert_with(|| Type {
                nodes: Vec::new(),
                name,
                interface,
                implements: Vec::new(),
            });
            t.nodes.push(node);
            t.interface |= interface;
            t.implements.extend(implements);
            t.implements.sort();
            t.implements.dedup();
        }
    }
    // An object type `XEntity` implementing interface `X` is the interface's
    // own instances (how uda projects a class with subclasses): one class.
    let merged: BTreeSet<String> = types
        .values()
        .filter(|t| !t.interface)
        .filter(|t| {
            t.name.strip_suffix("Entity").is_some_and(|base| {
                t.implements.iter().any(|i| i == base)
                    && types.get(base).is_some_and(|b| b.interface)
            })
        })
        .map(|t| t.name.clone())
        .collect();
    for name in &merged {
        d.note(format!(
            "{name}: the instances of interface {}, drafted as that one class",
            &name[..name.len() - 6]
        ));
        types.remove(name);
    }
    for node in c.of_type(&gql("EnumType")) {
        let name = c.name(&node)?;
        let mut values = Vec::new();
        for v in c.parts(&node, &gql("EnumValue")) {
            values.push(c.name(&v)?);
        }
        values.sort();
        let description = c.string(&node, &gql("description"));
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
    for (class, what) in [
        ("UnionType", "a union"),
        ("InputObjectType", "an input object type"),
    ] {
        for node in c.of_type(&gql(class)) {
            d.note(format!("{}: {what}, not drafted", c.name(&node)?));
        }
    }
    let scalars = scalars(c)?;
    let lookups = lookups(c, &roots)?;
    for t in types.values() {
        let parent = most_specific(&t.implements, &types);
        let inherited: BTreeSet<String> = match parent.as_ref().and_then(|p| types.get(p)) {
            Some(p) => fields_of(c, &p.nodes)?
                .into_iter()
                .map(|(n, _)| n)
                .collect(),
            None => BTreeSet::new(),
        };
        let mut props = Vec::new();
        for (name, field) in fields_of(c, &t.nodes)? {
            if inherited.contains(&name) {
                continue;
            }
            let Some(prop) = field_prop(c, &field, name.clone(), &types, &d, &scalars)? else {
                let written = c.string(&field, &gql("type")).unwrap_or_default();
                d.note(format!(
                    "{}.{name}: its type {written} is not drafted; left out",
                    t.name
                ));
                continue;
            };
            props.push(prop);
        }
        let key = if parent.is_some() {
            Vec::new()
        } else {
            key(c, t, &props, &lookups, &mut d)?
        };
        let kind = if key.is_empty() && parent.is_none() {
            Kind::Nested
        } else {
            Kind::Direct
        };
        let description = t
            .nodes
            .iter()
            .find_map(|n| c.string(n, &gql("description")));
        d.classes.insert(
            t.name.clone(),
            Class {
                name: t.name.clone(),
                kind,
                description,
                props,
                key,
                parent,
            },
        );
    }
    Ok(d)
}

/// Relay's `XConnection`, `XEdge` and `PageInfo`, recognized by their fields.
fn is_pagination(c: &Container<'_>, node: &NamedNode, name: &str) -> Result<bool, DraftError> {
    let fields: BTreeSet<String> = fields(c, node)?.into_iter().map(|(n, _)| n).collect();
    let has = |names: &[&str]| names.iter().all(|n| fields.contains(*n));
    Ok(
        (name.ends_with("Connection") && has(&["edges", "pageInfo"]))
            || (name.ends_with("Edge") && has(&["node", "cursor"]))
            || (name == "PageInfo" && has(&["hasNextPage"])),
    )
}

fn fields(c: &Container<'_>, node: &NamedNode) -> Result<Vec<(String, NamedNode)>, DraftError> {
    c.parts(node, &gql("Field"))
        .into_iter()
        .map(|f| Ok((c.name(&f)?, f)))
        .collect()
}

/// The fields of a type's elements, by name, the first element's where
/// several have one.
fn fields_of(
    c: &Container<'_>,
    nodes: &[NamedNode],
) -> Result<Vec<(String, NamedNode)>, DraftError> {
    let mut all = BTreeMap::new();
    for node in nodes {
        for (name, field) in fields(c, node)? {
            all.entry(name).or_insert(field);
        }
    }
    Ok(all.into_iter().collect())
}

/// The implemented interface no other implemented one extends.
fn most_specific(implements: &[String], types: &BTreeMap<String, Type>) -> Option<String> {
    let known: Vec<&Type> = implements
        .iter()
        .filter_map(|i| types.get(i))
        .filter(|t| t.interface)
        .collect();
    known
        .iter()
        .find(|i| !known.iter().any(|j| j.implements.contains(&i.name)))
        .map(|t| t.name.clone())
}

/// Custom scalars: by `@specifiedBy` when it names an XSD datatype, by name otherwise.
fn scalars(c: &Container<'_>) -> Result<BTreeMap<String, Datatype>, DraftError> {
    let mut all = BTreeMap::new();
    for node in c.of_type(&gql("ScalarType")) {
        let name = c.name(&node)?;
        let by_spec = c
            .string(&node, &gql("specifiedBy"))
            .and_then(|s| s.strip_prefix(XSD_SPEC).and_then(crate::types::xsd_local));
        let datatype = match (by_spec, scalar_by_name(&name)) {
            (_, Some(local)) => Datatype::Xsd(local),
            // A scalar of its own name over an XSD datatype: a domain datatype.
            (Some(base), None) => Datatype::Named {
                name: name.clone(),
                base,
            },
            (None, None) => Datatype::Named {
                name: name.clone(),
                base: "string",
            },
        };
        all.insert(name, datatype);
    }
    Ok(all)
}

fn scalar_by_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "Long" | "BigInt64" | "Int64" => "long",
        "BigInt" => "integer",
        "NonNegativeBigInt" => "nonNegativeInteger",
        "Decimal" | "BigDecimal" => "decimal",
        "Date" => "date",
        "Time" | "LocalTime" => "time",
        "DateTime" | "Timestamp" => "dateTime",
        "DateTimeStamp" => "dateTimeStamp",
        "Duration" => "duration",
        "URI" | "URL" | "Url" | "Uri" => "anyURI",
        "Base64Binary" => "base64Binary",
        "HexBinary" => "hexBinary",
        "LangString" => "langString",
        _ => return None,
    })
}

/// What a field becomes: its named type, list-ness and nullability read
/// from `gql:type` (`[Genre!]!`).
fn field_prop(
    c: &Container<'_>,
    field: &NamedNode,
    name: String,
    types: &BTreeMap<String, Type>,
    d: &Drafted,
    scalars: &BTreeMap<String, Datatype>,
) -> Result<Option<Prop>, DraftError> {
    let written = c.string(field, &gql("type")).unwrap_or_default();
    let required = written.ends_with('!');
    let many = written.starts_with('[');
    let inner = written.trim_matches(|ch| matches!(ch, '[' | ']' | '!' | ' '));
    let range = match inner {
        "String" | "ID" => Range::Datatype(Datatype::Xsd("string")),
        "Int" => Range::Datatype(Datatype::Xsd("int")),
        "Float" => Range::Datatype(Datatype::Xsd("double")),
        "Boolean" => Range::Datatype(Datatype::Xsd("boolean")),
        other if types.contains_key(other) || d.enums.contains_key(other) => {
            Range::Class(other.to_owned())
        }
        other if other.ends_with("Entity") && types.contains_key(&other[..other.len() - 6]) => {
            Range::Class(other[..other.len() - 6].to_owned())
        }
        other => match scalars.get(other) {
            Some(dt) => Range::Datatype(dt.clone()),
            None => return Ok(None),
        },
    };
    Ok(Some(Prop {
        name,
        range,
        // A list is `[X!]!` whether it may be empty or not: its least count is unknown.
        required: required && !many,
        many,
        description: c.string(field, &gql("description")),
    }))
}

/// The query type's lookup fields (one non-list value of an entity, by
/// arguments): type name → argument names, by IRI.
fn lookups(
    c: &Container<'_>,
    roots: &BTreeSet<NamedNode>,
) -> Result<BTreeMap<String, Vec<String>>, DraftError> {
    let mut all = BTreeMap::new();
    for root in roots {
        for (_, field) in fields(c, root)? {
            let written = c.string(&field, &gql("type")).unwrap_or_default();
            let args = c.parts(&field, &gql("Argument"));
            if written.starts_with('[') || written.ends_with('!') || args.is_empty() {
                continue;
            }
            let names = args
                .iter()
                .map(|a| c.name(a))
                .collect::<Result<Vec<_>, _>>()?;
            all.entry(written).or_insert(names);
        }
    }
    Ok(all)
}

/// The key: `@key(fields: ...)` when the type has one, else the arguments of
/// its lookup field, each an own field or the key of a related one, else a
/// non-null field named like an id.
fn key(
    c: &Container<'_>,
    t: &Type,
    props: &[Prop],
    lookups: &BTreeMap<String, Vec<String>>,
    d: &mut Drafted,
) -> Result<Vec<String>, DraftError> {
    let has = |n: &str| props.iter().any(|p| p.name == n);
    if let Some(fields) = t.nodes.iter().find_map(|n| c.string(n, &gql("key"))) {
        if fields.contains('{') {
            d.note(format!("{}: @key(fields: \"{fields}\") selects nested fields; keyed by its top-level fields", t.name));
        }
        let mut depth = 0usize;
        let mut key = Vec::new();
        for token in fields
            .replace('{', " { ")
            .replace('}', " } ")
            .split_whitespace()
        {
            match token {
                "{" => depth += 1,
                "}" => depth = depth.saturating_sub(1),
                f if depth == 0 && has(f) && !key.iter().any(|k| k == f) => key.push(f.to_owned()),
                _ => {}
            }
        }
        return Ok(key);
    }
    let Some(args) = lookups.get(&t.name) else {
        // Without a key or a lookup, a non-null `id` (Relay's `Node`) keys
        // the type: left nested, a large schema's types would embed each
        // other past what a model may unfold (U067).
        let Some(id) = crate::model::id_like(&t.name, props) else {
            return Ok(Vec::new());
        };
        d.note(format!(
            "{}: no @key and no lookup field; keyed by its field {}",
            t.name, id.name
        ));
        return Ok(vec![id.name.clone()]);
    };
    let mut key: Vec<String> = Vec::new();
    for arg in args {
        let field = if has(arg) {
            Some(arg.clone())
        } else {
            props
                .iter()
                .filter(|p| matches!(p.range, Range::Class(_)) && arg.starts_with(&p.name))
                .map(|p| p.name.clone())
                .max_by_key(String::len)
        };
        match field {
            Some(f) if !key.contains(&f) => key.push(f),
            Some(_) => {}
            None => {
                d.note(format!(
                    "{}: lookup argument {arg} is not one of its fields; not keyed",
                    t.name
                ));
                return Ok(Vec::new());
            }
        }
    }
    d.note(format!(
        "{}: keyed by the arguments of its query lookup field (their order is not recorded)",
        t.name
    ));
    Ok(key)
}
