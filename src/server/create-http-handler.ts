import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { ApolloServer, HTTPGraphQLResponse } from '@apollo/server';
import type { GatewayContext } from '../graphql/context.js';
import type { ContextFactory } from './create-context-factory.js';
import { createCorsPolicy } from './cors.js';
import { describeError, silentLog } from './gateway-log.js';
import type { GatewayLog } from './gateway-log.js';
import { handleHealthCheck } from './health-check.js';
import { BodyError, DEFAULT_MAX_BODY_BYTES, readGraphQLBody } from './read-graphql-body.js';
import { sendJsonError } from './send-json.js';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HttpHandlerOptions {
  /** A started Apollo Server. */
  apollo: ApolloServer<GatewayContext>;
  /** Builds each operation's context from the caller's `Authorization` header. */
  createContext: ContextFactory;
  /** @default '/graphql' */
  graphqlPath?: string;
  /**
   * Largest accepted POST body, as sent and once inflated (`config.maxBodyBytes`).
   * @default 1 MB (`DEFAULT_MAX_BODY_BYTES`)
   */
  maxBodyBytes?: number;
  /**
   * Browser origins allowed cross-origin on the GraphQL path (`config.corsOrigins`); see
   * `createCorsPolicy`. @default [] (no CORS headers)
   */
  corsOrigins?: readonly string[];
  /**
   * Client headers forwarded to Pi (`config.piForwardHeaders`), allowed in CORS preflights.
   * @default Pi's bring-your-own-key headers
   */
  forwardHeaders?: readonly string[];
  /** Where unexpected failures are logged. @default silentLog */
  log?: GatewayLog;
}

/**
 * The gateway's `node:http` request listener: `GET`/`POST` on the GraphQL path go through
 * Apollo's `executeHTTPGraphQLRequest` (after the CORS policy, which answers preflights itself),
 * `GET /healthz` answers liveness, anything else is a JSON 404. A POST body over `maxBodyBytes`
 * (sent or inflated) gets 413 and the connection is closed without reading the rest. Every
 * response carries `X-Request-Id` (the operation's `requestId`). It never throws: a failure inside
 * it becomes a JSON 500 (or a destroyed socket once headers are out) and a log line.
 */
export function createHttpHandler(options: HttpHandlerOptions): HttpHandler {
  const { apollo, createContext } = options;
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.log ?? silentLog;
  const cors = createCorsPolicy({
    origins: options.corsOrigins ?? [],
    ...(options.forwardHeaders === undefined ? {} : { forwardHeaders: options.forwardHeaders }),
  });

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
  ): Promise<void> {
    const { pathname, search } = splitUrl(req.url ?? '/');
    if (pathname === '/healthz') {
      handleHealthCheck(req, res);
      return;
    }
    if (pathname !== graphqlPath) {
      sendJsonError(res, 404, 'NOT_FOUND', `Not found. GraphQL is served at ${graphqlPath}.`);
      return;
    }
    if (cors(req, res)) return;

    let body: unknown;
    if (req.method === 'POST') {
      try {
        body = await readGraphQLBody(req, maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyError)) throw error;
        // A partly read body leaves the connection in an unknown state: close it after answering
        // rather than read (or inflate) the rest.
        const headers: Record<string, string> = req.complete ? {} : { connection: 'close' };
        sendJsonError(res, error.status, 'BAD_REQUEST', error.message, headers);
        return;
      }
    }

    // The caller going away abandons the operation's pending upstream calls.
    const abandoned = new AbortController();
    // Every upstream call of the operation listens on this signal (jobs(ids) makes up to 100 at
    // once) and removes its listener when it settles, so Node's leak warning at 10 is a false alarm.
    setMaxListeners(0, abandoned.signal);
    res.once('close', () => {
      if (!res.writableFinished) abandoned.abort();
    });
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method ?? 'GET',
        headers: toHeaderMap(req.headers),
        search,
        body,
      },
      context: async () =>
        createContext({
          authorization: req.headers.authorization,
          requestId,
          signal: abandoned.signal,
          headers: req.headers,
        }),
    });
    await writeResponse(res, response);
  }

  return (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    handle(req, res, requestId).catch((error: unknown) => {
      if (req.destroyed || res.destroyed) {
        log('debug', 'Client went away before the response was sent', { requestId });
        return;
      }
      log('error', 'Unexpected failure in the HTTP handler', {
        requestId,
        error: describeError(error),
      });
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    });
  };
}

function splitUrl(url: string): { pathname: string; search: string } {
  const queryStart = url.indexOf('?');
  return queryStart === -1
    ? { pathname: url, search: '' }
    : { pathname: url.slice(0, queryStart), search: url.slice(queryStart) };
}

function toHeaderMap(headers: IncomingHttpHeaders): HeaderMap {
  const map = new HeaderMap();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) map.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return map;
}

async function writeResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) {
    // Keeps the CORS policy's `Vary: Origin` next to any `Vary` of Apollo's.
    const vary = name === 'vary' ? res.getHeader('vary') : undefined;
    res.setHeader(name, vary === undefined ? value : `${String(vary)}, ${value}`);
  }
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
