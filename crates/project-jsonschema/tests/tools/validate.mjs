// Ajv (draft 2020-12, with ajv-formats) over a job written by the Rust tests:
// { "schemas": [document...], "cases": [{ "schema": "$id", "instance": ... }] }.
// Prints { "meta": [{ "id", "errors" }], "compile": [...], "cases": [{ "valid", "errors" }] }:
// each document checked against the meta-schema, compiled with every other
// document loaded (so references resolve), and each instance validated.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
// strict: unknown keywords, formats or ignored keywords are errors, not silence.
const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true });
addFormats(ajv);
const out = { meta: [], compile: [], cases: [] };
for (const schema of job.schemas) {
  const valid = ajv.validateSchema(schema);
  out.meta.push({ id: schema.$id, errors: valid ? "" : ajv.errorsText(ajv.errors) });
}
for (const schema of job.schemas) ajv.addSchema(schema);
for (const schema of job.schemas) {
  try {
    ajv.getSchema(schema.$id);
    out.compile.push({ id: schema.$id, errors: "" });
  } catch (e) {
    out.compile.push({ id: schema.$id, errors: String(e.message) });
  }
}
for (const c of job.cases) {
  const validate = ajv.getSchema(c.schema);
  const valid = validate(c.instance);
  out.cases.push({ valid, errors: valid ? "" : ajv.errorsText(validate.errors) });
}
process.stdout.write(JSON.stringify(out));
