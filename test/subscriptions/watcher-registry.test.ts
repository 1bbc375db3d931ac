import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '../../src/errors/index.js';
import { createWatcherRegistry } from '../../src/subscriptions/index.js';
import type {
  WatcherEvent,
  WatcherRegistry,
  WatcherRegistryOptions,
} from '../../src/subscriptions/index.js';
import {
  brandJob,
  consume,
  createFakePi,
  fakeCredential,
  flush,
  jobStates,
  waitFor,
} from './helpers.js';
import type { FakePi } from './helpers.js';

const registries: WatcherRegistry[] = [];
afterEach(async () => {
  await Promise.all(registries.splice(0).map((registry) => registry.close()));
});

function setup(options: Partial<WatcherRegistryOptions> = {}): {
  pi: FakePi;
  registry: WatcherRegistry;
  events: WatcherEvent[];
} {
  const pi = createFakePi();
  const events: WatcherEvent[] = [];
  const registry = createWatcherRegistry({
    fetchJob: pi.fetchJob,
    backoff: { baseMs: 1, maxMs: 5, notFoundRetries: 1, notFoundDelayMs: 1 },
    onEvent: (event) => events.push(event),
    ...options,
  });
  registries.push(registry);
  return { pi, registry, events };
}

/** Advances the job, lets the pending long-poll time out, and waits for the watcher to poll again. */
async function step(pi: FakePi, jobId: string): Promise<void> {
  const before = pi.callsFor(jobId).length;
  pi.advance(jobId);
  pi.expirePolls(jobId);
  await waitFor(
    () => pi.callsFor(jobId).length > before && pi.pendingPolls(jobId) === 1,
    2000,
    'the next long-poll',
  );
}

const ALICE = fakeCredential('pi_test_alice');
const BOB = fakeCredential('pi_test_bob');
const BRAND_STEPS = [
  'queued/queued',
  'processing/phase_a_normalization',
  'processing/phase_b_gemini_manifesto',
  'completed/completed',
];

describe('createWatcherRegistry (memory bus)', () => {
  it('should share one watcher and one upstream request at a time among 50 subscribers of one job', async () => {
    const { pi, registry } = setup();
    const jobId = pi.addJob(brandJob('job-50'));
    const readers = Array.from({ length: 50 }, () => consume(registry.subscribe(ALICE, jobId)));
    expect(registry.stats()).toMatchObject({ watchers: 1, subscribers: 50 });

    await waitFor(
      () => readers.every((reader) => reader.seen.length === 1),
      2000,
      'the first state everywhere',
    );
    await waitFor(() => pi.pendingPolls(jobId) === 1, 2000, 'the first long-poll');
    expect(registry.stats()).toMatchObject({
      watchers: 1,
      subscribers: 50,
      requestsInFlight: 1,
      pollers: 1,
    });
    await step(pi, jobId);
    await step(pi, jobId);
    pi.advance(jobId);
    await Promise.all(readers.map((reader) => reader.finished));

    for (const reader of readers) {
      expect(reader.steps()).toEqual(BRAND_STEPS);
      expect(reader.error).toBeUndefined();
    }
    expect(pi.maxInFlight('pi_test_alice', jobId)).toBe(1);
    const calls = pi.callsFor(jobId);
    expect(calls.map((call) => call.waitSeconds)).toEqual([0, 5, 5, 5]);
    expect(registry.stats()).toMatchObject({ watchers: 0, subscribers: 0, requestsInFlight: 0 });
  });

  it('should never yield an older or repeated state after a newer one when Pi answers out of order', async () => {
    const { pi, registry } = setup();
    const states = brandJob('job-stale');
    const jobId = pi.addJob(states);
    const reader = consume(registry.subscribe(ALICE, jobId));
    await waitFor(() => pi.pendingPolls(jobId) === 1);
    pi.advance(jobId);
    await step(pi, jobId);
    await waitFor(() => reader.seen.length === 2);

    // A lagging read returns an older phase, then the same phase again: both must be dropped.
    pi.answerNext(jobId, states[1]!);
    pi.answerNext(jobId, states[2]!);
    pi.answerNext(jobId, states[0]!);
    pi.expirePolls(jobId);
    await waitFor(
      () => pi.callsFor(jobId).length >= 6 && pi.pendingPolls(jobId) === 1,
      2000,
      'the overrides to be read',
    );
    pi.advance(jobId);
    await reader.finished;

    expect(reader.steps()).toEqual([
      'queued/queued',
      'processing/phase_b_gemini_manifesto',
      'completed/completed',
    ]);
  });

  it('should run one watcher per credential for the same job', async () => {
    const { pi, registry } = setup();
    const jobId = pi.addJob(brandJob('job-two-keys'));
    const alice = consume(registry.subscribe(ALICE, jobId));
    const alice2 = consume(registry.subscribe(ALICE, jobId));
    const bob = consume(registry.subscribe(BOB, jobId));
    expect(registry.stats()).toMatchObject({ watchers: 2, subscribers: 3 });
    await waitFor(() => pi.pendingPolls(jobId) === 2);

    const byKey = new Set(pi.callsFor(jobId).map((call) => call.authorization));
    expect(byKey).toEqual(new Set(['Bearer pi_test_alice', 'Bearer pi_test_bob']));
    pi.advance(jobId);
    pi.advance(jobId);
    pi.advance(jobId);
    await Promise.all([alice.finished, alice2.finished, bob.finished]);
    for (const reader of [alice, alice2, bob])
      expect(reader.steps()).toEqual(['queued/queued', 'completed/completed']);
    expect(pi.maxInFlight('pi_test_alice', jobId)).toBe(1);
    expect(pi.maxInFlight('pi_test_bob', jobId)).toBe(1);
  });

  it('should abort the in-flight long-poll and make no further request when the last subscriber leaves', async () => {
    const { pi, registry } = setup();
    const jobId = pi.addJob(brandJob('job-leave'));
    const first = registry.subscribe(ALICE, jobId);
    const controller = new AbortController();
    const second = registry.subscribe(ALICE, jobId, { signal: controller.signal });
    await first.next();
    await second.next();
    await waitFor(() => pi.pendingPolls(jobId) === 1);
    const poll = pi.pendingPoll(jobId)!;

    const pendingNext = first.next();
    await first.return();
    await expect(pendingNext).resolves.toEqual({ done: true, value: undefined });
    expect(poll.aborted).toBe(false);
    controller.abort();
    await waitFor(() => poll.aborted, 1000, 'the long-poll to be aborted');

    const callCount = pi.calls.length;
    registry.notify(jobId);
    pi.advance(jobId);
    pi.expirePolls(jobId);
    await flush();
    expect(pi.calls.length).toBe(callCount);
    expect(registry.stats()).toEqual({
      watchers: 0,
      subscribers: 0,
      requestsInFlight: 0,
      pollers: 0,
      leasesHeld: 0,
    });
    await expect(second.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('should reject the first next() with NOT_FOUND and leave no watcher for a job the key cannot see', async () => {
    const { pi, registry } = setup();
    const jobId = pi.addJob(brandJob('job-foreign'), { visibleTo: ['pi_test_bob'] });
    const subscription = registry.subscribe(ALICE, jobId);

    await expect(subscription.next()).rejects.toMatchObject({
      extensions: { code: ErrorCode.NOT_FOUND },
    });
    await expect(subscription.next()).resolves.toEqual({ done: true, value: undefined });
    expect(registry.stats()).toMatchObject({ watchers: 0, subscribers: 0, requestsInFlight: 0 });
    // One read plus the one retry allowed for a job that was just created (U9), then nothing.
    expect(pi.callsFor(jobId)).toHaveLength(2);
    expect(pi.callsFor(jobId).every((call) => call.waitSeconds === 0)).toBe(true);
  });

  it('should retry a NOT_FOUND right after creation and then stream the job', async () => {
    const { pi, registry } = setup({ backoff: { notFoundRetries: 2, notFoundDelayMs: 1 } });
    const jobId = pi.addJob(brandJob('job-late'), { missingReads: 2 });
    const reader = consume(registry.subscribe(ALICE, jobId));
    await waitFor(() => reader.seen.length === 1);
    expect(reader.steps()).toEqual(['queued/queued']);
    expect(
      pi
        .callsFor(jobId)
        .slice(0, 3)
        .map((call) => call.waitSeconds),
    ).toEqual([0, 0, 0]);
  });

  it('should end the subscription with the FAILED state of a failed job', async () => {
    const { pi, registry } = setup();
    const jobId = pi.addJob(
      jobStates('job-failed', 'avatar_generation', [
        ['queued', 'queued'],
        ['processing', 'processing'],
        ['failed', 'failed'],
      ]),
    );
    const reader = consume(registry.subscribe(ALICE, jobId));
    await waitFor(() => pi.pendingPolls(jobId) === 1);
    await step(pi, jobId);
    pi.advance(jobId);
    await reader.finished;
    expect(reader.steps()).toEqual(['queued/queued', 'processing/processing', 'failed/failed']);
    expect(reader.error).toBeUndefined();
    expect(registry.stats().watchers).toBe(0);
  });

  it('should re-read the job at once when notified and ignore duplicate notifications', async () => {
    const { pi, registry } = setup();
    const jobId = pi.addJob(brandJob('job-notify'));
    const reader = consume(registry.subscribe(ALICE, jobId));
    await waitFor(() => pi.pendingPolls(jobId) === 1);
    const poll = pi.pendingPoll(jobId)!;
    pi.advance(jobId);

    registry.notify(jobId);
    registry.notify(jobId);
    await waitFor(() => reader.seen.length === 2, 2000, 'the re-read state');
    expect(poll.aborted).toBe(true);
    expect(pi.callsFor(jobId).some((call, index) => index > 1 && call.waitSeconds === 0)).toBe(
      true,
    );
    expect(pi.maxInFlight('pi_test_alice', jobId)).toBe(1);

    pi.advance(jobId);
    pi.advance(jobId);
    registry.notify(jobId);
    await reader.finished;
    expect(reader.steps()).toEqual(BRAND_STEPS.filter((_, index) => index !== 2));
  });

  it('should give a late subscriber the latest state without another upstream call', async () => {
    const { pi, registry } = setup();
    const jobId = pi.addJob(brandJob('job-late-subscriber'));
    const early = registry.subscribe(ALICE, jobId);
    await early.next();
    await waitFor(() => pi.pendingPolls(jobId) === 1);
    const calls = pi.calls.length;
    const late = registry.subscribe(ALICE, jobId);
    await expect(late.next()).resolves.toMatchObject({
      done: false,
      value: { id: jobId, status: 'queued' },
    });
    expect(pi.calls.length).toBe(calls);
  });

  it('should keep a slow consumer bounded, dropping old states but never the newest or the terminal one', async () => {
    const { pi, registry, events } = setup({ maxQueuedEvents: 2 });
    const phases = Array.from({ length: 8 }, (_, index): ['processing', string] => [
      'processing',
      `step_${index}`,
    ]);
    const jobId = pi.addJob(
      jobStates('job-slow', 'custom', [
        ['queued', 'queued'],
        ...phases,
        ['completed', 'completed'],
      ]),
    );
    const slow = registry.subscribe(ALICE, jobId);
    const fast = consume(registry.subscribe(ALICE, jobId));
    await waitFor(() => pi.pendingPolls(jobId) === 1);
    for (let index = 0; index < 8; index += 1) await step(pi, jobId);
    pi.advance(jobId);
    await fast.finished;
    expect(fast.seen).toHaveLength(10);

    const slowSeen: string[] = [];
    for await (const job of slow) slowSeen.push(`${job.status}/${String(job.payload?.phase)}`);
    expect(slowSeen).toEqual(['processing/step_7', 'completed/completed']);
    expect(events.filter((event) => event.type === 'subscriber-overflow')).toHaveLength(8);
  });

  it('should tell subscribers with an error when Pi keeps failing', async () => {
    const { pi, registry } = setup({ backoff: { baseMs: 1, maxMs: 2, maxFailures: 3 } });
    const jobId = pi.addJob(brandJob('job-down'));
    const reader = consume(registry.subscribe(ALICE, jobId));
    await waitFor(() => pi.pendingPolls(jobId) === 1);
    for (let index = 0; index < 3; index += 1) {
      pi.answerNext(
        jobId,
        new GatewayError('Pi is unreachable.', { code: ErrorCode.UPSTREAM_UNAVAILABLE }),
      );
    }
    pi.expirePolls(jobId);
    await reader.finished;
    expect(reader.steps()).toEqual(['queued/queued']);
    expect(reader.error).toMatchObject({ extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE } });
    expect(registry.stats().watchers).toBe(0);
  });

  it('should recover from a few transient failures without telling subscribers', async () => {
    const { pi, registry, events } = setup({ backoff: { baseMs: 1, maxMs: 2, maxFailures: 3 } });
    const jobId = pi.addJob(brandJob('job-flaky'));
    const reader = consume(registry.subscribe(ALICE, jobId));
    await waitFor(() => pi.pendingPolls(jobId) === 1);
    pi.answerNext(jobId, new GatewayError('Pi answered 503.', { code: ErrorCode.UPSTREAM_ERROR }));
    pi.answerNext(
      jobId,
      new GatewayError('Slow down.', { code: ErrorCode.RATE_LIMITED, retryAfter: 0 }),
    );
    pi.expirePolls(jobId);
    await waitFor(
      () => pi.pendingPolls(jobId) === 1 && pi.callsFor(jobId).length === 5,
      2000,
      'polling to resume',
    );
    pi.advance(jobId);
    pi.advance(jobId);
    pi.advance(jobId);
    await reader.finished;
    expect(reader.error).toBeUndefined();
    expect(reader.steps()).toEqual(['queued/queued', 'completed/completed']);
    expect(
      events
        .filter((event) => event.type === 'fetch-failed')
        .map((event) => 'code' in event && event.code),
    ).toEqual([ErrorCode.UPSTREAM_ERROR, ErrorCode.RATE_LIMITED]);
  });

  it('should fail at once, without retrying, when the key is rejected', async () => {
    const { pi, registry } = setup();
    const jobId = pi.addJob(brandJob('job-unauth'));
    pi.answerNext(
      jobId,
      new GatewayError('The API key was rejected.', { code: ErrorCode.UNAUTHENTICATED }),
    );
    const subscription = registry.subscribe(ALICE, jobId);
    await expect(subscription.next()).rejects.toMatchObject({
      extensions: { code: ErrorCode.UNAUTHENTICATED },
    });
    expect(pi.callsFor(jobId)).toHaveLength(1);
  });

  it('should complete every subscription and stop polling on close()', async () => {
    const { pi, registry } = setup();
    const jobId = pi.addJob(brandJob('job-close'));
    const subscription = registry.subscribe(ALICE, jobId);
    await subscription.next();
    await waitFor(() => pi.pendingPolls(jobId) === 1);
    const poll = pi.pendingPoll(jobId)!;
    const pendingNext = subscription.next();

    await registry.close();
    await expect(pendingNext).resolves.toEqual({ done: true, value: undefined });
    expect(poll.aborted).toBe(true);
    expect(registry.stats()).toEqual({
      watchers: 0,
      subscribers: 0,
      requestsInFlight: 0,
      pollers: 0,
      leasesHeld: 0,
    });
    await expect(registry.subscribe(ALICE, jobId).next()).resolves.toEqual({
      done: true,
      value: undefined,
    });
  });

  it('should reject an absurdly long job id without any upstream call', async () => {
    const { pi, registry } = setup();
    const subscription = registry.subscribe(ALICE, 'x'.repeat(1000));
    await expect(subscription.next()).rejects.toMatchObject({
      extensions: { code: ErrorCode.NOT_FOUND },
    });
    expect(pi.calls).toHaveLength(0);
  });

  it('should refuse invalid options with one error listing every problem', () => {
    const pi = createFakePi();
    expect(() =>
      createWatcherRegistry({ fetchJob: pi.fetchJob, pollTimeoutSeconds: 0, maxQueuedEvents: 0 }),
    ).toThrow(/pollTimeoutSeconds.*maxQueuedEvents/);
  });
});
