import { createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import type { Credential } from './types.js';

// Per process: fingerprints are only compared inside this process (loaders, in-flight dedupe,
// pollers), so they never need to be stable across restarts, and a leaked one reveals nothing.
const FINGERPRINT_SECRET = randomBytes(32);

const FINGERPRINT_LENGTH = 32;
const MAX_AUTHORIZATION_LENGTH = 1024;
// RFC 6750 `b64token`: what a Pi key (`pi_...`) looks like, and nothing with spaces or controls.
const BEARER = /^Bearer [A-Za-z0-9\-._~+/]+=*$/;

class PiCredential implements Credential {
  readonly fingerprint: string;
  readonly #authorization: string;

  constructor(authorization: string) {
    this.#authorization = authorization;
    this.fingerprint = createHmac('sha256', FINGERPRINT_SECRET)
      .update(authorization)
      .digest('hex')
      .slice(0, FINGERPRINT_LENGTH);
  }

  authorization(): string {
    return this.#authorization;
  }

  toJSON(): { fingerprint: string } {
    return { fingerprint: this.fingerprint };
  }

  toString(): string {
    return `Credential(${this.fingerprint})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Wraps the caller's `Authorization` header value. The fingerprint is an HMAC-SHA256 of the value
 * with a random per-process secret (32 hex chars); `toJSON`, `toString` and `util.inspect` show
 * only the fingerprint. It does not validate the value: use `isWellFormedAuthorization` first.
 */
export function createCredential(authorization: string): Credential {
  return new PiCredential(authorization);
}

/**
 * Whether `value` is `Bearer <token>` with a non-empty token of RFC 6750 token characters (at
 * most 1024 characters in all): the server rejects anything else before any upstream call.
 */
export function isWellFormedAuthorization(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= MAX_AUTHORIZATION_LENGTH && BEARER.test(value)
  );
}
