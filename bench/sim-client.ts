/** `GET /_sim/stats` of the simulator. */
export interface SimStatsDto {
  requests: Record<string, number>;
  jobsCreated: Record<string, number>;
  longPollsInFlight: Record<string, number>;
}

/** The bench runner's control calls to its simulator (setup and counters, not measured traffic). */
export interface SimClient {
  stats(): Promise<SimStatsDto>;
  /** Clears the request counters. */
  reset(): Promise<void>;
  /** Extracts `count` brands (`https://bench-<i>.example`) and resolves with the completed job ids. */
  createCompletedBrandJobs(count: number): Promise<string[]>;
  /** Creates held jobs (see `createHeldJobRoutes`) and waits until they are `processing`. */
  createHeldJobs(count: number): Promise<string[]>;
  releaseHeldJobs(ids: readonly string[], spreadMs: number): Promise<void>;
  /** When each released held job became `completed` (`wallClockMs()`), by id. */
  heldJobCompletions(): Promise<Record<string, number>>;
}

/** The sum of a stats record's values (e.g. all requests, all long-polls in flight). */
export function sumOf(record: Record<string, number>): number {
  return Object.values(record).reduce((sum, value) => sum + value, 0);
}

/**
 * Creates the control client of the simulator at `url`, calling as the key `key`.
 * Every method rejects with the status and body when the simulator answers anything but 2xx.
 */
export function createSimClient(url: string, key: string): SimClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  type Job = { data: { status: string } };
  // Polls every 20 ms: `processing` (held jobs) is not something a long-poll waits for.
  const awaitStatus = async (id: string, done: (status: string) => boolean): Promise<void> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const job = await call<Job>('GET', `/api/v1/jobs/${id}?fields=id,status`);
      if (done(job.data.status)) return;
      if (Date.now() > deadline) throw new Error(`job ${id} is still ${job.data.status}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  return {
    stats: () => call<SimStatsDto>('GET', '/_sim/stats'),
    reset: async () => {
      await call('POST', '/_sim/reset');
    },
    async createCompletedBrandJobs(count) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const created = await call<{ data: { job_id: string } }>('POST', '/api/v1/brands/extract', {
          url: `https://bench-${i}.example`,
        });
        ids.push(created.data.job_id);
      }
      // Long-polls, 100 at a time: completion is what `wait_for_completion` waits for.
      for (let i = 0; i < ids.length; i += 100) {
        await Promise.all(
          ids.slice(i, i + 100).map(async (id) => {
            const path = `/api/v1/jobs/${id}?wait_for_completion=true&timeout_seconds=10&fields=id,status`;
            const job = await call<Job>('GET', path);
            if (job.data.status !== 'completed')
              throw new Error(`job ${id} ended ${job.data.status}`);
          }),
        );
      }
      return ids;
    },
    async createHeldJobs(count) {
      const { ids } = await call<{ ids: string[] }>('POST', '/api/v1/_bench/held-jobs', { count });
      await Promise.all(ids.map((id) => awaitStatus(id, (status) => status === 'processing')));
      return ids;
    },
    async releaseHeldJobs(ids, spreadMs) {
      await call('POST', '/api/v1/_bench/held-jobs/release', { ids, spreadMs });
    },
    async heldJobCompletions() {
      const { completedAt } = await call<{ completedAt: Record<string, number> }>(
        'GET',
        '/api/v1/_bench/held-jobs/completions',
      );
      return completedAt;
    },
  };
}
