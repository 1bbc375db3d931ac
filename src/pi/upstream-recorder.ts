import type { RateLimitInfo, UpstreamRecorder } from './types.js';

// An operation with thousands of aliased fields must not grow an unbounded list.
const MAX_REQUEST_IDS = 100;

/**
 * A fresh per-operation `UpstreamRecorder`: keeps each distinct `X-Request-Id` once, in order
 * (at most 100), and the rate-limit figures with the lowest `remaining` seen (the tightest).
 */
export function createUpstreamRecorder(): UpstreamRecorder {
  const requestIds: string[] = [];
  const seen = new Set<string>();
  let rateLimit: RateLimitInfo | undefined;
  return {
    recordRequestId(requestId) {
      if (seen.has(requestId) || requestIds.length >= MAX_REQUEST_IDS) return;
      seen.add(requestId);
      requestIds.push(requestId);
    },
    recordRateLimit(info) {
      if (rateLimit === undefined || info.remaining < rateLimit.remaining) rateLimit = { ...info };
    },
    get requestIds() {
      return requestIds;
    },
    get rateLimit() {
      return rateLimit;
    },
  };
}
