import type { GraphQLResolveInfo } from 'graphql';

/**
 * The parts of `GraphQLResolveInfo` the planner reads: the field's nodes (all of them: a field
 * selected twice, e.g. through a fragment, has several), the operation's fragments and variables,
 * and the schema (to match fragment type conditions).
 */
export type SelectionInfo = Pick<
  GraphQLResolveInfo,
  'fieldNodes' | 'fragments' | 'variableValues' | 'schema'
>;
