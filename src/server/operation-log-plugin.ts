import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { Kind } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../graphql/context.js';
import { findOperation } from './find-operation.js';
import type { GatewayLog } from './gateway-log.js';

/**
 * How an operation ended: `success` (no errors), `partial` (data and errors), `error` (errors
 * and no data), `rejected` (refused before execution: parse, validation, limits). The metrics'
 * outcomes are the same except that they count `partial` as `error`.
 */
export type OperationLogOutcome = 'success' | 'partial' | 'error' | 'rejected';

/** The fields of the line `createOperationLogPlugin` writes for each operation. */
export interface OperationLogFields {
  /** The gateway's id of the operation (also the response's `X-Request-Id`). */
  requestId: string;
  /** The operation's name, or null when anonymous or when the document did not parse. */
  operationName: string | null;
  /** `query`, `mutation` or `subscription`; null when the document did not parse (or names none). */
  operationType: string | null;
  outcome: OperationLogOutcome;
  /** The HTTP status of the response. */
  status: number;
  /** From context creation to the response, in milliseconds (0.1 ms precision). */
  durationMs: number;
  /** The distinct `extensions.code`s of the response's errors, in order (empty on success). */
  errorCodes: string[];
  /** The `X-Request-Id` of each upstream response the operation used, in order. */
  upstreamRequestIds: string[];
}

/**
 * Logs one line per HTTP GraphQL operation ("GraphQL operation", `OperationLogFields`) at `info`,
 * or `debug` for introspection-only queries (the explorer sends them often). Never the query text
 * or the variables. Operations refused before a context exists (CSRF, bad credential) are not
 * Apollo operations and are not logged here.
 */
export function createOperationLogPlugin(log: GatewayLog): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse(requestContext) {
          const { operation: resolved, document, request } = requestContext;
          const operation = findOperation(resolved, document, request.operationName);
          const fields = toOperationLogFields(
            requestContext,
            operation,
            executed,
            performance.now() - startedAt,
          );
          const level = isIntrospection(operation) ? 'debug' : 'info';
          log(level, 'GraphQL operation', { ...fields });
        },
      };
    },
  };
}

function toOperationLogFields(
  requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>,
  operation: OperationDefinitionNode | undefined,
  executed: boolean,
  elapsedMs: number,
): OperationLogFields {
  const { contextValue, response } = requestContext;
  const result =
    response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
  const errorCodes = [
    ...new Set(
      (result.errors ?? []).map((error) => {
        const code = error.extensions?.code;
        return typeof code === 'string' ? code : 'UNKNOWN';
      }),
    ),
  ];
  const hasData = result.data !== undefined && result.data !== null;
  return {
    requestId: contextValue.requestId,
    operationName: operation?.name?.value ?? null,
    operationType: operation?.operation ?? null,
    outcome: toOutcome(errorCodes.length > 0, executed, hasData),
    status: response.http.status ?? 200,
    durationMs: Math.round(elapsedMs * 10) / 10,
    errorCodes,
    upstreamRequestIds: [...contextValue.upstream.requestIds],
  };
}

function toOutcome(failed: boolean, executed: boolean, hasData: boolean): OperationLogOutcome {
  if (!failed) return 'success';
  if (!executed) return 'rejected';
  return hasData ? 'partial' : 'error';
}

// A query whose every root field is a meta field (`__schema`, `__type`, `__typename`).
function isIntrospection(operation: OperationDefinitionNode | undefined): boolean {
  if (operation?.operation !== 'query') return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'),
  );
}
