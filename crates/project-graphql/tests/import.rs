//! Importing SDL nobody projected (the fixtures in `tests/import/`): every
//! kind of definition is read into the vocabulary of `ontologies/graphql.ttl`
//! (and conforms to it), Federation subgraphs import without defining their
//! directives, what cannot be represented is a located warning, and
//! malformed or hostile SDL is a located error with no graph.

mod common;

use common::{check_conformance, system_models, GQL};
use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Literal, NamedNode, NamedNodeRef, TermRef};
use uda_project_graphql::{import, ImportError, NS};
use uda_projection::{Imported, MAP_NS};

const BASE: &str = "https://example.org/imported/graphql";

fn fixture(name: &str) -> (String, String) {
    let path = format!("tests/import/{name}");
    let text =
        std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
    (path, text)
}

fn imports(name: &str) -> Imported {
    let (label, text) = fixture(name);
    imports_text(&label, &text)
}

/// Imports one source, checking the graph conforms to the system model.
fn imports_text(name: &str, text: &str) -> Imported {
    let imported = import(&[(name.to_owned(), text.to_owned())], BASE, "fixture")
        .unwrap_or_else(|e| panic!("{name} does not import:\n{e}"));
    let system = system_models();
    let view = system.models.view(GQL).expect("the GraphQL system model");
    check_conformance(name, &imported.container.to_graph(), &view);
    imported
}

fn fails(name: &str) -> ImportError {
    match import(&[fixture(name)], BASE, "fixture") {
        Ok(_) => panic!("{name} imports"),
        Err(e) => e,
    }
}

/// The element at `path` under the base (`Person/friends/order`).
fn at(path: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{BASE}/{path}"))
}

fn gql(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{NS}{local}"))
}

fn has(imported: &Imported, subject: &NamedNode, predicate: &str, object: Literal) -> bool {
    imported.container.iter().any(|t| {
        t.subject == subject.as_ref().into()
            && t.predicate == gql(predicate).as_ref()
            && t.object == object.as_ref().into()
    })
}

fn string(imported: &Imported, subject: &NamedNode, predicate: &str) -> Option<String> {
    match imported
        .container
        .object_for_subject_predicate(subject.as_ref(), gql(predicate).as_ref())
    {
        Some(TermRef::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn class(imported: &Imported, subject: &NamedNode) -> Option<String> {
    match imported
        .container
        .object_for_subject_predicate(subject.as_ref(), rdf::TYPE)
    {
        Some(TermRef::NamedNode(c)) => Some(c.as_str().trim_start_matches(NS).to_owned()),
        _ => None,
    }
}

fn link(imported: &Imported, subject: &NamedNode, predicate: &str, object: &NamedNode) -> bool {
    imported.container.iter().any(|t| {
        t.subject == subject.as_ref().into()
            && t.predicate == gql(predicate).as_ref()
            && t.object == object.as_ref().into()
    })
}

#[test]
fn every_kind_of_definition_is_read() {
    let i = imports("everything.graphql");
    assert_eq!(i.warnings, []);
    let schema = &i.schema;
    assert_eq!(
        string(&i, schema, "description").as_deref(),
        Some("The whole type system.")
    );
    assert!(link(&i, schema, "queryType", &at("Root")));
    assert!(link(&i, schema, "mutationType", &at("Change")));
    for (name, kind) in [
        ("Node", "InterfaceType"),
        ("Named", "InterfaceType"),
        ("Person", "ObjectType"),
        ("Agent", "UnionType"),
        ("Order", "EnumType"),
        ("Filter", "InputObjectType"),
        ("DateTime", "ScalarType"),
        ("%40cost", "DirectiveDefinition"),
    ] {
        assert_eq!(class(&i, &at(name)).as_deref(), Some(kind), "{name}");
    }
    // Built-in scalars and directives are not elements.
    assert_eq!(class(&i, &at("String")), None);
    assert_eq!(class(&i, &at("%40deprecated")), None);
    // Interfaces, union members.
    assert!(link(&i, &at("Named"), "implements", &at("Node")));
    assert!(link(&i, &at("Person"), "implements", &at("Named")));
    assert!(link(&i, &at("Agent"), "member", &at("Robot")));
    // Nested lists, arguments with defaults (enum, int), descriptions.
    let friends = at("Person/friends");
    assert_eq!(
        string(&i, &friends, "type").as_deref(),
        Some("[[Person!]]!")
    );
    assert!(link(&i, &friends, "ofType", &at("Person")));
    assert_eq!(
        string(&i, &friends, "description").as_deref(),
        Some("Friends, by page.")
    );
    assert_eq!(
        string(&i, &at("Person/friends/first"), "defaultValue").as_deref(),
        Some("10")
    );
    assert_eq!(
        string(&i, &at("Person/friends/order"), "defaultValue").as_deref(),
        Some("ASC")
    );
    assert!(link(
        &i,
        &at("Person/friends/filter"),
        "ofType",
        &at("Filter")
    ));
    assert_eq!(string(&i, &at("Person/id"), "type").as_deref(), Some("ID!"));
    assert_eq!(
        i.container
            .object_for_subject_predicate(at("Person/id").as_ref(), gql("ofType").as_ref()),
        None,
        "a built-in scalar is not an element"
    );
    // Input fields, enum values.
    assert_eq!(class(&i, &at("Filter/name")).as_deref(), Some("InputField"));
    assert_eq!(
        string(&i, &at("Filter/name"), "defaultValue").as_deref(),
        Some("\"x\"")
    );
    assert!(link(&i, &at("Filter/nested"), "ofType", &at("Filter")));
    assert_eq!(
        string(&i, &at("Order/ASC"), "description").as_deref(),
        Some("Ascending.")
    );
    // Scalars: @specifiedBy as a property, which says all it does.
    let url = Literal::new_typed_literal("https://www.rfc-editor.org/rfc/rfc3339", xsd::ANY_URI);
    assert!(has(&i, &at("DateTime"), "specifiedBy", url));
    assert_eq!(class(&i, &at("DateTime/%40specifiedBy%231")), None);
    // Directive definitions: repeatable, locations, arguments with defaults.
    let cost = at("%40cost");
    assert!(has(&i, &cost, "repeatable", Literal::from(true)));
    assert!(has(
        &i,
        &cost,
        "location",
        Literal::new_simple_literal("ARGUMENT_DEFINITION")
    ));
    assert_eq!(
        string(&i, &at("%40cost/tags"), "defaultValue").as_deref(),
        Some("[\"a\", \"b\"]")
    );
    // Directive applications: repeated ones stay distinct, arguments as written.
    let first = at("Person/name/%40cost%231");
    let second = at("Person/name/%40cost%232");
    assert_eq!(class(&i, &first).as_deref(), Some("DirectiveApplication"));
    assert!(link(&i, &first, "definition", &cost));
    assert_eq!(
        string(&i, &at("Person/name/%40cost%232/weight"), "value").as_deref(),
        Some("2")
    );
    assert!(link(&i, &second, "definition", &cost));
    assert_eq!(
        string(&i, &at("Person/born/%40deprecated%231/reason"), "value").as_deref(),
        Some("\"Use birth\"")
    );
    assert_eq!(
        class(&i, &at("Order/DESC/%40deprecated%231")).as_deref(),
        Some("DirectiveApplication")
    );
    assert_eq!(
        string(&i, &at("Root/agent/id/%40cost%231/weight"), "value").as_deref(),
        Some("3")
    );
    assert!(has(&i, schema, "federation", Literal::from(false)));
}

#[test]
fn extensions_are_folded_into_what_they_extend() {
    let i = imports("extensions.graphql");
    assert_eq!(i.warnings, []);
    assert_eq!(class(&i, &at("Query/b")).as_deref(), Some("Field"));
    assert_eq!(
        string(&i, &at("schema/%40tag%231/name"), "value").as_deref(),
        None,
        "schema applications are parts of the schema node, named under the base"
    );
    assert_eq!(
        string(&i, &at("%40tag%231/name"), "value").as_deref(),
        Some("\"extended\"")
    );
    assert!(link(&i, &i.schema, "queryType", &at("Query")));
}

#[test]
fn a_federation_subgraph_imports_without_defining_its_directives() {
    let i = imports("subgraph.graphql");
    assert_eq!(i.warnings, []);
    let url = Literal::new_typed_literal("https://specs.apollo.dev/federation/v2.5", xsd::ANY_URI);
    assert!(has(&i, &i.schema, "federation", Literal::from(true)));
    assert!(has(&i, &i.schema, "federationVersion", url));
    let product = at("Product");
    // The first @key is the type's key, and no more: no application node;
    // the second is data.
    assert_eq!(string(&i, &product, "key").as_deref(), Some("upc"));
    assert!(has(&i, &product, "resolvable", Literal::from(true)));
    assert_eq!(class(&i, &at("Product/%40key%231")), None);
    assert_eq!(
        string(&i, &at("Product/%40key%232/resolvable"), "value").as_deref(),
        Some("false")
    );
    // Renamed and namespaced imports are recognized.
    assert!(has(&i, &at("Seller"), "shareable", Literal::from(true)));
    assert_eq!(class(&i, &at("Seller/%40share%231")), None);
    assert_eq!(
        string(&i, &at("Seller/%40federation__tag%231/name"), "value").as_deref(),
        Some("\"public\"")
    );
    assert_eq!(
        string(
            &i,
            &at("Product/shippingEstimate/%40requires%231/fields"),
            "value"
        )
        .as_deref(),
        Some("\"weight\"")
    );
    assert_eq!(
        class(&i, &at("Product/weight/%40external%231")).as_deref(),
        Some("DirectiveApplication")
    );
    // Undefined directives have no definition element.
    assert_eq!(
        i.container.object_for_subject_predicate(
            at("Product/weight/%40external%231").as_ref(),
            gql("definition").as_ref()
        ),
        None
    );
    // The link's arguments, as written.
    let import = string(&i, &at("%40link%231/import"), "value").expect("@link import");
    assert!(
        import.contains("{name: \"@shareable\", as: \"@share\"}"),
        "{import}"
    );
}

#[test]
fn undefined_custom_directives_are_kept_as_data_with_a_warning() {
    let i = imports("custom_directive.graphql");
    assert_eq!(i.warnings.len(), 1, "{:?}", i.warnings);
    let w = &i.warnings[0];
    assert_eq!(w.location, "tests/import/custom_directive.graphql:5:11");
    assert!(w.message.contains("@udaUri"), "{w}");
    assert_eq!(
        string(&i, &at("Work/title/%40udaUri%231/uri"), "value").as_deref(),
        Some("\"https://example.org/studio#title\"")
    );
    assert_eq!(
        string(&i, &at("Work/%40udaUri%231"), "directive").as_deref(),
        Some("udaUri")
    );
}

#[test]
fn orphan_extensions_are_imported_as_definitions_with_a_warning() {
    let i = imports("orphan_extension.graphql");
    let messages: Vec<String> = i.warnings.iter().map(ToString::to_string).collect();
    assert!(
        messages.iter().any(|m| m.starts_with("tests/import/orphan_extension.graphql:6:1: warning: `Product` is extended but defined nowhere")),
        "{messages:#?}"
    );
    // In the order of the input.
    let locations: Vec<&str> = i.warnings.iter().map(|w| w.location.as_str()).collect();
    let file = "tests/import/orphan_extension.graphql";
    assert_eq!(
        locations,
        [
            format!("{file}:6:1"),
            format!("{file}:6:21"),
            format!("{file}:7:16")
        ]
    );
    // Not a subgraph (no @link): @key and @external are undefined directives.
    assert!(messages.iter().any(|m| m.contains("@key")), "{messages:#?}");
    assert!(
        messages.iter().any(|m| m.contains("@external")),
        "{messages:#?}"
    );
    assert_eq!(class(&i, &at("Product/reviews")).as_deref(), Some("Field"));
    assert_eq!(
        string(&i, &at("Product"), "key"),
        None,
        "no Federation without its @link"
    );
}

#[test]
fn extensions_of_built_in_scalars_are_a_warning() {
    let i = imports("builtin_extension.graphql");
    assert_eq!(i.warnings.len(), 1, "{:?}", i.warnings);
    assert_eq!(
        i.warnings[0].location,
        "tests/import/builtin_extension.graphql:7:1"
    );
    assert!(i.warnings[0].message.contains("built-in scalar"));
    assert_eq!(class(&i, &at("String")), None);
}

#[test]
fn malformed_sdl_is_a_located_error() {
    for (name, location, words) in [
        (
            "syntax_error.graphql",
            "tests/import/syntax_error.graphql:3:10",
            "syntax error",
        ),
        (
            "duplicate_field.graphql",
            "tests/import/duplicate_field.graphql:5:3",
            "setting",
        ),
        (
            "undefined_type.graphql",
            "tests/import/undefined_type.graphql:3:6",
            "Missing",
        ),
    ] {
        let error = fails(name);
        assert!(!error.errors.is_empty());
        let first = &error.errors[0];
        assert_eq!(first.location, location, "{name}: {error}");
        assert!(first.message.contains(words), "{name}: {error}");
        assert!(error
            .to_string()
            .starts_with(&format!("{location}: error: ")));
    }
}

#[test]
fn every_error_of_every_source_is_reported() {
    let sources = [
        ("a.graphql".to_owned(), "type Query { a: }".to_owned()),
        ("b.graphql".to_owned(), "type B { b: Int".to_owned()),
    ];
    let error = import(&sources, BASE, "two").expect_err("both are malformed");
    let files: Vec<&str> = error
        .errors
        .iter()
        .map(|e| e.location.split(':').next().unwrap_or_default())
        .collect();
    assert!(
        files.contains(&"a.graphql") && files.contains(&"b.graphql"),
        "{error}"
    );
}

#[test]
fn sources_make_one_schema() {
    let sources = [
        ("types.graphql".to_owned(), "type Query { a: A }".to_owned()),
        (
            "more.graphql".to_owned(),
            "type A { b: Int }\nextend type Query { c: A }".to_owned(),
        ),
    ];
    let i = import(&sources, BASE, "two").expect("imports");
    assert_eq!(i.warnings, []);
    assert!(link(&i, &at("Query/c"), "ofType", &at("A")));
}

#[test]
fn hostile_input_fails_cleanly() {
    let depth = 100_000;
    let nested_type = format!(
        "type Query {{ a: {}Int{} }}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let nested_value = format!(
        "directive @x(a: Int) on FIELD_DEFINITION\ntype Query {{ a: Int @x(a: {}1{}) }}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let nested_object = format!(
        "type Query {{ a(x: In = {}1{}): Int }}",
        "{a: ".repeat(depth),
        "}".repeat(depth)
    );
    for (label, text) in [
        ("nested_type", nested_type),
        ("nested_value", nested_value),
        ("nested_object", nested_object),
    ] {
        let error = import(&[(label.to_owned(), text)], BASE, "hostile").expect_err(label);
        assert!(
            error.errors.iter().any(
                |e| e.location.starts_with(&format!("{label}:")) && e.message.contains("limit")
            ),
            "{label}: {error}"
        );
    }
    // A chain of input types each requiring the next: validation follows
    // it only so deep.
    let n = 5_000;
    let mut chain = String::from("type Query { a(x: A0): Int }\n");
    for i in 0..n {
        chain.push_str(&format!("input A{i} {{ a: A{}! }}\n", i + 1));
    }
    chain.push_str(&format!("input A{n} {{ a: Int }}\n"));
    let error = import(&[("chain".to_owned(), chain)], BASE, "hostile").expect_err("chain");
    assert!(
        error.errors[0].location == "chain:2:1" && error.errors[0].message.contains("nesting"),
        "{error}"
    );
    // Too many tokens: one error, not a graph of millions of fields.
    let huge = format!("type Query {{ {} }}", "a: Int ".repeat(2_000_000));
    let error = import(&[("huge".to_owned(), huge)], BASE, "hostile").expect_err("huge");
    assert!(error.to_string().contains("token limit"), "{error}");
}

#[test]
fn the_schema_node_is_named_and_typed() {
    let i = imports("extensions.graphql");
    assert_eq!(i.schema.as_str(), format!("{BASE}/schema"));
    assert!(i
        .container
        .iter()
        .any(|t| t.subject == i.schema.as_ref().into()
            && t.predicate == rdf::TYPE
            && t.object == gql("Schema").as_ref().into()));
    let name = format!("{MAP_NS}name");
    assert_eq!(
        i.container
            .object_for_subject_predicate(i.schema.as_ref(), NamedNodeRef::new_unchecked(&name)),
        Some(TermRef::Literal(oxrdf::LiteralRef::new_simple_literal(
            "fixture"
        )))
    );
}

#[test]
fn only_a_subgraph_may_have_no_query_type() {
    // Federation subgraphs of values only have none; composition adds it.
    let subgraph = r#"
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable"])
        type A @shareable { b: Int }
    "#;
    let sources = [("values.graphql".to_owned(), subgraph.to_owned())];
    let i = import(&sources, BASE, "values").expect("imports");
    assert_eq!(i.warnings, []);
    assert_eq!(
        i.container
            .object_for_subject_predicate(i.schema.as_ref(), gql("queryType").as_ref()),
        None
    );
    assert_eq!(class(&i, &at("A")).as_deref(), Some("ObjectType"));
    assert_eq!(
        i.container
            .iter()
            .filter(|t| t.predicate == rdf::TYPE)
            .count(),
        6,
        "schema, A, b, @link and its url and import (@shareable is gql:shareable)"
    );
    // A schema must have one: an error about the whole schema, located at
    // the start of its first source.
    let sources = [("plain.graphql".to_owned(), "type A { b: Int }".to_owned())];
    let error = import(&sources, BASE, "plain").expect_err("no query type");
    assert_eq!(error.errors[0].location, "plain.graphql:1:1");
    assert!(error.errors[0].message.contains("query root"), "{error}");
}

/// The locations uda's own `@iri` may be applied at, as the projection declares them.
const UDA_LOCATIONS: &str =
    "OBJECT | INTERFACE | FIELD_DEFINITION | ENUM | ENUM_VALUE | SCALAR | INPUT_OBJECT";

/// A schema applying `@{argument}: …` on a type and a field, after `definition`.
fn iri_schema(definition: &str, argument: &str) -> String {
    format!(
        r#"{definition}
        type Query @iri({argument}: "https://example.org/q#Query") {{
          a: Int @iri({argument}: "https://example.org/q#a")
        }}"#
    )
}

#[test]
fn udas_own_iri_is_a_property_and_any_other_iri_is_data() {
    let iri = |value: &str| Literal::new_typed_literal(value, xsd::ANY_URI);
    // As the projection defines it; descriptions and the order of the
    // locations do not matter.
    let mut reordered: Vec<&str> = UDA_LOCATIONS.split(" | ").collect();
    reordered.reverse();
    let reordered = reordered.join(" | ");
    for definition in [
        format!("directive @iri(value: String!) on {UDA_LOCATIONS}"),
        format!("\"Another text.\" directive @iri(\"The IRI.\" value: String!) on {reordered}"),
    ] {
        let i = imports_text("uda.graphql", &iri_schema(&definition, "value"));
        assert_eq!(i.warnings, []);
        assert!(has(
            &i,
            &at("Query"),
            "termIri",
            iri("https://example.org/q#Query")
        ));
        assert!(has(
            &i,
            &at("Query/a"),
            "termIri",
            iri("https://example.org/q#a")
        ));
        assert_eq!(class(&i, &at("Query/%40iri%231")), None, "{definition}");
        assert_eq!(class(&i, &at("Query/a/%40iri%231")), None, "{definition}");
        // The definition itself is recorded as any other.
        assert_eq!(
            class(&i, &at("%40iri")).as_deref(),
            Some("DirectiveDefinition")
        );
    }
    // Any other @iri: other arguments, repeatable, other locations.
    let foreign = [
        (
            format!("directive @iri(value: String) on {UDA_LOCATIONS}"),
            "value",
        ),
        (
            format!("directive @iri(value: String! = \"x\") on {UDA_LOCATIONS}"),
            "value",
        ),
        (
            format!("directive @iri(iri: String!) on {UDA_LOCATIONS}"),
            "iri",
        ),
        (
            format!("directive @iri(value: String!, note: String) on {UDA_LOCATIONS}"),
            "value",
        ),
        (
            format!("directive @iri(value: String!) repeatable on {UDA_LOCATIONS}"),
            "value",
        ),
        (
            "directive @iri(value: String!) on OBJECT | FIELD_DEFINITION".to_owned(),
            "value",
        ),
        (
            format!("directive @iri(value: String!) on {UDA_LOCATIONS} | ARGUMENT_DEFINITION"),
            "value",
        ),
    ];
    for (definition, argument) in foreign {
        let i = imports_text("foreign.graphql", &iri_schema(&definition, argument));
        assert_eq!(i.warnings, []);
        assert_eq!(string(&i, &at("Query"), "termIri"), None, "{definition}");
        let application = at("Query/a/%40iri%231");
        assert_eq!(
            class(&i, &application).as_deref(),
            Some("DirectiveApplication"),
            "{definition}"
        );
        assert!(link(&i, &application, "definition", &at("%40iri")));
        assert_eq!(
            string(&i, &at(&format!("Query/a/%40iri%231/{argument}")), "value").as_deref(),
            Some("\"https://example.org/q#a\"")
        );
    }
    // Applied but not defined: nothing says it is uda's.
    let i = imports_text("undefined.graphql", &iri_schema("", "value"));
    assert_eq!(i.warnings.len(), 1, "{:?}", i.warnings);
    assert_eq!(string(&i, &at("Query"), "termIri"), None);
    assert_eq!(
        class(&i, &at("Query/%40iri%231")).as_deref(),
        Some("DirectiveApplication")
    );
}

/// In a subgraph, a Federation directive's application node is left out
/// only when the type's property says all of it; outside a subgraph a
/// directive named like one is data only.
#[test]
fn federation_properties_replace_their_applications_only_when_they_say_everything() {
    let subgraph = r#"
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
                            import: ["@key", "@shareable", "@interfaceObject"])
        type Query { a: A }
        type A @key(fields: "id", resolvable: true) @shareable { id: ID! }
        type B @key(resolvable: false, fields: "id") @interfaceObject { id: ID! }
        interface I @key(fields: "id") { id: ID! }
        type C @key(fields: "id") { id: ID! @shareable }
    "#;
    let i = imports_text("subgraph.graphql", subgraph);
    assert_eq!(i.warnings, []);
    let (a, b) = (at("A"), at("B"));
    // `resolvable: true` written out: the property cannot tell it from
    // nothing written, so the application stays.
    assert_eq!(string(&i, &a, "key").as_deref(), Some("id"));
    assert!(has(&i, &a, "resolvable", Literal::from(true)));
    assert_eq!(
        string(&i, &at("A/%40key%231/resolvable"), "value").as_deref(),
        Some("true")
    );
    assert!(has(&i, &a, "shareable", Literal::from(true)));
    assert_eq!(class(&i, &at("A/%40shareable%231")), None);
    // `resolvable: false`, in any order: said by gql:resolvable.
    assert!(has(&i, &b, "resolvable", Literal::from(false)));
    assert_eq!(class(&i, &at("B/%40key%231")), None);
    assert!(has(&i, &b, "interfaceObject", Literal::from(true)));
    assert_eq!(class(&i, &at("B/%40interfaceObject%231")), None);
    assert_eq!(string(&i, &at("I"), "key").as_deref(), Some("id"));
    assert_eq!(class(&i, &at("I/%40key%231")), None);
    // @shareable on a field has no property: data.
    assert_eq!(
        class(&i, &at("C/id/%40shareable%231")).as_deref(),
        Some("DirectiveApplication")
    );

    let plain = r#"
        directive @key(fields: String!) on OBJECT
        type Query @key(fields: "a") { a: Int }
    "#;
    let i = imports_text("plain.graphql", plain);
    assert_eq!(string(&i, &at("Query"), "key"), None);
    assert_eq!(
        class(&i, &at("Query/%40key%231")).as_deref(),
        Some("DirectiveApplication")
    );
}
