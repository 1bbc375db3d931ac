import { ErrorCode, GatewayError } from '../errors/index.js';
import { isUuid } from './is-uuid.js';
import type { PiClient } from './pi-client.js';
import type { Credential } from './types.js';

/** A watched Pi object that `GET /<collection>/:id` can long-poll (`wait_for_completion`). */
export type LongPollKind = 'job' | 'run';

/** One long-poll read of a whole job or run. */
export interface LongPollRequest {
  kind: LongPollKind;
  id: string;
  credential: Credential;
  /** 0 = a plain GET; > 0 = `wait_for_completion=true&timeout_seconds=<n>`, clamped to 1–30. */
  waitSeconds: number;
  signal: AbortSignal;
  /** Time allowed for headers on top of the long-poll wait. */
  headersTimeoutMs: number;
}

const MAX_WAIT_SECONDS = 30;

const COLLECTIONS: Readonly<Record<LongPollKind, string>> = { job: 'jobs', run: 'runs' };

/**
 * Reads `GET /<jobs|runs>/:id` over the shared client (identical requests in flight are shared),
 * long-polling when `waitSeconds` > 0, and resolves with the envelope's `data` once `isShape`
 * accepts it. Fails with `NOT_FOUND` for a non-UUID id (before any call),
 * `UPSTREAM_BAD_RESPONSE` for data of the wrong shape, and otherwise like every client call
 * (`GatewayError`s, or the signal's reason).
 */
export async function longPollGet<T>(
  client: PiClient,
  request: LongPollRequest,
  isShape: (value: unknown) => value is T,
): Promise<T> {
  const { kind, id, credential, waitSeconds, signal, headersTimeoutMs } = request;
  if (!isUuid(id)) {
    throw new GatewayError(`The ${kind} was not found.`, { code: ErrorCode.NOT_FOUND });
  }
  const wait = Math.min(MAX_WAIT_SECONDS, Math.max(0, Math.round(waitSeconds)));
  const response = await client.request<unknown>({
    method: 'GET',
    path: `/${COLLECTIONS[kind]}/${encodeURIComponent(id)}`,
    query: wait > 0 ? { wait_for_completion: 'true', timeout_seconds: wait } : {},
    credential,
    signal,
    resource: { kind, id },
    headersTimeoutMs: headersTimeoutMs + wait * 1000,
  });
  const data: unknown = response.data;
  if (!isShape(data)) {
    throw new GatewayError(`Pi answered with a ${kind} of an unexpected shape.`, {
      code: ErrorCode.UPSTREAM_BAD_RESPONSE,
    });
  }
  return data;
}
