import { isTerminalJob } from './job-version.js';
import type { VersionedJob } from './types.js';

/** A FIFO of whole states with a hard capacity. */
export interface BoundedQueue<S> {
  /** Appends; when full, first drops the oldest non-terminal state. Returns whether one was dropped. */
  push(state: S): boolean;
  shift(): S | undefined;
  clear(): void;
  readonly size: number;
}

/** The bounded queue of job states (see `createBoundedQueue`). */
export type StateQueue = BoundedQueue<VersionedJob>;

/**
 * Creates the bounded queue of one subscriber. Events are whole states, so a consumer that falls
 * behind loses nothing by skipping intermediate ones: on overflow the oldest non-terminal state is
 * dropped, the newest is kept, and a terminal state is never dropped. Memory per subscriber is at
 * most `capacity` references to states shared by all subscribers.
 * Fails with a `RangeError` when `capacity` is not an integer ≥ 1.
 */
export function createBoundedQueue<S>(
  capacity: number,
  isTerminal: (state: S) => boolean,
): BoundedQueue<S> {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError('Queue capacity must be an integer ≥ 1.');
  let items: S[] = [];
  return {
    push(state) {
      let dropped = false;
      if (items.length >= capacity) {
        const oldest = items.findIndex((item) => !isTerminal(item));
        // Only terminal states queued (cannot happen for one job or run): keep them, refuse the newcomer.
        if (oldest === -1) return true;
        items.splice(oldest, 1);
        dropped = true;
      }
      items.push(state);
      return dropped;
    },
    shift() {
      return items.shift();
    },
    clear() {
      items = [];
    },
    get size() {
      return items.length;
    },
  };
}

/** `createBoundedQueue` of job states. Fails like it. */
export function createStateQueue(capacity: number): StateQueue {
  return createBoundedQueue(capacity, (state: VersionedJob) => isTerminalJob(state.job));
}
