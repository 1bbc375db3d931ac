import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import { ErrorCode, GatewayError } from '../errors/index.js';
import { buildRequestPath } from './build-request-path.js';
import type { CircuitBreaker, CircuitPermit } from './circuit-breaker.js';
import { FORWARDABLE_HEADERS, RESERVED_HEADERS } from './pi-call.js';
import type { PiCall } from './pi-call.js';
import { judgeAttempt } from './pi-client-event.js';
import type { PiClientEvent } from './pi-client-event.js';
import { createRetryDelay } from './retry-delay.js';
import { routeTemplate } from './route-template.js';
import { sendAttempt } from './send-attempt.js';
import type { AttemptRequest, AttemptResult, PiResponse } from './send-attempt.js';
import { CALL_ABANDONED } from './transport-failure.js';
import type { RateLimitInfo } from './types.js';

export interface PiClientOptions {
  /** Pi's origin (optionally with a base path), e.g. `http://127.0.0.1:4010`. The client adds `/api/v1`. */
  baseUrl: string;
  /**
   * A dispatcher to use instead of the client's own keep-alive pool (tests pass undici's
   * `MockAgent` or a recording agent). The client does not close an injected dispatcher.
   */
  dispatcher?: Dispatcher;
  /** Keep-alive connections to Pi. @default 64 */
  connections?: number;
  /** @default 5000 */
  connectTimeoutMs?: number;
  /** Time to wait for response headers (long-polls add their wait to it). @default 15000 */
  headersTimeoutMs?: number;
  /** Maximum silence between body chunks. @default 15000 */
  bodyTimeoutMs?: number;
  /** Retries after the first attempt, for calls whose policy allows them. @default 2 */
  maxRetries?: number;
  /** Base of the exponential backoff (full jitter: a random delay in [0, base·2^n]). @default 50 */
  retryBaseMs?: number;
  /** Cap of one backoff delay. @default 1000 */
  retryMaxDelayMs?: number;
  /** The longest `Retry-After` the client waits out before retrying; longer ones fail as `RATE_LIMITED`. @default 5000 */
  maxRetryAfterMs?: number;
  /** Larger bodies fail with `UPSTREAM_BAD_RESPONSE`. @default 10 MB */
  maxResponseBytes?: number;
  /** Source of the backoff jitter, in [0, 1). @default Math.random */
  random?: () => number;
  /**
   * Names of the caller headers (`PiCall.headers`) that are sent to Pi, case-insensitive; every
   * other one is dropped, and `RESERVED_HEADERS` are never taken from a caller.
   * @default FORWARDABLE_HEADERS (Pi's bring-your-own-key headers)
   */
  forwardHeaders?: readonly string[];
  /**
   * The circuit breaker of Pi's origin, shared by every client that calls it. Each attempt asks
   * it first; while it refuses, the call fails at once with `UPSTREAM_UNAVAILABLE` (and
   * `retryAfter`) without sending anything. @default none: no circuit breaking
   */
  breaker?: CircuitBreaker;
  /**
   * Receives one event per attempt, retry and dedupe hit (see `PiClientEvent`), synchronously.
   * Exceptions it throws are caught and ignored.
   */
  onEvent?: (event: PiClientEvent) => void;
}

export interface PiClientStats {
  /** HTTP requests sent to Pi (attempts, including retries). */
  requests: number;
  /** Calls that joined an identical GET already in flight instead of sending their own. */
  dedupeHits: number;
  /** Attempts that were retries. */
  retries: number;
  /** Upstream requests currently in flight (shared ones count once). */
  inFlight: number;
}

/**
 * The ONE place that speaks HTTP to Pi. Shared process-wide: identical GETs in flight at the
 * same time for the same credential share one upstream request.
 */
export interface PiClient {
  /**
   * Makes the call (with the retries its policy allows) and resolves with the success envelope;
   * rejects with a `GatewayError` (Pi errors through `errorFromPiResponse`; transport failures as
   * `UPSTREAM_UNAVAILABLE`/`UPSTREAM_TIMEOUT`; unusable bodies as `UPSTREAM_BAD_RESPONSE`; an open
   * circuit breaker as `UPSTREAM_UNAVAILABLE` with `retryAfter`, before anything is sent), or with
   * `call.signal`'s reason when the caller abandons it.
   */
  request<T = unknown>(call: PiCall): Promise<PiResponse<T>>;
  stats(): PiClientStats;
  /** Closes the client's own pool (not an injected dispatcher). Later calls fail. */
  close(): Promise<void>;
}

type Outcome =
  | { ok: true; response: PiResponse; requestIds: string[]; rateLimits: RateLimitInfo[] }
  | { ok: false; error: unknown; requestIds: string[]; rateLimits: RateLimitInfo[] };

/** One upstream request (with its retries) and the callers waiting for it. */
interface Flight {
  readonly controller: AbortController;
  readonly outcome: Promise<Outcome>;
  waiters: number;
  /** Deadlines of the waiters that joined; `undefined` entries mean "no deadline". */
  readonly deadlines: Array<number | undefined>;
}

const DEFAULTS = {
  connections: 64,
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  maxRetries: 2,
  retryBaseMs: 50,
  retryMaxDelayMs: 1_000,
  maxRetryAfterMs: 5_000,
  maxResponseBytes: 10 * 1024 * 1024,
} as const;

function flightDeadline(flight: Pick<Flight, 'deadlines'>): number | undefined {
  if (flight.deadlines.some((deadline) => deadline === undefined)) return undefined;
  return Math.max(...(flight.deadlines as number[]));
}

function abandonedError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * Creates the Pi client: an undici keep-alive `Pool` to `baseUrl` (or the injected dispatcher),
 * timeouts, retries with jittered exponential backoff, the response size cap and in-flight
 * dedupe of identical GETs per credential. Throws when `baseUrl` is not an http(s) URL.
 */
export function createPiClient(options: PiClientOptions): PiClient {
  // Options explicitly set to `undefined` (e.g. from an unset setting) keep their defaults.
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as PiClientOptions;
  const config = { ...DEFAULTS, ...defined };
  const random = options.random ?? Math.random;
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error('PiClientOptions.baseUrl must be an http(s) URL');
  }
  const origin = base.origin;
  const basePath = base.pathname.replace(/\/+$/, '');
  const ownPool =
    options.dispatcher === undefined
      ? new Pool(origin, {
          connections: config.connections,
          connect: { timeout: config.connectTimeoutMs },
          headersTimeout: config.headersTimeoutMs,
          bodyTimeout: config.bodyTimeoutMs,
        })
      : undefined;
  const dispatcher: Dispatcher = options.dispatcher ?? ownPool!;
  const retryDelay = createRetryDelay({ ...config, random });
  const forwarded = new Set(
    (options.forwardHeaders ?? FORWARDABLE_HEADERS)
      .map((name) => name.toLowerCase())
      .filter((name) => !RESERVED_HEADERS.includes(name)),
  );
  const { breaker, onEvent } = options;
  const inFlight = new Map<string, Flight>();
  const counters = { requests: 0, dedupeHits: 0, retries: 0, active: 0 };
  let closed = false;

  function emit(event: PiClientEvent): void {
    try {
      onEvent?.(event);
    } catch {
      // Metrics and logs must never break a call.
    }
  }

  function headersFor(call: PiCall): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: call.credential.authorization(),
    };
    for (const [name, value] of Object.entries(call.headers ?? {})) {
      const lower = name.toLowerCase();
      if (forwarded.has(lower)) headers[lower] = value;
    }
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
    return headers;
  }

  /**
   * One attempt, reported: the breaker's permit is settled with what it showed about Pi and one
   * `response` or `failure` event is emitted.
   */
  async function observedAttempt(
    request: AttemptRequest,
    isWrite: boolean,
    route: string,
    permit: CircuitPermit | undefined,
  ): Promise<AttemptResult> {
    const started = performance.now();
    try {
      const result = await sendAttempt(request, isWrite);
      const { outcome, health } = judgeAttempt(result, request.signal.aborted);
      if (health === 'success') permit?.success();
      else if (health === 'failure') permit?.failure();
      const durationMs = performance.now() - started;
      emit({ ...outcome, method: request.method, route, durationMs });
      return result;
    } finally {
      permit?.release();
    }
  }

  async function fly(
    call: PiCall,
    path: string,
    route: string,
    flight: Omit<Flight, 'outcome'>,
  ): Promise<Outcome> {
    const requestIds: string[] = [];
    const rateLimits: RateLimitInfo[] = [];
    const isWrite = call.method !== 'GET';
    const { method } = call;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const headers = headersFor(call);
    let lastError: unknown;
    counters.active += 1;
    try {
      for (let attempt = 0; ; attempt += 1) {
        const admission = breaker?.acquire();
        if (admission !== undefined && !admission.admitted) {
          emit({ type: 'circuit-rejected', method, route });
          // A retry refused by the breaker fails with the attempt before it: that error is what
          // happened to the call (and knows whether a write may have been carried out).
          return { ok: false, error: lastError ?? admission.error, requestIds, rateLimits };
        }
        if (attempt > 0) {
          counters.retries += 1;
          emit({ type: 'retry', method, route });
        }
        const deadline = flightDeadline(flight);
        counters.requests += 1;
        // No per-attempt deadline timer: each waiter enforces its own deadline, and when the last
        // one leaves the flight signal aborts the request.
        const result = await observedAttempt(
          {
            dispatcher,
            origin,
            path,
            method,
            headers,
            body,
            signal: flight.controller.signal,
            headersTimeoutMs: call.headersTimeoutMs ?? config.headersTimeoutMs,
            bodyTimeoutMs: config.bodyTimeoutMs,
            maxResponseBytes: config.maxResponseBytes,
            resource: call.resource,
          },
          isWrite,
          route,
          admission?.permit,
        );
        if (result.requestId !== undefined) requestIds.push(result.requestId);
        if (result.rateLimit !== undefined) rateLimits.push(result.rateLimit);
        if (result.ok) return { ok: true, response: result.response, requestIds, rateLimits };
        lastError = result.error;
        const delay = retryDelay(result, attempt, call, deadline);
        if (delay === undefined || flight.controller.signal.aborted) {
          return { ok: false, error: result.error, requestIds, rateLimits };
        }
        try {
          await sleep(delay, undefined, { signal: flight.controller.signal });
        } catch {
          return { ok: false, error: result.error, requestIds, rateLimits };
        }
      }
    } finally {
      counters.active -= 1;
    }
  }

  function startFlight(call: PiCall, path: string, route: string): Flight {
    const state = { controller: new AbortController(), waiters: 0, deadlines: [call.deadline] };
    // A bug (e.g. an unserializable body) must reach the caller, not become an unhandled rejection.
    const outcome = fly(call, path, route, state).catch((error: unknown): Outcome => ({
      ok: false,
      error,
      requestIds: [],
      rateLimits: [],
    }));
    return Object.assign(state, { outcome });
  }

  async function wait<T>(flight: Flight, call: PiCall): Promise<PiResponse<T>> {
    flight.waiters += 1;
    const cleanups: Array<() => void> = [];
    try {
      const leave = new Promise<never>((_, reject) => {
        const { signal, deadline } = call;
        if (signal !== undefined) {
          if (signal.aborted) reject(abandonedError(signal));
          const onAbort = (): void => reject(abandonedError(signal));
          signal.addEventListener('abort', onAbort, { once: true });
          cleanups.push(() => signal.removeEventListener('abort', onAbort));
        }
        if (deadline !== undefined) {
          const timer = setTimeout(
            () => {
              const unknown = call.method !== 'GET' ? ({ outcome: 'unknown' } as const) : {};
              reject(
                new GatewayError('Pi did not answer in time.', {
                  code: ErrorCode.UPSTREAM_TIMEOUT,
                  ...unknown,
                }),
              );
            },
            Math.max(0, deadline - Date.now()),
          );
          cleanups.push(() => clearTimeout(timer));
        }
      });
      leave.catch(() => undefined);
      const outcome = await Promise.race([flight.outcome, leave]);
      for (const requestId of outcome.requestIds) call.recorder?.recordRequestId(requestId);
      for (const rateLimit of outcome.rateLimits) call.recorder?.recordRateLimit(rateLimit);
      if (!outcome.ok) throw outcome.error;
      return outcome.response as PiResponse<T>;
    } finally {
      for (const cleanup of cleanups) cleanup();
      flight.waiters -= 1;
      // Nobody wants the answer any more: stop the upstream request and its retries.
      if (flight.waiters === 0) flight.controller.abort(CALL_ABANDONED);
    }
  }

  return {
    async request<T>(call: PiCall): Promise<PiResponse<T>> {
      if (closed) throw new Error('The Pi client is closed');
      if (call.deadline !== undefined && call.deadline <= Date.now()) {
        throw new GatewayError('The operation ran out of time before Pi was called.', {
          code: ErrorCode.UPSTREAM_TIMEOUT,
        });
      }
      const path = buildRequestPath(basePath, call.path, call.query);
      const route = routeTemplate(call.path);
      if (call.method !== 'GET') return wait<T>(startFlight(call, path, route), call);

      // Keyed by the credential's fingerprint: never shared across credentials (RELIABILITY.md T3).
      const key = `${call.credential.fingerprint} GET ${path}`;
      const shared = inFlight.get(key);
      if (shared !== undefined) {
        counters.dedupeHits += 1;
        emit({ type: 'dedupe-hit', method: call.method, route });
        shared.deadlines.push(call.deadline);
        return wait<T>(shared, call);
      }
      const flight = startFlight(call, path, route);
      inFlight.set(key, flight);
      void flight.outcome.then(() => {
        if (inFlight.get(key) === flight) inFlight.delete(key);
      });
      // An abandoned flight (all waiters gone) must not be joined by a newcomer.
      flight.controller.signal.addEventListener('abort', () => {
        if (inFlight.get(key) === flight) inFlight.delete(key);
      });
      return wait<T>(flight, call);
    },
    stats() {
      return {
        requests: counters.requests,
        dedupeHits: counters.dedupeHits,
        retries: counters.retries,
        inFlight: counters.active,
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const flight of inFlight.values()) flight.controller.abort(CALL_ABANDONED);
      await ownPool?.close();
    },
  };
}
