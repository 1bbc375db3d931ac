import { createBoundedQueue } from './bounded-queue.js';
import type { BoundedQueue } from './bounded-queue.js';

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
const ENDED: Ending = { kind: 'done' };

/**
 * Creates one subscriber's stream: a hand-written async iterator (not an async generator, so that
 * `return()` settles a pending `next()` at once instead of queueing behind it) over a bounded queue
 * that drops the oldest non-terminal state when the consumer falls behind. Fails with a
 * `RangeError` when `maxQueued` is not an integer ≥ 1.
 */
export function createStateStream<S, T>(
  options: StateStreamOptions<S, T>,
): { subscription: StateSubscription<T>; sink: StateStreamSink<S> } {
  const stream = new StateStream(options);
  return { subscription: stream, sink: stream };
}

// One object is both sides, with its methods on the prototype: thousands of subscribers each
// holding a dozen closures was most of a subscription's heap.
class StateStream<S, T> implements StateSubscription<T>, StateStreamSink<S> {
  readonly #options: StateStreamOptions<S, T>;
  readonly #queue: BoundedQueue<S>;
  #waiters: Waiter<T>[] = [];
  #last: S | undefined;
  #ending: Ending | undefined;
  #finished = false;
  #released = false;

  constructor(options: StateStreamOptions<S, T>) {
    this.#options = options;
    this.#queue = createBoundedQueue(options.maxQueued, options.isTerminal);
    if (options.signal?.aborted === true) void this.#stop();
    else options.signal?.addEventListener('abort', this, { once: true });
  }

  /** The signal's `abort` listener (an `EventListenerObject`, so no closure per stream). */
  handleEvent(): void {
    void this.#stop();
  }

  push(state: S): void {
    if (this.#finished || this.#ending !== undefined) return;
    const options = this.#options;
    if (this.#last !== undefined && options.follows?.(state, this.#last) === false) return;
    this.#last = state;
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) waiter.resolve({ done: false, value: options.valueOf(state) });
    else if (this.#queue.push(state)) options.onOverflow?.();
    if (options.isTerminal(state)) {
      this.#ending = ENDED;
      this.#settleWaiters();
    }
  }

  end(): void {
    if (this.#finished || this.#ending !== undefined) return;
    this.#ending = ENDED;
    this.#settleWaiters();
  }

  fail(error: unknown): void {
    if (this.#finished || this.#ending !== undefined) return;
    this.#ending = { kind: 'error', error };
    this.#settleWaiters();
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#finished) return Promise.resolve(DONE);
    const state = this.#queue.shift();
    if (state !== undefined)
      return Promise.resolve({ done: false, value: this.#options.valueOf(state) });
    if (this.#ending !== undefined) return this.#deliverEnding(this.#ending);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<T, undefined>> {
    return this.#stop();
  }

  throw(): Promise<IteratorResult<T, undefined>> {
    return this.#stop();
  }

  [Symbol.asyncIterator](): StateSubscription<T> {
    return this;
  }

  #release(): void {
    if (this.#released) return;
    this.#released = true;
    this.#options.signal?.removeEventListener('abort', this);
    this.#options.onRelease();
  }

  #deliverEnding(end: Ending): Promise<IteratorResult<T, undefined>> {
    this.#finished = true;
    this.#release();
    return end.kind === 'error' ? Promise.reject(end.error) : Promise.resolve(DONE);
  }

  #settleWaiters(): void {
    const end = this.#ending;
    if (end === undefined || this.#queue.size > 0 || this.#waiters.length === 0) return;
    let first = true;
    for (const waiter of this.#waiters.splice(0)) {
      if (first && end.kind === 'error') waiter.reject(end.error);
      else waiter.resolve(DONE);
      first = false;
    }
    this.#finished = true;
    this.#release();
  }

  #stop(): Promise<IteratorResult<T, undefined>> {
    if (!this.#finished) {
      this.#finished = true;
      this.#queue.clear();
      for (const waiter of this.#waiters.splice(0)) waiter.resolve(DONE);
      this.#release();
    }
    return Promise.resolve(DONE);
  }
}
