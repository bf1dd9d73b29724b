// Composes Apollo Federation v2 subgraphs with @apollo/composition, the
// library Apollo's router tooling (rover) uses.
//
// Usage: node compose.mjs NAME=FILE.graphql [NAME=FILE.graphql ...]
//        (a bare FILE takes its base name as the subgraph name)
// Prints every composition error and exits 1 when composition fails; on
// success prints the supergraph SDL and exits 0. Exits 2 on bad usage.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "graphql";
import { composeServices } from "@apollo/composition";

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: node compose.mjs NAME=FILE.graphql [NAME=FILE.graphql ...]");
  process.exit(2);
}

const services = [];
for (const arg of args) {
  const eq = arg.indexOf("=");
  const file = eq < 0 ? arg : arg.slice(eq + 1);
  const name = eq < 0 ? basename(file).split(".")[0] : arg.slice(0, eq);
  let typeDefs;
  try {
    typeDefs = parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    process.exit(1);
  }
  // The URL is never called: composition only records it in the supergraph.
  services.push({ name, typeDefs, url: `http://localhost/${name}` });
}

const result = composeServices(services);
if (result.errors) {
  for (const error of result.errors) {
    const code = error.extensions?.code ? `[${error.extensions.code}] ` : "";
    console.error(`${code}${error.message}`);
  }
  process.exit(1);
}
process.stdout.write(result.supergraphSdl);
