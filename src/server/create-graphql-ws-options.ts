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
import type { Credential } from '../pi/index.js';
import type { RunWatcherRegistry, WatcherRegistry } from '../subscriptions/index.js';
import type { Principal } from './auth/index.js';
import type { ContextFactory } from './create-context-factory.js';
import { createDocumentCache } from './create-document-cache.js';
import type { CachedDocument } from './create-document-cache.js';
import { createLazyContext } from './create-lazy-context.js';
import { describeError, silentLog } from './gateway-log.js';
import type { GatewayLog } from './gateway-log.js';
import type { OperationLimits } from './limits/index.js';
import { noIntrospectionRule } from './no-introspection-rule.js';
import { createEventResults, subscribeWithEventContexts } from './subscribe-with-event-contexts.js';
import type { SharedEvents } from './subscribe-with-event-contexts.js';

export interface GraphQLWsOptions {
  schema: GraphQLSchema;
  /**
   * The same factory as HTTP: it authenticates `connection_init` (`authenticate`), and every
   * operation and every subscription event execution gets a fresh context (`forCredential`; a
   * subscription's are built on first use).
   */
  createContext: ContextFactory;
  /** The watchers behind `Subscription` fields. */
  jobs: WatcherRegistry;
  runs: RunWatcherRegistry;
  /** Whether introspection is allowed (HTTP's policy: off in production). */
  introspection: boolean;
  /**
   * Whether validation errors keep field suggestions ("Did you mean …?"), as over HTTP.
   * @default the same as `introspection`
   */
  fieldSuggestions?: boolean;
  /** Validation rules on top of graphql-js' `specifiedRules` (those the HTTP path adds). @default [] */
  validationRules?: readonly ValidationRule[];
  /** HTTP's token, depth, alias, directive and cost limits (`createOperationLimits`). @default none */
  limits?: OperationLimits;
  /** Operations one socket may run at once; more get an error and the socket stays open. @default 100 */
  maxOperationsPerSocket?: number;
  /** How long a socket may wait before `connection_init` (then 4408). @default 3000 */
  connectionInitWaitTimeoutMs?: number;
  /** @default silentLog */
  log?: GatewayLog;
  /**
   * Told about every operation once it ends (metrics): `rejected` before execution (parse,
   * validation, variables, cost, auth, the per-socket cap), else `error` when a result carried
   * errors, else `success`; `durationMs` is the operation's life (a subscription's whole stream).
   */
  onOperation?: (operation: WsOperationRecord) => void;
}

/** One WebSocket operation, as `onOperation` reports it. */
export interface WsOperationRecord {
  name: string | undefined;
  type: 'query' | 'mutation' | 'subscription' | undefined;
  outcome: 'success' | 'error' | 'rejected';
  durationMs: number;
}

/** A running operation of a socket. */
interface RunningOperation {
  ended: AbortController;
  startedAt: number;
  name: string | undefined;
  type: WsOperationRecord['type'];
  failed: boolean;
}

/** What the gateway keeps per acknowledged socket. */
interface SocketState {
  /** The Pi credential the socket's operations use (the caller's key, or its organization's). */
  credential: Credential;
  /** Frontend mode: when the socket's token expires; later operations are refused. */
  expiresAt: number | undefined;
  /** The running operations by id; each one's controller is aborted when it completes or the socket closes. */
  operations: Map<string, RunningOperation>;
}

/** How a subscription's events are executed (see `subscribeWithEventContexts`). */
interface EventExecution {
  createContext: () => GatewayContext;
  shared: SharedEvents;
}

type WsContext = Context<Record<string, unknown>, Extra>;

const DEFAULT_MAX_OPERATIONS = 100;
// One reason for every ended operation: a fresh DOMException per operation (with its stack) is a
// measurable cost when thousands of subscriptions end together.
const OPERATION_ENDED = new DOMException('The operation ended.', 'AbortError');

/**
 * The graphql-ws server options of the gateway (`graphql-transport-ws`), for `makeServer` (see
 * `createWebSocketServer`):
 * - `connection_init` must carry `{ authorization | Authorization: "Bearer <key or JWT>" }`, which
 *   the context factory's authenticator must accept, else the socket is closed with 4403
 *   (`PI_API_KEY` is not used without it: a browser page of any origin can open a socket, so an
 *   ambient server key would be usable cross-site); in frontend mode an operation started after the
 *   token expired fails with `UNAUTHENTICATED` (operations already running go on);
 * - each operation is parsed, validated (`specifiedRules`, the extra rules, no introspection when
 *   it is off), its variables checked and, with `limits`, its cost checked before execution, with
 *   the codes HTTP uses (`GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`, `BAD_USER_INPUT`);
 *   valid documents are kept by text (an LRU of 1,000, see `createDocumentCache`), so identical
 *   operations share one parsed document and skip parse and validation; variables and cost are
 *   checked for every operation;
 * - at most `maxOperationsPerSocket` operations run at once per socket;
 * - the context comes from the shared factory, with `live` (the watchers, the operation's signal
 *   and the socket's credential); a subscription's event is executed once per (event state,
 *   document, operation name, variables, credential) with a fresh context (no operation signal;
 *   the operation deadline counts from its first upstream call), and the subscriptions of that key get the same
 *   result; results are never shared across credentials;
 * - every error goes through the gateway's `formatError` (masked unless it is ours), masked ones
 *   are logged; keys are never logged.
 */
export function createGraphQLWsOptions(
  options: GraphQLWsOptions,
): ServerOptions<Record<string, unknown>, Extra> {
  const { schema, createContext } = options;
  const log = options.log ?? silentLog;
  const maxOperations = options.maxOperationsPerSocket ?? DEFAULT_MAX_OPERATIONS;
  const { limits } = options;
  const fieldSuggestions = options.fieldSuggestions ?? options.introspection;
  const report = (operation: WsOperationRecord): void => {
    try {
      options.onOperation?.(operation);
    } catch (error) {
      log('warn', 'A WebSocket operation observer failed', { error: describeError(error) });
    }
  };
  const rejected = (
    startedAt: number,
    payload: { operationName?: string | null },
    errors: readonly GraphQLError[],
  ): readonly GraphQLError[] => {
    report({
      name: payload.operationName ?? undefined,
      type: undefined,
      outcome: 'rejected',
      durationMs: performance.now() - startedAt,
    });
    return errors;
  };
  const end = (running: RunningOperation): void =>
    report({
      name: running.name,
      type: running.type,
      outcome: running.failed ? 'error' : 'success',
      durationMs: performance.now() - running.startedAt,
    });
  const rules: readonly ValidationRule[] = [
    ...specifiedRules,
    ...(options.introspection ? [] : [noIntrospectionRule]),
    ...(options.validationRules ?? []),
    ...(limits?.validationRules ?? []),
  ];
  const sockets = new WeakMap<WsContext, SocketState>();
  const eventExecutions = new WeakMap<object, EventExecution>();
  const eventResults = createEventResults();
  const documents = createDocumentCache();
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
    startedAt: number,
  ): ExecutionArgs | readonly GraphQLError[] {
    const parsed = parseAndValidate(payload.query);
    if (Array.isArray(parsed)) return parsed as readonly GraphQLError[];
    const { document } = parsed as CachedDocument;
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
    state.operations.set(id, {
      ended,
      startedAt,
      name: operationName ?? operation.name?.value,
      type: operation.operation,
      failed: false,
    });
    const { signal } = ended;
    // One listener per upstream call in flight, each removed when it settles (see the HTTP handler).
    setMaxListeners(0, signal);
    const { credential } = state;
    const live: LiveOperation = { jobs: options.jobs, runs: options.runs, signal, credential };
    if (operation.operation !== 'subscription') {
      const contextValue: GatewayContext = {
        ...createContext.forCredential(credential, { requestId: randomUUID(), signal }),
        live,
      };
      return { schema, document, operationName, variableValues, contextValue };
    }
    // A subscription's own context only serves its `subscribe` (which reads `live`), so it is
    // built on use. Its events run on contexts of their own, shared with every subscription of
    // the same document, operation, variables and credential: no subscriber's signal, only the
    // deadline, since one subscriber leaving must not cancel the others' event.
    const contextValue = createLazyContext(
      (requestId) => createContext.forCredential(credential, { requestId, signal }),
      live,
    );
    eventExecutions.set(contextValue, {
      createContext: () =>
        createLazyContext((requestId) => createContext.forCredential(credential, { requestId })),
      shared: {
        results: eventResults,
        key: sharingKey(parsed as CachedDocument, operationName, variableValues, credential),
      },
    });
    return { schema, document, operationName, variableValues, contextValue };
  }

  // Valid documents come from the cache: parse and validation depend only on the text here.
  function parseAndValidate(query: string): CachedDocument | readonly GraphQLError[] {
    const cached = documents.get(query);
    if (cached !== undefined) return cached;
    let document: DocumentNode;
    try {
      document = parse(query, limits?.parseOptions);
    } catch (error) {
      return [withCode(error, ErrorCode.GRAPHQL_PARSE_FAILED)];
    }
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) {
      return invalid.map((error) => {
        const coded = withCode(error, ErrorCode.GRAPHQL_VALIDATION_FAILED);
        // Apollo's rule for HTTP (ApolloServerPluginDisableSuggestions), so both transports agree.
        if (!fieldSuggestions) coded.message = coded.message.replace(/ ?Did you mean(.+?)\?$/, '');
        return coded;
      });
    }
    return documents.add(query, document);
  }

  return {
    schema,
    connectionInitWaitTimeout: options.connectionInitWaitTimeoutMs ?? 3000,
    async onConnect(ctx) {
      const params = ctx.connectionParams ?? {};
      const authorization = params.authorization ?? params.Authorization;
      // No PI_API_KEY fallback over WebSocket (see above): the header is required.
      if (typeof authorization !== 'string') return false;
      let principal: Principal;
      try {
        principal = await createContext.authenticate(authorization);
      } catch (error) {
        if (!isUnauthenticated(error)) {
          log('error', 'Unexpected error authenticating a WebSocket', {
            error: describeError(error),
          });
        }
        return false;
      }
      sockets.set(ctx, {
        credential: principal.credential,
        expiresAt: principal.expiresAt,
        operations: new Map(),
      });
      return true;
    },
    onSubscribe(ctx, id, payload) {
      const startedAt = performance.now();
      const state = sockets.get(ctx);
      // Acknowledged sockets always have a state; this only guards against a library change.
      if (state === undefined) {
        return rejected(startedAt, payload, [
          new GraphQLError('Forbidden', { extensions: { code: ErrorCode.UNAUTHENTICATED } }),
        ]);
      }
      if (state.expiresAt !== undefined && Date.now() >= state.expiresAt) {
        return rejected(startedAt, payload, [
          new GraphQLError(
            'The token has expired: reconnect with a fresh one in connection_init.',
            { extensions: { code: ErrorCode.UNAUTHENTICATED } },
          ),
        ]);
      }
      // `subscriptions` already holds this operation's id, hence `>`.
      if (Object.keys(ctx.subscriptions).length > maxOperations) {
        return rejected(startedAt, payload, [
          badRequest(
            `Too many operations on this socket: at most ${maxOperations} may run at once.`,
          ),
        ]);
      }
      const prepared = prepare(state, id, payload, startedAt);
      return Array.isArray(prepared)
        ? rejected(startedAt, payload, prepared as readonly GraphQLError[])
        : prepared;
    },
    subscribe: (args) => {
      const events = eventExecutions.get(args.contextValue as object);
      return events === undefined
        ? subscribeWithEventContexts(args, () => args.contextValue)
        : subscribeWithEventContexts(args, events.createContext, events.shared);
    },
    onNext(ctx, id, _payload, _args, result) {
      if (result.errors === undefined) return undefined;
      const running = sockets.get(ctx)?.operations.get(id);
      if (running !== undefined) running.failed = true;
      return { ...result, errors: format(result.errors) };
    },
    onError(_ctx, _id, _payload, errors) {
      return format(errors);
    },
    onComplete(ctx, id) {
      const state = sockets.get(ctx);
      const running = state?.operations.get(id);
      if (state === undefined || running === undefined) return;
      state.operations.delete(id);
      running.ended.abort(OPERATION_ENDED);
      end(running);
    },
    onClose(ctx) {
      const state = sockets.get(ctx);
      if (state === undefined) return;
      sockets.delete(ctx);
      for (const running of state.operations.values()) {
        running.ended.abort(OPERATION_ENDED);
        end(running);
      }
      state.operations.clear();
    },
  };
}

function isUnauthenticated(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions.code === ErrorCode.UNAUTHENTICATED;
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

// Results depend on the event and on these (the document by its cache id: the same text).
function sharingKey(
  document: CachedDocument,
  operationName: string | undefined,
  variables: Readonly<Record<string, unknown>>,
  credential: Credential,
): string {
  return `${credential.fingerprint}\n${document.id}\n${operationName ?? ''}\n${canonicalJson(variables)}`;
}

// JSON with object keys sorted, so `{ a, b }` and `{ b, a }` share.
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isRecord(inner)
      ? Object.fromEntries(
          Object.keys(inner)
            .sort()
            .map((key) => [key, inner[key]]),
        )
      : inner,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
