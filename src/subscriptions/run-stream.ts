import type { RunDto } from '../pi/dto.js';
import { isTerminalRun } from './run-state.js';
import type { RunSubscription } from './run-types.js';

/** The watcher's side of one run subscriber. */
export interface RunStreamSink {
  /** Queues a state (the watcher only pushes changes, in order); a terminal one ends the stream. */
  push(run: RunDto): void;
  /** Completes the stream once the queued states are consumed. */
  end(): void;
  /** Rejects the next `next()` with `error` once the queued states are consumed, then completes. */
  fail(error: unknown): void;
}

export interface RunStreamOptions {
  /** Capacity of the subscriber's queue (≥ 1). */
  maxQueued: number;
  /** Called once when the subscriber is gone: `return()`, `throw()`, the signal, or the end was read. */
  onRelease: () => void;
  /** Aborting it acts like `return()`. */
  signal?: AbortSignal;
}

type Ending = { kind: 'done' } | { kind: 'error'; error: unknown };

interface Waiter {
  resolve(result: IteratorResult<RunDto, undefined>): void;
  reject(error: unknown): void;
}

const DONE: IteratorResult<RunDto, undefined> = { done: true, value: undefined };

/**
 * Creates one run subscriber's stream: a hand-written async iterator (so `return()` settles a
 * pending `next()` at once) over a bounded queue. When the consumer falls behind, the oldest
 * non-terminal state is dropped: states are whole runs, so skipping one loses nothing the next
 * does not say, and memory per subscriber stays at `maxQueued` shared references.
 */
export function createRunStream(options: RunStreamOptions): {
  subscription: RunSubscription;
  sink: RunStreamSink;
} {
  let queue: RunDto[] = [];
  const waiters: Waiter[] = [];
  let ending: Ending | undefined;
  let finished = false;
  let released = false;

  const release = (): void => {
    if (released) return;
    released = true;
    options.signal?.removeEventListener('abort', onAbort);
    options.onRelease();
  };

  const settleWaiters = (): void => {
    if (ending === undefined || queue.length > 0 || waiters.length === 0) return;
    const end = ending;
    waiters.splice(0).forEach((waiter, index) => {
      if (index === 0 && end.kind === 'error') waiter.reject(end.error);
      else waiter.resolve(DONE);
    });
    finished = true;
    release();
  };

  const stop = (): Promise<IteratorResult<RunDto, undefined>> => {
    if (!finished) {
      finished = true;
      queue = [];
      for (const waiter of waiters.splice(0)) waiter.resolve(DONE);
      release();
    }
    return Promise.resolve(DONE);
  };

  function onAbort(): void {
    void stop();
  }
  if (options.signal?.aborted === true) void stop();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const sink: RunStreamSink = {
    push(run) {
      if (finished || ending !== undefined) return;
      const waiter = waiters.shift();
      if (waiter !== undefined) {
        waiter.resolve({ done: false, value: run });
      } else {
        if (queue.length >= options.maxQueued) {
          const oldest = queue.findIndex((item) => !isTerminalRun(item));
          if (oldest !== -1) queue.splice(oldest, 1);
        }
        queue.push(run);
      }
      if (isTerminalRun(run)) {
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

  const subscription: RunSubscription = {
    next() {
      if (finished) return Promise.resolve(DONE);
      const run = queue.shift();
      if (run !== undefined) return Promise.resolve({ done: false, value: run });
      if (ending !== undefined) {
        finished = true;
        release();
        return ending.kind === 'error' ? Promise.reject(ending.error) : Promise.resolve(DONE);
      }
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
