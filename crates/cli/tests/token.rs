//! `uda token hash`: the digest a tokens file's `secret_sha256` holds.

use std::io::Write;
use std::process::{Command, Stdio};

fn hash(stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_uda"))
        .args(["token", "hash"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run uda token hash");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write the secret");
    child.wait_with_output().expect("uda token hash")
}

#[test]
fn token_hash_prints_the_sha256_digest_of_the_secret_on_stdin() {
    // SHA-256 of "s3cret" (`printf s3cret | sha256sum`); the newline of `echo` is not part of it.
    let expected = "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0";
    for input in ["s3cret", "s3cret\n", "  s3cret\r\n"] {
        let o = hash(input);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = String::from_utf8_lossy(&o.stdout).trim().to_owned();
        assert_eq!(out.len(), 64, "{out}");
        assert_eq!(out, expected);
    }
    let o = hash("\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no secret"));
}

#[test]
fn token_hash_help_says_how_to_use_the_digest() {
    let o = Command::new(env!("CARGO_BIN_EXE_uda"))
        .args(["token", "hash", "--help"])
        .output()
        .expect("uda token hash --help");
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("secret_sha256"), "{help}");
    assert!(help.contains("[[token]]"), "{help}");
}
