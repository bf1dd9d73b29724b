//! `uda validate` end to end: the real binary, real files, exit codes and output.

use uda_testsuite::*;

#[test]
fn valid_models_exit_zero() {
    let o = uda(&[
        "validate",
        "ontologies/upper.ttl",
        "ontologies/mapping.ttl",
        "ontologies/examples/onepiece.ttl",
        "ontologies/examples/studio.ttl",
        "ontologies/examples/marketing.ttl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("5 models valid"), "{}", stderr(&o));
}

#[test]
fn invalid_models_exit_one_with_located_rustc_style_errors() {
    let o = uda(&["validate", "crates/upper/tests/invalid/missing-key.ttl"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("error[U062]: direct class ex:A has no primary key"),
        "{err}"
    );
    assert!(
        err.contains("--> crates/upper/tests/invalid/missing-key.ttl:5:1"),
        "{err}"
    );
    assert!(err.contains("validation failed: 1 error"), "{err}");
}

#[test]
fn a_syntax_error_makes_the_model_invalid() {
    let o = uda(&["validate", "crates/upper/tests/invalid/syntax-error.ttl"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[U001]"), "{}", stderr(&o));
}

#[test]
fn json_output_is_machine_readable() {
    let o = uda(&[
        "validate",
        "--format",
        "json",
        "crates/upper/tests/invalid/unknown-upper-term.ttl",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(report["valid"], false);
    let typo = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "U100" && d["iri"] == "https://w3id.org/uda/upper#primarykey")
        .expect("U100 for the typo");
    assert_eq!(typo["location"]["line"], 6);
    assert_eq!(typo["help"], "did you mean upper:primaryKey?");
    assert_eq!(report["models"][0]["domain"], "t");
}

#[test]
fn imports_resolve_with_include_directories() {
    let alone = uda(&["validate", "ontologies/examples/marketing.ttl"]);
    assert_eq!(alone.status.code(), Some(1));
    assert!(stderr(&alone)
        .contains("error[U020]: imported model <https://example.org/studio> cannot be found"));
    let with = uda(&[
        "validate",
        "-I",
        "ontologies/examples",
        "ontologies/examples/marketing.ttl",
    ]);
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
    assert!(stderr(&with).contains("1 model valid"));
}

#[test]
fn usage_errors_exit_two() {
    for args in [
        vec!["validate"],
        vec!["validate", "no/such/file.ttl"],
        vec!["validate", "-I", "no/such/dir", "ontologies/upper.ttl"],
        vec!["validate", "--format", "yaml", "ontologies/upper.ttl"],
        vec!["validate", "--rdf-format", "n3000", "ontologies/upper.ttl"],
        vec!["frobnicate"],
    ] {
        let o = uda(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty(), "{args:?} says nothing");
    }
}

#[test]
fn garbage_files_are_errors_not_crashes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: [(&str, &[u8]); 4] = [
        ("empty.ttl", b""),
        ("binary.ttl", &[0, 159, 146, 150, 255, 0, 1]),
        (
            "truncated.ttl",
            b"@prefix upper: <https://w3id.org/uda/upper#> .\n<https://e.org/m> a upper:Dom",
        ),
        ("broken.rdf", b"<rdf:RDF><unclosed"),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let o = uda(&["validate", path.to_str().expect("utf-8 path")]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains("error["), "{name}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{name}");
    }
}

#[test]
fn a_model_in_netflix_s_dialect_is_valid_and_says_so_where_it_is_written() {
    let model = "crates/upper/tests/fixtures/netflix/onepiece.ttl";
    let o = uda(&["validate", model]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning[W003]: onepiece: is written in Netflix's Upper dialect"),
        "{err}"
    );
    assert!(err.contains(&format!("--> {model}:11:25")), "{err}");
    assert!(err.contains("1 model valid (1 warning)"), "{err}");

    let o = uda(&["validate", "--format", "json", model]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(report["valid"], true);
    assert_eq!(report["warnings"], 1);
    let note = &report["diagnostics"][0];
    assert_eq!(note["code"], "W003");
    assert_eq!(note["severity"], "warning");
    assert_eq!(note["iri"], "https://rdf.netflix.net/ns/upper#DomainModel");
    assert_eq!(note["location"]["file"], model);
    assert_eq!(note["location"]["line"], 11);
    assert_eq!(note["location"]["column"], 25);
    assert_eq!(
        report["models"][0]["iri"],
        "https://rdf.netflix.net/onto/onepiece#"
    );
}

#[test]
fn errors_in_netflix_s_dialect_are_located_like_any_other() {
    // The first diagnostic of `code` that validating `fixture` reports.
    let found = |fixture: &str, code: &str| -> serde_json::Value {
        let o = uda(&[
            "validate",
            "--format",
            "json",
            &format!("crates/upper/tests/invalid/{fixture}"),
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
        assert_eq!(report["errors"], 1, "{report}");
        assert_eq!(report["warnings"], 1, "W003: {report}");
        report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .find(|d| d["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code} in {report}"))
    };
    let member = found("netflix-key-not-a-property.ttl", "U060");
    assert_eq!(member["iri"], "https://example.org/t#code");
    assert_eq!(member["location"]["line"], 7, "{member}");
    assert_eq!(member["location"]["column"], 21, "{member}");
    let list = found("netflix-key-not-a-list.ttl", "U065");
    assert_eq!(
        list["message"],
        "the value of upper:keyedOn on ex:A is not an RDF list; write it as `( a b ... )`"
    );
    assert_eq!(list["iri"], "https://example.org/t#A");
    assert_eq!(list["location"]["line"], 7, "{list}");
    assert_eq!(list["location"]["column"], 19, "{list}");
}
