import type { PiApi, PiLoaders, UpstreamRecorder } from '../pi/index.js';

/**
 * The per-operation context, built fresh by one factory for HTTP and WebSocket operations.
 * Nothing in it is shared with another operation except through the credential-keyed client.
 */
export interface GatewayContext {
  /** Domain reads (and later writes) bound to the caller's credential. */
  pi: PiApi;
  /** Per-operation loaders over `pi`. */
  loaders: PiLoaders;
  /** The upstream request ids and rate-limit figures of this operation (for `extensions.pi`). */
  upstream: UpstreamRecorder;
  /** The gateway's own id for this operation (logs, errors). */
  requestId: string;
}
