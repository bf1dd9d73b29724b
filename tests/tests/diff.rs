//! `uda diff` end to end, on files (no data directory) and on stored versions.

use std::path::Path;
use uda_testsuite::*;

/// studio.ttl with synopsis required, a new genre and a wider season number.
fn changed_studio(dir: &Path) -> String {
    let changed = edited(
        &example("studio"),
        &[
            REQUIRED_SYNOPSIS,
            ("studio:Animation studio:NonFiction )", "studio:Animation studio:NonFiction studio:Horror )"),
            ("studio:NonFiction a upper:EnumValue ;", "studio:Horror a upper:EnumValue .\nstudio:NonFiction a upper:EnumValue ;"),
            (
                "studio:seasonNumber a upper:Attribute ; upper:label \"season\" ;\n    upper:datatype xsd:short ;",
                "studio:seasonNumber a upper:Attribute ; upper:label \"season\" ;\n    upper:datatype xsd:int ;",
            ),
        ],
    );
    write(dir, "studio-changed.ttl", &changed)
        .display()
        .to_string()
}

#[test]
fn diff_of_files_needs_no_store() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let new = changed_studio(tmp.path());
    let o = uda(&["diff", "ontologies/examples/studio.ttl", &new]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("property `studio:synopsis` became required [breaks BACKWARD, FULL, BACKWARD_TRANSITIVE, FULL_TRANSITIVE]"), "{out}");
    assert!(out.contains("value `studio:Horror` added to enumeration `studio:Genre` [breaks FORWARD, FULL, FORWARD_TRANSITIVE, FULL_TRANSITIVE]"), "{out}");
    assert!(
        out.contains("datatype of `studio:seasonNumber` widened: `xsd:short` to `xsd:int`"),
        "{out}"
    );
    assert!(out.contains("compatible under: NONE\n"), "{out}");
    assert!(
        !tmp.path().join("uda-data").exists() && !repo().join("uda-data").exists(),
        "diff on files created a data directory"
    );

    let o = uda(&[
        "diff",
        "--format",
        "json",
        "ontologies/examples/studio.ttl",
        &new,
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(json["compatible"]["NONE"], true);
    assert_eq!(json["compatible"]["BACKWARD"], false);
    let changes = json["changes"].as_array().expect("changes");
    let synopsis = changes
        .iter()
        .find(|c| c["description"] == "property `studio:synopsis` became required")
        .expect("synopsis");
    assert_eq!(synopsis["kind"], "cardinality_tightened");
    assert_eq!(
        synopsis["breaks"],
        serde_json::json!({"backward": true, "forward": false})
    );
    assert_eq!(synopsis["breaking_under"][0], "BACKWARD");

    // --mode turns incompatibility into exit 1.
    assert_eq!(
        uda(&[
            "diff",
            "--mode",
            "BACKWARD",
            "ontologies/examples/studio.ttl",
            &new
        ])
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        uda(&[
            "diff",
            "--mode",
            "NONE",
            "ontologies/examples/studio.ttl",
            &new
        ])
        .status
        .code(),
        Some(0)
    );
    // Identical files: no changes.
    let same = uda(&[
        "diff",
        "ontologies/examples/studio.ttl",
        "ontologies/examples/studio.ttl",
    ]);
    assert!(stdout(&same).contains(": 0 changes"), "{}", stdout(&same));
}

#[test]
fn diff_resolves_imports_with_include_dirs() {
    let o = uda(&[
        "diff",
        "-I",
        "ontologies/examples",
        "ontologies/examples/marketing.ttl",
        "ontologies/examples/marketing.ttl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = uda(&[
        "diff",
        "ontologies/examples/marketing.ttl",
        "ontologies/examples/marketing.ttl",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "an unresolved import makes the file invalid"
    );
    assert!(stderr(&o).contains("U020"), "{}", stderr(&o));
}

#[test]
fn diff_of_stored_versions() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let data = data.to_str().expect("path");
    let new = changed_studio(tmp.path());
    let reg = |file: &str| uda(&["register", "--data", data, "--compatibility", "NONE", file]);
    assert_eq!(reg("ontologies/examples/studio.ttl").status.code(), Some(0));
    let o = reg(&new);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = uda(&["diff", "--data", data, "studio@1", "studio@2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("https://example.org/studio@1 -> https://example.org/studio@2: 3 changes"),
        "{out}"
    );
    // A stored version against a file.
    let o = uda(&[
        "diff",
        "--data",
        data,
        "https://example.org/studio@2",
        "ontologies/examples/studio.ttl",
    ]);
    assert!(
        stdout(&o).contains("property `studio:synopsis` became optional"),
        "{}",
        stdout(&o)
    );
    // A version the registry does not have is refused, as `uda show` refuses it.
    let o = uda(&["diff", "--data", data, "studio@7", "studio@1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no version 7"), "{}", stderr(&o));
    let o = uda(&["diff", "nope.ttl", "studio@1"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
