import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import {
  armSimulatorFault,
  callSimulator,
  createBrandJob,
  simulatorStats,
} from '../helpers/simulator-requests.js';
import type { SimJob } from '../helpers/simulator-requests.js';
import { waitFor } from '../helpers/wait-for.js';
import { connectWebSocket, createAdJob, jobEvents } from '../subscriptions-e2e/helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const API_KEY = 'pi_test_alpha';
const GRACE_MS = 8000;
// Each in-flight upstream call is held this long by the simulator: well inside the grace period.
const UPSTREAM_LATENCY_MS = 1500;
const BRANDS_ROUTE = 'GET /api/v1/brands';
const GENERATE_ROUTE = 'POST /api/v1/images/generations';

const JOB_UPDATED = `subscription Watch($id: ID!) { jobUpdated(id: $id) { id status } }`;

interface Gateway {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stderr, in order. */
  stderr: string[];
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

/** Starts `src/main.ts` (as `npm start` does) in front of `piBaseUrl`; resolves once it prints its URL. */
async function startMain(piBaseUrl: string): Promise<Gateway> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    // Only what the gateway needs: nothing of the test runner's environment leaks into it.
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      PI_BASE_URL: piBaseUrl,
      PI_API_KEY: API_KEY,
      // Debug: every log line the gateway can write is checked for the key.
      LOG_LEVEL: 'debug',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      SUBSCRIPTION_POLL_TIMEOUT_S: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const printed = /^GraphQL gateway: (http:\/\/\S+)$/.exec(line)?.[1];
      if (printed !== undefined) resolve(printed);
    });
    void exited.then(([code]) =>
      reject(new Error(`main exited with ${code} before it started:\n${stderr.join('')}`)),
    );
  });
  return { child, url, stderr, exited };
}

interface Answer {
  status: number;
  body: any;
  /** `performance.now()` when the whole body had arrived. */
  at: number;
}

async function post(url: string, query: string, variables?: object): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body: unknown = await response.json();
  return { status: response.status, body, at: performance.now() };
}

describe('graceful shutdown of src/main.ts', () => {
  let sim: RunningSimulator;
  let gateway: Gateway | undefined;

  // Starting a TypeScript process takes seconds on a busy machine: not the test's budget.
  beforeAll(async () => {
    // Slow job steps: the watched jobs are still running when the gateway stops.
    sim = await startSimulator({ port: 0, host: '127.0.0.1', stepMs: 5000, faults: true });
    gateway = await startMain(sim.url);
  }, 60_000);
  afterAll(async () => {
    if (gateway?.child.exitCode === null) gateway.child.kill('SIGKILL');
    await sim?.stop();
  });

  it('should finish in-flight queries and a mutation, complete subscriptions, close sockets with 1001 and exit 0 within the grace period on SIGTERM', async () => {
    const main = gateway;
    if (main === undefined) throw new Error('the gateway did not start');
    const { url } = main;

    // Subscriptions on two running jobs, over two sockets, each showing its first state.
    const [brandJob, adJob] = await Promise.all([
      createBrandJob(sim, 'alpha'),
      createAdJob(sim, 'alpha'),
    ]);
    const sockets = [
      connectWebSocket(url, { authorization: `Bearer ${API_KEY}` }),
      connectWebSocket(url, { authorization: `Bearer ${API_KEY}` }),
    ];
    const subscribers = [
      sockets[0]!.subscribe(JOB_UPDATED, { id: brandJob }),
      sockets[0]!.subscribe(JOB_UPDATED, { id: adJob }),
      sockets[1]!.subscribe(JOB_UPDATED, { id: brandJob }),
    ];
    await waitFor(
      () => subscribers.every((subscriber) => subscriber.results.length > 0),
      10_000,
      'the first state of every subscription',
    );

    // Queries and a mutation that the simulator holds, so they are still running at SIGTERM.
    await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
    await armSimulatorFault(sim, {
      route: BRANDS_ROUTE,
      fault: `latency=${UPSTREAM_LATENCY_MS}`,
      times: 2,
    });
    await armSimulatorFault(sim, {
      route: GENERATE_ROUTE,
      fault: `latency=${UPSTREAM_LATENCY_MS}`,
      times: 1,
    });
    const queries = [
      post(url, 'query FirstPage { brands(first: 5) { totalCount nodes { id } } }'),
      post(url, 'query Search { brands(query: "example", first: 3) { totalCount hasMore } }'),
    ];
    const mutation = post(
      url,
      'mutation Generate($input: GenerateImageInput!) { generateImage(input: $input) { job { id status } idempotencyKey } }',
      { input: { prompt: 'A lighthouse at dusk' } },
    );
    // Awaited below; if the test fails first, the killed gateway must not make them unhandled.
    for (const answer of [...queries, mutation]) answer.catch(() => {});
    await waitFor(
      async () => {
        const { requests } = await simulatorStats(sim);
        return requests[BRANDS_ROUTE] === 2 && requests[GENERATE_ROUTE] === 1;
      },
      10_000,
      'both queries and the mutation to be in flight upstream',
    );

    const signalledAt = performance.now();
    main.child.kill('SIGTERM');
    const [answers, generated, [code, signal]] = await Promise.all([
      Promise.all(queries),
      mutation,
      main.exited,
    ]);
    const exitedAfterMs = performance.now() - signalledAt;
    await Promise.all(subscribers.map((subscriber) => subscriber.finished));

    // The operations were still running at SIGTERM and got whole answers.
    for (const answer of [...answers, generated]) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.at).toBeGreaterThan(signalledAt);
    }
    expect(answers[0]?.body.data.brands).toMatchObject({ totalCount: expect.any(Number) });
    expect(answers[1]?.body.data.brands).toMatchObject({ hasMore: expect.any(Boolean) });
    const jobId: string = generated.body.data.generateImage.job.id;
    expect(generated.body.data.generateImage.job.status).toBe('QUEUED');

    // The mutation's job exists upstream, exactly once.
    const { jobsCreated, requests } = await simulatorStats(sim);
    expect(jobsCreated).toEqual({ alpha: 1 });
    expect(requests[GENERATE_ROUTE]).toBe(1);
    const job = await callSimulator<SimJob>(sim, 'alpha', 'GET', `/api/v1/jobs/${jobId}`);
    expect(job.type).toBe('ad_generation');

    // Subscribers were completed (their jobs still running) and their sockets closed with 1001.
    for (const subscriber of subscribers) {
      expect(subscriber.state).toBe('complete');
      for (const event of jobEvents(subscriber))
        expect(['QUEUED', 'PROCESSING']).toContain(event.status);
    }
    expect(await Promise.all(sockets.map((socket) => socket.closed))).toEqual([1001, 1001]);

    // A clean exit within the grace period.
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(exitedAfterMs).toBeLessThan(GRACE_MS);

    // Structured logs: JSON lines, one per operation with its upstream request ids, no key, no error.
    const lines = main.stderr
      .join('')
      .split('\n')
      .filter((line) => line !== '');
    const logs = lines.map((line) => JSON.parse(line) as Record<string, any>);
    expect(lines.join('\n')).not.toContain(API_KEY);
    expect(logs.filter((entry) => entry.level === 'error')).toEqual([]);
    const operations = logs.filter((entry) => entry.msg === 'GraphQL operation');
    expect(operations.map((entry) => entry.operationName).sort()).toEqual([
      'FirstPage',
      'Generate',
      'Search',
    ]);
    for (const entry of operations) {
      expect(entry).toMatchObject({ level: 'info', outcome: 'success', status: 200 });
      expect(entry.upstreamRequestIds).toEqual([expect.stringMatching(/^req_pi_/)]);
    }
    expect(logs.map((entry) => entry.msg)).toEqual(
      expect.arrayContaining(['SIGTERM received, shutting down', 'Shutdown complete']),
    );
  }, 60_000);
});
