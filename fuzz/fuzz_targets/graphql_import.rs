//! Any bytes, read as GraphQL SDL and imported into a container graph: no
//! panic, every error located in the input, and the same result twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use uda_project_graphql::import;

fuzz_target!(|data: &[u8]| {
    let sources = [(
        "fuzz.graphql".to_owned(),
        String::from_utf8_lossy(data).into_owned(),
    )];
    let base = "https://example.org/fuzz/graphql";
    match (import(&sources, base, "fuzz"), import(&sources, base, "fuzz")) {
        (Ok(a), Ok(b)) => {
            assert!(a.container.iter().eq(b.container.iter()));
            assert_eq!(a.warnings, b.warnings);
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b);
            assert!(!a.errors.is_empty());
            for error in &a.errors {
                assert!(error.location.starts_with("fuzz.graphql:"), "{error}");
            }
        }
        _ => panic!("two imports of the same SDL differ"),
    }
});
