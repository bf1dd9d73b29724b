// Composes a supergraph from running Apollo Federation v2 subgraphs: asks
// each for its schema (`{ _service { sdl } }`, as a gateway would) and
// composes them with @apollo/composition, the library Apollo's rover uses.
//
// Usage: node supergraph.mjs NAME=URL [NAME=URL ...] > supergraph.graphql
//   e.g. node supergraph.mjs uda=http://127.0.0.1:8080/graphql
// With SUBGRAPH_AUTHORIZATION set, it is sent as the Authorization header
// (uda with `reads = "token"`: `Bearer <secret>`).
// Prints the supergraph SDL and exits 0; prints every error and exits 1 when
// a subgraph cannot be read or composition fails; exits 2 on bad usage.
import { parse } from "graphql";
import { composeServices } from "@apollo/composition";

const args = process.argv.slice(2);
if (args.length === 0 || args.some((a) => !a.includes("="))) {
  console.error("usage: node supergraph.mjs NAME=URL [NAME=URL ...]");
  process.exit(2);
}

const headers = { "content-type": "application/json" };
if (process.env.SUBGRAPH_AUTHORIZATION) {
  headers.authorization = process.env.SUBGRAPH_AUTHORIZATION;
}

const services = [];
for (const arg of args) {
  const eq = arg.indexOf("=");
  const name = arg.slice(0, eq);
  const url = arg.slice(eq + 1);
  let sdl;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify({ query: "{ _service { sdl } }" }),
    });
    const body = await response.json();
    sdl = body?.data?._service?.sdl;
    if (!sdl) {
      throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
    }
  } catch (e) {
    console.error(`${name} (${url}): cannot read its schema: ${e.message}`);
    process.exit(1);
  }
  services.push({ name, url, typeDefs: parse(sdl) });
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
