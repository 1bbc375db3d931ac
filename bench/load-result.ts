import type { LatencySummary } from './latency-summary.js';

/** One autocannon run as the load process reports it. */
export interface LoadResult {
  durationSeconds: number;
  /** 2xx responses. */
  ok: number;
  /** 2xx responses per second. */
  requestsPerSecond: number;
  /** Latency of the 2xx responses (ms). */
  latency: LatencySummary;
  non2xx: number;
  /** Connection errors (resets, refused). */
  errors: number;
  timeouts: number;
}
