import type { JobDto } from '../pi/dto.js';
import { createStateQueue } from './bounded-queue.js';
import { compareJobVersions, isTerminalJob } from './job-version.js';
import type { JobSubscription, JobVersion, VersionedJob } from './types.js';

/** The watcher's side of one subscriber. */
export interface JobStreamSink {
  /** Queues a state; ignores one not newer than the last accepted (duplicates, stale messages). */
  push(state: VersionedJob): void;
  /** Completes the stream once the queued states are consumed. */
  end(): void;
  /** Rejects the next `next()` with `error` once the queued states are consumed, then completes. */
  fail(error: unknown): void;
}

export interface JobStreamOptions {
  /** Capacity of the subscriber's queue (see `createStateQueue`). */
  maxQueued: number;
  /** Called once when the subscriber is gone: `return()`, `throw()`, the signal, or the end was read. */
  onRelease: () => void;
  /** Called when a slow consumer made the queue drop a state. */
  onOverflow?: () => void;
  /** Aborting it acts like `return()`. Must not be aborted yet. */
  signal?: AbortSignal;
}

type Ending = { kind: 'done' } | { kind: 'error'; error: unknown };

interface Waiter {
  resolve(result: IteratorResult<JobDto, undefined>): void;
  reject(error: unknown): void;
}

const DONE: IteratorResult<JobDto, undefined> = { done: true, value: undefined };

/**
 * Creates one subscriber's stream: a hand-written async iterator (not an async generator, so that
 * `return()` settles a pending `next()` at once instead of queueing behind it) over a bounded queue.
 * Versions only move forward: a state not newer than the last one accepted is dropped, so the
 * consumer never sees an older state after a newer one, whatever order the watcher got them in.
 */
export function createJobStream(options: JobStreamOptions): {
  subscription: JobSubscription;
  sink: JobStreamSink;
} {
  const queue = createStateQueue(options.maxQueued);
  const waiters: Waiter[] = [];
  let last: JobVersion | undefined;
  let ending: Ending | undefined;
  let finished = false;
  let released = false;

  const release = (): void => {
    if (released) return;
    released = true;
    options.signal?.removeEventListener('abort', onAbort);
    options.onRelease();
  };

  const deliverEnding = (end: Ending): Promise<IteratorResult<JobDto, undefined>> => {
    finished = true;
    release();
    return end.kind === 'error' ? Promise.reject(end.error) : Promise.resolve(DONE);
  };

  const settleWaiters = (): void => {
    if (ending === undefined || queue.size > 0 || waiters.length === 0) return;
    const end = ending;
    let first = true;
    for (const waiter of waiters.splice(0)) {
      if (first && end.kind === 'error') waiter.reject(end.error);
      else waiter.resolve(DONE);
      first = false;
    }
    finished = true;
    release();
  };

  const stop = (): Promise<IteratorResult<JobDto, undefined>> => {
    if (!finished) {
      finished = true;
      queue.clear();
      for (const waiter of waiters.splice(0)) waiter.resolve(DONE);
      release();
    }
    return Promise.resolve(DONE);
  };

  function onAbort(): void {
    void stop();
  }
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const sink: JobStreamSink = {
    push(state) {
      if (finished || ending !== undefined) return;
      if (last !== undefined && compareJobVersions(state.version, last) <= 0) return;
      last = state.version;
      const waiter = waiters.shift();
      if (waiter !== undefined) waiter.resolve({ done: false, value: state.job });
      else if (queue.push(state)) options.onOverflow?.();
      if (isTerminalJob(state.job)) {
        ending = { kind: 'done' };
        settleWaiters();
      }
    },
    end() {
      if (finished || ending !== undefined) return;
      ending = { kind: 'done' };
      settleWaiters();
    },
    fail(error) {
      if (finished || ending !== undefined) return;
      ending = { kind: 'error', error };
      settleWaiters();
    },
  };

  const subscription: JobSubscription = {
    next() {
      if (finished) return Promise.resolve(DONE);
      const state = queue.shift();
      if (state !== undefined) return Promise.resolve({ done: false, value: state.job });
      if (ending !== undefined) return deliverEnding(ending);
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    return: stop,
    throw: stop,
    [Symbol.asyncIterator]() {
      return subscription;
    },
  };
  return { subscription, sink };
}
