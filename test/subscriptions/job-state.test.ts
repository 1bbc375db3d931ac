import { describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '../../src/errors/index.js';
import type { JobDto } from '../../src/pi/dto.js';
import { createStateQueue } from '../../src/subscriptions/bounded-queue.js';
import { parseBusMessage } from '../../src/subscriptions/bus-message.js';
import { createJobStream } from '../../src/subscriptions/job-stream.js';
import {
  compareJobVersions,
  toVersionKey,
  toVersionedJob,
} from '../../src/subscriptions/job-version.js';
import { createFailureStreak, decideRetry } from '../../src/subscriptions/retry-policy.js';
import type { VersionedJob } from '../../src/subscriptions/types.js';
import { brandJob, jobStates } from './helpers.js';

function versioned(states: JobDto[]): VersionedJob[] {
  const result: VersionedJob[] = [];
  for (const job of states) {
    const next = toVersionedJob(job, result.at(-1));
    if (next !== undefined) result.push(next);
  }
  return result;
}

describe('job versions', () => {
  it('should order the documented phases of one second by their place in the sequence', () => {
    const states = brandJob('job-v').map((job) => ({ ...job, updated_at: 1000 }));
    const [queued, a, b, done] = versioned(states);
    expect(compareJobVersions(queued!.version, a!.version)).toBeLessThan(0);
    expect(compareJobVersions(a!.version, b!.version)).toBeLessThan(0);
    expect(compareJobVersions(b!.version, done!.version)).toBeLessThan(0);
  });

  it('should refuse a state that is older than or the same step as the latest', () => {
    const [queued, a, b] = versioned(brandJob('job-v'));
    expect(toVersionedJob(a!.job, b)).toBeUndefined();
    expect(toVersionedJob(structuredClone(b!.job), b)).toBeUndefined();
    expect(toVersionedJob(queued!.job, a)).toBeUndefined();
  });

  it('should order undocumented phases read in the same second by a tiebreak', () => {
    const states = jobStates('job-x', 'health_scan', [
      ['processing', 'warmup'],
      ['processing', 'scanning'],
    ]).map((job) => ({ ...job, updated_at: '2025-01-01T00:00:00Z' }));
    const [warmup, scanning] = versioned(states);
    expect(scanning).toBeDefined();
    expect(compareJobVersions(warmup!.version, scanning!.version)).toBeLessThan(0);
    expect(toVersionKey(warmup!.version) < toVersionKey(scanning!.version)).toBe(true);
  });

  it('should rank a terminal state above any other', () => {
    const [, , , done] = versioned(brandJob('job-v'));
    const late = { ...brandJob('job-v')[2]!, updated_at: 9_999_999_999 };
    expect(
      compareJobVersions(done!.version, toVersionedJob(late, undefined)!.version),
    ).toBeGreaterThan(0);
  });

  it('should produce fixed-width version keys that sort like the versions', () => {
    const all = versioned(brandJob('job-v'));
    const keys = all.map((state) => toVersionKey(state.version));
    expect(new Set(keys.map((key) => key.length)).size).toBe(1);
    expect([...keys].sort()).toEqual(keys);
  });
});

describe('createStateQueue', () => {
  it('should drop the oldest non-terminal state when full and never the terminal one', () => {
    const states = versioned(brandJob('job-q'));
    const queue = createStateQueue(1);
    queue.push(states[0]!);
    expect(queue.push(states[3]!)).toBe(true);
    expect(queue.push(states[1]!)).toBe(true);
    expect(queue.size).toBe(1);
    expect(queue.shift()?.job.status).toBe('completed');
  });
});

describe('createJobStream', () => {
  it('should settle a pending next() at once on return()', async () => {
    let released = 0;
    const { subscription } = createJobStream({ maxQueued: 4, onRelease: () => (released += 1) });
    const pending = subscription.next();
    await expect(subscription.return()).resolves.toEqual({ done: true, value: undefined });
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    await subscription.return();
    expect(released).toBe(1);
  });

  it('should deliver queued states before an error, then complete', async () => {
    const [queued] = versioned(brandJob('job-s'));
    const { subscription, sink } = createJobStream({ maxQueued: 4, onRelease: () => {} });
    sink.push(queued!);
    sink.fail(new GatewayError('Gone.', { code: ErrorCode.NOT_FOUND }));
    await expect(subscription.next()).resolves.toMatchObject({
      done: false,
      value: { status: 'queued' },
    });
    await expect(subscription.next()).rejects.toMatchObject({
      extensions: { code: ErrorCode.NOT_FOUND },
    });
    await expect(subscription.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('should drop duplicates and older states pushed in any order', async () => {
    const [queued, a, b, done] = versioned(brandJob('job-s'));
    const { subscription, sink } = createJobStream({ maxQueued: 8, onRelease: () => {} });
    for (const state of [a!, queued!, a!, b!, a!, done!, b!]) sink.push(state);
    const seen: string[] = [];
    for await (const job of subscription) seen.push(String(job.payload?.phase));
    expect(seen).toEqual(['phase_a_normalization', 'phase_b_gemini_manifesto', 'completed']);
  });

  it('should release the subscriber when its signal aborts', async () => {
    const controller = new AbortController();
    let released = false;
    const { subscription } = createJobStream({
      maxQueued: 2,
      signal: controller.signal,
      onRelease: () => (released = true),
    });
    const pending = subscription.next();
    controller.abort();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(released).toBe(true);
  });
});

describe('decideRetry', () => {
  const policy = {
    baseMs: 100,
    maxMs: 1000,
    maxFailures: 3,
    failureBudgetMs: 10_000,
    notFoundRetries: 1,
    notFoundDelayMs: 50,
  };

  it('should wait at least Retry-After on RATE_LIMITED', () => {
    const error = new GatewayError('Slow down.', { code: ErrorCode.RATE_LIMITED, retryAfter: 7 });
    expect(decideRetry(error, createFailureStreak(), policy, 0, () => 0)).toEqual({
      kind: 'retry',
      code: ErrorCode.RATE_LIMITED,
      delayMs: 7000,
    });
  });

  it('should give up after the failure budget even before the failure count', () => {
    const streak = createFailureStreak();
    const error = new GatewayError('Down.', { code: ErrorCode.UPSTREAM_UNAVAILABLE });
    expect(decideRetry(error, streak, policy, 0).kind).toBe('retry');
    const decision = decideRetry(error, streak, policy, 10_000);
    expect(decision).toMatchObject({
      kind: 'give-up',
      error: { extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE } },
    });
  });

  it('should back off exponentially with jitter inside the cap', () => {
    const streak = createFailureStreak();
    const error = new GatewayError('Down.', { code: ErrorCode.UPSTREAM_ERROR });
    const big = { ...policy, maxFailures: 100, failureBudgetMs: Infinity };
    const delays = Array.from({ length: 6 }, () => decideRetry(error, streak, big, 0, () => 1));
    expect(delays.map((decision) => (decision.kind === 'retry' ? decision.delayMs : -1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('should give up on NOT_FOUND after the allowed retries', () => {
    const streak = createFailureStreak();
    const error = new GatewayError('Job x was not found.', { code: ErrorCode.NOT_FOUND });
    expect(decideRetry(error, streak, policy)).toEqual({
      kind: 'retry',
      code: ErrorCode.NOT_FOUND,
      delayMs: 50,
    });
    expect(decideRetry(error, streak, policy)).toEqual({ kind: 'give-up', error });
  });
});

describe('parseBusMessage', () => {
  it('should accept well-formed messages and drop malformed ones', () => {
    const [queued] = versioned(brandJob('job-m'));
    expect(parseBusMessage(JSON.stringify({ type: 'state', ...queued }))).toEqual({
      type: 'state',
      state: queued,
    });
    expect(
      parseBusMessage(JSON.stringify({ type: 'error', code: 'NOT_FOUND', message: 'Gone.' })),
    ).toMatchObject({
      type: 'error',
      error: { message: 'Gone.', extensions: { code: 'NOT_FOUND' } },
    });
    expect(parseBusMessage('{')).toBeUndefined();
    expect(
      parseBusMessage(JSON.stringify({ type: 'state', version: [1, 2], job: queued!.job })),
    ).toBeUndefined();
    expect(
      parseBusMessage(JSON.stringify({ type: 'error', code: 'SOMETHING_ELSE', message: 'x' })),
    ).toBeUndefined();
  });
});
