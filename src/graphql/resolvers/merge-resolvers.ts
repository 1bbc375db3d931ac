import { GraphQLScalarType } from 'graphql';
import type { Resolvers } from '../../generated/resolvers-types.js';

/**
 * Combines per-domain resolver maps into one: the fields of a type named in several maps (e.g.
 * `Query`) are put together. Throws if two maps resolve the same field or scalar, which would
 * otherwise silently shadow one of them.
 */
export function mergeResolvers(...maps: readonly Resolvers[]): Resolvers {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [typeName, typeResolvers] of Object.entries(map)) {
      const existing = merged[typeName];
      if (existing === undefined) {
        merged[typeName] =
          typeResolvers instanceof GraphQLScalarType ? typeResolvers : { ...typeResolvers };
        continue;
      }
      if (existing instanceof GraphQLScalarType || typeResolvers instanceof GraphQLScalarType) {
        throw new Error(`mergeResolvers: ${typeName} is resolved twice`);
      }
      for (const [fieldName, resolver] of Object.entries(typeResolvers as object)) {
        if (fieldName in (existing as object)) {
          throw new Error(`mergeResolvers: ${typeName}.${fieldName} is resolved twice`);
        }
        (existing as Record<string, unknown>)[fieldName] = resolver;
      }
    }
  }
  return merged as Resolvers;
}
