//! Many threads registering different models on one registry at once.

mod common;

use common::*;
use std::sync::Arc;
use uda_registry::Registry;

#[test]
fn concurrent_registrations_all_land_without_version_gaps() {
    const THREADS: usize = 8;
    const VERSIONS: u64 = 3;
    let dir = tempfile::tempdir().expect("tempdir");
    let registry = Arc::new(Registry::open(dir.path()).expect("open"));
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let registry = Arc::clone(&registry);
            std::thread::spawn(move || {
                let name = format!("concurrent{t}");
                for v in 1..=VERSIONS {
                    let r = register(&registry, &name, &synthetic_version(&name, 5, v));
                    assert_eq!(r.version, v, "{name}");
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("a registering thread panicked");
    }
    for t in 0..THREADS {
        let versions = registry
            .versions(&format!("https://example.org/concurrent{t}"))
            .expect("versions");
        let numbers: Vec<u64> = versions.iter().map(|v| v.version).collect();
        assert_eq!(numbers, (1..=VERSIONS).collect::<Vec<_>>());
    }
    let problems = registry.verify().expect("verify");
    assert!(problems.is_empty(), "{problems:#?}");
}
