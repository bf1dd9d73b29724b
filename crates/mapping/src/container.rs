//! What the checks need to know of a container element, read from its
//! container representation by the vocabularies' IRIs (`sql.ttl`,
//! `graphql.ttl`, `avro.ttl`): its kind, the value type of a field, whether
//! it is nullable or a list, and the fields of a data asset's key.

use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use std::collections::BTreeSet;
use uda_projection::MAP_NS;

const SQL: &str = "https://w3id.org/uda/sql#";
const GQL: &str = "https://w3id.org/uda/graphql#";
const AVRO: &str = "https://w3id.org/uda/avro#";

/// The container system whose type names a field's type is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    Sql,
    GraphQl,
    Avro,
}

impl System {
    /// The system a target name (`sql-postgres`, `graphql-federation`,
    /// `avro`…) writes its containers in; `None` for one that is not a
    /// container to map to (`shacl`) or unknown.
    pub fn for_target(target: &str) -> Option<System> {
        match target {
            "avro" => Some(System::Avro),
            t if t.starts_with("sql-") => Some(System::Sql),
            t if t == "graphql" || t.starts_with("graphql-") => Some(System::GraphQl),
            _ => None,
        }
    }
}

/// What a container element is, as far as mappings are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A table, record, object or interface type.
    Asset,
    /// A column or a field.
    Field,
    /// An enum symbol, an enum type's label, a value a CHECK admits.
    Symbol,
    /// Anything else the container holds (a key, a schema, a constraint).
    Other,
    /// Not in the container at all.
    Missing,
}

/// A field's value type, in the categories the datatype matrix is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Category {
    Text,
    Bool,
    /// An integer of this many bits.
    Int(u16),
    Decimal,
    /// A binary floating point number of this many bits.
    Float(u16),
    Date,
    Time,
    Timestamp,
    Interval,
    Binary,
    Json,
    /// A type the matrix does not know (a user-defined type, a custom
    /// scalar, a named record): not judged.
    Unknown,
}

/// A field's type: its category, whether it holds several values, whether it may be null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FieldType {
    pub category: Category,
    pub list: bool,
    pub nullable: bool,
}

pub(crate) struct Container<'a> {
    graph: &'a Graph,
    system: System,
}

impl<'a> Container<'a> {
    pub fn new(graph: &'a Graph, system: System) -> Self {
        Container { graph, system }
    }

    fn iri(ns: &str, local: &str) -> String {
        format!("{ns}{local}")
    }

    fn string(&self, node: &str, ns: &str, local: &str) -> Option<&'a str> {
        let p = Self::iri(ns, local);
        self.graph
            .object_for_subject_predicate(
                NamedNodeRef::new_unchecked(node),
                NamedNodeRef::new_unchecked(&p),
            )
            .and_then(|o| match o {
                TermRef::Literal(l) => Some(l.value()),
                _ => None,
            })
    }

    fn types(&self, node: &str) -> Vec<&'a str> {
        self.graph
            .objects_for_subject_predicate(NamedNodeRef::new_unchecked(node), rdf::TYPE)
            .filter_map(|o| match o {
                TermRef::NamedNode(n) => Some(n.as_str()),
                _ => None,
            })
            .collect()
    }

    pub fn kind(&self, node: &str) -> Kind {
        if NamedNodeRef::new(node).is_err() {
            return Kind::Missing;
        }
        let types = self.types(node);
        let is = |ns: &str, local: &str| types.contains(&Self::iri(ns, local).as_str());
        if types.is_empty() {
            Kind::Missing
        } else if is(SQL, "Table")
            || is(AVRO, "Record")
            || is(GQL, "ObjectType")
            || is(GQL, "InterfaceType")
        {
            Kind::Asset
        } else if is(SQL, "Column") || is(AVRO, "Field") || is(GQL, "Field") {
            Kind::Field
        } else if is(AVRO, "Symbol")
            || is(GQL, "EnumValue")
            || is(SQL, "EnumLabel")
            || is(SQL, "AllowedValue")
        {
            Kind::Symbol
        } else {
            Kind::Other
        }
    }

    /// The element `node` is `map:partOf`.
    pub fn part_of(&self, node: &str) -> Option<&'a str> {
        let p = Self::iri(MAP_NS, "partOf");
        match self.graph.object_for_subject_predicate(
            NamedNodeRef::new_unchecked(node),
            NamedNodeRef::new_unchecked(&p),
        )? {
            TermRef::NamedNode(n) => Some(n.as_str()),
            _ => None,
        }
    }

    /// The name `node` has in the container (`map:name`).
    pub fn name(&self, node: &str) -> Option<&'a str> {
        self.string(node, MAP_NS, "name")
    }

    /// Every data asset (table, record, object or interface type), sorted.
    pub fn assets(&self) -> Vec<&'a str> {
        let mut assets: Vec<&str> = self
            .graph
            .triples_for_predicate(rdf::TYPE)
            .filter_map(|t| match t.subject {
                NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str()),
                NamedOrBlankNodeRef::BlankNode(_) => None,
            })
            .filter(|n| self.kind(n) == Kind::Asset)
            .collect();
        assets.sort_unstable();
        assets.dedup();
        assets
    }

    /// The fields (columns) of the data asset `asset`, sorted.
    pub fn fields(&self, asset: &str) -> Vec<&'a str> {
        self.parts(asset)
            .into_iter()
            .filter(|f| self.kind(f) == Kind::Field)
            .collect()
    }

    /// The elements `map:partOf` `node`, sorted.
    fn parts(&self, node: &str) -> Vec<&'a str> {
        let p = Self::iri(MAP_NS, "partOf");
        let mut parts: Vec<&str> = self
            .graph
            .subjects_for_predicate_object(
                NamedNodeRef::new_unchecked(&p),
                NamedNodeRef::new_unchecked(node),
            )
            .filter_map(|s| match s {
                NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str()),
                NamedOrBlankNodeRef::BlankNode(_) => None,
            })
            .collect();
        parts.sort_unstable();
        parts
    }

    /// The type of the field `node`; `None` when it has none written.
    pub fn field_type(&self, node: &str) -> Option<FieldType> {
        match self.system {
            System::Sql => {
                let written = self.string(node, SQL, "dataType")?;
                let not_null = self.string(node, SQL, "notNull") == Some("true");
                Some(sql_type(written, !not_null))
            }
            System::GraphQl => Some(graphql_type(self.string(node, GQL, "type")?)),
            System::Avro => Some(avro_type(
                self.string(node, AVRO, "type")?,
                self.string(node, AVRO, "logicalType"),
            )),
        }
    }

    /// The fields of the data asset `asset`'s key: its primary key's
    /// columns, the fields its `gql:key` names, its `avro:keyField`s.
    pub fn key_fields(&self, asset: &str) -> BTreeSet<&'a str> {
        let a = NamedNodeRef::new_unchecked(asset);
        match self.system {
            System::Sql => {
                let pk = Self::iri(SQL, "PrimaryKey");
                let column = Self::iri(SQL, "column");
                self.parts(asset)
                    .into_iter()
                    .filter(|c| self.types(c).contains(&pk.as_str()))
                    .flat_map(|c| self.parts(c))
                    .filter_map(|part| {
                        match self.graph.object_for_subject_predicate(
                            NamedNodeRef::new_unchecked(part),
                            NamedNodeRef::new_unchecked(&column),
                        )? {
                            TermRef::NamedNode(n) => Some(n.as_str()),
                            _ => None,
                        }
                    })
                    .collect()
            }
            System::GraphQl => {
                // Top-level names of the field sets only: `{ ... }` selects
                // inside a field already named.
                let mut depth = 0usize;
                let mut names = BTreeSet::new();
                for token in self
                    .graphql_key_field_sets(asset)
                    .join(" ")
                    .replace('{', " { ")
                    .replace('}', " } ")
                    .split_whitespace()
                {
                    match token {
                        "{" => depth += 1,
                        "}" => depth = depth.saturating_sub(1),
                        name if depth == 0 => {
                            names.insert(name.to_owned());
                        }
                        _ => {}
                    }
                }
                self.parts(asset)
                    .into_iter()
                    .filter(|f| {
                        self.string(f, MAP_NS, "name")
                            .is_some_and(|n| names.contains(n))
                    })
                    .collect()
            }
            System::Avro => {
                let p = Self::iri(AVRO, "keyField");
                self.graph
                    .objects_for_subject_predicate(a, NamedNodeRef::new_unchecked(&p))
                    .filter_map(|o| match o {
                        TermRef::NamedNode(n) => Some(n.as_str()),
                        _ => None,
                    })
                    .collect()
            }
        }
    }
}

impl<'a> Container<'a> {
    /// The field sets of a GraphQL type's keys: its `gql:key` (a
    /// Federation subgraph), or the `fields` argument of every `@key`
    /// directive applied to it (a schema that does not link Federation,
    /// whose `@key` is recorded as any directive: its value as written,
    /// a quoted string).
    fn graphql_key_field_sets(&self, asset: &str) -> Vec<String> {
        if let Some(key) = self.string(asset, GQL, "key") {
            return vec![key.to_owned()];
        }
        self.parts(asset)
            .into_iter()
            .filter(|d| self.string(d, GQL, "directive") == Some("key"))
            .flat_map(|d| self.parts(d))
            .filter(|a| self.string(a, MAP_NS, "name") == Some("fields"))
            .filter_map(|a| self.string(a, GQL, "value"))
            .map(|v| v.trim_matches('"').to_owned())
            .collect()
    }
}

/// A SQL type as the DDL writes it: `VARCHAR(20)`, `NUMERIC(14,2)`, `TEXT[]`.
fn sql_type(written: &str, nullable: bool) -> FieldType {
    let upper = written.trim().to_ascii_uppercase();
    let list = upper.ends_with(']') || upper.ends_with(" ARRAY");
    let base = upper
        .split(['(', '['])
        .next()
        .unwrap_or("")
        .trim_end_matches(" ARRAY")
        .trim();
    let category = match base {
        "TEXT" | "VARCHAR" | "CHAR" | "CHARACTER" | "CHARACTER VARYING" | "NVARCHAR" | "NCHAR"
        | "STRING" | "CLOB" | "UUID" | "CITEXT" => Category::Text,
        "BOOLEAN" | "BOOL" => Category::Bool,
        "TINYINT" | "INT1" => Category::Int(8),
        "SMALLINT" | "INT2" => Category::Int(16),
        "INTEGER" | "INT" | "INT4" | "MEDIUMINT" => Category::Int(32),
        "BIGINT" | "INT8" => Category::Int(64),
        "HUGEINT" => Category::Int(128),
        "NUMERIC" | "DECIMAL" => Category::Decimal,
        "REAL" | "FLOAT4" => Category::Float(32),
        "DOUBLE PRECISION" | "DOUBLE" | "FLOAT8" | "FLOAT" => Category::Float(64),
        "DATE" => Category::Date,
        "TIME" | "TIME WITH TIME ZONE" | "TIME WITHOUT TIME ZONE" | "TIMETZ" => Category::Time,
        "TIMESTAMP"
        | "TIMESTAMPTZ"
        | "TIMESTAMP WITH TIME ZONE"
        | "TIMESTAMP WITHOUT TIME ZONE"
        | "DATETIME" => Category::Timestamp,
        "INTERVAL" => Category::Interval,
        "BYTEA" | "BLOB" | "BINARY" | "VARBINARY" => Category::Binary,
        "JSON" | "JSONB" => Category::Json,
        _ => Category::Unknown,
    };
    FieldType {
        category,
        list,
        nullable,
    }
}

/// A GraphQL type reference as SDL writes it: `Int!`, `[Genre!]!`.
fn graphql_type(written: &str) -> FieldType {
    let written = written.trim();
    let named = written.trim_matches(['[', ']', '!', ' ']);
    let category = match named {
        "String" | "ID" => Category::Text,
        "Boolean" => Category::Bool,
        "Int" => Category::Int(32),
        "Float" => Category::Float(64),
        _ => Category::Unknown,
    };
    FieldType {
        category,
        list: written.starts_with('['),
        nullable: !written.ends_with('!'),
    }
}

/// An Avro type as compact JSON (`"long"`, `["null","string"]`,
/// `{"type":"array",...}`), with its logical type.
fn avro_type(written: &str, logical: Option<&str>) -> FieldType {
    let written = written.trim();
    let nullable = written.starts_with('[') && written.contains("\"null\"");
    let list = written.contains("\"array\"");
    let primitive = |name: &str| written.contains(&format!("\"{name}\""));
    let category = match logical {
        Some("date") => Category::Date,
        Some("time-millis" | "time-micros") => Category::Time,
        Some(l) if l.starts_with("timestamp-") || l.starts_with("local-timestamp-") => {
            Category::Timestamp
        }
        Some("decimal") => Category::Decimal,
        Some("uuid") => Category::Text,
        Some("duration") => Category::Interval,
        _ if list || written.contains('{') => Category::Unknown,
        _ if primitive("string") => Category::Text,
        _ if primitive("boolean") => Category::Bool,
        _ if primitive("int") => Category::Int(32),
        _ if primitive("long") => Category::Int(64),
        _ if primitive("float") => Category::Float(32),
        _ if primitive("double") => Category::Float(64),
        _ if primitive("bytes") => Category::Binary,
        _ => Category::Unknown,
    };
    FieldType {
        category,
        list,
        nullable,
    }
}
