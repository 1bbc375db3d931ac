import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from './auth.js';
import { PiApiError } from './errors.js';
import type { FaultPlan, FaultRegistry } from './faults.js';
import { mergeFaultPlans, parseFaultDirectives, toFaultErrorShape } from './faults.js';
import { createRequestId } from './ids.js';
import { parseJsonBody } from './json-body.js';
import { BodyTooLargeError, MAX_BODY_BYTES, readBody } from './read-body.js';
import type { RateLimiter } from './rate-limit.js';
import { toRateLimitHeaders } from './rate-limit.js';
import { sendJson, toErrorBody } from './respond.js';
import type { ResponseFaults, ResponseTracker } from './respond.js';
import type { Router } from './router.js';
import type { SimAdminRoute } from './routes/index.js';
import type { SimStatsRecorder } from './stats.js';
import type { PiErrorShape, Route, SimContext, SimRequest } from './types.js';

/** Everything the request pipeline needs; built once per simulator. */
export interface RequestPipelineDeps {
  sim: SimContext;
  apiRouter: Router<Route>;
  adminRouter: Router<SimAdminRoute>;
  auth: Authenticator;
  rateLimiter: RateLimiter;
  stats: SimStatsRecorder;
  /** Present when faults are on. */
  faults: FaultRegistry | undefined;
  tracker: ResponseTracker;
  /** Aborted when the simulator stops: ends latency waits. */
  stopSignal: AbortSignal;
  /** The abort controllers of requests in a handler; the simulator aborts them when it stops. */
  inFlight: Set<AbortController>;
}

const EMPTY_BODY = Buffer.alloc(0);
const FAULT_HEADER = 'x-pi-sim-fault';

/**
 * Creates the `node:http` request listener implementing Pi's pipeline: request id → faults →
 * route → auth → rate limit → JSON body → handler → JSON answer. Never rejects: anything
 * unexpected becomes a 500 `api_error` with a generic message.
 */
export function createRequestListener(
  deps: RequestPipelineDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const requestId = createRequestId();
    res.setHeader('x-request-id', requestId);
    handle(deps, req, res, requestId).catch(() => {
      sendError(res, requestId, internalError(), undefined, undefined, deps.tracker);
    });
  };
}

async function handle(
  deps: RequestPipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const { tracker } = deps;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const method = req.method ?? 'GET';

  if (path.startsWith('/_sim/')) return handleAdmin(deps, req, res, requestId, method, path);

  let faults: FaultPlan | undefined;
  const faultHeader = req.headers[FAULT_HEADER];
  if (deps.faults !== undefined && typeof faultHeader === 'string') {
    try {
      faults = parseFaultDirectives(faultHeader);
    } catch (error) {
      const shape = {
        status: 400,
        type: 'invalid_request_error',
        code: 'invalid_sim_fault',
        message: (error as Error).message,
      } as const;
      return sendError(res, requestId, shape, undefined, undefined, tracker);
    }
  }

  const match = deps.apiRouter.match(method, path);
  if (match.kind !== 'found') {
    if (faults?.reset) return void req.socket.destroy();
    return sendError(res, requestId, routeError(method, path, match), undefined, faults, tracker);
  }
  deps.stats.countRequest(match.name);
  if (deps.faults !== undefined) faults = mergeFaultPlans(faults, deps.faults.take(match.name));
  if (faults?.reset) return void req.socket.destroy();
  if (faults?.latencyMs !== undefined && faults.latencyMs > 0) {
    await delay(faults.latencyMs, deps.stopSignal);
    if (res.destroyed) return;
  }
  if (faults?.status !== undefined) {
    const shape = toFaultErrorShape(faults.status, deps.sim.options.quirks, faults.retryAfter);
    return sendError(res, requestId, shape, undefined, faults, tracker);
  }

  let principal;
  try {
    principal = deps.auth.authenticate(req.headers.authorization);
  } catch (error) {
    return sendError(res, requestId, toShape(error), undefined, faults, tracker);
  }
  const limit = deps.rateLimiter.consume(principal.keyId);
  const limitHeaders = toRateLimitHeaders(limit);
  if (limit.limited) {
    const code = deps.sim.options.quirks === 'impl' ? 'unkey_rate_limited' : 'rate_limit_exceeded';
    const shape: PiErrorShape = {
      status: 429,
      type: 'rate_limit_error',
      code,
      message: 'Rate limit exceeded for this API key. Retry after the window resets.',
      headers: { 'retry-after': String(limit.retryAfter) },
    };
    return sendError(res, requestId, shape, limitHeaders, faults, tracker);
  }

  // The abort signal is made on first use: most handlers never wait, and an AbortController plus a
  // 'close' listener per request is a measurable share of the hot path.
  let controller: AbortController | undefined;
  const abort = (): void => controller?.abort();
  const signal = (): AbortSignal => {
    if (controller !== undefined) return controller.signal;
    controller = new AbortController();
    if (res.destroyed || res.writableEnded) controller.abort();
    res.once('close', abort);
    deps.inFlight.add(controller);
    return controller.signal;
  };
  try {
    const rawBody = method === 'GET' || method === 'HEAD' ? EMPTY_BODY : await readBody(req);
    const route = match.route;
    const parse = (method === 'POST' || method === 'PATCH') && route.parseJson !== false;
    let body: unknown;
    if (parse) body = parseJsonBody(rawBody);
    else if (rawBody.length > 0) body = tryParseJson(rawBody);
    const simReq: SimRequest = {
      method,
      path,
      params: match.params,
      query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
      headers: req.headers,
      rawBody,
      body,
      org: principal.org,
      keyId: principal.keyId,
      requestId,
      get signal() {
        return signal();
      },
    };
    const answer = await route.handler(simReq, deps.sim);
    const headers =
      answer.headers === undefined ? limitHeaders : { ...limitHeaders, ...answer.headers };
    sendJson(res, answer.status, answer.body, headers, faults, tracker);
  } catch (error) {
    sendError(res, requestId, toShape(error), limitHeaders, faults, tracker);
  } finally {
    if (controller !== undefined) {
      res.off('close', abort);
      deps.inFlight.delete(controller);
    }
  }
}

async function handleAdmin(
  deps: RequestPipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  method: string,
  path: string,
): Promise<void> {
  const match = deps.adminRouter.match(method, path);
  if (match.kind !== 'found') {
    return sendError(
      res,
      requestId,
      routeError(method, path, match),
      undefined,
      undefined,
      deps.tracker,
    );
  }
  try {
    const rawBody = method === 'GET' ? EMPTY_BODY : await readBody(req);
    const body = rawBody.length === 0 ? undefined : parseJsonBody(rawBody);
    const answer = match.route.handler({ body });
    sendJson(res, answer.status, answer.body, undefined, undefined, deps.tracker);
  } catch (error) {
    sendError(res, requestId, toShape(error), undefined, undefined, deps.tracker);
  }
}

function sendError(
  res: ServerResponse,
  requestId: string,
  shape: PiErrorShape,
  extraHeaders: Record<string, string> | undefined,
  faults: ResponseFaults,
  tracker: ResponseTracker,
): void {
  const headers =
    shape.headers === undefined ? extraHeaders : { ...extraHeaders, ...shape.headers };
  sendJson(res, shape.status, toErrorBody(shape, requestId), headers, faults, tracker);
}

function routeError(
  method: string,
  path: string,
  match: { kind: 'not_found' } | { kind: 'method_not_allowed'; allow: string[] },
): PiErrorShape {
  if (match.kind === 'method_not_allowed') {
    const allow = match.allow.join(', ');
    return {
      status: 405,
      type: 'invalid_request_error',
      code: 'method_not_allowed',
      message: `Method ${method} is not allowed on ${path}. Allowed: ${allow}.`,
      headers: { allow },
    };
  }
  return {
    status: 404,
    type: 'invalid_request_error',
    code: 'route_not_found',
    message: `No route matches ${method} ${path}.`,
  };
}

function toShape(error: unknown): PiErrorShape {
  if (error instanceof PiApiError) return error.shape;
  if (error instanceof BodyTooLargeError) {
    return {
      status: 413,
      type: 'invalid_request_error',
      code: 'request_too_large',
      message: `Request body exceeds ${MAX_BODY_BYTES} bytes.`,
      headers: { connection: 'close' },
    };
  }
  return internalError();
}

function internalError(): PiErrorShape {
  return {
    status: 500,
    type: 'api_error',
    code: 'internal_error',
    message: 'An unexpected error occurred.',
  };
}

function tryParseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
