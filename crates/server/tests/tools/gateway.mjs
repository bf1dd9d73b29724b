// An Apollo Gateway (@apollo/gateway in @apollo/server) serving a supergraph
// composed by supergraph.mjs. It forwards each client's Authorization header
// to the subgraphs, so uda applies its read rules (`reads = "token"`) to the
// gateway's requests as to any other.
//
// Usage: node gateway.mjs SUPERGRAPH.graphql [PORT]
// Listens on 127.0.0.1 (PORT, or a free port when 0 or absent) and prints
// `listening on URL` once it serves. Exits 2 on bad usage.
import { readFileSync } from "node:fs";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

const [file, port = "0"] = process.argv.slice(2);
if (!file || process.argv.length > 4 || !/^\d+$/.test(port)) {
  console.error("usage: node gateway.mjs SUPERGRAPH.graphql [PORT]");
  process.exit(2);
}

class Forwarding extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    if (context.authorization) {
      request.http.headers.set("authorization", context.authorization);
    }
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(file, "utf8"),
  buildService: ({ url }) => new Forwarding({ url }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port: Number(port) },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
console.log(`listening on ${url}`);
