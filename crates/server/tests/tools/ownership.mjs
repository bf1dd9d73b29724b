// A second Apollo Federation subgraph, written as another team would write
// theirs, for the gateway tests of uda's subgraph: it adds an owning team's
// on-call rota to every kind of uda `Class` (as an @interfaceObject) and the
// owning team to `DomainModel`, both by IRI, and lists the classes it has a
// rota for. Apollo Server with @apollo/subgraph; test-only.
//
// Usage: node ownership.mjs DATA.json
//   DATA.json: {"rotas": {"CLASS_IRI": "rota", ...}, "owners": {"MODEL_IRI": "team", ...}}
// Listens on 127.0.0.1 on a free port and prints `listening on URL` once it
// serves. Exits 2 on bad usage.
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";

if (process.argv.length !== 3) {
  console.error("usage: node ownership.mjs DATA.json");
  process.exit(2);
}
const data = JSON.parse(readFileSync(process.argv[2], "utf8"));
const rotas = data.rotas ?? {};
const owners = data.owners ?? {};

const typeDefs = parse(`
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])

  scalar URI

  "A class of a uda domain model: uda resolves the rest of it."
  type Class @key(fields: "iri") @interfaceObject {
    iri: URI!
    "The on-call rota of the team owning the class."
    onCall: String
  }

  "A uda domain model: uda resolves the rest of it."
  type DomainModel @key(fields: "iri") {
    iri: URI!
    "The team owning the model."
    owner: String
  }

  type Query {
    "Every class with an on-call rota, by IRI."
    classesOnCall: [Class!]!
  }
`);

const resolvers = {
  Query: {
    classesOnCall: () => Object.keys(rotas).sort().map((iri) => ({ iri })),
  },
  Class: {
    __resolveReference: ({ iri }) => ({ iri }),
    onCall: ({ iri }) => rotas[iri] ?? null,
  },
  DomainModel: {
    __resolveReference: ({ iri }) => ({ iri }),
    owner: ({ iri }) => owners[iri] ?? null,
  },
};

const server = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs, resolvers }) });
const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port: 0 } });
console.log(`listening on ${url}`);
