//! The generated schemas of the example models, kept under `tests/golden/`
//! so a change to the output shows in review. They are checked by the real
//! tools in the other tests; here only their text is compared. Run with
//! `UDA_BLESS=1` to rewrite them.

use std::path::PathBuf;
use uda_project_graphql::{project, GraphqlOptions};

#[test]
fn example_schemas_match_the_golden_files() {
    let loaded = uda_testkit::load_examples();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var_os("UDA_BLESS").is_some();
    let mut stale = Vec::new();
    for domain in ["onepiece", "studio", "marketing"] {
        let view = loaded
            .models
            .view(&uda_testkit::example_iri(domain))
            .expect("example model");
        for federation in [false, true] {
            let output = project(&view, &GraphqlOptions { federation }).expect("projects");
            for file in &output.files {
                let path = dir.join(&file.name);
                if bless {
                    std::fs::write(&path, &file.text).expect("golden file written");
                } else if std::fs::read_to_string(&path).ok().as_deref() != Some(file.text.as_str())
                {
                    stale.push(file.name.clone());
                }
            }
        }
    }
    assert!(stale.is_empty(), "generated schemas differ from tests/golden/ (rerun with UDA_BLESS=1 and review the diff): {stale:?}");
}
