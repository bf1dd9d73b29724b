//! The GraphQL over HTTP audit of graphql-http (`auditServer`, the specification's own server
//! checks) against a real server: every MUST and every SHOULD passes.

mod common;

use common::TestServer;
use std::path::PathBuf;
use std::process::Command;

/// The command that installs the node tools, as the project's setup runs it.
const SETUP: &str = "npm ci --prefix crates/server/tests/tools";

#[test]
fn graphql_over_http_audit_passes_every_must_and_should() {
    let tools = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tools");
    // A missing tool must not pass silently.
    assert!(
        tools.join("node_modules/graphql-http").is_dir(),
        "the node test tools are not installed: run `{SETUP}` from the repository root"
    );
    let server = TestServer::start();
    let output = Command::new("node")
        .arg(tools.join("audit.mjs"))
        .arg(format!("{}/graphql", server.url))
        .current_dir(&tools)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node ({e}); node 18 or later is needed"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the audit did not run: {}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Vec<serde_json::Value> =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    let name = |r: &serde_json::Value| r["name"].as_str().unwrap_or_default().to_owned();
    let required: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| name(r).starts_with("MUST ") || name(r).starts_with("SHOULD "))
        .collect();
    // graphql-http 1.23.1 has 23 SHOULDs and more MUSTs: an audit that ran none proves nothing.
    assert!(required.len() > 30, "too few audits ran: {stdout}");
    let failures: Vec<String> = required
        .iter()
        .filter(|r| r["status"] != "ok")
        .map(|r| format!("{} [{}]: {}", name(r), r["id"], r["reason"]))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} MUST/SHOULD audits fail:\n{}",
        failures.len(),
        required.len(),
        failures.join("\n")
    );
}
