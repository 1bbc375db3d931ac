import type { RunningSimulator } from '../../src/simulator/index.js';

/** A Pi job row as the simulator answers it (unix-second timestamps). */
export interface SimJob {
  id: string;
  status: 'queued' | 'processing' | 'completed' | 'failed';
  type: string;
  payload: Record<string, unknown>;
  result_url: string | null;
  [field: string]: unknown;
}

/** The key of an org name of `sim.keys` (`'alpha'`), or `org` itself when it is already a key. */
export function keyOf(sim: RunningSimulator, org: string): string {
  return sim.keys[org] ?? org;
}

/** `Authorization` header for an org name of `sim.keys` or a literal key. */
export function bearer(sim: RunningSimulator, org: string): { authorization: string } {
  return { authorization: `Bearer ${keyOf(sim, org)}` };
}

/**
 * Calls the simulator directly (not through the gateway) as `org`, and returns the envelope's
 * `data`. Throws with the status and Pi's error code when the answer is not 2xx.
 */
export async function callSimulator<T>(
  sim: RunningSimulator,
  org: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      ...bearer(sim, org),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (JSON.parse(text) as { data: T }).data;
}

/** Queues a brand extraction for `url` as `org` and returns the job id. */
export async function createBrandJob(
  sim: RunningSimulator,
  org = 'alpha',
  url = 'https://example.com',
): Promise<string> {
  const data = await callSimulator<{ job_id: string }>(sim, org, 'POST', '/api/v1/brands/extract', {
    url,
  });
  return data.job_id;
}

/**
 * Long-polls the job (`wait_for_completion=true`) until it is completed or failed, then returns it.
 * @throws when it is still running after `timeoutMs`.
 */
export async function awaitJob(
  sim: RunningSimulator,
  org: string,
  jobId: string,
  timeoutMs = 10_000,
): Promise<SimJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await callSimulator<SimJob>(
      sim,
      org,
      'GET',
      `/api/v1/jobs/${jobId}?wait_for_completion=true&timeout_seconds=5`,
    );
    if (job.status === 'completed' || job.status === 'failed') return job;
    if (Date.now() > deadline)
      throw new Error(`job ${jobId} is still ${job.status} after ${timeoutMs} ms`);
  }
}

export interface CompletedBrandJob {
  jobId: string;
  brandId: string;
  job: SimJob;
}

/** Extracts the brand of `url` as `org` and waits for the job to complete. */
export async function createCompletedBrandJob(
  sim: RunningSimulator,
  org = 'alpha',
  url = 'https://example.com',
): Promise<CompletedBrandJob> {
  const jobId = await createBrandJob(sim, org, url);
  const job = await awaitJob(sim, org, jobId);
  const brandId = job.payload.brand_id;
  if (job.status !== 'completed' || typeof brandId !== 'string') {
    throw new Error(`brand job ${jobId} ended ${job.status} without a brand id`);
  }
  return { jobId, brandId, job };
}

/** `GET /_sim/stats`: upstream requests per route name, jobs created per org, long-polls in flight. */
export async function simulatorStats(sim: RunningSimulator): Promise<{
  requests: Record<string, number>;
  jobsCreated: Record<string, number>;
  longPollsInFlight: Record<string, number>;
}> {
  const response = await fetch(`${sim.url}/_sim/stats`);
  return (await response.json()) as Awaited<ReturnType<typeof simulatorStats>>;
}

/**
 * Arms a fault for the next `times` requests to `route` (a stats route name such as
 * `'GET /api/v1/jobs/:id'`, or `'*'`). Needs a simulator started with `faults: true`.
 */
export async function armSimulatorFault(
  sim: RunningSimulator,
  fault: { route: string; fault: string; times?: number },
): Promise<void> {
  const response = await fetch(`${sim.url}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (!response.ok)
    throw new Error(`arming ${fault.fault} answered ${response.status}: ${await response.text()}`);
}

/** Clears every armed fault. */
export async function clearSimulatorFaults(sim: RunningSimulator): Promise<void> {
  const response = await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
  if (!response.ok) throw new Error(`clearing faults answered ${response.status}`);
}
