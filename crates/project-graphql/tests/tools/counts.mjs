// Counts what a GraphQL schema defines, as graphql-js (the reference
// implementation) reads it, for the completeness check of the import.
//
// Usage: node counts.mjs FILE.graphql
// Prints one JSON object: named types by kind (built-in scalars and
// introspection types left out), fields, arguments, enum values, input
// fields, union members, implemented interfaces, directive definitions and
// their arguments (built-in ones left out), descriptions, and @deprecated
// applications. Exits 1 if the schema does not build.
import { readFileSync } from "node:fs";
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  isUnionType,
} from "graphql";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node counts.mjs FILE.graphql");
  process.exit(2);
}
let schema;
try {
  schema = buildSchema(readFileSync(file, "utf8"));
} catch (e) {
  console.error(`${file}: ${e.message}`);
  process.exit(1);
}

const counts = {
  ObjectType: 0,
  InterfaceType: 0,
  UnionType: 0,
  EnumType: 0,
  InputObjectType: 0,
  ScalarType: 0,
  Field: 0,
  FieldArgument: 0,
  EnumValue: 0,
  InputField: 0,
  member: 0,
  implements: 0,
  DirectiveDefinition: 0,
  DirectiveDefinitionArgument: 0,
  description: 0,
  deprecated: 0,
};
const described = (x) => {
  if (x.description != null) counts.description += 1;
};
const deprecated = (x) => {
  if (x.deprecationReason != null) counts.deprecated += 1;
};
for (const type of Object.values(schema.getTypeMap())) {
  if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
  described(type);
  if (isObjectType(type) || isInterfaceType(type)) {
    counts[isObjectType(type) ? "ObjectType" : "InterfaceType"] += 1;
    counts.implements += type.getInterfaces().length;
    for (const field of Object.values(type.getFields())) {
      counts.Field += 1;
      described(field);
      deprecated(field);
      for (const arg of field.args) {
        counts.FieldArgument += 1;
        described(arg);
        deprecated(arg);
      }
    }
  } else if (isUnionType(type)) {
    counts.UnionType += 1;
    counts.member += type.getTypes().length;
  } else if (isEnumType(type)) {
    counts.EnumType += 1;
    for (const value of type.getValues()) {
      counts.EnumValue += 1;
      described(value);
      deprecated(value);
    }
  } else if (isInputObjectType(type)) {
    counts.InputObjectType += 1;
    for (const field of Object.values(type.getFields())) {
      counts.InputField += 1;
      described(field);
      deprecated(field);
    }
  } else if (isScalarType(type)) {
    counts.ScalarType += 1;
  }
}
for (const directive of schema.getDirectives()) {
  if (isSpecifiedDirective(directive)) continue;
  counts.DirectiveDefinition += 1;
  described(directive);
  for (const arg of directive.args) {
    counts.DirectiveDefinitionArgument += 1;
    described(arg);
  }
}
if (schema.description != null) counts.description += 1;
console.log(JSON.stringify(counts));
