import { isTerminalJob } from './job-version.js';
import type { VersionedJob } from './types.js';

/** A FIFO of job states with a hard capacity. */
export interface StateQueue {
  /** Appends; when full, first drops the oldest non-terminal state. Returns whether one was dropped. */
  push(state: VersionedJob): boolean;
  shift(): VersionedJob | undefined;
  clear(): void;
  readonly size: number;
}

/**
 * Creates the bounded queue of one subscriber. Events are whole states, so a consumer that falls
 * behind loses nothing by skipping intermediate ones: on overflow the oldest non-terminal state is
 * dropped, the newest is kept, and a terminal state is never dropped. Memory per subscriber is at
 * most `capacity` references to states shared by all subscribers.
 * Fails with a `RangeError` when `capacity` is not an integer ≥ 1.
 */
export function createStateQueue(capacity: number): StateQueue {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError('Queue capacity must be an integer ≥ 1.');
  let items: VersionedJob[] = [];
  return {
    push(state) {
      let dropped = false;
      if (items.length >= capacity) {
        const oldest = items.findIndex((item) => !isTerminalJob(item.job));
        // Only terminal states queued (cannot happen for one job): keep them, refuse the newcomer.
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
