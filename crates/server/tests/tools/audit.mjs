// Runs the GraphQL over HTTP audit of graphql-http (the reference implementation of the
// GraphQL over HTTP specification's server checks) against a running server.
//
// Usage: node audit.mjs URL
// Prints one JSON array on stdout: every audit as {id, name, status, reason}, where status is
// "ok", "warn" (a SHOULD or MAY that failed) or "error" (a MUST that failed). Exits 0 when the
// audit ran, whatever it found; 2 on usage errors or when it could not run.
import { auditServer } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit.mjs URL");
  process.exit(2);
}

try {
  const results = await auditServer({ url });
  const report = results.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    reason: r.status === "ok" ? null : r.reason,
  }));
  console.log(JSON.stringify(report, null, 1));
} catch (e) {
  console.error(`the audit could not run: ${e && e.stack ? e.stack : e}`);
  process.exit(2);
}
