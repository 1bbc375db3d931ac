import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWatcherRegistry, toCredentialId } from '../../src/subscriptions/index.js';
import type {
  WatcherEvent,
  WatcherRegistry,
  WatcherRegistryOptions,
} from '../../src/subscriptions/index.js';
import { startRedis } from '../helpers/redis.js';
import type { RunningRedis } from '../helpers/redis.js';
import { brandJob, consume, createFakePi, fakeCredential, waitFor } from './helpers.js';
import type { FakePi } from './helpers.js';

const ALICE = fakeCredential('pi_test_alice');
const BRAND_STEPS = [
  'queued/queued',
  'processing/phase_a_normalization',
  'processing/phase_b_gemini_manifesto',
  'completed/completed',
];

let redis: RunningRedis;
let client: Redis;
const registries: WatcherRegistry[] = [];

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  client.on('error', () => {});
});

afterEach(async () => {
  await Promise.all(registries.splice(0).map((registry) => registry.close()));
});

afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

interface Replica {
  name: string;
  registry: WatcherRegistry;
  events: WatcherEvent[];
}

function replica(pi: FakePi, name: string, options: Partial<WatcherRegistryOptions> = {}): Replica {
  const events: WatcherEvent[] = [];
  const registry = createWatcherRegistry({
    fetchJob: pi.fetchJobFor(name),
    bus: { redisUrl: redis.url },
    leaseMs: 400,
    replicaId: name,
    backoff: { baseMs: 5, maxMs: 20 },
    onEvent: (event) => events.push(event),
    ...options,
  });
  registries.push(registry);
  return { name, registry, events };
}

/** The replica whose watcher made the long-polls so far (throws if both did). */
function pollerOf(pi: FakePi, jobId: string): string {
  const tags = new Set(
    pi
      .callsFor(jobId)
      .filter((call) => call.waitSeconds > 0)
      .map((call) => call.tag),
  );
  if (tags.size !== 1)
    throw new Error(`Expected one polling replica, saw ${[...tags].join(', ') || 'none'}`);
  return [...tags][0]!;
}

async function step(pi: FakePi, jobId: string): Promise<void> {
  const before = pi.callsFor(jobId).length;
  pi.advance(jobId);
  pi.expirePolls(jobId);
  await waitFor(
    () => pi.callsFor(jobId).length > before && pi.pendingPolls(jobId) === 1,
    3000,
    'the next long-poll',
  );
}

/** Checks `invariant` on every event-loop turn for `ms` (an observation window, not a synchronisation). */
async function holdsFor(ms: number, invariant: () => void): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    invariant();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('createWatcherRegistry (Redis bus)', () => {
  it('should let exactly one of two replicas poll a job while both serve their subscribers', async () => {
    const pi = createFakePi();
    const jobId = pi.addJob(brandJob(randomUUID()));
    // A lease long enough that a stalled event loop on a loaded CI machine does not let it lapse
    // (a lapse is a legitimate hand-over, which would add a catch-up read this test counts).
    const a = replica(pi, 'a', { leaseMs: 1500 });
    const b = replica(pi, 'b', { leaseMs: 1500 });
    const readersA = [
      consume(a.registry.subscribe(ALICE, jobId)),
      consume(a.registry.subscribe(ALICE, jobId)),
    ];
    const readersB = [
      consume(b.registry.subscribe(ALICE, jobId)),
      consume(b.registry.subscribe(ALICE, jobId)),
    ];
    const readers = [...readersA, ...readersB];
    await waitFor(
      () => readers.every((reader) => reader.seen.length === 1),
      3000,
      'the first state everywhere',
    );
    await waitFor(() => pi.pendingPolls(jobId) === 1, 3000, 'a long-poll');

    // Across several lease periods (renewals by the holder, claims by the other) one replica polls.
    await holdsFor(2000, () => {
      expect(a.registry.stats().pollers + b.registry.stats().pollers).toBe(1);
      expect(a.registry.stats().leasesHeld + b.registry.stats().leasesHeld).toBe(1);
      expect(pi.inFlight(jobId)).toBe(1);
    });
    await step(pi, jobId);
    await step(pi, jobId);
    pi.advance(jobId);
    await Promise.all(readers.map((reader) => reader.finished));

    for (const reader of readers) expect(reader.steps()).toEqual(BRAND_STEPS);
    expect(pollerOf(pi, jobId)).toMatch(/^[ab]$/);
    // One plain read per replica for the first state; every further one would be a hand-over.
    expect(pi.callsFor(jobId).filter((call) => call.waitSeconds === 0).length).toBeLessThanOrEqual(
      2,
    );
    const acquired = [...a.events, ...b.events].filter((event) => event.type === 'lease-acquired');
    expect(acquired).toHaveLength(1);
    expect(pi.maxLongPolls(jobId)).toBe(1);
  });

  it('should start a late replica from the stored state without an upstream call', async () => {
    const pi = createFakePi();
    const jobId = pi.addJob(brandJob(randomUUID()));
    const a = replica(pi, 'a');
    const first = a.registry.subscribe(ALICE, jobId);
    await first.next();
    const stateKey = `pi-gw:state:${toCredentialId(ALICE)}:${jobId}`;
    let stored = 0;
    await waitFor(
      () => {
        void client.exists(stateKey).then((count) => (stored = count));
        return stored === 1;
      },
      3000,
      'the stored state',
    );

    const b = replica(pi, 'b');
    const late = b.registry.subscribe(ALICE, jobId);
    await expect(late.next()).resolves.toMatchObject({
      done: false,
      value: { id: jobId, status: 'queued' },
    });
    expect(pi.calls.filter((call) => call.tag === 'b')).toHaveLength(0);
  });

  it('should hand polling over when the polling replica dies mid-job', async () => {
    const pi = createFakePi();
    const jobId = pi.addJob(brandJob(randomUUID()));
    const a = replica(pi, 'a');
    const b = replica(pi, 'b');
    const readerA = consume(a.registry.subscribe(ALICE, jobId));
    const readerB = consume(b.registry.subscribe(ALICE, jobId));
    await waitFor(
      () => readerA.seen.length === 1 && readerB.seen.length === 1,
      3000,
      'the first states',
    );
    await waitFor(() => pi.pendingPolls(jobId) === 1, 3000, 'a long-poll');
    const [dead, alive, aliveReader] =
      pollerOf(pi, jobId) === 'a' ? [a, b, readerB] : [b, a, readerA];
    const deadPoll = pi.pendingPoll(jobId)!;

    const killedAt = Date.now();
    await dead.registry.close({ releaseLeases: false });
    expect(deadPoll.aborted).toBe(true);
    pi.advance(jobId);
    await waitFor(() => alive.registry.stats().pollers === 1, 5000, 'the takeover');
    const takeoverMs = Date.now() - killedAt;
    // The lease outlives its holder by at most leaseMs; the other replica tries every leaseMs / 2.
    expect(takeoverMs).toBeLessThan(400 * 2 + 400);
    expect(alive.events).toContainEqual({ type: 'lease-acquired', jobId });

    await waitFor(() => aliveReader.seen.length === 2, 3000, 'the state read by the new poller');
    await waitFor(() => pi.pendingPolls(jobId) === 1, 3000, 'the new poller to long-poll');
    pi.advance(jobId);
    pi.advance(jobId);
    await aliveReader.finished;
    expect(aliveReader.steps()).toEqual([BRAND_STEPS[0], BRAND_STEPS[1], BRAND_STEPS[3]]);
    expect(
      pi
        .callsFor(jobId)
        .filter((call) => call.waitSeconds > 0 && !call.aborted)
        .every((call) => call.tag === alive.name),
    ).toBe(true);
  });

  it('should re-read and emit the current state on every replica after Redis restarts', async () => {
    const pi = createFakePi();
    const jobId = pi.addJob(brandJob(randomUUID()));
    // A lease long enough that the outage below never makes the follower poll on its own.
    const a = replica(pi, 'a', { leaseMs: 3000 });
    const b = replica(pi, 'b', { leaseMs: 3000 });
    const readerA = consume(a.registry.subscribe(ALICE, jobId));
    const readerB = consume(b.registry.subscribe(ALICE, jobId));
    await waitFor(
      () => readerA.seen.length === 1 && readerB.seen.length === 1,
      3000,
      'the first states',
    );
    await waitFor(() => pi.pendingPolls(jobId) === 1, 3000, 'a long-poll');
    const [poller, follower, pollerReader, followerReader] =
      pollerOf(pi, jobId) === 'a' ? [a, b, readerA, readerB] : [b, a, readerB, readerA];

    await redis.stop();
    pi.advance(jobId);
    pi.expirePolls(jobId);
    await waitFor(
      () => pollerReader.seen.length === 2,
      3000,
      'the poller to see the change while Redis is down',
    );
    expect(followerReader.seen).toHaveLength(1);
    expect(follower.registry.stats().pollers).toBe(0);
    await redis.start();

    await waitFor(
      () => followerReader.seen.length === 2,
      8000,
      'the follower to catch up after the restart',
    );
    expect(follower.events).toContainEqual({ type: 'redis-reconnected' });
    await waitFor(
      () => poller.events.some((event) => event.type === 'redis-reconnected'),
      5000,
      'the poller to reconnect too',
    );
    await waitFor(() => pi.pendingPolls(jobId) === 1, 3000, 'polling to resume');
    pi.advance(jobId);
    pi.advance(jobId);
    await Promise.all([pollerReader.finished, followerReader.finished]);
    for (const reader of [pollerReader, followerReader]) {
      expect(reader.steps()).toEqual([BRAND_STEPS[0], BRAND_STEPS[1], BRAND_STEPS[3]]);
    }
  });

  it('should make the polling replica re-read when another replica receives the webhook', async () => {
    const pi = createFakePi();
    const jobId = pi.addJob(brandJob(randomUUID()));
    const a = replica(pi, 'a');
    const b = replica(pi, 'b');
    const readerA = consume(a.registry.subscribe(ALICE, jobId));
    const readerB = consume(b.registry.subscribe(ALICE, jobId));
    await waitFor(
      () => readerA.seen.length === 1 && readerB.seen.length === 1,
      3000,
      'the first states',
    );
    await waitFor(() => pi.pendingPolls(jobId) === 1, 3000, 'a long-poll');
    const follower = pollerOf(pi, jobId) === 'a' ? b : a;
    const poll = pi.pendingPoll(jobId)!;

    pi.advance(jobId);
    follower.registry.notify(jobId);
    await waitFor(
      () => readerA.seen.length === 2 && readerB.seen.length === 2,
      3000,
      'the re-read state',
    );
    expect(poll.aborted).toBe(true);
    expect(readerA.steps()).toEqual(BRAND_STEPS.slice(0, 2));
  });

  it('should hand polling over at once when the poller leaves, and stop everything when all have left', async () => {
    const pi = createFakePi();
    const jobId = pi.addJob(brandJob(randomUUID()));
    // A long lease: a takeover this quick can only come from the release, not from expiry.
    const a = replica(pi, 'a', { leaseMs: 4000 });
    const b = replica(pi, 'b', { leaseMs: 4000 });
    const subscriptionA = a.registry.subscribe(ALICE, jobId);
    const subscriptionB = b.registry.subscribe(ALICE, jobId);
    await subscriptionA.next();
    await subscriptionB.next();
    await waitFor(() => pi.pendingPolls(jobId) === 1, 3000, 'a long-poll');
    const pollerIsA = pollerOf(pi, jobId) === 'a';
    const [leaving, staying] = pollerIsA
      ? [subscriptionA, subscriptionB]
      : [subscriptionB, subscriptionA];
    const stayingReplica = pollerIsA ? b : a;
    const oldPoll = pi.pendingPoll(jobId)!;

    const leftAt = Date.now();
    await leaving.return();
    await waitFor(() => stayingReplica.registry.stats().pollers === 1, 3000, 'the handover');
    // Expiry would take over 2.6 s (last renewal at most 4000 / 3 before the leave).
    expect(Date.now() - leftAt).toBeLessThan(2000);
    expect(oldPoll.aborted).toBe(true);
    await waitFor(() => pi.pendingPolls(jobId) === 1, 3000, 'the new long-poll');
    expect(pi.pendingPoll(jobId)!.tag).toBe(stayingReplica.name);

    const newPoll = pi.pendingPoll(jobId)!;
    await staying.return();
    await waitFor(() => newPoll.aborted, 3000, 'the last long-poll to be aborted');
    const leaseKey = `pi-gw:lease:${toCredentialId(ALICE)}:${jobId}`;
    let leases = -1;
    await waitFor(
      () => {
        void client.exists(leaseKey).then((count) => (leases = count));
        return leases === 0;
      },
      3000,
      'the lease to be deleted',
    );
    const calls = pi.calls.length;
    a.registry.notify(jobId);
    pi.advance(jobId);
    pi.expirePolls(jobId);
    await holdsFor(300, () => expect(pi.calls.length).toBe(calls));
    expect([a.registry.stats(), b.registry.stats()]).toEqual([
      { watchers: 0, subscribers: 0, requestsInFlight: 0, pollers: 0, leasesHeld: 0 },
      { watchers: 0, subscribers: 0, requestsInFlight: 0, pollers: 0, leasesHeld: 0 },
    ]);
  });

  it('should fail the subscribers of every replica with NOT_FOUND for a job the key cannot see', async () => {
    const pi = createFakePi();
    const jobId = pi.addJob(brandJob(randomUUID()), { visibleTo: ['pi_test_bob'] });
    const a = replica(pi, 'a', { backoff: { notFoundRetries: 1, notFoundDelayMs: 5 } });
    const b = replica(pi, 'b', { backoff: { notFoundRetries: 1, notFoundDelayMs: 5 } });
    const subscriptionA = a.registry.subscribe(ALICE, jobId);
    const subscriptionB = b.registry.subscribe(ALICE, jobId);
    await expect(subscriptionA.next()).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await expect(subscriptionB.next()).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(a.registry.stats().watchers + b.registry.stats().watchers).toBe(0);
    expect(pi.calls.every((call) => call.waitSeconds === 0)).toBe(true);
  });
});
