// Builds and validates GraphQL SDL files with graphql-js, the reference
// implementation of the GraphQL specification.
//
// Usage: node validate.mjs FILE.graphql [FILE.graphql ...]
// Prints every error, prefixed with its file, and exits 1 if any file fails
// to parse, build or validate; exits 0 and prints nothing otherwise.
import { readFileSync } from "node:fs";
import { buildSchema, validateSchema } from "graphql";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs FILE.graphql [FILE.graphql ...]");
  process.exit(2);
}

let failed = false;
for (const file of files) {
  let errors;
  try {
    errors = validateSchema(buildSchema(readFileSync(file, "utf8")));
  } catch (e) {
    errors = [e];
  }
  for (const error of errors) {
    console.error(`${file}: ${error.message}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
