//! Iceberg field ids across three versions of a model (a property removed,
//! another added, the first added again) end to end: through `uda generate
//! --earlier` with the mappings each version wrote, and through `uda
//! register` and `uda show --target iceberg` on a data directory, which must
//! give the same schemas.

use std::path::Path;
use uda_testsuite::*;

/// The studio example, then without `synopsis` and with `tagline` on works,
/// then with `synopsis` again.
fn versions() -> [String; 3] {
    let v1 = example("studio");
    let tagline = "studio:tagline a upper:Attribute ; upper:label \"tagline\" ;\n    upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .\n";
    let v2 = edited(
        &v1,
        &[(
            "studio:title , studio:synopsis ,",
            "studio:title , studio:tagline ,",
        )],
    ) + tagline;
    let v3 = edited(
        &v2,
        &[(
            "studio:title , studio:tagline ,",
            "studio:title , studio:synopsis , studio:tagline ,",
        )],
    );
    [v1, v2, v3]
}

/// The id of field `name` of the works table in `uda generate`'s output.
fn work_field(schemas: &str, name: &str) -> Option<i64> {
    let all: serde_json::Value = serde_json::from_str(schemas).expect("one JSON object");
    all["studio.work.json"]["fields"]
        .as_array()
        .expect("the works table")
        .iter()
        .find(|f| f["name"] == name)
        .and_then(|f| f["id"].as_i64())
}

fn generate(dir: &Path, n: usize, model: &Path) -> String {
    let mappings = dir.join(format!("m{n}.ttl"));
    let earlier = dir.join(format!("m{}.ttl", n - 1));
    let mut args = vec![
        "generate",
        "--target",
        "iceberg",
        "--mappings",
        mappings.to_str().expect("UTF-8 path"),
        model.to_str().expect("UTF-8 path"),
    ];
    if n > 1 {
        args.extend(["--earlier", earlier.to_str().expect("UTF-8 path")]);
    }
    let o = uda(&args);
    assert_eq!(o.status.code(), Some(0), "version {n}: {}", stderr(&o));
    stdout(&o)
}

#[test]
fn field_ids_survive_three_versions_in_generate_and_in_the_registry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let models: Vec<_> = versions()
        .iter()
        .enumerate()
        .map(|(i, text)| write(dir.path(), &format!("studio{}.ttl", i + 1), text))
        .collect();
    let generated: Vec<String> = models
        .iter()
        .enumerate()
        .map(|(i, model)| generate(dir.path(), i + 1, model))
        .collect();
    let synopsis = work_field(&generated[0], "synopsis").expect("synopsis in version 1");
    assert_eq!(work_field(&generated[1], "synopsis"), None);
    let tagline = work_field(&generated[1], "tagline").expect("tagline in version 2");
    assert!(tagline > synopsis);
    let again = work_field(&generated[2], "synopsis").expect("synopsis in version 3");
    assert!(
        again > tagline,
        "a new id ({again}), never the old one ({synopsis})"
    );
    assert_eq!(work_field(&generated[2], "tagline"), Some(tagline));
    assert_eq!(
        work_field(&generated[2], "title"),
        work_field(&generated[0], "title")
    );

    // Registered one version after the other, each is projected after the
    // one before: `show` prints what `generate --earlier` printed.
    let data = dir.path().join("data");
    for model in &models {
        let o = uda_on(&data, &["register", model.to_str().expect("UTF-8 path")]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    for (n, expected) in generated.iter().enumerate() {
        let spec = format!("studio@{}", n + 1);
        let o = uda_on(&data, &["show", &spec, "--target", "iceberg"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(&stdout(&o), expected, "{spec}");
    }
}
