import { createBoundedQueue } from './bounded-queue.js';

/** The watcher's side of one subscriber. */
export interface StateStreamSink<S> {
  /** Queues a state (one `follows` refuses is ignored); a terminal one ends the stream. */
  push(state: S): void;
  /** Completes the stream once the queued states are consumed. */
  end(): void;
  /** Rejects the next `next()` with `error` once the queued states are consumed, then completes. */
  fail(error: unknown): void;
}

/** What every stream takes from its registry. */
export interface StreamOptions {
  /** Capacity of the subscriber's queue (see `createBoundedQueue`). */
  maxQueued: number;
  /** Called once when the subscriber is gone: `return()`, `throw()`, the signal, or the end was read. */
  onRelease: () => void;
  /** Called when a slow consumer made the queue drop a state. */
  onOverflow?: () => void;
  /** Aborting it acts like `return()`; an already aborted one ends the stream at once. */
  signal?: AbortSignal;
}

/** How a stream reads its states (a job's or a run's). */
export interface StateStreamOptions<S, T> extends StreamOptions {
  /** What the consumer receives for a state. */
  valueOf: (state: S) => T;
  isTerminal: (state: S) => boolean;
  /** Whether `state` may follow `last`, the last state accepted. @default always */
  follows?: (state: S, last: S) => boolean;
}

/**
 * The stream of one subscriber: `return()` releases it at once, also while a `next()` is pending.
 */
export interface StateSubscription<T> extends AsyncIterableIterator<T> {
  next(): Promise<IteratorResult<T, undefined>>;
  return(): Promise<IteratorResult<T, undefined>>;
  throw(error?: unknown): Promise<IteratorResult<T, undefined>>;
  [Symbol.asyncIterator](): StateSubscription<T>;
}

type Ending = { kind: 'done' } | { kind: 'error'; error: unknown };

interface Waiter<T> {
  resolve(result: IteratorResult<T, undefined>): void;
  reject(error: unknown): void;
}

const DONE: IteratorResult<never, undefined> = { done: true, value: undefined };

/**
 * Creates one subscriber's stream: a hand-written async iterator (not an async generator, so that
 * `return()` settles a pending `next()` at once instead of queueing behind it) over a bounded queue
 * that drops the oldest non-terminal state when the consumer falls behind. Fails with a
 * `RangeError` when `maxQueued` is not an integer ≥ 1.
 */
export function createStateStream<S, T>(
  options: StateStreamOptions<S, T>,
): { subscription: StateSubscription<T>; sink: StateStreamSink<S> } {
  const queue = createBoundedQueue(options.maxQueued, options.isTerminal);
  const waiters: Waiter<T>[] = [];
  let last: S | undefined;
  let ending: Ending | undefined;
  let finished = false;
  let released = false;

  const release = (): void => {
    if (released) return;
    released = true;
    options.signal?.removeEventListener('abort', onAbort);
    options.onRelease();
  };

  const deliverEnding = (end: Ending): Promise<IteratorResult<T, undefined>> => {
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

  const stop = (): Promise<IteratorResult<T, undefined>> => {
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
  if (options.signal?.aborted === true) void stop();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const sink: StateStreamSink<S> = {
    push(state) {
      if (finished || ending !== undefined) return;
      if (last !== undefined && options.follows?.(state, last) === false) return;
      last = state;
      const waiter = waiters.shift();
      if (waiter !== undefined) waiter.resolve({ done: false, value: options.valueOf(state) });
      else if (queue.push(state)) options.onOverflow?.();
      if (options.isTerminal(state)) {
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

  const subscription: StateSubscription<T> = {
    next() {
      if (finished) return Promise.resolve(DONE);
      const state = queue.shift();
      if (state !== undefined)
        return Promise.resolve({ done: false, value: options.valueOf(state) });
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
