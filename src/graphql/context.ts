import type { Credential, PiApi, PiLoaders, PiWriteApi, UpstreamRecorder } from '../pi/index.js';
import type { RunWatcherRegistry, WatcherRegistry } from '../subscriptions/index.js';

/** What `Subscription` fields need; only WebSocket operations carry it. */
export interface LiveOperation {
  /** The job watchers (`Subscription.jobUpdated`). */
  jobs: WatcherRegistry;
  /** The run watchers (`Subscription.runUpdated`). */
  runs: RunWatcherRegistry;
  /** Aborted when the operation ends (the client completed it, or the socket closed). */
  signal: AbortSignal;
  /**
   * The socket's Pi credential, so a `subscribe` can join its watcher without building the Pi API
   * (`context.pi.credential` is the same).
   */
  credential: Credential;
}

/**
 * The per-operation context, built fresh by one factory for HTTP and WebSocket operations.
 * Nothing in it is shared with another operation except through the credential-keyed client.
 */
export interface GatewayContext {
  /** Domain reads bound to the caller's credential. */
  pi: PiApi;
  /**
   * Domain writes bound to the caller's credential (the same object as `pi` when built by the
   * context factory). Optional only so contexts for read-only use need not stub it; mutations
   * fail with an internal error without it.
   */
  piWrites?: PiWriteApi;
  /** Per-operation loaders over `pi`. */
  loaders: PiLoaders;
  /** The upstream request ids and rate-limit figures of this operation (for `extensions.pi`). */
  upstream: UpstreamRecorder;
  /** The gateway's own id for this operation (logs, errors). */
  requestId: string;
  /**
   * The request's `Idempotency-Key` header, if any: the key of the operation's idempotent
   * mutations that give no `idempotencyKey` argument (derived per field when there are several).
   */
  idempotencyKey?: string;
  /** Set by the WebSocket transport: the watchers behind subscriptions. Absent over HTTP. */
  live?: LiveOperation;
}
