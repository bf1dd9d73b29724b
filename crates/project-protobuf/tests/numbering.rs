//! Field and enum value numbers across versions of a model: kept for every
//! member still there, reserved (number and name) once removed, never given
//! again, a re-added property numbered anew. Each version is compiled by
//! protoc, reads data the first one wrote with the Python runtime, and what
//! a registry stores for it (the container representation and the mappings)
//! conforms to the governing system models.

mod common;

use common::*;
use oxrdf::Graph;
use uda_project_shacl::{GoverningShapes, ShaclOptions};
use uda_projection::Output;
use uda_upper::Loader;

const HEAD: &str = r#"
@prefix upper: <https://w3id.org/uda/upper#> .
@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .
@prefix shop:  <https://example.org/shop#> .
<https://example.org/shop> a upper:DomainModel ; upper:domain "shop" .
shop:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
shop:note a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .
shop:total a upper:Attribute ; upper:datatype xsd:decimal ; upper:minCount 0 ; upper:maxCount 1 .
shop:placed a upper:Attribute ; upper:datatype xsd:dateTime ; upper:minCount 0 ; upper:maxCount 1 .
shop:status a upper:Relationship ; upper:class shop:Status ; upper:minCount 0 ; upper:maxCount 1 .
shop:Open a upper:EnumValue . shop:Closed a upper:EnumValue . shop:Shipped a upper:EnumValue .
"#;

/// The shop model with `Order`'s properties and `Status`'s values.
fn shop(properties: &str, values: &str) -> String {
    format!(
        "{HEAD}shop:Order a upper:DirectClass ; upper:primaryKey ( shop:id ) ; upper:property {properties} .\n\
         shop:Status a upper:Enumeration ; upper:oneOf ( {values} ) .\n"
    )
}

fn version(text: &str, earlier: Option<&Output>) -> Output {
    let loaded = load(&[("shop.ttl", text)]);
    let earlier = earlier.map(|o| o.mappings.to_graph());
    project_model(&loaded, "https://example.org/shop", earlier.as_ref())
}

/// The body of `message`/`enum` `name` in `text`.
fn body<'t>(text: &'t str, head: &str) -> &'t str {
    let start = text
        .find(head)
        .unwrap_or_else(|| panic!("no {head} in\n{text}"));
    let rest = &text[start..];
    &rest[..rest.find("\n}\n").expect("the end of the type")]
}

/// The lines of `body` that declare members or reservations, comments dropped.
fn lines(body: &str) -> Vec<&str> {
    body.lines()
        .skip(1)
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .collect()
}

#[test]
fn numbers_survive_removal_and_readdition() {
    let v1 = version(
        &shop(
            "shop:id , shop:note , shop:total , shop:status",
            "shop:Open shop:Closed",
        ),
        None,
    );
    let v2 = version(
        &shop(
            "shop:id , shop:total , shop:status , shop:placed",
            "shop:Open shop:Shipped",
        ),
        Some(&v1),
    );
    let v3 = version(
        &shop(
            "shop:id , shop:note , shop:total , shop:status , shop:placed",
            "shop:Open shop:Shipped shop:Closed",
        ),
        Some(&v2),
    );
    let order = |o: &Output| lines(body(text(o), "message Order {")).join("\n");
    let status = |o: &Output| lines(body(text(o), "enum Status {")).join("\n");
    assert_eq!(
        order(&v1),
        "string id = 1;\noptional string note = 2;\noptional Status status = 3;\noptional string total = 4;"
    );
    // `note` removed: its number and name reserved; `placed` takes the next number.
    assert_eq!(
        order(&v2),
        "string id = 1;\ngoogle.protobuf.Timestamp placed = 5;\noptional Status status = 3;\noptional string total = 4;\nreserved 2;\nreserved \"note\";"
    );
    // `note` back: a new number, the old one still reserved, the name free again.
    assert_eq!(
        order(&v3),
        "string id = 1;\noptional string note = 6;\ngoogle.protobuf.Timestamp placed = 5;\noptional Status status = 3;\noptional string total = 4;\nreserved 2;"
    );
    assert_eq!(
        status(&v1),
        "STATUS_UNSPECIFIED = 0;\nSTATUS_OPEN = 1;\nSTATUS_CLOSED = 2;"
    );
    assert_eq!(
        status(&v2),
        "STATUS_UNSPECIFIED = 0;\nSTATUS_OPEN = 1;\nSTATUS_SHIPPED = 3;\nreserved 2;\nreserved \"STATUS_CLOSED\";"
    );
    assert_eq!(
        status(&v3),
        "STATUS_UNSPECIFIED = 0;\nSTATUS_OPEN = 1;\nSTATUS_SHIPPED = 3;\nSTATUS_CLOSED = 4;\nreserved 2;"
    );
    // The key message numbers its own fields.
    assert_eq!(
        lines(body(text(&v3), "message OrderKey {")),
        ["string id = 1;"]
    );

    let dirs: Vec<_> = [&v1, &v2, &v3]
        .into_iter()
        .enumerate()
        .map(|(n, output)| {
            let dir = tempfile::tempdir().expect("tempdir");
            let names = write(dir.path(), &[output]);
            let py = protoc(dir.path(), &names);
            conforms(output, &format!("version {}", n + 1));
            (dir, py)
        })
        .collect();
    // Data written with version 1, read by the Python runtime with each version.
    let written = json_of(
        &dirs[0].1,
        "encode",
        r#"{"id": "o1", "note": "old", "total": "9.50", "status": "STATUS_CLOSED"}"#,
    );
    let read = |n: usize| json_of(&dirs[n].1, "decode", &written);
    assert_eq!(
        read(0),
        r#"{"id": "o1", "note": "old", "status": "STATUS_CLOSED", "total": "9.50"}"#
    );
    // Version 2 keeps what it still has; the removed note and value are unknown to it.
    assert_eq!(read(1), r#"{"id": "o1", "status": 2, "total": "9.50"}"#);
    // Version 3's note and CLOSED have new numbers: the old ones are not
    // misread as them.
    assert_eq!(read(2), r#"{"id": "o1", "status": 2, "total": "9.50"}"#);
}

/// `check_protobuf.py MODE` on `shop_pb2.Order` with `argument`: the output, trimmed.
fn json_of(py: &std::path::Path, mode: &str, argument: &str) -> String {
    python_with(mode, py, &["shop_pb2", "Order", argument])
        .trim()
        .to_owned()
}

#[test]
fn the_same_model_after_its_own_mappings_projects_identically() {
    let text = shop(
        "shop:id , shop:note , shop:total , shop:status",
        "shop:Open shop:Closed",
    );
    let v1 = version(&text, None);
    let again = version(&text, Some(&v1));
    assert_eq!(common::text(&again), common::text(&v1));
    assert_eq!(again.mappings.to_graph(), v1.mappings.to_graph());
    assert_eq!(again.container.to_graph(), v1.container.to_graph());
}

#[test]
fn only_this_targets_mappings_of_this_model_are_read() {
    let v1 = version(&shop("shop:id , shop:note , shop:total", "shop:Open"), None);
    // Mappings numbering `Order` differently, of another target of this
    // model (under its own base, or even under this one's), and of this
    // target for another model: all ignored.
    let foreign = |model: &str, target: &str, base: &str| -> Graph {
        let turtle = uda_projection::write_turtle(&v1.mappings, &[])
            .replace("\"protobuf\"", &format!("\"{target}\""))
            .replace(
                "https://example.org/shop/protobuf",
                &format!("https://example.org/{model}/{base}"),
            )
            .replace("uda/protobuf#number> \"2\"", "uda/protobuf#number> \"9\"");
        oxttl::TurtleParser::new()
            .for_slice(turtle.as_bytes())
            .collect::<Result<Graph, _>>()
            .expect("Turtle")
    };
    let next = shop("shop:id , shop:total", "shop:Open");
    let loaded = load(&[("shop.ttl", &next)]);
    for earlier in [
        foreign("shop", "iceberg", "iceberg"),
        foreign("shop", "iceberg", "protobuf"),
        foreign("other", "protobuf", "protobuf"),
    ] {
        let output = project_model(&loaded, "https://example.org/shop", Some(&earlier));
        let order = lines(body(text(&output), "message Order {")).join("\n");
        assert_eq!(
            order, "string id = 1;\noptional string total = 2;",
            "numbered from scratch"
        );
    }
    // The real earlier mappings, with the other targets' beside them.
    let mut both = v1.mappings.to_graph();
    both.extend(foreign("shop", "iceberg", "iceberg").iter());
    let output = project_model(&loaded, "https://example.org/shop", Some(&both));
    let order = lines(body(text(&output), "message Order {")).join("\n");
    assert_eq!(
        order,
        "string id = 1;\noptional string total = 3;\nreserved 2;\nreserved \"note\";"
    );
}

/// Checks `output`'s container against `ontologies/protobuf.ttl` and its
/// mappings (with the container) against `ontologies/mapping.ttl`, as the
/// registry does when it stores them.
fn conforms(output: &Output, label: &str) {
    let dir = uda_testkit::repo_dir().join("ontologies");
    let shapes = |system: &str| {
        let mut loader = Loader::new();
        loader.input_file(dir.join(format!("{system}.ttl")));
        loader.library_file(dir.join("mapping.ttl"));
        let loaded = loader.load();
        assert!(!loaded.has_errors(), "{}", loaded.render());
        let iri = loaded.inputs.first().expect("the system model").clone();
        let view = loaded.models.view(&iri).expect("view");
        GoverningShapes::new(&view, &ShaclOptions::default()).expect("shapes")
    };
    let protobuf = shapes("protobuf");
    let container = output.container.to_graph();
    let report = protobuf.validate(&container);
    assert!(
        report.conforms,
        "{label} container:\n{}",
        report.to_turtle()
    );
    let mut mappings = output.mappings.to_graph();
    mappings.extend(container.iter());
    mappings.extend(protobuf.taxonomy().iter());
    // The mappings name the domain model, which the registry stores beside them.
    let model = oxrdf::NamedNode::new_unchecked("https://example.org/shop");
    mappings.insert(&oxrdf::Triple::new(
        model.clone(),
        oxrdf::vocab::rdf::TYPE,
        uda_upper::vocab::DOMAIN_MODEL,
    ));
    mappings.insert(&oxrdf::Triple::new(
        model,
        uda_upper::vocab::DOMAIN,
        oxrdf::Literal::from("shop"),
    ));
    let report = shapes("mapping").validate(&mappings);
    assert!(report.conforms, "{label} mappings:\n{}", report.to_turtle());
}
