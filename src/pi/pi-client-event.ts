import { ErrorCode } from '../errors/index.js';
import type { AttemptResult } from './send-attempt.js';

/** Why an attempt got no usable answer from Pi. */
export type PiFailureReason = 'timeout' | 'unavailable' | 'bad-response' | 'abandoned';

/**
 * What the Pi client reports to `PiClientOptions.onEvent`, for metrics and logs. `route` is the
 * path template (`/api/v1/jobs/:id`), never an id or a query string. Each attempt (retries
 * included) reports exactly one `response`, `failure` or `circuit-rejected`; `retry` precedes
 * each retry's attempt and `dedupe-hit` marks a call that joined an identical GET in flight.
 */
export type PiClientEvent =
  | { type: 'response'; method: string; route: string; status: number; durationMs: number }
  | {
      type: 'failure';
      method: string;
      route: string;
      /**
       * `timeout` (connect/headers/body), `unavailable` (refused, reset, closed), `bad-response`
       * (unusable body, redirect, too large, cut off), `abandoned` (every caller left: signal
       * aborted, deadline passed, client closed).
       */
      reason: PiFailureReason;
      /** The HTTP status of a `bad-response` answer, when headers arrived. */
      status?: number;
      durationMs: number;
    }
  | { type: 'retry'; method: string; route: string }
  | { type: 'dedupe-hit'; method: string; route: string }
  | { type: 'circuit-rejected'; method: string; route: string };

/** What one attempt says about Pi's health: counts for the breaker, or nothing (abandoned). */
export type AttemptHealth = 'success' | 'failure' | 'neutral';

/** The event of one attempt, without the fields the client adds (method, route, duration). */
export type AttemptOutcome =
  | { type: 'response'; status: number }
  | { type: 'failure'; reason: PiFailureReason; status?: number };

/**
 * Judges one attempt. Any usable HTTP answer is a `response`: 2xx and 4xx (Pi answered fine)
 * are healthy, 5xx are failures. Unusable bodies, timeouts and connection failures are
 * failures; an attempt ended because its callers left (`abandoned`) says nothing about Pi.
 */
export function judgeAttempt(
  result: AttemptResult,
  abandoned: boolean,
): { outcome: AttemptOutcome; health: AttemptHealth } {
  if (result.ok)
    return { outcome: { type: 'response', status: result.response.status }, health: 'success' };
  const { error, status } = result;
  if (error.code === ErrorCode.UPSTREAM_BAD_RESPONSE) {
    return {
      outcome: {
        type: 'failure',
        reason: 'bad-response',
        ...(status !== undefined ? { status } : {}),
      },
      health: 'failure',
    };
  }
  if (status !== undefined) {
    return { outcome: { type: 'response', status }, health: status >= 500 ? 'failure' : 'success' };
  }
  if (abandoned) return { outcome: { type: 'failure', reason: 'abandoned' }, health: 'neutral' };
  const reason = error.code === ErrorCode.UPSTREAM_TIMEOUT ? 'timeout' : 'unavailable';
  return { outcome: { type: 'failure', reason }, health: 'failure' };
}
