import { describe, expect, it, onTestFinished } from 'vitest';
import { awaitJob, createBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { waitFor } from '../helpers/wait-for.js';
import { connectWebSocket, createAdJob, jobEvents } from './helpers.js';
import type { Received } from './helpers.js';
import { startUpstreamProbe } from './upstream-probe.js';
import type { ProbedRequest } from './upstream-probe.js';

const JOB_UPDATED = `subscription Watch($id: ID!) {
  jobUpdated(id: $id) { id status phase progress updatedAt }
}`;

interface ProbedGatewayOptions {
  stepMs: number;
  pollTimeoutSeconds: number;
  keys?: Record<string, string>;
}

/** A gateway whose upstream traffic goes through a probe in front of its simulator. */
async function startProbedGateway(options: ProbedGatewayOptions) {
  const probe = await startUpstreamProbe();
  onTestFinished(() => probe.stop());
  const gateway = await startTestGateway({
    simulator: { stepMs: options.stepMs, ...(options.keys ? { keys: options.keys } : {}) },
    config: { piBaseUrl: probe.url, subscriptionPollTimeoutSeconds: options.pollTimeoutSeconds },
  });
  probe.target = gateway.sim.url;
  return { gateway, probe };
}

type Step = [status: string, phase: string | null];

/** The distinct successive (status, phase) pairs of the job states Pi answered with, in order. */
function observedSteps(requests: ProbedRequest[]): Step[] {
  const steps: Step[] = [];
  for (const request of requests) {
    if (request.status !== 200) continue;
    const job = (request.body as { data: { status: string; payload?: { phase?: string } } }).data;
    const step: Step = [job.status, job.payload?.phase ?? null];
    const last = steps.at(-1);
    if (last === undefined || last[0] !== step[0] || last[1] !== step[1]) steps.push(step);
  }
  return steps;
}

function seenSteps(received: Received): Step[] {
  return jobEvents(received).map((job) => [String(job.status).toLowerCase(), job.phase ?? null]);
}

function isSuffix(candidate: Step[], of: Step[]): boolean {
  if (candidate.length === 0 || candidate.length > of.length) return false;
  const tail = of.slice(of.length - candidate.length);
  return JSON.stringify(tail) === JSON.stringify(candidate);
}

describe('Subscription.jobUpdated over graphql-ws', () => {
  it('should give 50 subscribers of one job and key one watcher with at most one long-poll in flight, each seeing the first state, the observed phase changes and COMPLETED, in order, then complete', async () => {
    const { gateway, probe } = await startProbedGateway({ stepMs: 700, pollTimeoutSeconds: 1 });
    const jobId = await createBrandJob(gateway.sim, 'alpha');
    const sockets = Array.from({ length: 5 }, () =>
      connectWebSocket(gateway.url, gateway.as('alpha')),
    );
    const subscribers = sockets.flatMap((socket) =>
      Array.from({ length: 10 }, () => socket.subscribe(JOB_UPDATED, { id: jobId })),
    );

    await Promise.all(subscribers.map((subscriber) => subscriber.finished));

    const requests = probe.forObject(jobId);
    // One watcher: a single first read, then long-polls one after another.
    expect(requests.filter((request) => !request.longPoll)).toHaveLength(1);
    expect(requests.filter((request) => request.longPoll).length).toBeGreaterThanOrEqual(1);
    expect(probe.maxConcurrentLongPolls(jobId)).toBe(1);
    const observed = observedSteps(requests);
    expect(observed.length).toBeGreaterThanOrEqual(3);
    expect(observed.at(-1)).toEqual(['completed', 'completed']);

    for (const subscriber of subscribers) {
      expect(subscriber.state).toBe('complete');
      const seen = seenSteps(subscriber);
      expect(
        isSuffix(seen, observed),
        `${JSON.stringify(seen)} within ${JSON.stringify(observed)}`,
      ).toBe(true);
      const events = jobEvents(subscriber);
      expect(events.every((job) => job.id === jobId)).toBe(true);
      for (let i = 1; i < events.length; i += 1) {
        expect(events[i]!.progress).toBeGreaterThanOrEqual(events[i - 1]!.progress);
        expect(Date.parse(events[i]!.updatedAt)).toBeGreaterThanOrEqual(
          Date.parse(events[i - 1]!.updatedAt),
        );
      }
    }
    // Subscribers that joined before the first read answered got everything from the first state.
    expect(subscribers.some((subscriber) => seenSteps(subscriber).length === observed.length)).toBe(
      true,
    );
  });

  it('should run one watcher per key for the same job, and answer NOT_FOUND to another organization without starting a watcher', async () => {
    const keys = { pi_test_alpha: 'alpha', pi_test_alpha_two: 'alpha', pi_test_beta: 'beta' };
    const { gateway, probe } = await startProbedGateway({
      stepMs: 400,
      pollTimeoutSeconds: 1,
      keys,
    });
    const jobId = await createBrandJob(gateway.sim, 'alpha');
    const subscribe = (key: string) =>
      connectWebSocket(gateway.url, { authorization: `Bearer ${key}` }).subscribe(JOB_UPDATED, {
        id: jobId,
      });
    const first = subscribe('pi_test_alpha');
    const second = subscribe('pi_test_alpha_two');
    const beta = subscribe('pi_test_beta');

    await beta.finished;
    const betaRequests = () =>
      probe.forObject(jobId).filter((request) => request.authorization === 'Bearer pi_test_beta');
    const betaCount = betaRequests().length;
    await Promise.all([first.finished, second.finished]);

    expect(beta.state).toBe('complete');
    expect(beta.results).toHaveLength(1);
    expect(beta.results[0]!.data ?? null).toBeNull();
    expect(beta.results[0]!.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(betaRequests()).toHaveLength(betaCount);
    expect(betaRequests().every((request) => !request.longPoll && request.status === 404)).toBe(
      true,
    );

    for (const [subscriber, key] of [
      [first, 'Bearer pi_test_alpha'],
      [second, 'Bearer pi_test_alpha_two'],
    ] as const) {
      expect(jobEvents(subscriber).at(-1)?.status).toBe('COMPLETED');
      const own = probe.forObject(jobId).filter((request) => request.authorization === key);
      expect(own.filter((request) => !request.longPoll)).toHaveLength(1);
      expect(probe.maxConcurrentLongPolls(jobId, key)).toBe(1);
    }
  });

  it.each([
    ['every subscriber unsubscribes', 'unsubscribe'],
    ['the socket drops without a close handshake', 'drop'],
  ] as const)(
    'should make no further upstream request for the job once %s',
    async (_title, how) => {
      const { gateway, probe } = await startProbedGateway({ stepMs: 600, pollTimeoutSeconds: 5 });
      const jobId = await createBrandJob(gateway.sim, 'alpha');
      const connection = connectWebSocket(gateway.url, gateway.as('alpha'));
      const subscribers = Array.from({ length: 3 }, () =>
        connection.subscribe(JOB_UPDATED, { id: jobId }),
      );
      await waitFor(
        () =>
          subscribers.every((subscriber) => subscriber.results.length > 0) &&
          probe.longPollsInFlight(jobId) === 1,
        5000,
        'every subscriber has the first state and a long-poll is in flight',
      );

      if (how === 'unsubscribe') subscribers.forEach((subscriber) => subscriber.unsubscribe());
      else connection.socket()?.terminate();

      await waitFor(() => probe.longPollsInFlight(jobId) === 0, 5000, 'the long-poll to end');
      const longPolls = probe.forObject(jobId).filter((request) => request.longPoll);
      expect(longPolls.at(-1)?.aborted).toBe(true);
      const count = probe.forObject(jobId).length;
      // Past the job's end a live watcher would have polled again; a stopped one stays silent.
      const job = await awaitJob(gateway.sim, 'alpha', jobId);
      expect(job.status).toBe('completed');
      expect(probe.forObject(jobId)).toHaveLength(count);
    },
  );

  it('should end the subscriptions of a failed job with FAILED and its error', async () => {
    const { gateway } = await startProbedGateway({ stepMs: 30, pollTimeoutSeconds: 1 });
    const jobId = await createAdJob(gateway.sim, 'alpha', 'A poster that must [fail]');
    const connection = connectWebSocket(gateway.url, gateway.as('alpha'));
    const subscribers = Array.from({ length: 2 }, () =>
      connection.subscribe(
        `subscription($id: ID!) { jobUpdated(id: $id) { status error { code message } } }`,
        { id: jobId },
      ),
    );

    await Promise.all(subscribers.map((subscriber) => subscriber.finished));

    for (const subscriber of subscribers) {
      expect(subscriber.state).toBe('complete');
      const events = jobEvents(subscriber);
      expect(events.at(-1)).toEqual({
        status: 'FAILED',
        error: { code: 'generation_blocked', message: expect.any(String) },
      });
      expect(events.slice(0, -1).every((job) => job.error === null)).toBe(true);
    }
  });

  it('should resolve the selections of each event through the query path (brand on completion, diagnostics)', async () => {
    const { gateway } = await startProbedGateway({ stepMs: 30, pollTimeoutSeconds: 1 });
    const brandJobId = await createBrandJob(gateway.sim, 'alpha');
    const adJobId = await createAdJob(gateway.sim, 'alpha');
    const connection = connectWebSocket(gateway.url, gateway.as('alpha'));
    const brand = connection.subscribe(
      `subscription($id: ID!) { jobUpdated(id: $id) { status brand { id name } } }`,
      { id: brandJobId },
    );
    const diagnostics = connection.subscribe(
      `subscription($id: ID!) { jobUpdated(id: $id) { status diagnostics } }`,
      { id: adJobId },
    );

    await Promise.all([brand.finished, diagnostics.finished]);

    const brandEvents = jobEvents(brand);
    expect(brandEvents.at(-1)?.status).toBe('COMPLETED');
    expect(brandEvents.at(-1)?.brand).toEqual({ id: expect.any(String), name: expect.any(String) });
    expect(brandEvents.slice(0, -1).every((job) => job.brand === null)).toBe(true);

    const adEvents = jobEvents(diagnostics);
    expect(adEvents.at(-1)?.status).toBe('COMPLETED');
    expect(Array.isArray(adEvents.at(-1)?.diagnostics)).toBe(true);
    const expanded = gateway.upstream
      .matching(`/api/v1/jobs/${adJobId}`)
      .filter((request) => [...request.expand, ...request.include].includes('diagnostics'));
    expect(expanded.length).toBeGreaterThanOrEqual(1);
  });
});
