import type { Credential } from '../../pi/index.js';

/** A caller the gateway accepted: the Pi credential its operations use upstream. */
export interface Principal {
  /** The Pi key the operations are sent with: the caller's own (pass-through) or the org's. */
  credential: Credential;
  /**
   * Frontend mode: the instant (ms since the epoch) from which the token is refused (its `exp` plus
   * the clock tolerance). A WebSocket checks it before each operation. Absent in pass-through mode.
   */
  expiresAt?: number;
}

/**
 * Turns a caller's `Authorization` header into a `Principal`, or refuses it.
 * - `pass-through`: the header carries the caller's own Pi key (`PI_API_KEY` when it is absent);
 * - `frontend`: the header carries a JWT; the gateway holds the Pi keys.
 */
export interface Authenticator {
  readonly mode: 'pass-through' | 'frontend';
  /**
   * @throws GraphQLError `UNAUTHENTICATED` (HTTP 401) when the caller is refused; the message never
   * quotes the header. Nothing is sent upstream.
   */
  authenticate(authorization: string | undefined): Promise<Principal>;
}
