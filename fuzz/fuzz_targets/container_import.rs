//! Any bytes, read as an existing Avro schema or SQL DDL (the first byte picks
//! which: Avro, or DDL in the PostgreSQL, SQLite or DuckDB dialect) and
//! imported into a container graph: no panic, errors say where, and the same
//! result twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use uda_targets::Target;

const SYSTEMS: [(&str, &str); 4] = [
    ("avro", "fuzz.avsc"),
    ("sql-postgres", "fuzz.sql"),
    ("sql-sqlite", "fuzz.sql"),
    ("sql-duckdb", "fuzz.sql"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (system, label) = SYSTEMS[usize::from(pick) % SYSTEMS.len()];
    let target: Target = system.parse().expect("a target name");
    let sources = [(label.to_owned(), String::from_utf8_lossy(rest).into_owned())];
    let base = "https://example.org/fuzz/container";
    match (
        target.import(&sources, base, "fuzz"),
        target.import(&sources, base, "fuzz"),
    ) {
        (Ok(a), Ok(b)) => {
            assert!(a.container.iter().eq(b.container.iter()));
            assert_eq!(a.warnings, b.warnings);
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b);
            assert!(a.contains(label), "an error not located in the input: {a}");
        }
        _ => panic!("two imports of the same {system} source differ"),
    }
});
