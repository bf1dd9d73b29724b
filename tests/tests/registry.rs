//! `uda register`, `uda query` and `uda delete` end to end: the real binary on
//! a real data directory.

use uda_testsuite::*;

#[test]
fn register_orders_by_imports_and_is_idempotent() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    // marketing first on the command line: it is registered after studio, which it imports.
    let o = uda_on(
        &data,
        &[
            "register",
            "ontologies/examples/marketing.ttl",
            "ontologies/examples/studio.ttl",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let studio = out
        .find("registered <https://example.org/studio> version 1")
        .expect(&out);
    let marketing = out
        .find("registered <https://example.org/marketing> version 1")
        .expect(&out);
    assert!(studio < marketing, "{out}");

    let o = uda_on(&data, &["register", "ontologies/examples/studio.ttl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("unchanged <https://example.org/studio> version 1"),
        "{}",
        stdout(&o)
    );

    let o = uda_on(
        &data,
        &[
            "register",
            "--format",
            "json",
            "ontologies/examples/studio.ttl",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json[0]["status"], "unchanged");
    assert_eq!(json[0]["version"], 1);
}

#[test]
fn a_breaking_change_is_refused_with_exit_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    assert_eq!(
        uda_on(&data, &["register", "ontologies/examples/studio.ttl"])
            .status
            .code(),
        Some(0)
    );
    let v2 = write(
        tmp.path(),
        "studio-v2.ttl",
        &edited(&example("studio"), &[REQUIRED_SYNOPSIS]),
    );
    let o = uda_on(&data, &["register", v2.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("incompatible under BACKWARD"), "{err}");
    assert!(
        err.contains("property `studio:synopsis` became required"),
        "{err}"
    );
    // Accepted when the mode allows it.
    let o = uda_on(
        &data,
        &[
            "register",
            "--compatibility",
            "NONE",
            v2.to_str().expect("path"),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("version 2"), "{}", stdout(&o));
}

#[test]
fn an_invalid_model_is_refused_with_its_diagnostics() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let o = uda_on(&data, &["register", "ontologies/examples/marketing.ttl"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("U020"), "{}", stderr(&o));
    let o = uda_on(&data, &["register", "no/such/file.ttl"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn query_formats_and_read_only() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let o = uda_on(&data, &["query", "ASK {}"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "querying a missing data directory is a usage error"
    );
    assert_eq!(
        uda_on(&data, &["register", "ontologies/examples/studio.ttl"])
            .status
            .code(),
        Some(0)
    );

    let q = "SELECT ?domain ?label WHERE { ?m <https://w3id.org/uda/upper#domain> ?domain ; <https://w3id.org/uda/upper#label> ?label } ORDER BY ?domain";
    let o = uda_on(&data, &["query", "--format", "csv", q]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(csv.starts_with("domain,label\r\n"), "{csv:?}");
    assert!(csv.contains("studio,Studio\r\n"), "{csv:?}");
    assert!(csv.contains("upper,Upper\r\n"), "{csv:?}");

    let o = uda_on(&data, &["query", "--format", "tsv", q]);
    assert!(
        stdout(&o).starts_with("?domain\t?label\n"),
        "{}",
        stdout(&o)
    );

    let o = uda_on(&data, &["query", "--format", "json", q]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json["head"]["vars"], serde_json::json!(["domain", "label"]));

    let o = uda_on(&data, &["query", q]);
    let table = stdout(&o);
    let mut lines = table.lines();
    assert!(
        lines
            .next()
            .is_some_and(|l| l.starts_with("domain") && l.contains("label")),
        "{table}"
    );
    assert!(
        lines.next().is_some_and(|l| l.starts_with("------")),
        "{table}"
    );
    assert!(
        table.contains("studio") && table.trim_end().ends_with("rows)"),
        "{table}"
    );

    let o = uda_on(&data, &["query", "--format", "ntriples", "CONSTRUCT { ?m ?p ?o } WHERE { ?m <https://w3id.org/uda/upper#domain> \"studio\" ; ?p ?o }"]);
    assert!(
        stdout(&o).contains(
            "<https://example.org/studio> <https://w3id.org/uda/upper#domain> \"studio\" ."
        ),
        "{}",
        stdout(&o)
    );

    let o = uda_on(&data, &["query", "DELETE WHERE { ?s ?p ?o }"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("SPARQL Update is not allowed"),
        "{}",
        stderr(&o)
    );
    let o = uda_on(
        &data,
        &[
            "query",
            "--format",
            "csv",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/uda/upper#domain> \"studio\" }",
        ],
    );
    assert_eq!(stdout(&o), "n\r\n1\r\n", "the update must not have run");
}

#[test]
fn delete_keeps_versions() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    assert_eq!(
        uda_on(
            &data,
            &[
                "register",
                "ontologies/examples/studio.ttl",
                "ontologies/examples/marketing.ttl"
            ]
        )
        .status
        .code(),
        Some(0)
    );
    let o = uda_on(&data, &["delete", "studio"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("imported by <https://example.org/marketing>"),
        "{}",
        stderr(&o)
    );
    let o = uda_on(&data, &["delete", "marketing"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let q = "SELECT ?d WHERE { GRAPH <https://example.org/marketing/version/1> { ?m <https://w3id.org/uda/upper#domain> ?d } }";
    assert_eq!(
        stdout(&uda_on(&data, &["query", "--format", "csv", q])),
        "d\r\nmarketing\r\n"
    );
}

#[test]
fn projections_are_stored_and_governed_by_their_system_models() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    assert_eq!(
        uda_on(&data, &["register", "ontologies/examples/studio.ttl"])
            .status
            .code(),
        Some(0)
    );
    let q = "PREFIX cat: <https://w3id.org/uda/catalog#> SELECT ?target ?governing WHERE { ?g cat:kind cat:ContainerRepresentation ; cat:currentVersion ?v ; cat:target ?target ; cat:governedBy ?governing } ORDER BY ?target";
    let o = uda_on(&data, &["query", "--format", "csv", q]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(
        csv.contains("graphql,https://w3id.org/uda/graphql/version/1\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("avro,https://w3id.org/uda/avro/version/1\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("sql-postgres,https://w3id.org/uda/sql/version/1\r\n"),
        "{csv}"
    );
    // Every set of mappings is governed by the mapping model.
    let q = "PREFIX cat: <https://w3id.org/uda/catalog#> SELECT DISTINCT ?governing WHERE { ?g cat:kind cat:Mappings ; cat:governedBy ?governing }";
    assert_eq!(
        stdout(&uda_on(&data, &["query", "--format", "csv", q])),
        "governing\r\nhttps://w3id.org/uda/mapping/version/1\r\n"
    );
}

#[test]
fn a_model_in_netflix_s_dialect_registers_in_uda_s_spelling() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let o = uda_on(
        &data,
        &[
            "register",
            "crates/upper/tests/fixtures/netflix/onepiece.ttl",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("registered <https://rdf.netflix.net/onto/onepiece#> version 1"),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("warning[W003]"), "{}", stderr(&o));

    // Stored as uda's Upper: its classes are upper:DirectClass, no statement
    // names Netflix's namespace, and the metadata about it is kept.
    let version = "https://rdf.netflix.net/onto/onepiece/version/1";
    let count = |pattern: &str| {
        let q = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{version}> {{ {pattern} }} }}");
        let o = uda_on(&data, &["query", "--format", "csv", &q]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
    };
    assert_eq!(
        count("?c a <https://w3id.org/uda/upper#DirectClass>"),
        "n\r\n2\r\n"
    );
    assert_eq!(
        count("?c <https://w3id.org/uda/upper#primaryKey> ?key"),
        "n\r\n2\r\n"
    );
    assert_eq!(
        count("?s ?p ?o FILTER(STRSTARTS(STR(?s), \"https://rdf.netflix.net/ns/\") || STRSTARTS(STR(?p), \"https://rdf.netflix.net/ns/\") || STRSTARTS(STR(?o), \"https://rdf.netflix.net/ns/\"))"),
        "n\r\n0\r\n"
    );
    assert_eq!(
        count("?m <https://example.org/ns/team#owner> [ <https://example.org/ns/team#email> ?e ]"),
        "n\r\n2\r\n"
    );
    // Projected like any other model.
    let o = uda_on(
        &data,
        &["query", "--format", "csv", "ASK { GRAPH <https://rdf.netflix.net/onto/onepiece/projection/graphql/container> { ?s ?p ?o } }"],
    );
    assert!(stdout(&o).contains("true"), "{}", stdout(&o));
}
