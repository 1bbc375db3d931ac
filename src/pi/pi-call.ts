import type { PiResourceRef } from '../errors/index.js';
import type { PiQuery } from './build-request-path.js';
import type { Credential, UpstreamRecorder } from './types.js';

/**
 * How a call may be retried (at most `maxRetries` times, with backoff, within the deadline):
 * - `'get'`: on connection failures, resets, timeouts, truncated bodies, 500/502/503/504 and 429;
 * - `'idempotent'`: like `'get'` (without 500) for a write that carries an `Idempotency-Key`
 *   (sent unchanged on every attempt); without a key it behaves as `'never'` (so does `'get'`
 *   on a write without a key);
 * - `'never'`: only when the connection could not even be opened (refused, connect timeout), so
 *   nothing reached Pi. Any other failure after sending → `outcome: 'unknown'`.
 */
export type RetryPolicy = 'get' | 'idempotent' | 'never';

/**
 * The default allow-list of headers a caller may add (Pi's bring-your-own-key headers); any other
 * extra header is dropped. `PiClientOptions.forwardHeaders` replaces it.
 */
export const FORWARDABLE_HEADERS: readonly string[] = [
  'x-gemini-api-key',
  'x-firecrawl-api-key',
  'x-livekit-api-key',
  'x-livekit-api-secret',
];

/**
 * Headers the client sets itself (or that belong to the connection): never taken from a caller,
 * whatever an allow-list says. `Authorization` comes from the credential and `Idempotency-Key`
 * from `PiCall.idempotencyKey`.
 */
export const RESERVED_HEADERS: readonly string[] = [
  'accept',
  'authorization',
  'connection',
  'content-length',
  'content-type',
  'cookie',
  'expect',
  'host',
  'idempotency-key',
  'keep-alive',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

export interface PiCall {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to `/api/v1`, e.g. `/jobs/<encoded id>`. */
  path: string;
  query?: PiQuery;
  /** Serialized as JSON. */
  body?: unknown;
  credential: Credential;
  /** Receives the request ids and rate limits of every attempt (also when the request is shared). */
  recorder?: UpstreamRecorder;
  /** Abandons the call (the shared upstream request is aborted once no caller waits for it). */
  signal?: AbortSignal;
  /** Epoch ms after which the call fails with `UPSTREAM_TIMEOUT`; retries and waits must fit before it. */
  deadline?: number;
  idempotencyKey?: string;
  /** Extra headers; only those of the client's allow-list (`forwardHeaders`) are sent. */
  headers?: Readonly<Record<string, string>>;
  /** @default 'get' for GET, 'never' otherwise */
  retry?: RetryPolicy;
  /** Names the object in error messages ("Job … was not found."). */
  resource?: PiResourceRef;
  /** Per-call headers timeout (long-polls). @default the client's `headersTimeoutMs` */
  headersTimeoutMs?: number;
}
