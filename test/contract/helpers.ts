/**
 * Shared helpers for the simulator contract suites: a simulator started on port 0 and stopped
 * after the file, a tiny `fetch` wrapper that speaks to it as a given org, and `waitFor`.
 */
import { afterAll, onTestFinished } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type {
  JobStep,
  Route,
  RunningSimulator,
  SimContext,
  SimulatorExtras,
  SimulatorOptions,
} from '../../src/simulator/index.js';

export { waitFor } from '../helpers/wait-for.js';

const running = new Set<RunningSimulator>();

// Safety net registered while the test file is collected: whatever a suite started (at top level,
// in a describe body, in beforeAll or in a test) is stopped when the file ends.
afterAll(async () => {
  await Promise.all([...running].map((sim) => sim.stop()));
});

/**
 * Starts a simulator on 127.0.0.1:0 with `stepMs: 20` (override anything with `overrides`).
 * Called inside a test, it stops when the test finishes; otherwise when the test file ends.
 * `stop()` may be called early and more than once. `extras` adds test-only routes.
 */
export async function startTestSimulator(
  overrides: Partial<SimulatorOptions> = {},
  extras: SimulatorExtras = {},
): Promise<RunningSimulator> {
  const sim = await startSimulator(
    { port: 0, host: '127.0.0.1', stepMs: 20, ...overrides },
    extras,
  );
  let stopping: Promise<void> | undefined;
  const handle: RunningSimulator = {
    url: sim.url,
    keys: sim.keys,
    stop() {
      running.delete(handle);
      stopping ??= sim.stop();
      return stopping;
    },
  };
  running.add(handle);
  try {
    onTestFinished(() => handle.stop());
  } catch {
    // Not inside a test: the file-level afterAll above stops it.
  }
  return handle;
}

/** A response as the tests see it: `body` is the parsed JSON, or the raw text when it is not JSON. */
export interface PiResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface PiRequestInit {
  /** Serialised as JSON unless `rawBody` is given. */
  body?: unknown;
  /** Sent as is (e.g. malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface PiClient {
  /** The Authorization value sent, or undefined when none is sent. */
  authorization: string | undefined;
  request(method: string, path: string, init?: PiRequestInit): Promise<PiResponse>;
  get(path: string, init?: PiRequestInit): Promise<PiResponse>;
  post(path: string, body?: unknown, init?: PiRequestInit): Promise<PiResponse>;
  patch(path: string, body?: unknown, init?: PiRequestInit): Promise<PiResponse>;
}

/**
 * A client for `sim` that authenticates as `key`: an org name of `sim.keys` (`'alpha'`), a literal
 * key (`'pi_test_nope'`), or `null` for no Authorization header. Never throws on HTTP errors.
 */
export function pi(sim: RunningSimulator, key: string | null): PiClient {
  const token = key === null ? undefined : (sim.keys[key] ?? key);
  const authorization = token === undefined ? undefined : `Bearer ${token}`;
  const request = async (
    method: string,
    path: string,
    init: PiRequestInit = {},
  ): Promise<PiResponse> => {
    const headers: Record<string, string> = { ...init.headers };
    if (authorization !== undefined && !hasHeader(headers, 'authorization'))
      headers.authorization = authorization;
    let body: string | undefined = init.rawBody;
    if (body === undefined && init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined && !hasHeader(headers, 'content-type'))
      headers['content-type'] = 'application/json';
    const res = await fetch(new URL(path, sim.url), { method, headers, body, signal: init.signal });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: parseJson(text), text };
  };
  return {
    authorization,
    request,
    get: (path, init) => request('GET', path, init),
    post: (path, body, init) => request('POST', path, { ...init, body }),
    patch: (path, body, init) => request('PATCH', path, { ...init, body }),
  };
}

/** A promise with its resolve/reject exposed, for event-driven tests. */
export function createDeferred<T = void>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Reads `GET /_sim/stats` (no auth). */
export async function simStats(sim: RunningSimulator): Promise<{
  requests: Record<string, number>;
  jobsCreated: Record<string, number>;
  longPollsInFlight: Record<string, number>;
}> {
  const res = await fetch(new URL('/_sim/stats', sim.url));
  return (await res.json()) as Awaited<ReturnType<typeof simStats>>;
}

/** Polls `GET /api/v1/jobs/:id` with long-polling until the job is terminal; returns the job record. */
export async function waitForJob(
  client: PiClient,
  jobId: string,
  query = '',
  timeoutMs = 10_000,
): Promise<PiResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(
      `/api/v1/jobs/${jobId}?wait_for_completion=true&timeout_seconds=5${query}`,
    );
    if (res.status !== 200) return res;
    const status = res.body?.data?.status;
    if (status === 'completed' || status === 'failed') return res;
    if (Date.now() > deadline)
      throw new Error(`waitForJob: ${jobId} still ${String(status)} after ${timeoutMs} ms`);
  }
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A job to create through the test-only route: its type, queued payload and script. */
export interface TestJobSpec {
  type: string;
  payload?: Record<string, unknown>;
  steps: JobStep[];
}

/**
 * Test-only routes for `startTestSimulator(options, { routes })`: `POST /api/v1/_test/jobs` creates
 * a job of any type and script for the caller's org (`TestJobSpec` as JSON; answers
 * `{ job_id }`), and `GET /api/v1/_test/context` captures the simulator's context, read with
 * `context()` afterwards (to subscribe to its events).
 */
export function createTestRoutes(): { routes: Route[]; context(): SimContext } {
  let captured: SimContext | undefined;
  const routes: Route[] = [
    {
      method: 'POST',
      pattern: '/api/v1/_test/jobs',
      handler: (req, sim) => {
        const spec = req.body as TestJobSpec;
        const job = sim.engine.create(
          req.org,
          spec.type,
          spec.payload ?? { phase: 'queued' },
          spec.steps,
        );
        return { status: 202, body: { job_id: job.id } };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/_test/context',
      handler: (_req, sim) => {
        captured = sim;
        return { status: 200, body: {} };
      },
    },
  ];
  return {
    routes,
    context() {
      if (captured === undefined) throw new Error('call GET /api/v1/_test/context first');
      return captured;
    },
  };
}
