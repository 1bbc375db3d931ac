/**
 * The public contracts of the run watchers behind `Subscription.runUpdated`. Like the job
 * watchers, nothing here knows about GraphQL execution or HTTP: the upstream read is injected.
 */
import type { RunDto } from '../pi/dto.js';
import type { FetchRun } from '../pi/run-fetcher.js';
import type { Credential } from '../pi/types.js';
import type { SubscribeOptions, WatcherBackoffOptions } from './types.js';

export type { FetchRun, FetchRunRequest } from '../pi/run-fetcher.js';

/**
 * The stream of one run subscriber: the current state first, then each change of the run's status
 * or of a step's status (or job), completing after `completed`, `failed` or `cancelled`.
 * `return()` releases it at once, also while a `next()` is pending.
 */
export interface RunSubscription extends AsyncIterableIterator<RunDto> {
  next(): Promise<IteratorResult<RunDto, undefined>>;
  return(): Promise<IteratorResult<RunDto, undefined>>;
  throw(error?: unknown): Promise<IteratorResult<RunDto, undefined>>;
  [Symbol.asyncIterator](): RunSubscription;
}

export interface RunWatcherRegistryOptions {
  /** The upstream read (the Pi client's `GET /runs/:id`). */
  fetchRun: FetchRun;
  /** `timeout_seconds` of each long-poll (1–30). @default 5 */
  pollTimeoutSeconds?: number;
  /**
   * Queued states per subscriber before the oldest non-terminal ones are dropped (a slow consumer
   * skips intermediate states, never the newest or the terminal one). @default 16
   */
  maxQueuedEvents?: number;
  /** Retry policy of the upstream loop, as for job watchers. */
  backoff?: WatcherBackoffOptions;
}

export interface RunWatcherRegistryStats {
  /** Run watchers in this process (one per credential and run with subscribers). */
  watchers: number;
  /** Open run subscriptions in this process. */
  subscribers: number;
  /** Upstream run reads in flight from this process. */
  requestsInFlight: number;
}

export interface RunWatcherRegistry {
  /**
   * Subscribes to one run. Never throws: errors come out of `next()`. A run the caller cannot see
   * rejects the first `next()` with `NOT_FOUND` and leaves no watcher behind; repeated upstream
   * failures reject the stream with the last error's code. After `close()` the stream is done.
   */
  subscribe(credential: Credential, runId: string, options?: SubscribeOptions): RunSubscription;
  stats(): RunWatcherRegistryStats;
  /** Completes every subscription and stops every watcher. */
  close(): Promise<void>;
}
