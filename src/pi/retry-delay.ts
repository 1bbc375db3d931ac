import type { AttemptResult } from './send-attempt.js';

export interface RetrySettings {
  maxRetries: number;
  retryBaseMs: number;
  retryMaxDelayMs: number;
  maxRetryAfterMs: number;
  random: () => number;
}

/** What the retry decision needs to know about the call. */
export interface RetryCall {
  method: string;
  retry?: 'get' | 'idempotent' | 'never';
  idempotencyKey?: string;
}

export type RetryDelay = (
  failure: Extract<AttemptResult, { ok: false }>,
  attempt: number,
  call: RetryCall,
  deadline: number | undefined,
) => number | undefined;

// 500 is retried for reads only: a write's 500 (`job_create_failed`) is not worth repeating blind.
const GET_RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const WRITE_RETRY_STATUSES = new Set([429, 502, 503, 504]);

/**
 * The retry decision: the delay before the next attempt in ms, or `undefined` to give up
 * (attempts used up, a failure the policy does not retry, a `Retry-After` longer than
 * `maxRetryAfterMs`, or a wait that would end past the deadline). Backoff is exponential with
 * full jitter; a `Retry-After` is honoured with a little jitter on top, so callers told the same
 * value do not come back in lockstep.
 */
export function createRetryDelay(settings: RetrySettings): RetryDelay {
  return (failure, attempt, call, deadline) => {
    if (attempt >= settings.maxRetries) return undefined;
    const isGet = call.method === 'GET';
    const policy = call.retry ?? (isGet ? 'get' : 'never');
    // A write is only ever fully retried with an idempotency key, whatever policy it names.
    const full = policy !== 'never' && (isGet || call.idempotencyKey !== undefined);
    if (failure.transport !== undefined) {
      if (!(failure.transport.notSent || (full && failure.transport.retryable))) return undefined;
    } else {
      const statuses = isGet ? GET_RETRY_STATUSES : WRITE_RETRY_STATUSES;
      if (!full || failure.status === undefined || !statuses.has(failure.status)) return undefined;
    }
    let delay =
      settings.random() * Math.min(settings.retryMaxDelayMs, settings.retryBaseMs * 2 ** attempt);
    if (failure.retryAfter !== undefined) {
      const wait = failure.retryAfter * 1000;
      if (wait > settings.maxRetryAfterMs) return undefined;
      delay = Math.max(delay, wait + settings.random() * settings.retryBaseMs);
    }
    if (deadline !== undefined && Date.now() + delay >= deadline) return undefined;
    return delay;
  };
}
