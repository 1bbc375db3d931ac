import type { SimStats } from './types.js';

/** The simulator's counters behind `GET /_sim/stats`. One per simulator instance. */
export interface SimStatsRecorder {
  /** Counts one request to a route, by its name (`"GET /api/v1/jobs/:id"`). */
  countRequest(routeName: string): void;
  /** Counts one created job for an org, by the org's name. */
  countJob(orgName: string): void;
  /** Adjusts the number of long-polls waiting on a job (`+1` on entry, `-1` on exit). */
  trackLongPoll(jobId: string, delta: 1 | -1): void;
  /** A copy of the counters. */
  snapshot(): SimStats;
  /** Clears the request and job counters; in-flight long-polls are live figures and stay. */
  reset(): void;
}

/** Creates empty counters. */
export function createStatsRecorder(): SimStatsRecorder {
  let requests = new Map<string, number>();
  let jobsCreated = new Map<string, number>();
  const longPolls = new Map<string, number>();
  return {
    countRequest(routeName) {
      requests.set(routeName, (requests.get(routeName) ?? 0) + 1);
    },
    countJob(orgName) {
      jobsCreated.set(orgName, (jobsCreated.get(orgName) ?? 0) + 1);
    },
    trackLongPoll(jobId, delta) {
      const next = (longPolls.get(jobId) ?? 0) + delta;
      if (next <= 0) longPolls.delete(jobId);
      else longPolls.set(jobId, next);
    },
    snapshot() {
      return {
        requests: Object.fromEntries(requests),
        jobsCreated: Object.fromEntries(jobsCreated),
        longPollsInFlight: Object.fromEntries(longPolls),
      };
    },
    reset() {
      requests = new Map();
      jobsCreated = new Map();
    },
  };
}
