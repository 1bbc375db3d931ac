import { ErrorCode, GatewayError, isGatewayError } from '../errors/index.js';
import { backoffDelay } from './backoff.js';
import type { WatcherBackoffOptions } from './types.js';

export type RetryPolicy = Required<WatcherBackoffOptions>;

/** The failures of a watcher since its last successful read. */
export interface FailureStreak {
  failures: number;
  /** `Date.now()` of the first failure of the streak. */
  since: number | undefined;
  notFound: number;
}

export type RetryDecision =
  { kind: 'retry'; code: string; delayMs: number } | { kind: 'give-up'; error: GatewayError };

// Retrying cannot change these answers: the key or the request is wrong.
const FINAL_CODES: ReadonlySet<string> = new Set([
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.BAD_USER_INPUT,
]);

/** An empty streak. */
export function createFailureStreak(): FailureStreak {
  return { failures: 0, since: undefined, notFound: 0 };
}

/**
 * Decides what a watcher does after a failed read, updating `streak`:
 * `NOT_FOUND` is retried `notFoundRetries` times (U9) and then given up as is; `UNAUTHENTICATED`,
 * `FORBIDDEN` and `BAD_USER_INPUT` are given up at once; anything else is retried with jittered
 * exponential backoff (at least `retryAfter` for `RATE_LIMITED`) until `maxFailures` or
 * `failureBudgetMs` is reached, then given up with an error of the last failure's code (U10).
 * Errors that are not `GatewayError`s are retried the same way and given up as `INTERNAL_SERVER_ERROR`.
 */
export function decideRetry(
  error: unknown,
  streak: FailureStreak,
  policy: RetryPolicy,
  now: number = Date.now(),
  random: () => number = Math.random,
): RetryDecision {
  const code = isGatewayError(error) ? error.extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
  if (code === ErrorCode.NOT_FOUND) {
    streak.notFound += 1;
    if (streak.notFound > policy.notFoundRetries)
      return { kind: 'give-up', error: error as GatewayError };
    return { kind: 'retry', code, delayMs: policy.notFoundDelayMs };
  }
  if (FINAL_CODES.has(code)) return { kind: 'give-up', error: error as GatewayError };
  streak.failures += 1;
  streak.since ??= now;
  if (streak.failures >= policy.maxFailures || now - streak.since >= policy.failureBudgetMs) {
    return { kind: 'give-up', error: toGiveUpError(error) };
  }
  const delayMs = backoffDelay(streak.failures, policy.baseMs, policy.maxMs, random);
  const retryAfterMs = isGatewayError(error) ? (error.extensions.retryAfter ?? 0) * 1000 : 0;
  return { kind: 'retry', code, delayMs: Math.max(delayMs, retryAfterMs) };
}

function toGiveUpError(error: unknown): GatewayError {
  if (!isGatewayError(error)) {
    return new GatewayError('Internal server error', {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      cause: error,
    });
  }
  const { code, pi, retryAfter } = error.extensions;
  return new GatewayError(`Job updates stopped: the upstream API kept failing (${error.message})`, {
    code,
    ...(pi === undefined ? {} : { pi }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    cause: error,
  });
}
