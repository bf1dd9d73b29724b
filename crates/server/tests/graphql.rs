//! The GraphQL API over HTTP, against a real server on a loopback port with an on-disk store:
//! registering the examples, reading back every query field, projections identical to
//! `uda_targets`', refusals (invalid, incompatible, unauthorized, out of scope) that write
//! nothing, malformed requests and the depth and complexity limits.

mod common;

use common::{Response, TestServer};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use uda_server::Limits;
use uda_targets::Target;
use uda_upper::{ClassKind, PropertyKind};

const STUDIO: &str = "https://example.org/studio";
const MARKETING: &str = "https://example.org/marketing";

fn post(server: &TestServer, query: &str, variables: Value, token: Option<&str>) -> Response {
    server.post_json(
        "/graphql",
        &json!({ "query": query, "variables": variables }),
        token,
    )
}

/// `query` posted with this `Accept` header.
fn post_accepting(server: &TestServer, query: &str, accept: &str) -> Response {
    server.post(
        "/graphql",
        "application/json",
        json!({ "query": query }).to_string(),
        &[("accept", accept)],
    )
}

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

/// The errors of a request that could not run (malformed, invalid, over a limit), as GraphQL
/// over HTTP has it: no `data`; 400 as `application/graphql-response+json`, 200 as
/// `application/json` (the default).
fn request_errors(server: &TestServer, query: &str) -> Vec<Value> {
    let r = post_accepting(server, query, GRAPHQL_RESPONSE);
    assert!(
        r.content_type.starts_with(GRAPHQL_RESPONSE),
        "{}",
        r.content_type
    );
    let e = errors(&r, 400);
    assert!(r.json().get("data").is_none(), "{}", r.body);
    for accept in ["application/json", "*/*"] {
        let r = post_accepting(server, query, accept);
        assert!(
            r.content_type.starts_with("application/json"),
            "{}",
            r.content_type
        );
        assert_eq!(errors(&r, 200), e);
        assert!(r.json().get("data").is_none(), "{}", r.body);
    }
    e
}

/// The `data` of a successful response (200, no errors).
fn data(response: &Response) -> Value {
    let body = response.json();
    assert_eq!(response.status, 200, "{body:#}");
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"].clone()
}

/// The errors of a response answered with `status`.
fn errors(response: &Response, status: u16) -> Vec<Value> {
    let body = response.json();
    assert_eq!(response.status, status, "{body:#}");
    let errors = body["errors"].as_array().cloned().unwrap_or_default();
    assert!(!errors.is_empty(), "no errors in {body:#}");
    for e in &errors {
        let message = e["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty(), "an error without a message: {body:#}");
    }
    errors
}

/// The one error of a mutation refused by the registry or the tokens, and its code.
fn refusal(response: &Response) -> (Value, String) {
    let errors = errors(response, 200);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let code = errors[0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (errors[0].clone(), code)
}

const REGISTER: &str = r#"
mutation($source: String!, $name: String, $format: String) {
  registerDomainModel(source: $source, sourceName: $name, format: $format) {
    model version hash changed graph
    changes {
      kind term class description breaksBackward breaksForward
      projections { target description }
    }
    warnings { code severity message iri file line column notes help }
    projections { target model version containerGraph mappingsGraph files { name text } text
                  mappings(element: "https://example.org/studio#Work") { element container path } }
    domainModel { iri domain version }
  }
}"#;

fn register(server: &TestServer, text: &str, name: &str, token: Option<&str>) -> Response {
    post(
        server,
        REGISTER,
        json!({ "source": text, "name": name }),
        token,
    )
}

fn register_example(server: &TestServer, name: &str) -> Value {
    let r = register(server, &common::example(name), &format!("{name}.ttl"), None);
    data(&r)["registerDomainModel"].clone()
}

/// The schema files `uda_targets` writes for an example model.
fn expected_files(model: &str, target: Target) -> Value {
    let loaded = uda_testkit::load_examples();
    let view = loaded.models.view(model).expect("example model");
    let output = target.project(&view).expect("projects");
    Value::Array(
        output
            .files
            .iter()
            .map(|f| json!({ "name": f.name, "text": f.text }))
            .collect(),
    )
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {value}"))
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("not a string: {v}"))
                .to_owned()
        })
        .collect()
}

fn iris(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {value}"))
        .iter()
        .map(|v| v["iri"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn registering_the_examples_returns_versions_hashes_and_every_projection() {
    let server = TestServer::start();
    for (name, iri) in [("studio", STUDIO), ("marketing", MARKETING)] {
        let r = register_example(&server, name);
        assert_eq!(r["model"], iri);
        assert_eq!(r["version"], 1);
        assert_eq!(r["changed"], true);
        assert!(
            r["hash"].as_str().is_some_and(|h| h.starts_with("sha256:")),
            "{r:#}"
        );
        assert_eq!(r["graph"], format!("{iri}/version/1"));
        assert_eq!(r["changes"], json!([]));
        assert_eq!(
            r["domainModel"],
            json!({ "iri": iri, "domain": name, "version": 1 })
        );
        let projections = r["projections"].as_array().expect("projections");
        let targets: Vec<String> = projections
            .iter()
            .map(|p| p["target"].as_str().unwrap_or_default().to_owned())
            .collect();
        let mut all: Vec<String> = Target::all().iter().map(Target::to_string).collect();
        all.sort();
        assert_eq!(targets, all);
        for p in projections {
            let target: Target = p["target"]
                .as_str()
                .unwrap_or_default()
                .parse()
                .expect("target");
            assert_eq!(
                p["files"],
                expected_files(iri, target),
                "{target} of {name}"
            );
            let texts: Vec<&str> = p["files"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| f["text"].as_str())
                .collect();
            assert_eq!(p["text"], texts.join("\n"));
            assert_eq!(p["version"], 1);
            assert_eq!(
                p["containerGraph"],
                format!("{iri}/projection/{target}/container/version/1")
            );
            assert_eq!(
                p["mappingsGraph"],
                format!("{iri}/projection/{target}/mappings/version/1")
            );
        }
    }
    // The registry the server holds agrees.
    assert_eq!(
        server
            .registry
            .versions("marketing")
            .expect("versions")
            .len(),
        1
    );
    assert!(server.registry.verify().expect("verify").is_empty());
}

#[test]
fn every_query_field_reads_back_what_was_registered() {
    let server = TestServer::start();
    let studio = register_example(&server, "studio");
    let marketing = register_example(&server, "marketing");

    // domainModels, with every field of DomainModel and Version.
    let q = r#"
    query($term: String!) {
      domainModels {
        iri label description domain imports { iri domain version hash }
        version latestVersion current deleted kind graph hash createdAt principal compatibility
        versions {
          model version graph hash createdAt principal imports current domainModel { iri version }
        }
        turtle
        projections { target }
        terms { iri }
        classes { iri __typename }
        properties { iri }
        enumerations { iri }
        datatypes { iri }
        term(iri: $term) { iri label __typename }
      }
      everything: domainModels(includeSystem: true, includeDeleted: true) { iri kind }
    }"#;
    let d = data(&post(
        &server,
        q,
        json!({ "term": "http://www.w3.org/2001/XMLSchema#string" }),
        None,
    ));
    let models = d["domainModels"].as_array().expect("models");
    assert_eq!(iris(&d["domainModels"]), [MARKETING, STUDIO]);
    let everything = iris(&d["everything"]);
    for system in [
        "https://w3id.org/uda/upper",
        "https://w3id.org/uda/graphql",
        STUDIO,
    ] {
        assert!(everything.contains(&system.to_owned()), "{everything:?}");
    }
    let (m, s) = (&models[0], &models[1]);
    assert_eq!(s["label"], "Studio");
    assert_eq!(s["domain"], "studio");
    assert!(s["description"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(s["imports"], json!([]));
    assert_eq!(m["imports"][0]["iri"], STUDIO);
    assert_eq!(m["imports"][0]["version"], 1);
    assert_eq!(m["imports"][0]["hash"], studio["hash"]);
    for (model, registered) in [(s, &studio), (m, &marketing)] {
        assert_eq!(model["version"], 1);
        assert_eq!(model["latestVersion"], 1);
        assert_eq!(model["current"], true);
        assert_eq!(model["deleted"], false);
        assert_eq!(model["kind"], "domain_model");
        assert_eq!(model["hash"], registered["hash"]);
        assert_eq!(model["graph"], registered["graph"]);
        assert_eq!(model["principal"], "anonymous");
        assert_eq!(model["compatibility"], "BACKWARD");
        assert!(
            model["createdAt"]
                .as_str()
                .is_some_and(|t| t.starts_with("20")),
            "{model:#}"
        );
        let v = &model["versions"][0];
        assert_eq!(v["model"], model["iri"]);
        assert_eq!(v["version"], 1);
        assert_eq!(v["graph"], model["graph"]);
        assert_eq!(v["hash"], model["hash"]);
        assert_eq!(v["createdAt"], model["createdAt"]);
        assert_eq!(v["principal"], "anonymous");
        assert_eq!(v["current"], true);
        assert_eq!(
            v["domainModel"],
            json!({ "iri": model["iri"], "version": 1 })
        );
        assert_eq!(
            model["projections"].as_array().map(Vec::len),
            Some(Target::all().len())
        );
        assert_eq!(model["term"]["label"], "string");
        assert_eq!(model["term"]["__typename"], "Datatype");
    }
    assert_eq!(
        strings(&m["versions"][0]["imports"]),
        [format!("{STUDIO}/version/1")]
    );
    assert!(s["turtle"]
        .as_str()
        .is_some_and(|t| t.contains("<https://example.org/studio#Work>")));

    // The terms are the model's own, typed by their Upper class.
    let loaded = uda_testkit::load_examples();
    let model = loaded.models.get(STUDIO).expect("studio");
    let mut classes: Vec<String> = model.classes.keys().cloned().collect();
    classes.extend(model.enumerations.keys().cloned());
    classes.sort();
    assert_eq!(iris(&s["classes"]), classes);
    assert_eq!(
        iris(&s["properties"]),
        model.properties.keys().cloned().collect::<Vec<_>>()
    );
    assert_eq!(
        iris(&s["enumerations"]),
        model.enumerations.keys().cloned().collect::<Vec<_>>()
    );
    assert_eq!(
        iris(&s["datatypes"]),
        model.datatypes.keys().cloned().collect::<Vec<_>>()
    );
    let terms = iris(&s["terms"]);
    for c in &classes {
        assert!(terms.contains(c), "{c} is not among the terms");
    }
    assert!(terms.contains(&STUDIO.to_owned()));
    for c in s["classes"].as_array().expect("classes") {
        let iri = c["iri"].as_str().unwrap_or_default();
        let expected = match model.classes.get(iri).map(|c| c.kind) {
            Some(ClassKind::Direct) => "DirectClass",
            Some(ClassKind::Nested) => "NestedClass",
            None => "Enumeration",
        };
        assert_eq!(c["__typename"], expected, "{iri}");
    }

    // Classes and properties: keys, cardinalities, datatypes, enumeration values, taxonomy.
    let q = r#"
    query($model: String!, $version: Int) {
      domainModel(model: $model, version: $version) {
        classes {
          iri label description __typename
          property { iri }
          subClassOf { iri }
          ... on DirectClass { primaryKey { iri } }
          ... on Enumeration { oneOf { iri label description } }
        }
        properties {
          iri label description minCount maxCount ordered __typename
          ... on Attribute {
            datatype {
              iri label baseType { iri } pattern minLength maxLength
              minInclusive maxInclusive minExclusive maxExclusive precision scale
            }
          }
          ... on Relationship { class { iri __typename } }
        }
        datatypes { iri label description baseType { iri } pattern minLength maxLength
                    minInclusive maxInclusive minExclusive maxExclusive precision scale }
      }
    }"#;
    let by_iri = data(&post(
        &server,
        q,
        json!({ "model": STUDIO, "version": 1 }),
        None,
    ));
    let by_domain = data(&post(&server, q, json!({ "model": "studio" }), None));
    assert_eq!(by_iri, by_domain);
    let d = &by_iri["domainModel"];
    let view = loaded.models.view(STUDIO).expect("view");
    for c in d["classes"].as_array().expect("classes") {
        let iri = c["iri"].as_str().unwrap_or_default();
        if let Some(class) = model.classes.get(iri) {
            assert_eq!(c["label"].as_str(), class.text.label.as_deref(), "{iri}");
            assert_eq!(
                c["description"].as_str(),
                class.text.description.as_deref(),
                "{iri}"
            );
            let mut declared = class.properties.clone();
            declared.sort();
            assert_eq!(iris(&c["property"]), declared, "{iri}");
            assert_eq!(
                c["subClassOf"]["iri"].as_str(),
                class.parent.as_deref(),
                "{iri}"
            );
            if class.kind == ClassKind::Direct {
                assert_eq!(iris(&c["primaryKey"]), class.primary_key, "{iri}");
            }
        } else {
            let e = &model.enumerations[iri];
            let values: Vec<String> = e.values.iter().map(|v| v.iri.clone()).collect();
            assert_eq!(iris(&c["oneOf"]), values, "the values of {iri}, in order");
        }
    }
    for p in d["properties"].as_array().expect("properties") {
        let iri = p["iri"].as_str().unwrap_or_default();
        let property = view.property(iri).expect("property");
        assert_eq!(p["minCount"], property.min_count.to_string(), "{iri}");
        assert_eq!(
            p["maxCount"].as_str(),
            property.max_count.map(|m| m.to_string()).as_deref(),
            "{iri}"
        );
        assert_eq!(p["label"].as_str(), property.text.label.as_deref(), "{iri}");
        match &property.kind {
            PropertyKind::Attribute { datatype } => {
                assert_eq!(p["__typename"], "Attribute");
                assert_eq!(p["datatype"]["iri"], *datatype, "{iri}");
            }
            PropertyKind::Relationship { class } => {
                assert_eq!(p["__typename"], "Relationship");
                assert_eq!(p["class"]["iri"], *class, "{iri}");
            }
        }
    }
    let money = d["datatypes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| t["iri"] == "https://example.org/studio#Money")
        .expect("studio:Money");
    assert_eq!(
        money["baseType"]["iri"],
        "http://www.w3.org/2001/XMLSchema#decimal"
    );
    assert_eq!(money["minInclusive"], "0");
    assert_eq!(
        (money["precision"].clone(), money["scale"].clone()),
        (json!("14"), json!("2"))
    );

    // A model that does not exist, a version that does not exist.
    let q = "query($m: String!, $v: Int) { domainModel(model: $m, version: $v) { iri } }";
    assert_eq!(
        data(&post(&server, q, json!({ "m": "nope" }), None))["domainModel"],
        Value::Null
    );
    assert_eq!(
        data(&post(&server, q, json!({ "m": "studio", "v": 9 }), None))["domainModel"],
        Value::Null
    );

    // versions
    let q = r#"{ versions(model: "marketing") {
        model version graph hash createdAt principal imports current domainModel { domain } } }"#;
    let v = data(&post(&server, q, json!({}), None));
    assert_eq!(v["versions"][0]["model"], MARKETING);
    assert_eq!(v["versions"][0]["hash"], marketing["hash"]);
    assert_eq!(v["versions"][0]["domainModel"]["domain"], "marketing");

    // projection: every target, the text uda_targets writes.
    let q = r#"
    query($model: String!, $target: ProjectionTarget!, $dialect: SqlDialect) {
      projection(model: $model, target: $target, dialect: $dialect) {
        target model version containerGraph mappingsGraph files { name text } text
      }
    }"#;
    for target in Target::all() {
        let name = target.to_string();
        let (t, dialect) = match name.strip_prefix("sql-") {
            Some(d) => ("SQL".to_owned(), Value::String(d.to_ascii_uppercase())),
            None => (name.to_ascii_uppercase().replace('-', "_"), Value::Null),
        };
        for (model, iri) in [("studio", STUDIO), ("marketing", MARKETING)] {
            let vars = json!({ "model": model, "target": t, "dialect": dialect });
            let p = &data(&post(&server, q, vars, None))["projection"];
            assert_eq!(p["target"], name);
            assert_eq!(p["model"], iri);
            assert_eq!(p["files"], expected_files(iri, target), "{name} of {model}");
        }
    }
    // SQL defaults to PostgreSQL.
    let vars = json!({ "model": "studio", "target": "SQL" });
    assert_eq!(
        data(&post(&server, q, vars, None))["projection"]["target"],
        "sql-postgres"
    );

    // mappings: from a model element to its container elements, and back.
    let q = r#"
    query($element: String, $container: String) {
      mappings(model: "studio", target: GRAPHQL, element: $element, container: $container) {
        target element container name path kind originalName notes
      }
    }"#;
    let forward = data(&post(
        &server,
        q,
        json!({ "element": "https://example.org/studio#synopsis" }),
        None,
    ));
    let rows = forward["mappings"].as_array().expect("mappings");
    let paths: BTreeSet<String> = rows
        .iter()
        .filter_map(|r| r["path"].as_str().map(str::to_owned))
        .collect();
    assert!(paths.contains("Work.synopsis"), "{paths:?}");
    assert!(
        paths.contains("Film.synopsis"),
        "the inherited field too: {paths:?}"
    );
    for r in rows {
        assert_eq!(r["target"], "graphql");
        assert_eq!(r["element"], "https://example.org/studio#synopsis");
        assert_eq!(r["name"], "synopsis");
        assert_eq!(r["kind"], "https://w3id.org/uda/graphql#Field");
        assert!(r["notes"].is_array());
    }
    let back = data(&post(
        &server,
        q,
        json!({ "container": "Work.synopsis" }),
        None,
    ));
    assert_eq!(
        back["mappings"].as_array().map(Vec::len),
        Some(1),
        "{back:#}"
    );
    assert_eq!(
        back["mappings"][0]["element"],
        "https://example.org/studio#synopsis"
    );
    let container = back["mappings"][0]["container"].clone();
    let by_iri = data(&post(&server, q, json!({ "container": container }), None));
    assert_eq!(by_iri, back);
    // A renamed element records its original name: `e-mail` is the column `e_mail` in SQL.
    let q = r#"{ domainModel(model: "studio") {
        mappings(target: SQL, dialect: POSTGRES, element: "https://example.org/studio#e-mail") {
          name originalName } } }"#;
    let renamed = data(&post(&server, q, json!({}), None));
    assert_eq!(
        renamed["domainModel"]["mappings"][0]["originalName"], "e-mail",
        "{renamed:#}"
    );

    // catalog
    let q = r#"
    query($kind: String) {
      catalog(kind: $kind) {
        graph kind governedBy imports derivedFrom target versionOf version currentVersion hash
        createdAt principal compatibility deletedAt deletedBy
      }
    }"#;
    let all = data(&post(&server, q, json!({}), None));
    let entries = all["catalog"].as_array().expect("catalog");
    let studio_entry = entries
        .iter()
        .find(|e| e["graph"] == STUDIO)
        .expect("studio's entry");
    assert_eq!(studio_entry["kind"], "domain_model");
    assert_eq!(
        studio_entry["currentVersion"],
        format!("{STUDIO}/version/1")
    );
    assert_eq!(studio_entry["hash"], studio["hash"]);
    assert_eq!(studio_entry["compatibility"], "BACKWARD");
    assert_eq!(studio_entry["deletedAt"], Value::Null);
    let container_graph = format!("{STUDIO}/projection/avro/container/version/1");
    let avro = entries
        .iter()
        .find(|e| e["graph"] == container_graph.as_str())
        .expect("avro container");
    assert_eq!(avro["derivedFrom"], format!("{STUDIO}/version/1"));
    assert_eq!(avro["target"], "avro");
    assert_eq!(avro["kind"], "container_representation");
    let models = data(&post(&server, q, json!({ "kind": "domain_model" }), None));
    let graphs = strings(&Value::Array(
        models["catalog"]
            .as_array()
            .expect("catalog")
            .iter()
            .map(|e| e["graph"].clone())
            .collect(),
    ));
    assert_eq!(
        graphs,
        [
            MARKETING.to_owned(),
            format!("{MARKETING}/version/1"),
            STUDIO.to_owned(),
            format!("{STUDIO}/version/1")
        ]
    );

    // search
    let q = r#"{ search(term: "TAGLINE") {
        iri model domain kind label description matched why realizedIn
        term { iri __typename ... on Attribute { datatype { iri } } } } }"#;
    let hits = data(&post(&server, q, json!({}), None));
    let first = &hits["search"][0];
    assert_eq!(first["iri"], "https://example.org/marketing#tagline");
    assert_eq!(first["model"], MARKETING);
    assert_eq!(first["domain"], "marketing");
    assert_eq!(first["kind"], "property");
    assert_eq!(first["label"], "tagline");
    assert_eq!(first["matched"], "exact");
    assert_eq!(first["why"], "label \"tagline\"");
    assert_eq!(first["term"]["__typename"], "Attribute");
    assert_eq!(
        first["term"]["datatype"]["iri"],
        "http://www.w3.org/2001/XMLSchema#string"
    );
    let q = r#"{ search(term: "studio releases", limit: 1) { iri matched } }"#;
    let hits = data(&post(&server, q, json!({}), None));
    assert_eq!(
        hits["search"],
        json!([{ "iri": "https://example.org/studio#Work", "matched": "description" }])
    );
    let q = r#"{ search(term: "") { iri } }"#;
    let refused = post(&server, q, json!({}), None).json();
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{refused}"
    );
}

#[test]
fn registering_an_unchanged_model_writes_nothing() {
    let server = TestServer::start();
    let first = register_example(&server, "studio");
    let before = server.registry.dump_nquads().expect("dump");
    let turtle = common::example("studio");
    let again =
        data(&register(&server, &turtle, "studio.ttl", None))["registerDomainModel"].clone();
    assert_eq!(again["changed"], false);
    assert_eq!(again["version"], 1);
    assert_eq!(again["hash"], first["hash"]);
    assert_eq!(again["changes"], json!([]));
    assert_eq!(server.registry.dump_nquads().expect("dump"), before);
}

/// A model whose relationship points at a class nobody defines, on line 6.
const INVALID: &str = "@prefix upper: <https://w3id.org/uda/upper#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix bad: <https://example.org/bad#> .
<https://example.org/bad> a upper:DomainModel ; upper:domain \"bad\" .
bad:Thing a upper:DirectClass ; upper:primaryKey ( bad:id ) ; upper:property bad:id , bad:owner .
bad:owner a upper:Relationship ; upper:class bad:Nobody ; upper:minCount 0 ; upper:maxCount 1 .
bad:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
";

#[test]
fn an_invalid_model_is_refused_with_its_code_iri_and_place_and_nothing_is_written() {
    let server = TestServer::start();
    register_example(&server, "studio");
    let before = server.registry.dump_nquads().expect("dump");

    let (error, code) = refusal(&register(&server, INVALID, "bad.ttl", None));
    let x = &error["extensions"];
    assert!(
        code.len() == 4 && code.starts_with('U') && code[1..].chars().all(|c| c.is_ascii_digit()),
        "{error:#}"
    );
    assert!(
        x["iri"]
            .as_str()
            .is_some_and(|i| i.starts_with("https://example.org/bad#")),
        "{error:#}"
    );
    assert_eq!(x["file"], "bad.ttl", "{error:#}");
    assert_eq!(x["line"], 6, "{error:#}");
    assert!(x["column"].as_u64().is_some_and(|c| c > 0), "{error:#}");
    let diagnostics = x["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics[0]["code"], code.as_str());
    assert_eq!(diagnostics[0]["severity"], "error");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("bad.ttl")),
        "{error:#}"
    );

    // A syntax error: the parser's code and place.
    let broken = "@prefix upper: <https://w3id.org/uda/upper#> .\n\
                  <https://example.org/x> a upper:DomainModel ;\n  upper:domain \"x\" ;; ] .\n";
    let (error, code) = refusal(&register(&server, broken, "broken.ttl", None));
    assert!(code.starts_with('U'), "{error:#}");
    assert_eq!(error["extensions"]["line"], 3, "{error:#}");

    // An unknown format is a bad input, not a guess.
    let r = post(
        &server,
        REGISTER,
        json!({ "source": "x", "format": "cobol" }),
        None,
    );
    let (error, code) = refusal(&r);
    assert_eq!(code, "BAD_USER_INPUT");
    assert!(error["message"]
        .as_str()
        .is_some_and(|m| m.contains("cobol")));

    assert_eq!(server.registry.dump_nquads().expect("dump"), before);
}

#[test]
fn other_rdf_syntaxes_register_by_name_and_by_media_type() {
    let server = TestServer::start();
    let nt =
        std::fs::read_to_string(uda_testkit::examples_dir().join("studio.ttl")).expect("studio");
    // N-Triples of the example, written by oxigraph's own parser and serializer.
    let graph = uda_upper::Document::parse(
        "studio.ttl".into(),
        nt.as_bytes(),
        uda_upper::RdfFormat::Turtle,
        "file:///studio.ttl",
    )
    .expect("parses");
    let ntriples: String = graph.graph().iter().map(|t| format!("{t} .\n")).collect();
    for format in ["ntriples", "application/n-triples"] {
        let r = post(
            &server,
            REGISTER,
            json!({ "source": ntriples, "format": format }),
            None,
        );
        let r = &data(&r)["registerDomainModel"];
        assert_eq!(r["model"], STUDIO);
        assert_eq!(r["version"], 1);
    }
}

/// Studio with `studio:synopsis` required: a breaking change under BACKWARD.
fn required_synopsis() -> String {
    let text = common::example("studio");
    let changed = text.replace(
        "upper:label \"synopsis\" ;\n    upper:datatype xsd:string ; upper:minCount 0 ;",
        "upper:label \"synopsis\" ;\n    upper:datatype xsd:string ; upper:minCount 1 ;",
    );
    assert_ne!(text, changed);
    changed
}

#[test]
fn an_incompatible_version_is_refused_with_its_breaking_changes_until_the_mode_allows_it() {
    let server = TestServer::start();
    register_example(&server, "studio");
    let before = server.registry.dump_nquads().expect("dump");

    let (error, code) = refusal(&register(&server, &required_synopsis(), "studio.ttl", None));
    assert_eq!(code, "INCOMPATIBLE", "{error:#}");
    let x = &error["extensions"];
    assert_eq!(x["iri"], STUDIO);
    assert_eq!(x["mode"], "BACKWARD");
    assert_eq!(x["conflicts"][0]["version"], 1);
    let changes = x["changes"].as_array().expect("changes");
    let synopsis = changes
        .iter()
        .find(|c| c["term"] == "https://example.org/studio#synopsis")
        .unwrap_or_else(|| panic!("no change of synopsis in {changes:#?}"));
    assert_eq!(synopsis["kind"], "cardinality_tightened");
    assert_eq!(synopsis["breaksBackward"], true);
    assert!(synopsis["description"]
        .as_str()
        .is_some_and(|d| d.contains("synopsis")));
    let graphql = synopsis["projections"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["target"] == "graphql")
        .unwrap_or_else(|| panic!("no GraphQL description in {synopsis:#}"));
    assert!(
        graphql["description"]
            .as_str()
            .is_some_and(|d| d.contains("String!")),
        "{graphql:#}"
    );
    assert_eq!(server.registry.dump_nquads().expect("dump"), before);

    // With the compatibility mode relaxed, the same version goes in.
    let q = r#"mutation {
        setCompatibility(model: "studio", mode: NONE) { iri compatibility version } }"#;
    let set = data(&post(&server, q, json!({}), None));
    assert_eq!(
        set["setCompatibility"],
        json!({ "iri": STUDIO, "compatibility": "NONE", "version": 1 })
    );
    let r = data(&register(&server, &required_synopsis(), "studio.ttl", None))
        ["registerDomainModel"]
        .clone();
    assert_eq!(
        (r["version"].clone(), r["changed"].clone()),
        (json!(2), json!(true))
    );
    assert!(
        r["changes"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c["kind"] == "cardinality_tightened")),
        "{r:#}"
    );

    // Both versions stay readable; the current one is 2.
    let q = r#"{
        v1: domainModel(model: "studio", version: 1) {
          version current properties { iri minCount } }
        v2: domainModel(model: "studio") {
          version current latestVersion properties { iri minCount } } }"#;
    let d = data(&post(&server, q, json!({}), None));
    let min = |v: &Value| {
        v["properties"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["iri"] == "https://example.org/studio#synopsis")
            .map(|p| p["minCount"].clone())
    };
    assert_eq!(
        (d["v1"]["version"].clone(), d["v1"]["current"].clone()),
        (json!(1), json!(false))
    );
    assert_eq!(d["v2"]["latestVersion"], 2);
    assert_eq!(min(&d["v1"]), Some(json!("0")));
    assert_eq!(min(&d["v2"]), Some(json!("1")));
}

#[test]
fn deleting_a_model_keeps_its_versions_and_is_refused_while_imported() {
    let server = TestServer::start();
    register_example(&server, "studio");
    register_example(&server, "marketing");
    let before = server.registry.dump_nquads().expect("dump");

    let q = "mutation($m: String!) {
        deleteDomainModel(model: $m) { model removedGraphs lastVersion } }";
    let (error, code) = refusal(&post(&server, q, json!({ "m": "studio" }), None));
    assert_eq!(code, "IN_USE");
    assert_eq!(strings(&error["extensions"]["dependents"]), [MARKETING]);
    assert_eq!(server.registry.dump_nquads().expect("dump"), before);

    let d = data(&post(&server, q, json!({ "m": MARKETING }), None));
    let deleted = &d["deleteDomainModel"];
    assert_eq!(deleted["model"], MARKETING);
    assert_eq!(deleted["lastVersion"], 1);
    assert!(strings(&deleted["removedGraphs"]).contains(&MARKETING.to_owned()));

    let q = r#"{ domainModels { iri }
                 all: domainModels(includeDeleted: true) { iri deleted version current }
                 domainModel(model: "marketing") { deleted version label } }"#;
    let d = data(&post(&server, q, json!({}), None));
    assert_eq!(iris(&d["domainModels"]), [STUDIO]);
    assert_eq!(
        d["all"][0],
        json!({ "iri": MARKETING, "deleted": true, "version": 1, "current": false })
    );
    assert_eq!(d["domainModel"]["label"], "Marketing");

    let q = "mutation($m: String!) { deleteDomainModel(model: $m) { model } }";
    let (_, code) = refusal(&post(
        &server,
        q,
        json!({ "m": "nothing-by-that-name" }),
        None,
    ));
    assert_eq!(code, "UNKNOWN_MODEL");
}

const TOKENS: &str = r#"
[[token]]
name = "studio-team"
secret = "studio-secret"
domains = ["studio"]

[[token]]
name = "marketing-team"
secret = "marketing-secret"
domains = ["marketing"]
"#;

#[test]
fn writes_need_a_token_covering_the_model_and_refusals_write_nothing() {
    let server = TestServer::start_with(Some(TOKENS), Limits::default());
    let studio = common::example("studio");
    let empty = server.registry.dump_nquads().expect("dump");

    let (error, code) = refusal(&register(&server, &studio, "studio.ttl", None));
    assert_eq!(code, "UNAUTHORIZED", "{error:#}");
    let (_, code) = refusal(&register(
        &server,
        &studio,
        "studio.ttl",
        Some("not-a-token"),
    ));
    assert_eq!(code, "UNAUTHORIZED");
    let (error, code) = refusal(&register(
        &server,
        &studio,
        "studio.ttl",
        Some("marketing-secret"),
    ));
    assert_eq!(code, "FORBIDDEN", "{error:#}");
    assert!(
        !error.to_string().contains("marketing-secret"),
        "the secret is echoed: {error:#}"
    );
    assert_eq!(server.registry.dump_nquads().expect("dump"), empty);

    let r = data(&register(
        &server,
        &studio,
        "studio.ttl",
        Some("studio-secret"),
    ));
    assert_eq!(r["registerDomainModel"]["version"], 1);
    let q = r#"{ domainModel(model: "studio") { principal } }"#;
    assert_eq!(
        data(&post(&server, q, json!({}), None))["domainModel"]["principal"],
        "studio-team"
    );

    let before = server.registry.dump_nquads().expect("dump");
    let set = "mutation { setCompatibility(model: \"studio\", mode: FULL) { compatibility } }";
    let delete = "mutation { deleteDomainModel(model: \"studio\") { model } }";
    for (query, token, expected) in [
        (set, None, "UNAUTHORIZED"),
        (set, Some("marketing-secret"), "FORBIDDEN"),
        (delete, None, "UNAUTHORIZED"),
        (delete, Some("marketing-secret"), "FORBIDDEN"),
    ] {
        let (_, code) = refusal(&post(&server, query, json!({}), token));
        assert_eq!(code, expected, "{query} with {token:?}");
    }
    // Marketing extends studio's classes: the marketing token alone may not register it.
    let marketing = common::example("marketing");
    let (_, code) = refusal(&register(
        &server,
        &marketing,
        "m.ttl",
        Some("marketing-secret"),
    ));
    assert_eq!(code, "FORBIDDEN");
    assert_eq!(server.registry.dump_nquads().expect("dump"), before);

    let d = data(&post(&server, set, json!({}), Some("studio-secret")));
    assert_eq!(d["setCompatibility"]["compatibility"], "FULL");
}

#[test]
fn closed_reads_need_a_token() {
    let tokens = format!("reads = \"token\"\n{TOKENS}");
    let server = TestServer::start_with(Some(&tokens), Limits::default());
    let q = "{ domainModels { iri } }";
    let r = post(&server, q, json!({}), None);
    let e = errors(&r, 401);
    assert_eq!(e[0]["extensions"]["code"], "UNAUTHORIZED");
    let r = post(&server, q, json!({}), Some("marketing-secret"));
    assert_eq!(data(&r)["domainModels"], json!([]));
}

#[test]
fn malformed_requests_get_a_4xx_with_a_message() {
    let server = TestServer::start();
    let query = |q: &str| post(&server, q, json!({}), None);
    // Not GraphQL, unknown fields, wrong argument types, unknown enum values, missing variables.
    for (q, needle) in [
        ("{ domainModels { iri ", "expected"),
        ("{ nope }", "nope"),
        ("{ domainModel(model: 42) { iri } }", "model"),
        (
            "{ projection(model: \"studio\", target: COBOL) { text } }",
            "COBOL",
        ),
        ("mutation { registerDomainModel { version } }", "source"),
    ] {
        let e = request_errors(&server, q);
        let message = e[0]["message"].as_str().unwrap_or_default();
        assert!(
            message.to_lowercase().contains(&needle.to_lowercase()),
            "{q}: {message}"
        );
    }
    let e = errors(&query(""), 400);
    assert!(e[0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("no GraphQL document")));
    // A missing variable is found when the operation runs: an error of the field, with data null.
    let r = query("query($m: String!) { domainModel(model: $m) { iri } }");
    let e = errors(&r, 200);
    assert!(
        e[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("Variable m")),
        "{e:#?}"
    );
    // Bodies that are not GraphQL requests.
    let e = errors(
        &server.post("/graphql", "application/json", "{not json", &[]),
        400,
    );
    assert!(e[0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("not a GraphQL request")));
    errors(
        &server.post(
            "/graphql",
            "application/json",
            "[{\"query\": \"{ catalog { graph } }\"}]",
            &[],
        ),
        400,
    );
    let e = errors(
        &server.post("/graphql", "text/plain", "{ catalog { graph } }", &[]),
        415,
    );
    assert!(e[0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("application/json")));
    // A GraphQL document as the body works.
    let r = server.post(
        "/graphql",
        "application/graphql",
        "{ domainModels { iri } }",
        &[],
    );
    assert_eq!(data(&r)["domainModels"], json!([]));

    // GET: queries only; GraphiQL for browsers.
    let r = server.get(
        "/graphql?query=%7B%20domainModels%20%7B%20iri%20%7D%20%7D",
        &[],
    );
    assert_eq!(data(&r)["domainModels"], json!([]));
    let r = server.get(
        "/graphql?query=mutation%20%7B%20deleteDomainModel(model%3A%20%22x%22)\
         %20%7B%20model%20%7D%20%7D",
        &[],
    );
    errors(&r, 405);
    let r = server.get("/graphql", &[("accept", "text/html,application/xhtml+xml")]);
    assert_eq!(r.status, 200);
    assert!(
        r.content_type.starts_with("text/html"),
        "{}",
        r.content_type
    );
    assert!(r.body.to_lowercase().contains("graphiql"));
    errors(
        &server.get("/graphql", &[("accept", "application/json")]),
        400,
    );
}

#[test]
fn depth_and_complexity_limits_are_enforced() {
    let limits = Limits {
        graphql_depth: 4,
        graphql_complexity: 12,
        ..Limits::default()
    };
    let server = TestServer::start_with(None, limits);
    let within = "{ domainModels { classes { iri } } }";
    assert_eq!(
        data(&post(&server, within, json!({}), None))["domainModels"],
        json!([])
    );

    let deep =
        "{ domainModels { classes { property { ... on Relationship { class { iri } } } } } }";
    let e = request_errors(&server, deep);
    assert!(
        e[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("nested too deep")),
        "{e:#?}"
    );

    let wide = "{ catalog { graph kind governedBy imports derivedFrom target versionOf version
                            currentVersion hash createdAt principal } }";
    let e = request_errors(&server, wide);
    assert!(
        e[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("too complex")),
        "{e:#?}"
    );
}

/// What GraphiQL sends first (graphql-js's `getIntrospectionQuery()`): the default limits let it
/// through, and it describes the projected Upper types.
#[test]
fn the_introspection_query_of_graphiql_fits_the_default_limits() {
    const INTROSPECTION: &str = r#"
    query IntrospectionQuery {
      __schema {
        queryType { name } mutationType { name } subscriptionType { name }
        types { ...FullType }
        directives { name description locations args { ...InputValue } }
      }
    }
    fragment FullType on __Type {
      kind name description
      fields(includeDeprecated: true) {
        name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason
      }
      inputFields { ...InputValue }
      interfaces { ...TypeRef }
      enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
      possibleTypes { ...TypeRef }
    }
    fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
    fragment TypeRef on __Type {
      kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
      ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
    }"#;
    let server = TestServer::start();
    let d = data(&post(&server, INTROSPECTION, json!({}), None));
    let types = d["__schema"]["types"].as_array().expect("types");
    let term = types
        .iter()
        .find(|t| t["name"] == "Term")
        .expect("the Term interface");
    assert_eq!(term["kind"], "INTERFACE");
    let possible: BTreeSet<&str> = term["possibleTypes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str())
        .collect();
    for t in [
        "DomainModel",
        "DirectClass",
        "Attribute",
        "Relationship",
        "EnumValue",
        "Datatype",
    ] {
        assert!(possible.contains(t), "{t} is not a Term: {possible:?}");
    }
}
