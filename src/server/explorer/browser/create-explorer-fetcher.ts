import { getOperationAST, parse } from 'graphql';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { createClient } from 'graphql-ws/client';
import type { FormattedExecutionResult } from 'graphql-ws/client';

// The operation name GraphiQL gives its schema introspection (its default `introspectionQueryName`).
const INTROSPECTION_OPERATION = 'IntrospectionQuery';

/** What GraphiQL passes a fetcher: the operation to run. */
export interface ExplorerFetcherParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** What GraphiQL passes a fetcher besides the operation: the parsed headers editor. */
export interface ExplorerFetcherOptions {
  headers?: Record<string, unknown>;
}

/** One GraphQL result as the page shows it. */
export type ExplorerResult = FormattedExecutionResult<Record<string, unknown>, unknown>;

/** The fetcher GraphiQL calls: one result for queries and mutations, a stream for subscriptions. */
export type ExplorerFetcher = (
  params: ExplorerFetcherParams,
  options?: ExplorerFetcherOptions,
) => Promise<ExplorerResult> | AsyncIterableIterator<ExplorerResult>;

/** Where the fetcher sends operations. */
export interface ExplorerFetcherTargets {
  /** The GraphQL endpoint for queries and mutations (POST). */
  httpUrl: string;
  /** The graphql-ws endpoint for subscriptions. */
  wsUrl: string;
  /**
   * Headers for a schema introspection that comes without any: GraphiQL introspects once on
   * load, before its headers editor exists, and a gateway that wants a credential for every
   * operation would refuse it. @default none
   */
  introspectionHeaders?: Record<string, string>;
}

/**
 * Creates the explorer's fetcher. Queries and mutations are POSTed to `httpUrl` with the headers
 * editor's headers; subscriptions run over graphql-ws at `wsUrl`, one connection per
 * subscription, with those headers as the connection params (the gateway reads the credential
 * there, since a browser cannot set headers on a WebSocket). Errors never throw out of the
 * fetcher as opaque objects: a non-JSON HTTP answer, a refused socket or a close event become
 * messages the response pane can show.
 */
export function createExplorerFetcher(targets: ExplorerFetcherTargets): ExplorerFetcher {
  return (params, options = {}) => {
    const operation = findOperation(params);
    const operationName = operation ? operation.name?.value : params.operationName;
    const request = { ...params, operationName };
    const headers =
      options.headers === undefined && operationName === INTROSPECTION_OPERATION
        ? { ...targets.introspectionHeaders }
        : toStringHeaders(options.headers);
    if (operation?.operation === 'subscription') return subscribe(targets.wsUrl, request, headers);
    return post(targets.httpUrl, request, headers);
  };
}

// GraphiQL passes the query text as it is now but the operation name (and its parsed document)
// as of its last debounced parse, 100 ms after an edit: an operation run right after an edit, or
// after switching tabs, can come with the previous tab's name. The text decides.
function findOperation(params: ExplorerFetcherParams): OperationDefinitionNode | undefined {
  let document: DocumentNode;
  try {
    document = parse(params.query);
  } catch {
    // The gateway reports the syntax error.
    return undefined;
  }
  const named = getOperationAST(document, params.operationName ?? undefined);
  return named ?? getOperationAST(document) ?? undefined;
}

async function post(
  url: string,
  params: ExplorerFetcherParams,
  headers: Record<string, string>,
): Promise<ExplorerResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      accept: 'application/graphql-response+json, application/json;q=0.9',
      ...headers,
      // Last so an editor header cannot turn the body into a CSRF-blocked "simple" request.
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      query: params.query,
      operationName: params.operationName ?? undefined,
      variables: params.variables ?? undefined,
    }),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as ExplorerResult;
  } catch {
    return {
      errors: [
        {
          message: `HTTP ${response.status}: the gateway answered with a non-JSON body: ${text.slice(0, 300)}`,
        },
      ],
    };
  }
}

function subscribe(
  url: string,
  params: ExplorerFetcherParams,
  headers: Record<string, string>,
): AsyncIterableIterator<ExplorerResult> {
  // Lazy: the socket opens with the subscription and closes when it ends. No retries: a lost
  // connection is reported in the response pane instead of being hidden behind reconnects.
  const client = createClient({ url, connectionParams: headers, lazy: true, retryAttempts: 0 });
  const source = client.iterate<Record<string, unknown>, unknown>({
    query: params.query,
    operationName: params.operationName ?? null,
    variables: params.variables ?? null,
  });
  let finished = false;
  const iterator: AsyncIterableIterator<ExplorerResult> = {
    async next() {
      if (finished) return { done: true, value: undefined };
      try {
        return await source.next();
      } catch (error) {
        finished = true;
        void client.dispose();
        // graphql-ws rejects with the `error` message's GraphQL errors: show them as a result.
        if (Array.isArray(error)) return { done: false, value: { errors: error } };
        throw toError(error);
      }
    },
    async return() {
      finished = true;
      await source.return?.();
      await client.dispose();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

function toStringHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined && value !== null) result[name] = String(value);
  }
  return result;
}

function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code, reason } = error as { code: unknown; reason?: unknown };
    return new Error(
      `The subscription socket closed (${String(code)}${reason ? `: ${String(reason)}` : ''}).`,
    );
  }
  return new Error('The subscription socket could not connect.');
}
