import { createHash } from 'node:crypto';
import { PiApiError } from './errors.js';
import type { Org, QuirksMode, Store } from './types.js';

/** Who a request authenticated as. */
export interface Principal {
  org: Org;
  /** A stable id of the key (a hash prefix), so the key itself is never kept elsewhere. */
  keyId: string;
}

export interface Authenticator {
  /**
   * Checks an `Authorization` header value as Pi does (contract §2.1). Throws a 401
   * {@link PiApiError}: `missing_authorization_header`, `invalid_authorization_scheme`,
   * `missing_bearer_token`, or for an unknown key `invalid_api_key` (docs) / `unkey_not_found` (impl).
   */
  authenticate(header: string | undefined): Principal;
}

/** Creates an authenticator over `keys` (key → org name), with orgs from `store`. */
export function createAuthenticator(
  keys: Record<string, string>,
  store: Store,
  quirks: QuirksMode,
): Authenticator {
  const principals = new Map<string, Principal>();
  for (const [key, orgName] of Object.entries(keys)) {
    const org = store.orgs.get(orgName);
    if (org === undefined) continue;
    principals.set(key, {
      org,
      keyId: `key_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`,
    });
  }
  return {
    authenticate(header) {
      if (header === undefined || header === '') {
        throw unauthorized(
          'invalid_request_error',
          'missing_authorization_header',
          'Missing Authorization header. Use Bearer <api_key>.',
        );
      }
      // HTTP trims trailing whitespace, so `Bearer ` arrives as `Bearer`: a scheme without a token.
      if (header === 'Bearer') {
        throw unauthorized(
          'invalid_request_error',
          'missing_bearer_token',
          'Missing bearer token. Use Bearer <api_key>.',
        );
      }
      if (!header.startsWith('Bearer ')) {
        throw unauthorized(
          'invalid_request_error',
          'invalid_authorization_scheme',
          'Invalid Authorization scheme. Use Bearer <api_key>.',
        );
      }
      const token = header.slice('Bearer '.length).trim();
      if (token === '') {
        throw unauthorized(
          'invalid_request_error',
          'missing_bearer_token',
          'Missing bearer token. Use Bearer <api_key>.',
        );
      }
      const principal = principals.get(token);
      if (principal !== undefined) return principal;
      throw quirks === 'impl'
        ? unauthorized(
            'authentication_error',
            'unkey_not_found',
            'API key verification failed: NOT_FOUND.',
          )
        : unauthorized('authentication_error', 'invalid_api_key', 'Invalid API key provided.');
    },
  };
}

function unauthorized(
  type: 'invalid_request_error' | 'authentication_error',
  code: string,
  message: string,
): PiApiError {
  return new PiApiError({ status: 401, type, code, message });
}
