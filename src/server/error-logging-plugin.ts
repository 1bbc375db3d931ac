import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import { ErrorCode, isErrorCode, isGatewayError } from '../errors/index.js';
import type { GatewayContext } from '../graphql/context.js';
import { describeError } from './gateway-log.js';
import type { GatewayLog } from './gateway-log.js';

/**
 * Logs, with the operation's request id, every error that `formatError` masks as
 * `INTERNAL_SERVER_ERROR` (the client sees only "Internal server error"), plus failures Apollo
 * reports outside an operation. Errors of the vocabulary are expected outcomes and not logged.
 */
export function createErrorLoggingPlugin(log: GatewayLog): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (!isMasked(error)) continue;
            log('error', 'Unexpected error in a GraphQL operation', {
              requestId: contextValue.requestId,
              path: error.path,
              error: describeError(unwrapResolverError(error)),
            });
          }
        },
      };
    },
    async contextCreationDidFail({ error }) {
      if (!isErrorCode((error as Partial<GraphQLError>).extensions?.code)) {
        log('error', 'Building an operation context failed', { error: describeError(error) });
      }
    },
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      log('error', 'Unexpected error processing a GraphQL request', {
        requestId: requestContext.contextValue.requestId,
        error: describeError(error),
      });
    },
  };
}

// Mirrors `formatError`'s rule: our own errors and coded GraphQL errors pass through, the rest is masked.
function isMasked(error: GraphQLError): boolean {
  if (isGatewayError(unwrapResolverError(error))) return false;
  const code = error.extensions.code;
  return !isErrorCode(code) || code === ErrorCode.INTERNAL_SERVER_ERROR;
}
