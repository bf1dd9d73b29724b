//! The one test of the `uda` binary kept in its own crate: cargo builds a
//! crate's binaries before running its integration tests, so this file is
//! what makes `cargo test --workspace` build `uda` before any test runs. The
//! end-to-end tests themselves live in the `tests/` workspace member
//! (uda-testsuite), which finds the binary with `uda_testsuite::uda_binary`;
//! this checks that it finds the one cargo built.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn the_testsuite_finds_the_binary_cargo_built() {
    let built = PathBuf::from(env!("CARGO_BIN_EXE_uda"));
    let found = uda_testsuite::uda_binary();
    assert_eq!(
        found.canonicalize().expect("the found binary exists"),
        built.canonicalize().expect("cargo's binary exists"),
    );
}

#[test]
fn the_binary_runs() {
    let out = Command::new(env!("CARGO_BIN_EXE_uda"))
        .arg("--version")
        .output()
        .expect("run uda --version");
    assert!(out.status.success(), "uda --version failed: {out:?}");
    let version = String::from_utf8_lossy(&out.stdout);
    assert_eq!(version.trim(), format!("uda {}", env!("CARGO_PKG_VERSION")));
}
