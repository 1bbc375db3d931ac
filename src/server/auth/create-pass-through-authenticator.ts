import { createCredential, isWellFormedAuthorization } from '../../pi/index.js';
import type { Authenticator, Principal } from './authenticator.js';
import { unauthenticatedError } from './unauthenticated-error.js';

/**
 * The default authenticator: the caller's `Authorization: Bearer <Pi key>` is the credential,
 * forwarded to Pi unchanged; without the header, `piApiKey` (`PI_API_KEY`) is used when set.
 * Pi itself decides whether the key is valid.
 *
 * @throws (from `authenticate`) `UNAUTHENTICATED` when there is no header and no `piApiKey`, or the
 * header is not `Bearer <token>`: a malformed header never falls back to `piApiKey`.
 */
export function createPassThroughAuthenticator(piApiKey?: string): Authenticator {
  const server: Principal | undefined =
    piApiKey === undefined ? undefined : { credential: createCredential(`Bearer ${piApiKey}`) };

  function authenticate(authorization: string | undefined): Principal {
    if (authorization === undefined) {
      if (server !== undefined) return server;
      throw unauthenticatedError(
        'Missing Authorization header: send "Authorization: Bearer <Pi API key>".',
      );
    }
    // A malformed header never falls back to PI_API_KEY: the caller meant to use their own key.
    if (!isWellFormedAuthorization(authorization)) {
      throw unauthenticatedError('Malformed Authorization header: expected "Bearer <Pi API key>".');
    }
    return { credential: createCredential(authorization) };
  }

  return {
    mode: 'pass-through',
    authenticate: async (authorization) => authenticate(authorization),
  };
}
