import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type {
  DocumentNode,
  GraphQLFormattedError,
  OperationDefinitionNode,
  ParseOptions,
  ValidationRule,
} from 'graphql';
import { checkOperationCost } from './cost-limit-rule.js';
import { createLimitRules } from './limit-rules.js';
import { nameTokenLimit } from './token-limit.js';

/** The operation limits, the same over HTTP and WebSocket (field names of `GatewayConfig`). */
export interface OperationLimitsConfig {
  /** `MAX_TOKENS`: the most lexical tokens a document may have; more fail parsing. */
  maxTokens: number;
  /** `MAX_DEPTH`: the deepest field nesting an operation may have. */
  maxDepth: number;
  /** `MAX_ALIASES`: the most aliases an operation may use. */
  maxAliases: number;
  /** `MAX_DIRECTIVES`: the most directives an operation may use. */
  maxDirectives: number;
  /** `MAX_COST`: the highest cost an operation may have (see `computeOperationCost`). */
  maxCost: number;
}

/** What both transports plug in to enforce the limits. */
export interface OperationLimits {
  /** For `parse` (Apollo's `parseOptions`): the token limit. */
  parseOptions: ParseOptions;
  /** Depth, alias and directive rules, run with graphql-js' `specifiedRules`. */
  validationRules: readonly ValidationRule[];
  /**
   * The cost check of one resolved operation with its variables (raw or coerced): a
   * `GRAPHQL_VALIDATION_FAILED` error naming `MAX_COST`, or `undefined` when within the limit.
   */
  checkCost(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Readonly<Record<string, unknown>> | null | undefined,
  ): GraphQLError | undefined;
  /** An Apollo plugin running `checkCost` once the operation is resolved (400 when over). */
  plugin: ApolloServerPlugin<BaseContext>;
  /** Applied after the gateway's `formatError`: makes the token-limit message name `MAX_TOKENS`. */
  formatError(formatted: GraphQLFormattedError): GraphQLFormattedError;
}

/**
 * The gateway's operation limits (RELIABILITY.md G1–G5): every rejection happens before execution,
 * so before any upstream call, with `GRAPHQL_PARSE_FAILED` (tokens) or `GRAPHQL_VALIDATION_FAILED`
 * (depth, aliases, directives, cost) and a message naming the setting. Stateless: one instance
 * serves every request.
 */
export function createOperationLimits(config: OperationLimitsConfig): OperationLimits {
  const checkCost: OperationLimits['checkCost'] = (document, operation, variables) =>
    checkOperationCost(document, operation, variables, config.maxCost);
  return {
    parseOptions: { maxTokens: config.maxTokens },
    validationRules: createLimitRules(config),
    checkCost,
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ document, operation, request }) {
            // No operation: Apollo answers that itself right after this hook.
            if (operation === undefined) return;
            const error = checkCost(document, operation, request.variables);
            if (error === undefined) return;
            throw new GraphQLError(error.message, {
              nodes: error.nodes,
              extensions: { ...error.extensions, http: { status: 400 } },
            });
          },
        };
      },
    },
    formatError: (formatted) => nameTokenLimit(formatted, config.maxTokens),
  };
}
