import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import { findOperation } from '../find-operation.js';
import type { OperationRecord, OperationType } from './types.js';

/**
 * An Apollo Server plugin that reports every HTTP GraphQL request to `record` once, when its
 * response is about to be sent (`transport: 'http'`), including requests Apollo refuses before
 * running them: a failed context (authentication) and an invalid request (CSRF, malformed body)
 * count as `rejected` with name and type `unknown` and no duration. `record` must not throw.
 */
export function createMetricsPlugin<TContext extends BaseContext>(
  record: (operation: OperationRecord) => void,
): ApolloServerPlugin<TContext> {
  const rejectedUnparsed = (): void =>
    record({ name: 'unknown', type: 'unknown', outcome: 'rejected', transport: 'http' });
  return {
    async requestDidStart({ request }) {
      const startedAt = performance.now();
      let executed = false;
      let failed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async didEncounterErrors() {
          failed = true;
        },
        async willSendResponse({ operation, document }) {
          const resolved = findOperation(operation, document, request.operationName);
          const outcome = !failed
            ? 'success'
            : executed && operation !== undefined
              ? 'error'
              : 'rejected';
          record({
            name: resolved?.name?.value ?? request.operationName,
            type: toOperationType(resolved),
            outcome,
            durationMs: performance.now() - startedAt,
            transport: 'http',
          });
        },
      };
    },
    async contextCreationDidFail() {
      rejectedUnparsed();
    },
    async invalidRequestWasReceived() {
      rejectedUnparsed();
    },
  };
}

function toOperationType(operation: OperationDefinitionNode | undefined): OperationType {
  return operation?.operation ?? 'unknown';
}
