/**
 * The public contracts of the job watchers behind `Subscription.jobUpdated`.
 * Nothing here knows about GraphQL execution or HTTP: the upstream call is injected as `FetchJob`.
 */
import type { JobDto } from '../pi/dto.js';
import type { FetchJob } from '../pi/job-fetcher.js';
import type { Credential } from '../pi/types.js';

export type { FetchJob, FetchJobRequest } from '../pi/job-fetcher.js';

/**
 * A total order on the states of one job: `[statusRank, updatedAtMs, phaseIndex, tiebreak]`,
 * compared left to right (see `compareJobVersions`).
 */
export type JobVersion = readonly [
  statusRank: number,
  updatedAtMs: number,
  phaseIndex: number,
  tiebreak: number,
];

/** A whole job state and its version: the unit every watcher, bus and subscriber passes around. */
export interface VersionedJob {
  readonly version: JobVersion;
  readonly job: JobDto;
}

/** Retry policy of a watcher's upstream loop. */
export interface WatcherBackoffOptions {
  /** First delay after a failure, doubled per consecutive failure, with jitter. @default 250 */
  baseMs?: number;
  /** Cap of one delay. @default 10000 */
  maxMs?: number;
  /**
   * Consecutive failed reads (other than `NOT_FOUND`) after which the subscribers are told with the
   * error instead of waiting silently (RELIABILITY.md U10). @default 8
   */
  maxFailures?: number;
  /** Same, as a time budget from the first failure of a streak. @default 60000 */
  failureBudgetMs?: number;
  /**
   * Retries of a `NOT_FOUND` before it is final: a job can answer 404 briefly right after it was
   * created (RELIABILITY.md U9). Each retry waits `notFoundDelayMs`. @default 2
   */
  notFoundRetries?: number;
  /** @default 300 */
  notFoundDelayMs?: number;
}

/** Observability hook payloads. They never carry a credential or a job body. */
export type WatcherEvent =
  | { type: 'watcher-started'; jobId: string }
  | { type: 'watcher-stopped'; jobId: string; reason: 'idle' | 'terminal' | 'failed' | 'closed' }
  | {
      type: 'fetch-failed';
      jobId: string;
      code: string;
      consecutiveFailures: number;
      delayMs: number;
    }
  | { type: 'subscriber-overflow'; jobId: string }
  | { type: 'lease-acquired'; jobId: string }
  | { type: 'lease-lost'; jobId: string }
  | { type: 'lease-released'; jobId: string }
  | { type: 'redis-error'; message: string }
  | { type: 'redis-reconnected' }
  | { type: 'bad-message'; channel: string };

export interface WatcherRegistryOptions {
  /** The upstream read (the Pi client's `GET /jobs/:id`). */
  fetchJob: FetchJob;
  /**
   * `timeout_seconds` of each long-poll (1–30). A long-poll answers early only at a terminal state,
   * so this is how often a non-terminal phase is refreshed. @default 5
   */
  pollTimeoutSeconds?: number;
  /** `'memory'`: one process. `{ redisUrl }`: replicas coordinate through Redis. @default 'memory' */
  bus?: 'memory' | { redisUrl: string };
  /** Redis mode: lifetime of the per-(credential, job) polling lease. @default 5000 */
  leaseMs?: number;
  /**
   * Queued states per subscriber before the oldest non-terminal ones are dropped (a slow consumer
   * then skips intermediate states; it never misses the newest or the terminal one). @default 16
   */
  maxQueuedEvents?: number;
  backoff?: WatcherBackoffOptions;
  /** Redis mode: this replica's name in lease values (diagnostics only). @default a random id */
  replicaId?: string;
  /** Metrics and logs. Must not throw. */
  onEvent?: (event: WatcherEvent) => void;
}

export interface SubscribeOptions {
  /** Aborting releases the subscription at once, like `return()` (e.g. the socket closed). */
  signal?: AbortSignal;
}

/**
 * The stream of one subscriber. `next()` yields the current state first, then each change of
 * status or phase, and completes after the terminal state. `return()` releases it at once, also
 * while a `next()` is pending.
 */
export interface JobSubscription extends AsyncIterableIterator<JobDto> {
  next(): Promise<IteratorResult<JobDto, undefined>>;
  return(): Promise<IteratorResult<JobDto, undefined>>;
  throw(error?: unknown): Promise<IteratorResult<JobDto, undefined>>;
  [Symbol.asyncIterator](): JobSubscription;
}

export interface WatcherRegistryStats {
  /** Watchers in this process (one per credential and job with subscribers here). */
  watchers: number;
  /** Open subscriptions in this process. */
  subscribers: number;
  /** Upstream reads in flight from this process. */
  requestsInFlight: number;
  /** Watchers of this process that currently run the upstream loop. */
  pollers: number;
  /** Redis leases held by this process (always 0 in memory mode). */
  leasesHeld: number;
}

export interface CloseOptions {
  /**
   * Delete the leases this process holds so another replica takes over at once. `false` leaves them
   * to expire, like a crashed replica (tests). @default true
   */
  releaseLeases?: boolean;
}

export interface WatcherRegistry {
  /**
   * Subscribes to one job. Never throws: errors come out of `next()`. A job the caller cannot see
   * rejects the first `next()` with `NOT_FOUND` and leaves no watcher behind. After repeated upstream
   * failures the stream rejects with the last error's code. After `close()` the stream is done.
   */
  subscribe(credential: Credential, jobId: string, options?: SubscribeOptions): JobSubscription;
  /**
   * A verified webhook said this job reached a terminal state: every watcher of the job (any
   * credential, any replica) re-reads it at once with its own credential. Duplicates are harmless.
   */
  notify(jobId: string): void;
  stats(): WatcherRegistryStats;
  /** Completes every subscription, stops every watcher and (by default) releases the leases. */
  close(options?: CloseOptions): Promise<void>;
}
