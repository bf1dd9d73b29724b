//! The layering ARCHITECTURE.md describes, checked against every crate's
//! `Cargo.toml` (normal dependencies; tests may use anything): storage and
//! HTTP stay in the crates that own them, Upper and the projections know
//! neither, the SHACL validator depends on nothing of uda, and RocksDB comes
//! only through uda-registry's `rocksdb` feature.

use std::collections::BTreeMap;
use std::path::Path;
use toml::{Table, Value};

/// The dependencies that mean knowing the store.
const STORAGE: [&str; 2] = ["oxigraph", "uda-registry"];
/// The dependencies that mean speaking HTTP.
const HTTP: [&str; 6] = [
    "axum",
    "async-graphql",
    "tower-http",
    "tower",
    "tokio",
    "ureq",
];

/// Every crate under `crates/`: package name → its `Cargo.toml`, parsed.
fn manifests() -> BTreeMap<String, Table> {
    let crates = uda_testsuite::repo().join("crates");
    let mut all = BTreeMap::new();
    for entry in std::fs::read_dir(&crates).expect("crates/ is readable") {
        let path = entry.expect("a directory entry").path().join("Cargo.toml");
        if path.is_file() {
            let manifest = parse(&path);
            let name = manifest["package"]["name"]
                .as_str()
                .expect("a package name")
                .to_owned();
            all.insert(name, manifest);
        }
    }
    assert!(all.len() >= 10, "found only {:?}", all.keys());
    all
}

fn parse(path: &Path) -> Table {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names of a crate's normal dependencies.
fn dependencies(manifest: &Table) -> Vec<&str> {
    manifest
        .get("dependencies")
        .and_then(Value::as_table)
        .map(|deps| deps.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// The crates among `names` that the crate of `manifest` depends on.
fn uses<'m>(manifest: &'m Table, names: &[&str]) -> Vec<&'m str> {
    dependencies(manifest)
        .into_iter()
        .filter(|d| names.contains(d))
        .collect()
}

#[test]
fn only_the_registry_the_server_and_the_cli_know_the_store() {
    for (name, manifest) in manifests() {
        if !["uda-registry", "uda-server", "uda-cli"].contains(&name.as_str()) {
            assert_eq!(
                uses(&manifest, &STORAGE),
                Vec::<&str>::new(),
                "{name} depends on the store"
            );
        }
    }
}

#[test]
fn only_the_server_and_the_cli_speak_http() {
    for (name, manifest) in manifests() {
        if !["uda-server", "uda-cli"].contains(&name.as_str()) {
            assert_eq!(
                uses(&manifest, &HTTP),
                Vec::<&str>::new(),
                "{name} depends on HTTP"
            );
        }
    }
}

#[test]
fn upper_and_the_validator_depend_on_nothing_of_uda() {
    let all = manifests();
    for name in ["uda-upper", "uda-shacl"] {
        let ours: Vec<&str> = dependencies(&all[name])
            .into_iter()
            .filter(|d| d.starts_with("uda-"))
            .collect();
        assert_eq!(
            ours,
            Vec::<&str>::new(),
            "{name} depends on other uda crates"
        );
    }
}

#[test]
fn the_registry_takes_its_projectors_from_its_caller_and_only_the_cli_runs_the_server() {
    let all = manifests();
    assert!(!dependencies(&all["uda-registry"]).contains(&"uda-targets"));
    for (name, manifest) in &all {
        if name != "uda-cli" {
            assert!(
                !dependencies(manifest).contains(&"uda-server"),
                "{name} depends on the server"
            );
        }
    }
}

#[test]
fn rocksdb_comes_only_through_the_registry_feature() {
    let root = parse(&uda_testsuite::repo().join("Cargo.toml"));
    let oxigraph = &root["workspace"]["dependencies"]["oxigraph"];
    assert_eq!(
        oxigraph.get("default-features").and_then(Value::as_bool),
        Some(false),
        "the workspace's oxigraph must not enable RocksDB by default: {oxigraph}"
    );
    let all = manifests();
    let features = all["uda-registry"]["features"]
        .as_table()
        .expect("uda-registry has features");
    assert_eq!(features["default"], Value::from(vec!["rocksdb"]));
    assert_eq!(features["rocksdb"], Value::from(vec!["oxigraph/rocksdb"]));
    for (name, manifest) in &all {
        if let Some(Value::Table(oxigraph)) =
            manifest.get("dependencies").and_then(|d| d.get("oxigraph"))
        {
            assert!(
                !oxigraph
                    .get("features")
                    .is_some_and(|f| f.to_string().contains("rocksdb")),
                "{name} enables oxigraph's rocksdb itself"
            );
        }
    }
}

/// The words of search depend on nothing of uda, nor on storage or HTTP.
#[test]
fn search_words_know_nothing_of_uda() {
    let all = manifests();
    let deps = dependencies(&all["uda-search"]);
    assert!(
        deps.iter()
            .all(|d| !d.starts_with("uda-") && !STORAGE.contains(d) && !HTTP.contains(d)),
        "uda-search depends on {deps:?}"
    );
}

/// The draft and the mapping checker read containers by their
/// vocabulary's IRIs, through no target crate.
#[test]
fn the_draft_and_the_mapping_checker_read_containers_by_their_vocabulary_not_through_a_target_crate(
) {
    let all = manifests();
    for name in ["uda-draft", "uda-mapping"] {
        let mut ours: Vec<&str> = dependencies(&all[name])
            .into_iter()
            .filter(|d| d.starts_with("uda-"))
            .collect();
        ours.sort_unstable();
        assert_eq!(
            ours,
            ["uda-projection", "uda-upper"],
            "{name}'s uda dependencies"
        );
    }
}

/// Instance data is moved through the mappings alone: `uda-instances` reads
/// containers by their vocabulary and knows no database; only
/// `uda-instances-sql` (and the CLI) talks to one.
#[test]
fn instance_data_is_moved_through_mappings_and_only_its_sql_crate_knows_databases() {
    let all = manifests();
    let mut ours: Vec<&str> = dependencies(&all["uda-instances"])
        .into_iter()
        .filter(|d| d.starts_with("uda-"))
        .collect();
    ours.sort_unstable();
    assert_eq!(
        ours,
        ["uda-projection", "uda-upper"],
        "uda-instances' uda dependencies"
    );
    for (name, manifest) in &all {
        let clients = uses(manifest, &["rusqlite", "postgres"]);
        if !["uda-instances-sql", "uda-project-sql", "uda-cli"].contains(&name.as_str()) {
            assert_eq!(clients, Vec::<&str>::new(), "{name} talks to a database");
        }
    }
}
