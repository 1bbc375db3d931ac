import { createHash } from 'node:crypto';
import { PiApiError } from './errors.js';
import type { SimContext, SimRequest, SimResponse } from './types.js';

/**
 * The endpoint scopes of contract §2.6. Aliases share a scope (`/ads/generate` with
 * `/images/generations`, `/images/campaigns` with `/campaigns/generate`).
 */
export type IdempotencyScope =
  | 'ads_generate'
  | 'campaigns_generate'
  | 'campaigns_edit'
  | 'campaigns_localize_ad'
  | 'avatars_generate';

/**
 * Runs `produce` at most once per (org, scope, `Idempotency-Key`), as Pi does (contract §2.6):
 * - no key (absent or blank after trimming): `produce()` as is;
 * - a stored request with the same hash of `validatedBody`: the stored 202 again, original `id`,
 *   `created_at` and `job_id`, with `X-Idempotency-Replayed: true`;
 * - a stored request with another hash: throws 409 `idempotency_key_mismatch` (`param: "Idempotency-Key"`);
 * - otherwise `produce()`, stored only when it answers 202. A `PiApiError` it throws is not stored.
 *
 * `produce` is synchronous on purpose: lookup, job creation and store happen in one tick, so two
 * concurrent first requests with one key can never create two jobs.
 */
export function withIdempotency(
  req: SimRequest,
  sim: SimContext,
  scope: IdempotencyScope,
  validatedBody: unknown,
  produce: () => SimResponse,
): SimResponse {
  const key = readIdempotencyKey(req);
  if (key === undefined) return produce();

  const storeKey = `${req.org.id}:${scope}:${sha256(key)}`;
  const requestHash = sha256(stableStringify(validatedBody));
  const stored = sim.store.idempotency.get(storeKey);
  if (stored) {
    if (stored.requestHash !== requestHash) throw idempotencyMismatch();
    return {
      status: stored.status,
      body: structuredClone(stored.body),
      headers: { 'X-Idempotency-Replayed': 'true' },
    };
  }

  const response = produce();
  if (response.status === 202) {
    sim.store.idempotency.set(storeKey, {
      requestHash,
      status: response.status,
      body: structuredClone(response.body),
    });
  }
  return response;
}

/** The trimmed `Idempotency-Key` header, or undefined when absent or blank. */
export function readIdempotencyKey(req: SimRequest): string | undefined {
  const raw = req.headers['idempotency-key'];
  const value = (Array.isArray(raw) ? raw.join(', ') : (raw ?? '')).trim();
  return value === '' ? undefined : value;
}

/**
 * JSON with object keys sorted at every level, `undefined` members dropped (as `JSON.stringify`
 * does), so equal parsed bodies always hash the same.
 */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : stableStringify(item))).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function idempotencyMismatch(): PiApiError {
  return new PiApiError({
    status: 409,
    type: 'invalid_request_error',
    code: 'idempotency_key_mismatch',
    message: 'Idempotency-Key was already used with a different request body.',
    param: 'Idempotency-Key',
  });
}
