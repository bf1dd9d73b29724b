//! Shared by the end-to-end tests of the `uda` binary: running it from the
//! repository root, reading its output, and edited copies of the examples.
// Each test file uses a part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where the tests run `uda`.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `uda ARGS` from the repository root, with no data directory from the environment.
pub fn uda(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_uda"))
        .args(args)
        .current_dir(repo())
        .env_remove("UDA_DATA")
        .output()
        .expect("run uda")
}

/// `uda ARGS --data DATA`.
pub fn uda_on(data: &Path, args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    let data = data.to_str().expect("UTF-8 path");
    all.extend(["--data", data]);
    uda(&all)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The text of an example model.
pub fn example(name: &str) -> String {
    let path = repo().join(format!("ontologies/examples/{name}.ttl"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `text` with each `(from, to)` replaced, each of which must occur.
pub fn edited(text: &str, edits: &[(&str, &str)]) -> String {
    edits.iter().fold(text.to_owned(), |text, (from, to)| {
        assert!(text.contains(from), "{from:?} is not in the text");
        text.replace(from, to)
    })
}

/// The edit making `studio:synopsis` required: a breaking change under BACKWARD.
pub const REQUIRED_SYNOPSIS: (&str, &str) = (
    "upper:label \"synopsis\" ;\n    upper:datatype xsd:string ; upper:minCount 0 ;",
    "upper:label \"synopsis\" ;\n    upper:datatype xsd:string ; upper:minCount 1 ;",
);

/// Writes `text` as `dir/name` and gives its path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}
