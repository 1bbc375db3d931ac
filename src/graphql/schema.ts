import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import type { Resolvers } from '../generated/resolvers-types.js';
import {
  avatarResolvers,
  brandResolvers,
  imageGenerationResolvers,
  jobResolvers,
  mergeResolvers,
  mutationResolvers,
  runResolvers,
  webhookResolvers,
} from './resolvers/index.js';
import { subscriptionResolvers } from './resolvers/subscriptions/index.js';
import { DateTimeScalar, JsonScalar } from './scalars.js';

// `schema/` sits at the package root, two levels above this file both in `src/graphql/` (tsx,
// vitest) and in `dist/graphql/` (the build).
const SCHEMA_DIRECTORY = fileURLToPath(new URL('../../schema/', import.meta.url));

/** Reads every `*.graphql` file of a directory, in file-name order. Throws if there is none. */
export function loadTypeDefs(directory: string = SCHEMA_DIRECTORY): string[] {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort();
  if (files.length === 0) throw new Error(`No .graphql files in ${directory}`);
  return files.map((file) => readFileSync(join(directory, file), 'utf8'));
}

/** The SDL of the gateway: the contents of `schema/*.graphql`, read once when this module loads. */
export const typeDefs: readonly string[] = loadTypeDefs();

/** Every resolver of the gateway, typed by the generated `Resolvers`. */
export const resolvers: Resolvers = mergeResolvers(
  { DateTime: DateTimeScalar, JSON: JsonScalar },
  jobResolvers,
  brandResolvers,
  imageGenerationResolvers,
  avatarResolvers,
  webhookResolvers,
  runResolvers,
  mutationResolvers,
  subscriptionResolvers,
);

/**
 * Builds the executable schema from `typeDefs` and `resolvers`: an Apollo Federation 2 subgraph
 * (`buildSubgraphSchema`), so besides the SDL's own fields `Query` has `_service { sdl }` and
 * `_entities(representations:)`, whose references go to each entity's `__resolveReference`. The
 * same schema serves direct clients and a supergraph router. Each call returns a new schema object.
 * Throws if the SDL is not a valid subgraph, or if a resolver names a type or field the SDL lacks.
 */
export function createSchema(): GraphQLSchema {
  const schema = buildSubgraphSchema({
    typeDefs: typeDefs.map((sdl) => parse(sdl)),
    resolvers,
  });
  assertResolversMatchSchema(schema, resolvers);
  return schema;
}

// What a resolver map may set on an object or interface type besides its fields.
const TYPE_HOOKS = new Set(['__resolveReference', '__resolveType', '__isTypeOf']);

// `buildSubgraphSchema` skips resolvers of fields it does not know, so a typo or a field removed
// from the SDL would go unnoticed.
function assertResolversMatchSchema(schema: GraphQLSchema, map: Resolvers): void {
  const problems: string[] = [];
  for (const [typeName, typeResolvers] of Object.entries(map)) {
    const type = schema.getType(typeName);
    if (type === undefined || type === null) {
      problems.push(`${typeName} is not a type of the schema`);
      continue;
    }
    // Scalars, enums and unions have no fields to check.
    if (!('getFields' in type)) continue;
    const fields = type.getFields();
    for (const name of Object.keys(typeResolvers as object)) {
      if (!(name in fields) && !TYPE_HOOKS.has(name)) {
        problems.push(`${typeName}.${name} is not a field of the schema`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`The resolvers do not match the schema: ${problems.join('; ')}.`);
  }
}
