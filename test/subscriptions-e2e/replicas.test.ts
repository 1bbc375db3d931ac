import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startRedis } from '../helpers/redis.js';
import type { RunningRedis } from '../helpers/redis.js';
import { bearer, createBrandJob } from '../helpers/simulator-requests.js';
import { waitFor } from '../helpers/wait-for.js';
import { connectWebSocket, jobEvents } from './helpers.js';
import { startUpstreamProbe } from './upstream-probe.js';
import type { UpstreamProbe } from './upstream-probe.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const JOB_UPDATED = `subscription($id: ID!) { jobUpdated(id: $id) { status phase } }`;

interface Replica {
  child: ChildProcess;
  url: string;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

/**
 * Starts `src/main.ts` as its own process (as `npm start` does) with `env`, and resolves with the
 * GraphQL URL it prints. Rejects with its output when it exits first.
 */
async function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    // Only what the replica needs: nothing of the test runner's environment leaks into it.
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      output.push(line);
      const printed = /^GraphQL gateway: (http:\/\/\S+)$/.exec(line)?.[1];
      if (printed !== undefined) resolve(printed);
    });
    void exited.then(([code]) =>
      reject(new Error(`replica exited with ${code} before it started:\n${output.join('\n')}`)),
    );
  });
  return { child, url, exited };
}

describe('job watchers across replicas (Redis)', () => {
  let redis: RunningRedis;
  let sim: RunningSimulator;
  let probe: UpstreamProbe;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    // Slow enough that the polling replica can be stopped mid-job.
    sim = await startSimulator({ port: 0, host: '127.0.0.1', stepMs: 800 });
    probe = await startUpstreamProbe(sim.url);
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      PI_BASE_URL: probe.url,
      REDIS_URL: redis.url,
      SUBSCRIPTION_LEASE_MS: '1000',
      SUBSCRIPTION_POLL_TIMEOUT_S: '1',
    };
    replicas.push(
      ...(await Promise.all([
        startReplica({ ...env, GATEWAY_REPLICA_ID: 'replica-a' }),
        startReplica({ ...env, GATEWAY_REPLICA_ID: 'replica-b' }),
      ])),
    );
  });

  afterAll(async () => {
    for (const replica of replicas) {
      if (replica.child.exitCode === null && replica.child.signalCode === null) {
        replica.child.kill('SIGKILL');
        await replica.exited;
      }
    }
    await probe?.stop();
    await sim?.stop();
    await redis?.stop();
  });

  it('should poll a job from one replica only, and let the other take over and deliver COMPLETED when the polling replica dies', async () => {
    const [first, second] = replicas as [Replica, Replica];
    const jobId = await createBrandJob(sim, 'alpha');
    const key = bearer(sim, 'alpha');
    const onFirst = Array.from({ length: 3 }, () =>
      connectWebSocket(first.url, key).subscribe(JOB_UPDATED, { id: jobId }),
    );
    await waitFor(
      () => onFirst.every((s) => s.results.length > 0) && probe.longPollsInFlight(jobId) === 1,
      10_000,
      'the first replica to serve its subscribers and poll',
    );
    const plainReads = () => probe.forObject(jobId).filter((request) => !request.longPoll);
    expect(plainReads()).toHaveLength(1);

    const onSecond = Array.from({ length: 3 }, () =>
      connectWebSocket(second.url, key).subscribe(JOB_UPDATED, { id: jobId }),
    );
    await waitFor(
      () => onSecond.every((s) => s.results.length > 0),
      10_000,
      'the second replica to serve its subscribers',
    );
    // The second replica started from the state the first one shared: it made no read of its own
    // (a watcher's first read, and a new poller's, is a plain GET; the first replica only long-polls).
    expect(plainReads()).toHaveLength(1);
    expect(jobEvents(onSecond[0]!).at(-1)?.status).not.toBe('COMPLETED');

    first.child.kill('SIGKILL');
    await first.exited;
    const afterKill = probe.forObject(jobId).length;
    await Promise.all(onSecond.map((subscriber) => subscriber.finished));

    for (const subscriber of onSecond) {
      expect(subscriber.state).toBe('complete');
      expect(jobEvents(subscriber).at(-1)).toEqual({ status: 'COMPLETED', phase: 'completed' });
    }
    // The second replica polled after the first died; never two long-polls at once in all.
    expect(probe.forObject(jobId).length).toBeGreaterThan(afterKill);
    expect(probe.maxConcurrentLongPolls(jobId)).toBe(1);
  });

  it('should complete its subscriptions, close its sockets with 1001 and exit 0 on SIGTERM', async () => {
    const second = replicas[1]!;
    const jobId = await createBrandJob(sim, 'alpha');
    const connection = connectWebSocket(second.url, bearer(sim, 'alpha'));
    const subscriber = connection.subscribe(JOB_UPDATED, { id: jobId });
    await waitFor(() => subscriber.results.length > 0, 10_000, 'the first state');

    second.child.kill('SIGTERM');
    const [code] = await second.exited;
    await subscriber.finished;

    expect(code).toBe(0);
    expect(subscriber.state).toBe('complete');
    expect(await connection.closed).toBe(1001);
  });
});
