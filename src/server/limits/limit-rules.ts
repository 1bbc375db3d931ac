import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError } from 'graphql';
import type { ValidationContext, ValidationRule } from 'graphql';

/** The limits `createLimitRules` enforces; each is the most a single operation may have. */
export interface LimitRuleOptions {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
}

/**
 * Validation rules (graphql-armor's) that reject an operation nested deeper than `maxDepth`
 * (fields only: fragments are not levels, introspection's `__schema` is not counted), with more
 * than `maxAliases` aliases (`__typename` aliases not counted) or more than `maxDirectives`
 * directives, counting through fragments, each fragment once. Each reports at most one error per
 * operation, with a message naming the setting, e.g.
 * "Query depth 13 exceeds the limit of 12 (MAX_DEPTH).".
 */
export function createLimitRules(options: LimitRuleOptions): ValidationRule[] {
  const rules = [
    maxDepthRule({
      n: options.maxDepth,
      // Count fields only: a fragment spread or an inline fragment is not a level of nesting.
      flattenFragments: true,
      ...reportAs(
        (found) => `Query depth${found} exceeds the limit of ${options.maxDepth} (MAX_DEPTH).`,
      ),
    }),
    maxAliasesRule({
      n: options.maxAliases,
      ...reportAs(
        (found) =>
          `Query has${found} aliases, more than the limit of ${options.maxAliases} (MAX_ALIASES).`,
      ),
    }),
    maxDirectivesRule({
      n: options.maxDirectives,
      ...reportAs(
        (found) =>
          `Query has${found} directives, more than the limit of ${options.maxDirectives} (MAX_DIRECTIVES).`,
      ),
    }),
  ];
  // graphql-armor types its visitors loosely (`Record<string, any>` members), which graphql's
  // `ASTVisitor` does not accept as is; they are plain `OperationDefinition` enter visitors.
  return rules as unknown as ValidationRule[];
}

// graphql-armor only exposes the count it found in its own message ("..., found 13.").
const FOUND = /found (\d+)\.?$/;

/** `message` gets " <count>", or "" when the count is unknown. */
function reportAs(message: (found: string) => string) {
  return {
    exposeLimits: true,
    // Report instead of throwing: a throw would abort validation and skip Apollo's error handling.
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const count = FOUND.exec(error.message)?.[1];
        // Should a later graphql-armor word it differently, the count is left out, not the error.
        context?.reportError(new GraphQLError(message(count === undefined ? '' : ` ${count}`)));
      },
    ],
  };
}
