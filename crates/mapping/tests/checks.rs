//! Hand-written mappings from the studio model to a legacy SQL schema
//! nobody projected (`fixtures/legacy.sql`, imported with
//! `uda_project_sql::import_ddl`): one that checks clean, and one fixture
//! per diagnostic code, each asserting the code and where it points.

use uda_mapping::{check, read, Code, Diagnostic, System};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn legacy() -> oxrdf::Graph {
    let imported = uda_project_sql::import_ddl(
        &[("legacy.sql".into(), fixture("legacy.sql"))],
        uda_project_sql::Dialect::Postgres,
        &uda_project_sql::ImportOptions {
            base: "https://example.org/legacy",
            schema_name: "legacy",
            requires: &[],
        },
    )
    .expect("the legacy DDL imports");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    imported.container.to_graph()
}

/// The diagnostics of the mapping fixture `name` against the studio model
/// and the legacy schema.
fn diagnostics(name: &str) -> Vec<Diagnostic> {
    let mappings = read(name, &fixture(name)).unwrap_or_else(|errors| {
        panic!(
            "{name}: {}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let loaded = uda_testkit::load_examples();
    let model = loaded
        .models
        .view(&uda_testkit::example_iri("studio"))
        .expect("the studio model");
    check(&mappings, &model, &legacy(), System::Sql)
}

#[test]
fn a_hand_written_mapping_to_a_legacy_schema_checks_clean() {
    let found = diagnostics("clean.ttl");
    assert!(found.is_empty(), "{found:#?}");
    let mappings = read("clean.ttl", &fixture("clean.ttl")).unwrap();
    assert_eq!(mappings.mappings.len(), 3);
    let credits = &mappings.mappings[2];
    assert_eq!(credits.node, "<https://example.org/mappings/credits>");
    assert_eq!(credits.related.len(), 1);
    let studios = &mappings.mappings[1];
    let paths: Vec<usize> = studios.fields.iter().map(|f| f.path.len()).collect();
    assert_eq!(paths, [1, 1, 2, 2], "{studios:#?}");
}

#[test]
fn netflix_vocabulary_reads_as_udas() {
    let netflix = read("netflix.ttl", &fixture("netflix.ttl")).expect("reads");
    let clean = read("clean.ttl", &fixture("clean.ttl")).expect("reads");
    let people = |m: &uda_mapping::Mappings| {
        let p = m
            .mappings
            .iter()
            .find(|m| m.node == "<https://example.org/mappings/people>")
            .expect("the people mapping")
            .clone();
        let fields: Vec<(String, Vec<String>)> = p
            .fields
            .iter()
            .map(|f| {
                (
                    f.field.iri.clone(),
                    f.path.iter().map(|s| s.iri.clone()).collect(),
                )
            })
            .collect();
        (p.data_asset.iri, p.primary_concept.iri, fields)
    };
    let (asset, concept, fields) = people(&netflix);
    let (clean_asset, clean_concept, clean_fields) = people(&clean);
    assert_eq!((&asset, &concept), (&clean_asset, &clean_concept));
    assert!(
        fields.iter().all(|f| clean_fields.contains(f)),
        "{fields:?}"
    );
    assert_eq!(fields.len(), 2);
    assert!(diagnostics("netflix.ttl").is_empty());
    assert_eq!(
        netflix.mappings[0].data_asset.location.to_string(),
        "netflix.ttl:9:25"
    );
}

/// Each failing fixture gives exactly one diagnostic: its code, at the
/// statement that is wrong.
#[test]
fn each_kind_of_error_is_reported_with_its_code_where_it_is_written() {
    let cases = [
        (
            "m001-unknown-field.ttl",
            Code::UnknownContainerElement,
            "m001-unknown-field.ttl:14:23",
        ),
        (
            "m002-unknown-property.ttl",
            Code::UnknownDomainTerm,
            "m002-unknown-property.ttl:14:59",
        ),
        (
            "m003-kind-mismatch.ttl",
            Code::KindMismatch,
            "m003-kind-mismatch.ttl:11:21",
        ),
        (
            "m003-enum-value-to-column.ttl",
            Code::KindMismatch,
            "m003-enum-value-to-column.ttl:14:23",
        ),
        (
            "m004-incompatible-datatype.ttl",
            Code::IncompatibleDatatype,
            "m004-incompatible-datatype.ttl:14:23",
        ),
        (
            "m005-many-to-single.ttl",
            Code::ManyToSingle,
            "m005-many-to-single.ttl:14:23",
        ),
        (
            "m006-key-not-covered.ttl",
            Code::KeyNotCovered,
            "m006-key-not-covered.ttl:12:27",
        ),
        (
            "m007-broken-path.ttl",
            Code::BrokenPath,
            "m007-broken-path.ttl:14:80",
        ),
        (
            "m008-field-of-other-asset.ttl",
            Code::FieldOfOtherAsset,
            "m008-field-of-other-asset.ttl:14:23",
        ),
        (
            "w001-lossy-datatype.ttl",
            Code::LossyDatatype,
            "w001-lossy-datatype.ttl:14:23",
        ),
        (
            "w002-required-to-nullable.ttl",
            Code::RequiredToNullable,
            "w002-required-to-nullable.ttl:14:23",
        ),
        (
            "w003-enum-value-unmapped.ttl",
            Code::EnumValueUnmapped,
            "w003-enum-value-unmapped.ttl:15:23",
        ),
    ];
    let mut wrong = Vec::new();
    for (name, code, at) in cases {
        let found = diagnostics(name);
        let got: Vec<(Code, String)> = found
            .iter()
            .map(|d| (d.code, d.location.to_string()))
            .collect();
        if got != [(code, at.to_owned())] {
            wrong.push(format!(
                "{name}: {got:?} {:?}",
                found.iter().map(|d| &d.message).collect::<Vec<_>>()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A field mapping without its field, and a path that is not a list of
/// IRIs, are read errors at their statements: nothing is read.
#[test]
fn an_incomplete_mapping_is_a_located_read_error() {
    let text = "@prefix map: <https://w3id.org/uda/mapping#> .\n\
        @prefix s: <https://example.org/studio#> .\n\
        <https://example.org/m> a map:Mapping ;\n\
        \x20   map:toDataAsset <https://example.org/legacy/talent> ;\n\
        \x20   map:forPrimaryConcept s:Person ;\n\
        \x20   map:fieldMapping [ map:fromProperty s:name ] ,\n\
        \x20       [ map:toField <https://example.org/legacy/talent/born> ; map:fromProperty ( \"x\" ) ] .\n";
    let errors = read("bad.ttl", text).expect_err("incomplete");
    let got: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(
        got.iter()
            .any(|e| e.starts_with("bad.ttl:6:") && e.contains("no map:toField")),
        "{got:#?}"
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("bad.ttl:7:") && e.contains("is not an IRI")),
        "{got:#?}"
    );
}

/// Turtle that does not parse is a located error, not a panic.
#[test]
fn a_syntax_error_is_located() {
    let errors = read("broken.ttl", "<a> <b> .\n").expect_err("broken");
    assert!(
        errors[0].to_string().starts_with("broken.ttl:1:"),
        "{errors:?}"
    );
}
