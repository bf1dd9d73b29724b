//! Protobuf field numbers across versions, end to end: `uda generate
//! --earlier` on files, and `uda register` then `uda show --target protobuf`
//! on a data directory, give the same files; a property removed has its
//! number reserved, re-added it takes a new one. And what the registry's
//! compatibility check says about a changed field type.

use uda_testsuite::*;

/// `studio:synopsis`, an optional property of `Work`, and the edit removing it.
const WITHOUT_SYNOPSIS: (&str, &str) = (
    "studio:workId , studio:title , studio:synopsis , studio:releaseDate ,",
    "studio:workId , studio:title , studio:releaseDate ,",
);

/// The body of `message Work` in a proto file, comments dropped.
fn work(proto: &str) -> Vec<String> {
    let start = proto.find("message Work {").expect("message Work");
    let body = &proto[start..];
    body[..body.find("\n}\n").expect("its end")]
        .lines()
        .skip(1)
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .map(str::to_owned)
        .collect()
}

fn has(lines: &[String], line: &str) -> bool {
    lines.iter().any(|l| l == line)
}

/// The three versions: the example, without synopsis, with it again.
fn versions() -> [String; 3] {
    let v1 = example("studio");
    let v2 = edited(&v1, &[WITHOUT_SYNOPSIS]);
    [v1.clone(), v2, v1]
}

/// Checks what the three versions' `Work` messages number.
fn check_numbers(protos: &[String]) {
    let [v1, v2, v3] = [0, 1, 2].map(|i| work(&protos[i]));
    assert!(has(&v1, "optional string synopsis = 12;"), "{v1:#?}");
    assert!(!v1.iter().any(|l| l.starts_with("reserved")), "{v1:#?}");
    assert!(
        has(&v2, "reserved 12;") && has(&v2, "reserved \"synopsis\";"),
        "{v2:#?}"
    );
    assert!(!v2.iter().any(|l| l.contains(" synopsis = ")), "{v2:#?}");
    assert!(
        has(&v3, "optional string synopsis = 14;"),
        "a new number: {v3:#?}"
    );
    assert!(
        has(&v3, "reserved 12;"),
        "the old one stays reserved: {v3:#?}"
    );
    assert!(
        !has(&v3, "reserved \"synopsis\";"),
        "the name is in use again: {v3:#?}"
    );
    // Every other field keeps its number.
    for line in [
        "string work_id = 1;",
        "optional string title = 13;",
        "string title = 13;",
    ] {
        if has(&v1, line) {
            assert!(has(&v2, line) && has(&v3, line), "{line}");
        }
    }
}

#[test]
fn field_numbers_are_kept_across_versions_by_generate_earlier() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut protos = Vec::new();
    let mut earlier: Option<std::path::PathBuf> = None;
    for (n, text) in versions().iter().enumerate() {
        let model = write(tmp.path(), &format!("studio-{n}.ttl"), text);
        let mappings = tmp.path().join(format!("mappings-{n}.ttl"));
        let mut args = vec![
            "generate".to_owned(),
            "--target".to_owned(),
            "protobuf".to_owned(),
            "--mappings".to_owned(),
            mappings.display().to_string(),
        ];
        if let Some(earlier) = &earlier {
            args.extend(["--earlier".to_owned(), earlier.display().to_string()]);
        }
        args.push(model.display().to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = uda(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        protos.push(stdout(&o));
        earlier = Some(mappings);
    }
    check_numbers(&protos);
}

#[test]
fn field_numbers_are_kept_across_registered_versions() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    for (n, text) in versions().iter().enumerate() {
        let model = write(tmp.path(), &format!("studio-{n}.ttl"), text);
        let o = uda_on(&data, &["register", model.to_str().expect("path")]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "version {}: {}",
            n + 1,
            stderr(&o)
        );
    }
    let protos: Vec<String> = (1..=3)
        .map(|v| {
            let spec = format!("studio@{v}");
            let o = uda_on(&data, &["show", &spec, "--target", "protobuf"]);
            assert_eq!(o.status.code(), Some(0), "{spec}: {}", stderr(&o));
            stdout(&o)
        })
        .collect();
    check_numbers(&protos);
}

#[test]
fn a_changed_field_type_is_refused_and_described_for_protobuf() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let o = uda_on(&data, &["register", "ontologies/examples/studio.ttl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let retyped = edited(
        &example("studio"),
        &[(
            "upper:label \"age rating\" ;\n    upper:datatype xsd:byte",
            "upper:label \"age rating\" ;\n    upper:datatype xsd:string",
        )],
    );
    let model = write(tmp.path(), "retyped.ttl", &retyped);
    let o = uda_on(&data, &["register", model.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1), "refused: {}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("protobuf: Field `Work.age_rating`: `type` changes from `int32` to `string`"),
        "{err}"
    );
    // Nothing was written: the current version is still the first.
    let shown = uda_on(&data, &["show", "studio", "--target", "protobuf"]);
    assert!(
        stdout(&shown).contains("optional int32 age_rating = 2;"),
        "{}",
        stdout(&shown)
    );
}

#[test]
fn uda_diff_describes_protobuf_as_the_next_version() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let [_, without, _] = versions();
    let model = write(tmp.path(), "studio-2.ttl", &without);
    let o = uda(&[
        "diff",
        "ontologies/examples/studio.ttl",
        model.to_str().expect("path"),
    ]);
    let out = stdout(&o);
    // The number of the removed field is reserved; no other field is renumbered.
    assert!(
        out.contains("protobuf: Message `Work`: gains `reservedName` `synopsis`; gains `reservedNumber` `12`"),
        "{out}"
    );
    assert!(
        out.contains("protobuf: drops Field `Work.synopsis`"),
        "{out}"
    );
    assert!(!out.contains("`number` changes"), "{out}");
}
