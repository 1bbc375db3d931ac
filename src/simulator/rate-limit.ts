/** The outcome of one rate-limit check, for the `X-RateLimit-*` headers. */
export interface RateLimitDecision {
  limited: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds when the window resets. */
  reset: number;
  /** Seconds to wait when limited (≥ 1). */
  retryAfter: number;
}

export interface RateLimiter {
  /** Consumes one request for `keyId` in the current window. */
  consume(keyId: string): RateLimitDecision;
}

/**
 * A fixed-window limiter per API key: `limit` requests per `windowSeconds`, like Unkey's buckets.
 * Every authenticated request consumes one unit, job polls included.
 */
export function createRateLimiter(limit: number, windowSeconds: number): RateLimiter {
  const windows = new Map<string, { resetMs: number; used: number }>();
  const windowMs = windowSeconds * 1000;
  return {
    consume(keyId) {
      const nowMs = Date.now();
      let window = windows.get(keyId);
      if (window === undefined || window.resetMs <= nowMs) {
        window = { resetMs: nowMs + windowMs, used: 0 };
        windows.set(keyId, window);
      }
      window.used += 1;
      const limited = window.used > limit;
      return {
        limited,
        limit,
        remaining: Math.max(0, limit - window.used),
        reset: Math.ceil(window.resetMs / 1000),
        retryAfter: Math.max(1, Math.ceil((window.resetMs - nowMs) / 1000)),
      };
    },
  };
}

/** The `X-RateLimit-*` headers of a decision. */
export function toRateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    'x-ratelimit-limit': String(decision.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': String(decision.reset),
  };
}
