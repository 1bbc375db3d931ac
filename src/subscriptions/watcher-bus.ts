import type { GatewayError } from '../errors/index.js';
import type { VersionedJob } from './types.js';

/** What a watcher is about: one job as seen by one credential. */
export interface WatchKey {
  /** `toCredentialId(credential)`. */
  credentialId: string;
  jobId: string;
}

/** How a bus talks back to the watcher that joined it. */
export interface BusPeer {
  /** A state published by another watcher of the same key (possibly old or repeated). */
  onState(state: VersionedJob): void;
  /** The polling watcher gave up with this error (its subscribers got it too). */
  onError(error: GatewayError): void;
  /** This watcher must (true) or must no longer (false) run the upstream loop. */
  onRoleChange(isPoller: boolean): void;
  /** The bus lost and regained its connection: messages may have been missed, re-read the job. */
  onReconnect(): void;
}

/** One watcher's place on the bus. */
export interface BusMembership {
  /** Whether this watcher should run the upstream loop now. */
  readonly isPoller: boolean;
  /** Whether it holds the shared lease (Redis mode; memory mode polls without one). */
  readonly holdsLease: boolean;
  /**
   * Settles once the membership is set up (channel subscribed, first lease attempt made) with the
   * last stored state of the key, when another watcher stored a fresh one. Never rejects.
   */
  readonly ready: Promise<VersionedJob | undefined>;
  /** Shares a state this watcher read; `changed` says whether it is new (else only refreshes it). */
  publish(state: VersionedJob, changed: boolean): void;
  /** Tells the other watchers of the key that polling gave up with `error`. */
  publishError(error: GatewayError): void;
  /** Leaves the bus; `release` deletes a lease held, else it is left to expire. Never rejects. */
  leave(release: boolean): Promise<void>;
}

/**
 * Coordinates the watchers of the same key across processes: who polls, and how states reach the
 * watchers that do not. The memory bus makes every watcher its own poller.
 */
export interface WatcherBus {
  join(key: WatchKey, peer: BusPeer): BusMembership;
  /** Asks the watchers of `jobId` in the other processes to re-read it (webhooks). */
  broadcastNotify(jobId: string): void;
  /** Closes the connections; `release` deletes leases still held. Never rejects. */
  close(release: boolean): Promise<void>;
}
