import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import {
  GraphQLError,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import type {
  DocumentNode,
  ExecutionArgs,
  GraphQLFormattedError,
  GraphQLSchema,
  ValidationRule,
} from 'graphql';
import type { Context, ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import { ErrorCode, createFormatError } from '../errors/index.js';
import type { GatewayContext, LiveOperation } from '../graphql/context.js';
import { isWellFormedAuthorization } from '../pi/index.js';
import type { RunWatcherRegistry, WatcherRegistry } from '../subscriptions/index.js';
import type { ContextFactory } from './create-context-factory.js';
import { describeError, silentLog } from './gateway-log.js';
import type { GatewayLog } from './gateway-log.js';
import type { OperationLimits } from './limits/index.js';
import { noIntrospectionRule } from './no-introspection-rule.js';
import { subscribeWithEventContexts } from './subscribe-with-event-contexts.js';

export interface GraphQLWsOptions {
  schema: GraphQLSchema;
  /** The same factory as HTTP: every operation and every subscription event gets a fresh context. */
  createContext: ContextFactory;
  /** The watchers behind `Subscription` fields. */
  jobs: WatcherRegistry;
  runs: RunWatcherRegistry;
  /** Whether introspection is allowed (HTTP's policy: off in production). */
  introspection: boolean;
  /** Validation rules on top of graphql-js' `specifiedRules` (those the HTTP path adds). @default [] */
  validationRules?: readonly ValidationRule[];
  /** HTTP's token, depth, alias, directive and cost limits (`createOperationLimits`). @default none */
  limits?: OperationLimits;
  /** Operations one socket may run at once; more get an error and the socket stays open. @default 100 */
  maxOperationsPerSocket?: number;
  /** A socket whose unsent data exceeds this is closed (a client that stopped reading). @default 4 MiB */
  maxBufferedBytes?: number;
  /** How long a socket may wait before `connection_init` (then 4408). @default 3000 */
  connectionInitWaitTimeoutMs?: number;
  /** @default silentLog */
  log?: GatewayLog;
}

/** What the gateway keeps per acknowledged socket. */
interface SocketState {
  authorization: string;
  /** Aborted when the socket closes: every operation of the socket ends with it. */
  closed: AbortController;
  /** One controller per running operation, aborted when it completes. */
  operations: Map<string, AbortController>;
}

type WsContext = Context<Record<string, unknown>, Extra>;

const DEFAULT_MAX_OPERATIONS = 100;
const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * The graphql-ws server options of the gateway (`graphql-transport-ws`), for `makeServer` (see
 * `createWebSocketServer`):
 * - `connection_init` must carry `{ authorization | Authorization: "Bearer <key>" }`; a missing or
 *   malformed key closes the socket with 4403 (`PI_API_KEY` is not used over WebSocket: a browser
 *   page of any origin can open a socket, so an ambient server key would be usable cross-site);
 * - each operation is parsed, validated (`specifiedRules`, the extra rules, no introspection when
 *   it is off), its variables checked and, with `limits`, its cost checked before execution, with
 *   the codes HTTP uses (`GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`, `BAD_USER_INPUT`);
 * - at most `maxOperationsPerSocket` operations run at once per socket;
 * - the context comes from the shared factory, with `live` (the watchers and the operation's
 *   signal); subscription events are executed with a fresh context each;
 * - every error goes through the gateway's `formatError` (masked unless it is ours), masked ones
 *   are logged; keys are never logged.
 */
export function createGraphQLWsOptions(
  options: GraphQLWsOptions,
): ServerOptions<Record<string, unknown>, Extra> {
  const { schema, createContext } = options;
  const log = options.log ?? silentLog;
  const maxOperations = options.maxOperationsPerSocket ?? DEFAULT_MAX_OPERATIONS;
  const maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const { limits } = options;
  const rules: readonly ValidationRule[] = [
    ...specifiedRules,
    ...(options.introspection ? [] : [noIntrospectionRule]),
    ...(options.validationRules ?? []),
    ...(limits?.validationRules ?? []),
  ];
  const sockets = new WeakMap<WsContext, SocketState>();
  const eventContexts = new WeakMap<object, () => GatewayContext>();
  const formatError = createFormatError({
    onMaskedError: (error) =>
      log('error', 'Unexpected error in a WebSocket operation', { error: describeError(error) }),
  });
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      const formatted = formatError(error.toJSON(), error);
      return limits === undefined ? formatted : limits.formatError(formatted);
    });

  function prepare(
    state: SocketState,
    id: string,
    payload: { query: string; operationName?: string | null; variables?: unknown },
  ): ExecutionArgs | readonly GraphQLError[] {
    let document: DocumentNode;
    try {
      document = parse(payload.query, limits?.parseOptions);
    } catch (error) {
      return [withCode(error, ErrorCode.GRAPHQL_PARSE_FAILED)];
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) {
      return invalid.map((error) => withCode(error, ErrorCode.GRAPHQL_VALIDATION_FAILED));
    }
    const operationName = payload.operationName ?? undefined;
    const operation = getOperationAST(document, operationName);
    if (operation === null || operation === undefined) {
      return [
        badRequest(
          operationName === undefined
            ? 'The document has several operations: name the one to run in "operationName".'
            : `Unknown operation named "${operationName}".`,
        ),
      ];
    }
    if (
      payload.variables !== undefined &&
      payload.variables !== null &&
      !isRecord(payload.variables)
    ) {
      return [badRequest('"variables" must be an object.')];
    }
    const variableValues = isRecord(payload.variables) ? payload.variables : {};
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues);
    if (coerced.errors !== undefined) {
      return coerced.errors.map((error) => withCode(error, ErrorCode.BAD_USER_INPUT));
    }
    const tooCostly = limits?.checkCost(document, operation, coerced.coerced);
    if (tooCostly !== undefined) return [tooCostly];

    const ended = new AbortController();
    state.operations.set(id, ended);
    const signal = AbortSignal.any([state.closed.signal, ended.signal]);
    // One listener per upstream call in flight, each removed when it settles (see the HTTP handler).
    setMaxListeners(0, signal);
    const live: LiveOperation = { jobs: options.jobs, runs: options.runs, signal };
    const requestId = randomUUID();
    const contextFor = (): GatewayContext => ({
      ...createContext({ authorization: state.authorization, requestId, signal }),
      live,
    });
    const contextValue = contextFor();
    eventContexts.set(contextValue, contextFor);
    return { schema, document, operationName, variableValues, contextValue };
  }

  return {
    schema,
    connectionInitWaitTimeout: options.connectionInitWaitTimeoutMs ?? 3000,
    onConnect(ctx) {
      const params = ctx.connectionParams ?? {};
      const authorization = params.authorization ?? params.Authorization;
      if (!isWellFormedAuthorization(authorization)) return false;
      const closed = new AbortController();
      // Each of the socket's operations (up to the per-socket cap) listens for its close.
      setMaxListeners(0, closed.signal);
      sockets.set(ctx, { authorization, closed, operations: new Map() });
      return true;
    },
    onSubscribe(ctx, id, payload) {
      const state = sockets.get(ctx);
      // Acknowledged sockets always have a state; this only guards against a library change.
      if (state === undefined) {
        return [new GraphQLError('Forbidden', { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
      }
      // `subscriptions` already holds this operation's id, hence `>`.
      if (Object.keys(ctx.subscriptions).length > maxOperations) {
        return [
          badRequest(
            `Too many operations on this socket: at most ${maxOperations} may run at once.`,
          ),
        ];
      }
      return prepare(state, id, payload);
    },
    subscribe: (args) =>
      subscribeWithEventContexts(
        args,
        eventContexts.get(args.contextValue as object) ?? (() => args.contextValue),
      ),
    onNext(ctx, _id, _payload, _args, result) {
      const { socket } = ctx.extra;
      if (socket.bufferedAmount > maxBufferedBytes) {
        log('warn', 'Dropping a WebSocket whose client stopped reading', {
          bufferedBytes: socket.bufferedAmount,
        });
        // A close frame would queue behind the unread data: drop the connection instead.
        socket.terminate();
      }
      if (result.errors === undefined) return undefined;
      return { ...result, errors: format(result.errors) };
    },
    onError(_ctx, _id, _payload, errors) {
      return format(errors);
    },
    onComplete(ctx, id) {
      const state = sockets.get(ctx);
      state?.operations.get(id)?.abort();
      state?.operations.delete(id);
    },
    onClose(ctx) {
      const state = sockets.get(ctx);
      if (state === undefined) return;
      sockets.delete(ctx);
      state.closed.abort();
      state.operations.clear();
    },
  };
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_REQUEST } });
}

function withCode(error: unknown, code: ErrorCode): GraphQLError {
  if (!(error instanceof GraphQLError)) {
    return new GraphQLError('Invalid GraphQL document.', { extensions: { code } });
  }
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
