//! The import's first pass over the JSON of the sources: every named type
//! definition, wherever it is written (a file's top level, an element of a
//! JSON array, inline in a field, an array, a map or a union, in any file),
//! lifted out to stand alone, its nested definitions and its references
//! replaced by full names; every reference checked against the definitions;
//! every place kept as a source and a JSON Pointer, for messages.
//!
//! Hand-written because apache-avro has no public way to do it, and its
//! `Schema::parse_list` cannot do it for us: it takes named top-level
//! schemas only; it resolves a reference to a type defined inline in another
//! file only if it happened to parse that file first, in the order of a
//! `HashMap`, so the outcome changes from run to run; it stops at the first
//! error without saying where; and it keeps the last of two different
//! definitions of one name without a word. The walk follows apache-avro's
//! parser (`schema/parser.rs`) case by case, and resolves names with its
//! `Name::new_with_enclosing_namespace`, so both read a schema alike.

use super::{ImportDiagnostic as Diagnostic, ImportOptions};
use apache_avro::schema::Name;
use apache_avro::Schema;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Avro's primitive type names: anything else in a type position is a name.
const PRIMITIVES: [&str; 8] = [
    "null", "boolean", "int", "long", "float", "double", "bytes", "string",
];

/// A named type (record, enum or fixed) as found in the sources.
pub struct Definition {
    pub name: Name,
    /// Where it is first defined: the source's number, and the place.
    pub source: usize,
    pub place: String,
    /// The definition standing alone: its name fully qualified, its
    /// namespace attribute gone, every nested definition and reference
    /// replaced by a full name (written `.Name` for the null namespace, so
    /// that it resolves from within any namespace).
    pub standalone: Value,
    /// The full names of the named types its own fields refer to.
    pub refs: Vec<String>,
    /// For a record, each field's type as compact JSON, named types by full name.
    pub field_types: Vec<String>,
    /// The sources in which it is a top-level schema.
    pub top_in: Vec<usize>,
}

/// What the first pass found.
#[derive(Default)]
pub struct Collected {
    /// Every named type, in the order of its first definition.
    pub definitions: Vec<Definition>,
    pub by_name: HashMap<String, usize>,
    pub errors: Vec<Diagnostic>,
    /// Each with the number of its source, for ordering.
    pub warnings: Vec<(usize, Diagnostic)>,
}

/// Walks every source (label, parsed JSON).
pub fn collect(sources: &[(&str, Value)], limits: &ImportOptions) -> Collected {
    let mut walker = Walker {
        limits,
        out: Collected::default(),
        frames: Vec::new(),
        references: Vec::new(),
        source: 0,
        label: "",
        path: Vec::new(),
    };
    for (source, (label, json)) in sources.iter().enumerate() {
        walker.source = source;
        walker.label = label;
        match json {
            // A file holding a JSON array holds several top-level schemas.
            Value::Array(schemas) => {
                for (i, schema) in schemas.iter().enumerate() {
                    walker.path.push(i.to_string());
                    walker.top(schema);
                    walker.path.pop();
                }
            }
            schema => walker.top(schema),
        }
    }
    walker.check_references();
    walker.out
}

struct Walker<'l> {
    limits: &'l ImportOptions,
    out: Collected,
    /// The references of each definition being walked, innermost last.
    frames: Vec<Vec<String>>,
    /// Every reference: the full name, and where.
    references: Vec<(String, String)>,
    source: usize,
    label: &'l str,
    /// The JSON Pointer of the value being walked, by segment.
    path: Vec<String>,
}

impl Walker<'_> {
    /// Where the walk is: `file:/fields/2/type`.
    fn place(&self) -> String {
        let mut place = format!("{}:", self.label);
        if self.path.is_empty() {
            place.push('/');
        }
        for segment in &self.path {
            place.push('/');
            place.push_str(&segment.replace('~', "~0").replace('/', "~1"));
        }
        place
    }

    fn error(&mut self, message: String) {
        let location = self.place();
        self.out.errors.push(Diagnostic { location, message });
    }

    fn warn(&mut self, message: String) {
        let location = self.place();
        self.out
            .warnings
            .push((self.source, Diagnostic { location, message }));
    }

    /// A top-level schema of a source.
    fn top(&mut self, schema: &Value) {
        let object = schema.as_object();
        if let Some((object, kind)) = object.and_then(|o| Some((o, definition_kind(o)?))) {
            if let Some(index) = self.definition(object, kind, None) {
                let definition = &mut self.out.definitions[index];
                if !definition.top_in.contains(&self.source) {
                    definition.top_in.push(self.source);
                }
            }
            return;
        }
        let kind = match schema {
            Value::String(s) => s.clone(),
            Value::Array(_) => "union".to_owned(),
            Value::Object(o) => o
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("complex")
                .to_owned(),
            other => other.to_string(),
        };
        self.warn(format!(
            "the top-level schema ({kind}) is not a named type: only named types are represented, so it is left out (the named types it defines are imported)"
        ));
        self.schema(schema, None);
    }

    /// Walks a schema found within namespace `ns`; returns it with every
    /// definition replaced by the defined type's full name.
    fn schema(&mut self, schema: &Value, ns: Option<&str>) -> Value {
        match schema {
            Value::String(name) => self.reference(name, ns),
            Value::Array(branches) => {
                if branches.len() > self.limits.max_union_branches {
                    self.error(format!(
                        "a union of {} branches; at most {} are read",
                        branches.len(),
                        self.limits.max_union_branches
                    ));
                    return Value::Null;
                }
                let mut reduced = Vec::with_capacity(branches.len());
                for (i, branch) in branches.iter().enumerate() {
                    self.path.push(i.to_string());
                    reduced.push(self.schema(branch, ns));
                    self.path.pop();
                }
                Value::Array(reduced)
            }
            Value::Object(object) => self.complex(object, ns),
            // apache-avro refuses it when it parses the definition holding it.
            other => other.clone(),
        }
    }

    fn complex(&mut self, object: &Map<String, Value>, ns: Option<&str>) -> Value {
        if let Some(kind) = definition_kind(object) {
            return match self.definition(object, kind, ns) {
                Some(index) => Value::String(ref_form(&self.out.definitions[index].name)),
                None => Value::Null,
            };
        }
        let mut reduced = object.clone();
        let key = nested_key(object);
        if let Some((key, nested)) = key.and_then(|key| Some((key, object.get(key)?))) {
            self.path.push(key.to_owned());
            let walked = self.schema(nested, ns);
            self.path.pop();
            reduced.insert(key.to_owned(), walked);
        }
        if let Some(logical) = object.get("logicalType") {
            self.check_logical_type(&reduced, key, logical);
        }
        Value::Object(reduced)
    }

    /// Warns when apache-avro does not apply the logical type written on a
    /// type that is not named (an unknown one, or one its underlying type
    /// cannot have): Avro readers then read the underlying type, and the
    /// logical type stays in the field's type text only. On an array, a map
    /// or a reference to a named type, apache-avro never applies one; a
    /// primitive type, or a type wrapped in `{"type": ...}` that names no
    /// other type, is parsed alone to see. (A named fixed's logical type is
    /// checked where the fixed is defined.)
    fn check_logical_type(
        &mut self,
        reduced: &Map<String, Value>,
        nested: Option<&str>,
        logical: &Value,
    ) {
        let kind = reduced.get("type");
        let read_as = match (nested, kind) {
            (Some("items" | "values"), Some(kind)) => Some(kind.to_string()),
            (Some(_), Some(Value::String(name))) => Some(format!(
                "a reference to {}",
                name.strip_prefix('.').unwrap_or(name)
            )),
            _ => match Schema::parse(&Value::Object(reduced.clone())) {
                Ok(schema) if !is_logical(&schema) => {
                    Some(serde_json::to_string(&schema).unwrap_or_default())
                }
                _ => None,
            },
        };
        if let Some(read_as) = read_as {
            self.warn(format!(
                "the logical type {logical} does not apply here (apache-avro reads the type as {read_as}): values are read as the underlying type"
            ));
        }
    }

    /// A use of a named type (or a primitive type) by name.
    fn reference(&mut self, name: &str, ns: Option<&str>) -> Value {
        if PRIMITIVES.contains(&name) {
            return Value::String(name.to_owned());
        }
        match Name::new_with_enclosing_namespace(name, ns) {
            Ok(full) => {
                let fullname = full.fullname(None);
                if let Some(frame) = self.frames.last_mut() {
                    frame.push(fullname.clone());
                }
                self.references.push((fullname, self.place()));
                Value::String(ref_form(&full))
            }
            Err(e) => {
                self.error(format!("\"{name}\" is not a valid type name: {e}"));
                Value::Null
            }
        }
    }

    /// A record, enum or fixed defined within namespace `ns`: lifted out as
    /// a definition of its own (or found equal to an earlier one).
    fn definition(
        &mut self,
        object: &Map<String, Value>,
        kind: &str,
        ns: Option<&str>,
    ) -> Option<usize> {
        let Some(name) = object.get("name").and_then(Value::as_str) else {
            self.error(format!("a {kind} needs a name (a string)"));
            return None;
        };
        // As apache-avro's `Name::parse`: a namespace that is not a string is ignored.
        let own_ns = match object.get("namespace") {
            Some(Value::String(namespace)) => Some(namespace.as_str()),
            Some(other) => {
                self.warn(format!(
                    "the namespace of {name} is {other}, not a string: Avro ignores it"
                ));
                ns
            }
            None => ns,
        };
        let full = match Name::new_with_enclosing_namespace(name, own_ns) {
            Ok(full) => full,
            Err(e) => {
                self.error(format!("\"{name}\" is not a valid {kind} name: {e}"));
                return None;
            }
        };
        if kind != "fixed" && object.contains_key("logicalType") {
            self.warn(format!(
                "{full}: a {kind} cannot have a logical type; Avro ignores {}",
                object["logicalType"]
            ));
        }
        let mut standalone = object.clone();
        standalone.shift_remove("namespace");
        standalone.insert("name".to_owned(), Value::String(full.fullname(None)));
        self.frames.push(Vec::new());
        let field_types = if kind == "record" {
            self.fields(&mut standalone, &full)
        } else {
            Vec::new()
        };
        let refs = self.frames.pop().unwrap_or_default();
        let fullname = full.fullname(None);
        if let Some(frame) = self.frames.last_mut() {
            frame.push(fullname.clone());
        }
        let standalone = Value::Object(standalone);
        if let Some(&index) = self.out.by_name.get(&fullname) {
            let first = &self.out.definitions[index];
            if first.standalone != standalone {
                let other = first.place.clone();
                self.error(format!(
                    "{fullname} is defined again, differently from its definition at {other}"
                ));
            }
            return Some(index);
        }
        let index = self.out.definitions.len();
        self.out.by_name.insert(fullname, index);
        self.out.definitions.push(Definition {
            name: full,
            source: self.source,
            place: self.place(),
            standalone,
            refs,
            field_types,
            top_in: Vec::new(),
        });
        Some(index)
    }

    /// Walks the fields of the record `full`; returns each one's type text.
    fn fields(&mut self, record: &mut Map<String, Value>, full: &Name) -> Vec<String> {
        let Some(Value::Array(fields)) = record.get_mut("fields") else {
            // apache-avro refuses it, located at the record.
            return Vec::new();
        };
        let mut types = Vec::with_capacity(fields.len());
        self.path.push("fields".to_owned());
        for (i, field) in fields.iter_mut().enumerate() {
            self.path.push(i.to_string());
            match field {
                Value::Object(field) => {
                    if field.contains_key("logicalType") {
                        self.warn(format!(
                            "{full}: the logicalType of a field belongs in its type; Avro ignores it here (kept in the field's custom attributes)"
                        ));
                    }
                    if let Some(ty) = field.get("type").cloned() {
                        self.path.push("type".to_owned());
                        let reduced = self.schema(&ty, full.namespace());
                        self.path.pop();
                        types.push(text_form(&reduced).to_string());
                        field.insert("type".to_owned(), reduced);
                    }
                }
                // apache-avro would skip it silently.
                other => self.error(format!(
                    "{full}: a field must be a JSON object, not {other}"
                )),
            }
            self.path.pop();
        }
        self.path.pop();
        types
    }

    /// Every reference must name a defined type.
    fn check_references(&mut self) {
        for (name, place) in std::mem::take(&mut self.references) {
            if self.out.by_name.contains_key(&name) {
                continue;
            }
            // A name written without its namespace is the usual mistake.
            let short = name.rsplit('.').next().unwrap_or(&name);
            let similar: Vec<String> = self
                .out
                .definitions
                .iter()
                .map(|d| d.name.fullname(None))
                .filter(|full| full.rsplit('.').next() == Some(short))
                .take(3)
                .collect();
            let hint = if similar.is_empty() {
                String::new()
            } else {
                format!(" (defined: {})", similar.join(", "))
            };
            self.out.errors.push(Diagnostic {
                location: place,
                message: format!("unknown named type {name}: no source defines it{hint}"),
            });
        }
    }
}

/// The kind of named type a JSON object defines, if it defines one.
fn definition_kind(object: &Map<String, Value>) -> Option<&'static str> {
    let kind = match object.get("type")?.as_str()? {
        "record" => "record",
        "enum" => "enum",
        "fixed" => "fixed",
        _ => return None,
    };
    Some(kind)
}

/// How a use of `name` is written in a standalone definition.
fn ref_form(name: &Name) -> String {
    match name.namespace() {
        Some(_) => name.fullname(None),
        None => format!(".{}", name.name()),
    }
}

/// A reduced type as its text: null-namespace names without their dot.
fn text_form(reduced: &Value) -> Value {
    match reduced {
        Value::String(name) => Value::String(name.strip_prefix('.').unwrap_or(name).to_owned()),
        Value::Array(branches) => Value::Array(branches.iter().map(text_form).collect()),
        Value::Object(object) => {
            let mut object = object.clone();
            if let Some(key) = nested_key(&object) {
                if let Some(nested) = object.get(key).map(text_form) {
                    object.insert(key.to_owned(), nested);
                }
            }
            Value::Object(object)
        }
        other => other.clone(),
    }
}

/// The key of a type object (not a definition) that holds a type, as
/// apache-avro's parser reads it: an array's `items`, a map's `values`, or
/// `type` itself when it is a name, a union or another object; a primitive
/// type holds none.
fn nested_key(object: &Map<String, Value>) -> Option<&'static str> {
    match object.get("type") {
        Some(Value::String(kind)) => match kind.as_str() {
            "array" => Some("items"),
            "map" => Some("values"),
            kind if PRIMITIVES.contains(&kind) => None,
            _ => Some("type"),
        },
        Some(Value::Object(_) | Value::Array(_)) => Some("type"),
        _ => None,
    }
}

/// Whether apache-avro read a logical type.
fn is_logical(schema: &Schema) -> bool {
    matches!(
        schema,
        Schema::Decimal(_)
            | Schema::BigDecimal
            | Schema::Uuid(_)
            | Schema::Date
            | Schema::TimeMillis
            | Schema::TimeMicros
            | Schema::TimestampMillis
            | Schema::TimestampMicros
            | Schema::TimestampNanos
            | Schema::LocalTimestampMillis
            | Schema::LocalTimestampMicros
            | Schema::LocalTimestampNanos
            | Schema::Duration(_)
    )
}
