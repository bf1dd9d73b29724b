//! The DDL of every test model with the default options, as checked-in
//! files under `tests/golden/`, so that a change of output shows in review.
//! The engines test runs the same DDL; this one pins its text. Run with
//! `UDA_BLESS=1` to rewrite the files after an intended change.

mod common;

use common::{ddl, MODELS};
use std::path::PathBuf;
use uda_project_sql::{Dialect, SqlOptions};

#[test]
fn the_ddl_matches_the_golden_files() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var_os("UDA_BLESS").is_some();
    let mut stale = Vec::new();
    for model in MODELS {
        for dialect in Dialect::ALL {
            let text = ddl(model, &SqlOptions::new(dialect));
            let path = dir.join(format!("{model}.{dialect}.sql"));
            if bless {
                std::fs::create_dir_all(&dir).expect("tests/golden");
                std::fs::write(&path, &text).expect("write golden file");
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "DDL differs from (run with UDA_BLESS=1 to update):\n{}",
        stale.join("\n")
    );
}
