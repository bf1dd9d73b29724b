//! Shared by the integration tests: the example models, projected.

#![allow(dead_code)] // each test binary uses a part of it

use std::sync::OnceLock;
use uda_project_avro::{project, AvroOptions};
use uda_projection::Output;
use uda_upper::Loaded;

/// The example models, loaded and validated once per test binary.
pub fn examples() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(uda_testkit::load_examples)
}

/// The example domains.
pub const DOMAINS: [&str; 3] = ["onepiece", "studio", "marketing"];

/// The Avro projection of example `domain` with default options.
pub fn example(domain: &str) -> Output {
    let iri = uda_testkit::example_iri(domain);
    let view = examples().models.view(&iri).expect("example model");
    project(&view, &AvroOptions::default()).unwrap_or_else(|e| panic!("{domain}: {e}"))
}

/// The text of the file `name` of `output`.
pub fn file<'o>(output: &'o Output, name: &str) -> &'o str {
    let names: Vec<&str> = output.files.iter().map(|f| f.name.as_str()).collect();
    output
        .files
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.text.as_str())
        .unwrap_or_else(|| panic!("no file {name} among {names:?}"))
}

/// A model of the cases the examples do not cover: names that collide once
/// made valid, a class named like a reference record, decimals without
/// precision, bounded many-valued properties, a nested taxonomy, a recursive
/// nested class, self-references, a key whose reference record is recursive
/// through a nested class, unused types.
pub const EDGE_TTL: &str = r#"
@prefix upper: <https://w3id.org/uda/upper#> .
@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .
@prefix e:     <https://example.org/edge#> .

<https://example.org/edge> a upper:DomainModel ; upper:domain "edge" .

e:Thing a upper:DirectClass ;
    upper:primaryKey ( e:id ) ;
    upper:property e:id , e:e-mail , e:eMail , e:3d , e:amount , e:fixed , e:scaled , e:tags ,
        e:shape , e:shapes , e:tree , e:at , e:clock , e:other , e:parent , e:mode .
e:ThingRef a upper:DirectClass ;
    upper:primaryKey ( e:refId ) ;
    upper:property e:refId .

e:id a upper:Attribute ; upper:datatype xsd:int ; upper:minCount 1 ; upper:maxCount 1 .
e:refId a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
e:e-mail a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .
e:eMail a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .
e:3d a upper:Attribute ; upper:datatype xsd:boolean ; upper:minCount 0 ; upper:maxCount 1 .
e:amount a upper:Attribute ; upper:datatype xsd:decimal ; upper:minCount 0 ; upper:maxCount 1 .
e:fixed a upper:Attribute ; upper:datatype e:Five ; upper:minCount 1 ; upper:maxCount 1 .
e:scaled a upper:Attribute ; upper:datatype e:Scaled ; upper:minCount 1 ; upper:maxCount 1 .
e:tags a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 3 ; upper:ordered true .
e:shape a upper:Relationship ; upper:class e:Shape ; upper:minCount 1 ; upper:maxCount 1 .
e:shapes a upper:Relationship ; upper:class e:Shape ; upper:minCount 0 .
e:tree a upper:Relationship ; upper:class e:Node ; upper:minCount 0 ; upper:maxCount 1 .
e:at a upper:Attribute ; upper:datatype xsd:dateTimeStamp ; upper:minCount 1 ; upper:maxCount 1 .
e:clock a upper:Attribute ; upper:datatype xsd:time ; upper:minCount 0 ; upper:maxCount 1 .
e:other a upper:Relationship ; upper:class e:ThingRef ; upper:minCount 0 ; upper:maxCount 1 .
e:parent a upper:Relationship ; upper:class e:Thing ; upper:minCount 0 ; upper:maxCount 1 .
e:mode a upper:Relationship ; upper:class e:Mode ; upper:minCount 0 ; upper:maxCount 1 .

e:Five a upper:Datatype ; upper:baseType xsd:decimal ; upper:precision 5 .
e:Scaled a upper:Datatype ; upper:baseType xsd:decimal ; upper:scale 4 .

e:Shape a upper:NestedClass ; upper:property e:label .
e:Circle a upper:NestedClass ; upper:subClassOf e:Shape ; upper:property e:radius .
e:Square a upper:NestedClass ; upper:subClassOf e:Shape ; upper:property e:side .
e:label a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
e:radius a upper:Attribute ; upper:datatype xsd:double ; upper:minCount 1 ; upper:maxCount 1 .
e:side a upper:Attribute ; upper:datatype xsd:float ; upper:minCount 1 ; upper:maxCount 1 .

e:Node a upper:NestedClass ; upper:property e:label , e:children .
e:children a upper:Relationship ; upper:class e:Node ; upper:minCount 0 .

e:Unused a upper:NestedClass ; upper:property e:label .

e:Keyed a upper:DirectClass ;
    upper:primaryKey ( e:kid e:info ) ;
    upper:property e:kid , e:info .
e:kid a upper:Attribute ; upper:datatype xsd:long ; upper:minCount 1 ; upper:maxCount 1 .
e:info a upper:Relationship ; upper:class e:Info ; upper:minCount 1 ; upper:maxCount 1 .
e:Info a upper:NestedClass ; upper:property e:owner .
e:owner a upper:Relationship ; upper:class e:Keyed ; upper:minCount 0 ; upper:maxCount 1 .

e:Mode a upper:Enumeration ; upper:oneOf ( e:a-b e:A_B ) .
e:a-b a upper:EnumValue .
e:A_B a upper:EnumValue .
e:Lonely a upper:Enumeration ; upper:oneOf ( e:Alone ) .
e:Alone a upper:EnumValue .
"#;

/// Loads Turtle models given as (name, text); panics with the diagnostics if
/// they are invalid.
pub fn load(models: &[(&str, &str)]) -> Loaded {
    let mut loader = uda_upper::Loader::new();
    for (name, text) in models {
        loader.input_text(name, *text, uda_upper::RdfFormat::Turtle);
    }
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    loaded
}

/// The edge-case model, projected with `options`.
pub fn edge(options: &AvroOptions) -> Output {
    let loaded = load(&[("edge.ttl", EDGE_TTL)]);
    let view = loaded
        .models
        .view("https://example.org/edge")
        .expect("edge model");
    project(&view, options).unwrap_or_else(|e| panic!("edge: {e}"))
}

/// A nested class, `Money`, used by three records: each record's file
/// defines it; the JSON array of all of them must define it once.
pub const MONEY_TTL: &str = r#"
@prefix upper: <https://w3id.org/uda/upper#> .
@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .
@prefix m:     <https://example.org/money#> .

<https://example.org/money> a upper:DomainModel ; upper:domain "money" .

m:Money a upper:NestedClass ; upper:property m:amount , m:currency .
m:amount a upper:Attribute ; upper:datatype xsd:decimal ; upper:minCount 1 ; upper:maxCount 1 .
m:currency a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
m:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
m:price a upper:Relationship ; upper:class m:Money ; upper:minCount 1 ; upper:maxCount 1 .
m:fees a upper:Relationship ; upper:class m:Money ; upper:minCount 0 .
m:Invoice a upper:DirectClass ; upper:primaryKey ( m:id ) ; upper:property m:id , m:price .
m:Payment a upper:DirectClass ; upper:primaryKey ( m:id ) ; upper:property m:id , m:price , m:fees .
m:Refund a upper:DirectClass ; upper:primaryKey ( m:id ) ; upper:property m:id , m:fees .
"#;

/// The Avro projection of [`MONEY_TTL`].
pub fn money() -> Output {
    let loaded = load(&[("money.ttl", MONEY_TTL)]);
    let view = loaded
        .models
        .view("https://example.org/money")
        .expect("money model");
    project(&view, &AvroOptions::default()).unwrap_or_else(|e| panic!("money: {e}"))
}

/// How many times a named type called `name` (in any namespace) is defined
/// in the JSON `schema`.
pub fn definitions(schema: &serde_json::Value, name: &str) -> usize {
    use serde_json::Value;
    match schema {
        Value::Array(items) => items.iter().map(|s| definitions(s, name)).sum(),
        Value::Object(object) => {
            let kind = object.get("type").and_then(Value::as_str);
            let defines = matches!(kind, Some("record" | "enum" | "fixed"))
                && object
                    .get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.rsplit('.').next() == Some(name));
            usize::from(defines) + object.values().map(|v| definitions(v, name)).sum::<usize>()
        }
        _ => 0,
    }
}

/// The parsed JSON of `text`.
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// The field `name` of the record JSON `record`.
pub fn field<'j>(record: &'j serde_json::Value, name: &str) -> &'j serde_json::Value {
    record["fields"]
        .as_array()
        .and_then(|fields| fields.iter().find(|f| f["name"] == name))
        .unwrap_or_else(|| panic!("no field {name} in {}", record["name"]))
}

/// The names of the fields of the record JSON `record`, in order.
pub fn field_names(record: &serde_json::Value) -> Vec<&str> {
    record["fields"]
        .as_array()
        .map(|fields| fields.iter().filter_map(|f| f["name"].as_str()).collect())
        .unwrap_or_default()
}

/// Checks one schema text with apache-avro: it parses; serializing the
/// parsed schema gives the same JSON (nothing, such as a logical type, a
/// default or a custom attribute, was dropped or misread); and for each
/// record at the top (the schema, or each branch of a union) a sample value
/// generated from the schema is written to an object container file and
/// read back unchanged. Returns the number of records round-tripped.
pub fn apache_avro_round_trip(label: &str, text: &str) -> usize {
    use apache_avro::types::Value;
    use apache_avro::{Reader, Schema, Writer};
    let schema =
        Schema::parse_str(text).unwrap_or_else(|e| panic!("{label}: apache-avro rejects it: {e}"));
    let again = serde_json::to_value(&schema).expect("apache-avro serializes what it parsed");
    assert_eq!(
        again,
        json(text),
        "{label}: apache-avro's reading differs from the text"
    );
    let resolved = apache_avro::schema::ResolvedSchema::try_from(&schema).expect("names resolve");
    let names: std::collections::HashMap<String, &Schema> = resolved
        .get_names()
        .iter()
        .map(|(n, s)| (n.fullname(None), *s))
        .collect();
    let values: Vec<Value> = match &schema {
        Schema::Union(union) => union
            .variants()
            .iter()
            .enumerate()
            .map(|(i, v)| Value::Union(i as u32, Box::new(sample(v, &names, 0))))
            .collect(),
        record => vec![sample(record, &names, 0)],
    };
    for value in &values {
        let mut writer = Writer::new(&schema, Vec::new()).expect("writer");
        writer
            .append_value(value.clone())
            .unwrap_or_else(|e| panic!("{label}: apache-avro cannot write {value:?}: {e}"));
        let bytes = writer.into_inner().expect("flush");
        let back: Vec<Value> = Reader::new(&bytes[..])
            .expect("reader")
            .map(|v| v.unwrap_or_else(|e| panic!("{label}: cannot read back: {e}")))
            .collect();
        assert_eq!(
            back,
            vec![value.clone()],
            "{label}: the value read back differs"
        );
    }
    values.len()
}

/// A value of `schema` with every field filled: one item per array, the
/// first non-null branch of a union, until `depth` makes recursive types
/// stop (empty arrays, null).
pub fn sample(
    schema: &apache_avro::Schema,
    names: &std::collections::HashMap<String, &apache_avro::Schema>,
    depth: usize,
) -> apache_avro::types::Value {
    use apache_avro::types::Value;
    use apache_avro::Schema;
    let deep = depth > 6;
    match schema {
        Schema::Null => Value::Null,
        Schema::Boolean => Value::Boolean(true),
        Schema::Int => Value::Int(-42),
        Schema::Long => Value::Long(1 << 40),
        Schema::Float => Value::Float(1.5),
        Schema::Double => Value::Double(2.25),
        Schema::Bytes => Value::Bytes(vec![0, 0xff, b'u']),
        Schema::String => Value::String("sample é".to_owned()),
        Schema::Date => Value::Date(19_782),
        Schema::TimeMillis => Value::TimeMillis(45_296_789),
        Schema::TimeMicros => Value::TimeMicros(45_296_789_012),
        Schema::TimestampMillis => Value::TimestampMillis(1_709_210_096_789),
        Schema::TimestampMicros => Value::TimestampMicros(1_709_210_096_789_012),
        Schema::Decimal(_) => Value::Decimal(apache_avro::Decimal::from([0x30, 0x39])),
        Schema::Array(_) if deep => Value::Array(Vec::new()),
        Schema::Array(array) => Value::Array(vec![sample(&array.items, names, depth + 1)]),
        Schema::Union(union) => {
            let variants = union.variants();
            let pick = variants
                .iter()
                .position(|v| matches!(v, Schema::Null) == deep)
                .unwrap_or(0);
            Value::Union(
                pick as u32,
                Box::new(sample(&variants[pick], names, depth + 1)),
            )
        }
        Schema::Record(record) => Value::Record(
            record
                .fields
                .iter()
                .map(|f| (f.name.clone(), sample(&f.schema, names, depth + 1)))
                .collect(),
        ),
        Schema::Enum(e) => Value::Enum(
            (e.symbols.len() - 1) as u32,
            e.symbols[e.symbols.len() - 1].clone(),
        ),
        Schema::Ref { name } => {
            let full = name.fullname(None);
            let named = names
                .get(&full)
                .unwrap_or_else(|| panic!("{full} is not defined"));
            sample(named, names, depth)
        }
        other => panic!("no sample for {other:?}"),
    }
}

/// The `.avsc` files under `tests/fixtures/external/`, as (path relative to
/// it, text), sorted by path: how a caller hands a directory to the import.
pub fn external_sources() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/external");
    let mut sources = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "avsc") {
                let label = path
                    .strip_prefix(&root)
                    .expect("under the root")
                    .to_string_lossy()
                    .into_owned();
                let text = std::fs::read_to_string(&path).expect("fixture");
                sources.push((label, text));
            }
        }
    }
    sources.sort();
    sources
}
