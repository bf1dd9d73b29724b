//! `uda generate` end to end: the real binary on the example files, no store, no server.

use uda_testsuite::*;

#[test]
fn sql_on_stdout_runs_in_sqlite() {
    let o = uda(&[
        "generate",
        "--target",
        "sql",
        "--dialect",
        "sqlite",
        "ontologies/examples/onepiece.ttl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let db = rusqlite::Connection::open_in_memory().expect("sqlite");
    db.execute_batch("PRAGMA foreign_keys = ON;")
        .expect("pragma");
    db.execute_batch(&stdout(&o)).expect("the DDL runs");
    db.execute_batch("INSERT INTO devil_fruit VALUES ('Gomu Gomu', 'Paramecia');")
        .expect("a valid row");
    assert!(
        db.execute_batch("INSERT INTO devil_fruit VALUES ('Mera Mera', 'Citrus');")
            .is_err(),
        "enum CHECK"
    );
}

/// JSON Schema documents print as one compound document, each embedded with
/// its `$id`; `--closed` closes them, and is refused for other targets.
#[test]
fn jsonschema_on_stdout_is_one_compound_document_open_or_closed() {
    let generate = |extra: &[&str]| {
        let mut args = vec!["generate", "--target", "jsonschema"];
        args.extend(extra);
        args.push("ontologies/examples/onepiece.ttl");
        uda(&args)
    };
    for closed in [false, true] {
        let o = generate(if closed { &["--closed"] } else { &[] });
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let bundle: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
        assert_eq!(
            bundle["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        let character = &bundle["$defs"]["onepiece.Character.schema.json"];
        assert_eq!(
            character["$id"],
            "https://example.org/onepiece/jsonschema/onepiece.Character.schema.json"
        );
        let closing = character.get("unevaluatedProperties");
        assert_eq!(
            closing,
            closed.then_some(&serde_json::Value::Bool(false)),
            "closed: {closed}"
        );
    }
    let o = uda(&[
        "generate",
        "--target",
        "graphql",
        "--closed",
        "ontologies/examples/onepiece.ttl",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--closed"), "{}", stderr(&o));
}

#[test]
fn avro_on_stdout_is_one_json_array() {
    let o = uda(&[
        "generate",
        "--target",
        "avro",
        "ontologies/examples/onepiece.ttl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let schemas: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let names: Vec<&str> = schemas
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(
        names.contains(&"Character") && names.contains(&"DevilFruit"),
        "{names:?}"
    );
}

#[test]
fn all_targets_and_mappings_go_to_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let mappings = dir.path().join("mappings.ttl");
    let o = uda(&[
        "generate",
        "--target",
        "all",
        "-I",
        "ontologies/examples",
        "--out",
        out.to_str().expect("path"),
        "--mappings",
        mappings.to_str().expect("path"),
        "ontologies/examples/marketing.ttl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for file in [
        "graphql/marketing.graphql",
        "graphql-federation/marketing.subgraph.graphql",
        "avro/org.example.marketing.Campaign.avsc",
        "avro/org.example.marketing.FilmMarketing.avsc",
        "sql-postgres/marketing.postgres.sql",
        "sql-sqlite/marketing.sqlite.sql",
        "sql-duckdb/marketing.duckdb.sql",
        "shacl/marketing.shacl.ttl",
        "iceberg/marketing.campaign.json",
        "iceberg/marketing.film_marketing.json",
        "jsonschema/marketing.Campaign.schema.json",
        "jsonschema/marketing.studio.Film.schema.json",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    let turtle = std::fs::read(&mappings).expect("mappings written");
    let graph: Vec<_> = oxttl::TurtleParser::new()
        .for_slice(&turtle)
        .collect::<Result<_, _>>()
        .expect("mappings are valid Turtle");
    let realized = |iri: &str| {
        graph.iter().any(|t| {
            t.subject.to_string() == format!("<{iri}>")
                && t.predicate.as_str() == "https://w3id.org/uda/mapping#realizedBy"
        })
    };
    assert!(realized("https://example.org/marketing#Campaign"));
    assert!(
        realized("https://example.org/marketing#tagline"),
        "the extension property is mapped"
    );
}

#[test]
fn output_is_byte_identical_across_runs() {
    for target in [
        "graphql",
        "graphql-federation",
        "avro",
        "sql",
        "shacl",
        "jsonschema",
    ] {
        let a = uda(&[
            "generate",
            "--target",
            target,
            "ontologies/examples/studio.ttl",
        ]);
        let b = uda(&[
            "generate",
            "--target",
            target,
            "ontologies/examples/studio.ttl",
        ]);
        assert_eq!(a.status.code(), Some(0), "{target}: {}", stderr(&a));
        assert!(!a.stdout.is_empty(), "{target}");
        assert_eq!(a.stdout, b.stdout, "{target}");
    }
}

#[test]
fn invalid_models_fail_with_their_diagnostics() {
    let o = uda(&[
        "generate",
        "--target",
        "graphql",
        "crates/upper/tests/invalid/missing-key.ttl",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "nothing generated");
    assert!(stderr(&o).contains("error[U062]"), "{}", stderr(&o));
}

#[test]
fn unreadable_earlier_mappings_are_refused_with_their_location() {
    let dir = tempfile::tempdir().expect("tempdir");
    let earlier = dir.path().join("earlier.ttl");
    std::fs::write(
        &earlier,
        "@prefix map: <https://w3id.org/uda/mapping#> .\n<a> map:x \"open\n",
    )
    .expect("write");
    let o = uda(&[
        "generate",
        "--target",
        "graphql",
        "--earlier",
        earlier.to_str().expect("utf-8 path"),
        "ontologies/examples/onepiece.ttl",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "nothing generated");
    let err = stderr(&o);
    assert!(
        err.contains("--earlier") && err.contains("earlier.ttl"),
        "{err}"
    );
    assert!(err.contains("line 2"), "the error is located: {err}");
}

#[test]
fn usage_errors_exit_two() {
    for args in [
        vec![
            "generate",
            "--target",
            "all",
            "ontologies/examples/onepiece.ttl",
        ],
        vec![
            "generate",
            "--target",
            "cobol",
            "ontologies/examples/onepiece.ttl",
        ],
        vec![
            "generate",
            "--target",
            "sql",
            "--dialect",
            "oracle",
            "ontologies/examples/onepiece.ttl",
        ],
        vec!["generate", "ontologies/examples/onepiece.ttl"],
    ] {
        let o = uda(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn keys_that_unfold_exponentially_are_refused_before_any_projection() {
    // 32 levels of keys made of two relationships to the level below: the key
    // of K32 would unfold into 2^32 columns. Refused by validation, located.
    let dir = tempfile::tempdir().expect("tempdir");
    let model = write(
        dir.path(),
        "keys.ttl",
        &uda_testkit::doubling_keys_model(32),
    );
    let model = model.to_str().expect("UTF-8 path");
    let out = dir.path().join("out");
    let out = out.to_str().expect("UTF-8 path");
    for args in [
        vec!["validate", model],
        vec!["generate", "--target", "all", "--out", out, model],
    ] {
        let o = uda(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("error[U066]: the key of k:K7 unfolds into 128 values"),
            "{args:?}: {err}"
        );
        assert!(err.contains("keys.ttl:"), "{args:?}: {err}");
        assert!(
            err.contains("= iri: <https://example.org/keys#K32>"),
            "{err}"
        );
    }
    assert!(!dir.path().join("out").exists(), "nothing generated");
}

/// Every file under `dir`, recursively.
fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn a_domain_that_is_a_path_writes_nothing_anywhere() {
    let root = tempfile::tempdir().expect("tempdir");
    let work = root.path().join("a/b");
    std::fs::create_dir_all(&work).expect("mkdir");
    let absolute = root.path().join("abs").display().to_string();
    for domain in ["../../x", "../escape", absolute.as_str(), "x/../../y", ".."] {
        let text = edited(
            &example("onepiece"),
            &[(
                "upper:domain \"onepiece\"",
                &format!("upper:domain {domain:?}"),
            )],
        );
        let model = write(&work, "model.ttl", &text);
        let out = work.join("out");
        for target in [
            "all",
            "sql",
            "graphql",
            "avro",
            "shacl",
            "iceberg",
            "jsonschema",
        ] {
            let o = uda(&[
                "generate",
                "--target",
                target,
                "--out",
                out.to_str().expect("UTF-8"),
                model.to_str().expect("UTF-8"),
            ]);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{domain} {target}: {err}");
            assert!(err.contains("error[U013]"), "{domain} {target}: {err}");
            assert_eq!(
                files_under(root.path()),
                vec![model.clone()],
                "{domain} {target}"
            );
        }
    }
}

/// The full names of the named types defined in the Avro JSON `schema`, in
/// the order they are defined; `namespace` is the enclosing namespace.
fn defined_names(schema: &serde_json::Value, namespace: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    match schema {
        Value::Array(items) => items.iter().for_each(|s| defined_names(s, namespace, out)),
        Value::Object(object) => {
            let mut inner = namespace.to_owned();
            let kind = object.get("type").and_then(Value::as_str);
            if let (Some("record" | "enum" | "fixed"), Some(name)) =
                (kind, object.get("name").and_then(Value::as_str))
            {
                let namespace = object
                    .get("namespace")
                    .and_then(Value::as_str)
                    .unwrap_or(namespace);
                let full = if name.contains('.') || namespace.is_empty() {
                    name.to_owned()
                } else {
                    format!("{namespace}.{name}")
                };
                inner = full
                    .rsplit_once('.')
                    .map_or(String::new(), |(ns, _)| ns.to_owned());
                out.push(full);
            }
            object.values().for_each(|v| defined_names(v, &inner, out));
        }
        _ => {}
    }
}

/// The Avro JSON array printed for `files`: one schema (a union of the
/// records) in which, as the Avro specification requires, each named type is
/// defined once; parsed as such by apache-avro.
fn avro_array_parses_as_one_schema(files: &[&str]) {
    let mut args = vec!["generate", "--target", "avro", "-I", "ontologies/examples"];
    args.extend(files);
    let o = uda(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let schema = apache_avro::Schema::parse_str(&text)
        .unwrap_or_else(|e| panic!("{files:?}: apache-avro refuses the array: {e}\n{text}"));
    let apache_avro::Schema::Union(union) = schema else {
        panic!("{files:?}: not a union");
    };
    let records = serde_json::from_str::<serde_json::Value>(&text).expect("JSON");
    let mut names = Vec::new();
    defined_names(&records, "", &mut names);
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        names.len(),
        unique.len(),
        "{files:?}: a named type is defined twice: {names:?}"
    );
    assert_eq!(
        union.variants().len(),
        records.as_array().map_or(0, Vec::len),
        "{files:?}"
    );
}

#[test]
fn avro_on_stdout_is_one_valid_schema_for_every_example_and_shared_types() {
    for example in ["onepiece", "studio", "marketing"] {
        avro_array_parses_as_one_schema(&[&format!("ontologies/examples/{example}.ttl")]);
    }
    avro_array_parses_as_one_schema(&[
        "ontologies/examples/onepiece.ttl",
        "ontologies/examples/studio.ttl",
        "ontologies/examples/marketing.ttl",
    ]);
    // A nested Money used by three records.
    let dir = tempfile::tempdir().expect("tempdir");
    let money = write(
        dir.path(),
        "money.ttl",
        "@prefix upper: <https://w3id.org/uda/upper#> .\n\
         @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\
         @prefix m: <https://example.org/money#> .\n\
         <https://example.org/money> a upper:DomainModel ; upper:domain \"money\" .\n\
         m:Money a upper:NestedClass ; upper:property m:amount , m:currency .\n\
         m:amount a upper:Attribute ; upper:datatype xsd:decimal ; upper:minCount 1 ; upper:maxCount 1 .\n\
         m:currency a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .\n\
         m:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .\n\
         m:price a upper:Relationship ; upper:class m:Money ; upper:minCount 1 ; upper:maxCount 1 .\n\
         m:Invoice a upper:DirectClass ; upper:primaryKey ( m:id ) ; upper:property m:id , m:price .\n\
         m:Payment a upper:DirectClass ; upper:primaryKey ( m:id ) ; upper:property m:id , m:price .\n\
         m:Refund a upper:DirectClass ; upper:primaryKey ( m:id ) ; upper:property m:id , m:price .\n",
    );
    avro_array_parses_as_one_schema(&[money.to_str().expect("UTF-8")]);
}

#[test]
fn a_model_in_netflix_s_dialect_generates_what_its_uda_twin_does() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let generate = |model: &str, name: &str| {
        let out = tmp.path().join(name);
        let mappings = tmp.path().join(format!("{name}.mappings.ttl"));
        let o = uda(&[
            "generate",
            "--target",
            "all",
            "--out",
            out.to_str().expect("path"),
            "--mappings",
            mappings.to_str().expect("path"),
            &format!("crates/upper/tests/fixtures/netflix/{model}"),
        ]);
        assert_eq!(o.status.code(), Some(0), "{model}: {}", stderr(&o));
        let mut files: Vec<(String, Vec<u8>)> = files_under(&out)
            .into_iter()
            .map(|f| {
                let name = f
                    .strip_prefix(&out)
                    .expect("under out")
                    .display()
                    .to_string();
                (name, std::fs::read(&f).expect("read"))
            })
            .collect();
        files.push((
            "mappings".into(),
            std::fs::read(mappings).expect("mappings"),
        ));
        files
    };
    let netflix = generate("onepiece.ttl", "netflix");
    let twin = generate("onepiece-uda.ttl", "uda");
    let names: Vec<&str> = netflix.iter().map(|(n, _)| n.as_str()).collect();
    for target in [
        "graphql/",
        "graphql-federation/",
        "avro/",
        "sql-postgres/",
        "sql-sqlite/",
        "sql-duckdb/",
        "shacl/",
    ] {
        assert!(
            names.iter().any(|n| n.starts_with(target)),
            "{target} in {names:?}"
        );
    }
    assert_eq!(netflix.len(), twin.len(), "{names:?}");
    for ((name, a), (twin_name, b)) in netflix.iter().zip(&twin) {
        assert_eq!(name, twin_name);
        assert!(
            a == b,
            "{name} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
}
