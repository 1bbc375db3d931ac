import { errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import { createCredential } from '../../pi/index.js';
import type { Credential } from '../../pi/index.js';
import { describeError, silentLog } from '../gateway-log.js';
import type { GatewayLog } from '../gateway-log.js';
import type { Authenticator, Principal } from './authenticator.js';
import { unauthenticatedError } from './unauthenticated-error.js';

/** How tokens are verified: an HS256 secret, or a JSON Web Key Set (see `loadJwtKeys`). */
export type JwtKeys =
  { kind: 'secret'; secret: Uint8Array } | { kind: 'jwks'; getKey: JWTVerifyGetKey };

export interface JwtAuthenticatorOptions {
  keys: JwtKeys;
  /** `AUTH_JWT_ISSUER`: the required `iss`. @default undefined (any) */
  issuer?: string | undefined;
  /** `AUTH_JWT_AUDIENCE`: the required `aud`. @default undefined (any) */
  audience?: string | undefined;
  /** `AUTH_ORG_CLAIM`: the claim naming the caller's organization. @default 'org' */
  orgClaim?: string | undefined;
  /** `PI_API_KEYS`: organization → Pi key. @default {} */
  piApiKeys?: Readonly<Record<string, string>> | undefined;
  /** `PI_API_KEY`: the Pi key of organizations not in `piApiKeys`. @default undefined (refused) */
  piApiKey?: string | undefined;
  /** Leeway for `exp` and `nbf` between the token issuer's clock and ours. @default 5 */
  clockToleranceSeconds?: number;
  /** Where key-set failures (unreachable JWKS URL) are logged; tokens never are. @default silentLog */
  log?: GatewayLog;
}

const SECRET_ALGORITHMS = ['HS256'];
const KEY_SET_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
// Far above any real token, far below Node's 16 KiB header limit: a cheap first filter.
const MAX_AUTHORIZATION_LENGTH = 8192;
// `Bearer` and a compact JWS (three base64url parts). `alg: none` tokens match (empty signature)
// and are refused by `jwtVerify`, which never accepts unsecured tokens.
const BEARER_JWT = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

// Errors about the key set rather than the token: the operator must hear about them.
const KEY_SET_FAILURES: ReadonlySet<string> = new Set([
  errors.JWKSTimeout.code,
  errors.JWKSInvalid.code,
  errors.JOSEError.code,
]);

/**
 * The frontend-mode authenticator: callers send `Authorization: Bearer <JWT>`, never a Pi key.
 * A token is accepted when its signature verifies (HS256 with a secret; RS256, ES256 or EdDSA
 * against a key set; never `alg: none`), it has an `exp` that has not passed and no `nbf` in the
 * future (both within the clock tolerance), and its `iss`/`aud` match when configured. Its
 * organization (`orgClaim`, a string) picks the Pi key: `piApiKeys[org]`, else `piApiKey`. The
 * credentials are built once per Pi key, so caches, dedupe and watchers are shared per
 * organization and nothing is keyed by the token.
 *
 * @throws (from `authenticate`) `UNAUTHENTICATED` for a missing, malformed, badly signed, expired
 * or not-yet-valid token, a non-string organization claim, or an organization without a Pi key.
 * Messages never quote the token; a key-set failure (JWKS URL unreachable) is also logged.
 */
export function createJwtAuthenticator(options: JwtAuthenticatorOptions): Authenticator {
  const { keys } = options;
  const orgClaim = options.orgClaim ?? 'org';
  const toleranceSeconds = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const log = options.log ?? silentLog;
  const verifyOptions: JWTVerifyOptions = {
    algorithms: keys.kind === 'secret' ? SECRET_ALGORITHMS : KEY_SET_ALGORITHMS,
    clockTolerance: toleranceSeconds,
    // A token without `exp` would be valid forever: a leaked one could never be contained.
    requiredClaims: ['exp'],
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
  };
  // A Map, not an object lookup: an org named `__proto__` or `constructor` must find nothing.
  const orgCredentials = new Map<string, Credential>(
    Object.entries(options.piApiKeys ?? {}).map(([org, key]) => [
      org,
      createCredential(`Bearer ${key}`),
    ]),
  );
  const defaultCredential =
    options.piApiKey === undefined ? undefined : createCredential(`Bearer ${options.piApiKey}`);

  async function verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } =
        keys.kind === 'secret'
          ? await jwtVerify(token, keys.secret, verifyOptions)
          : await jwtVerify(token, keys.getKey, verifyOptions);
      return payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthenticatedError('The token has expired.');
      if (error instanceof errors.JOSEError && !KEY_SET_FAILURES.has(error.code)) {
        throw unauthenticatedError('Invalid token.');
      }
      log('warn', 'Could not verify a token: the JSON Web Key Set is unavailable', {
        error: describeError(error),
      });
      throw unauthenticatedError('The token could not be verified: try again later.');
    }
  }

  function credentialOf(payload: JWTPayload): Credential {
    const org = payload[orgClaim];
    if (org !== undefined && (typeof org !== 'string' || org === '')) {
      throw unauthenticatedError(`Invalid token: the "${orgClaim}" claim must be a string.`);
    }
    const credential =
      (org === undefined ? undefined : orgCredentials.get(org)) ?? defaultCredential;
    if (credential === undefined) {
      throw unauthenticatedError('No Pi key is configured for this organization.');
    }
    return credential;
  }

  return {
    mode: 'frontend',
    async authenticate(authorization): Promise<Principal> {
      if (authorization === undefined) {
        throw unauthenticatedError(
          'Missing Authorization header: send "Authorization: Bearer <token>".',
        );
      }
      const token =
        authorization.length <= MAX_AUTHORIZATION_LENGTH
          ? BEARER_JWT.exec(authorization)?.[1]
          : undefined;
      if (token === undefined) {
        throw unauthenticatedError('Invalid token: expected "Authorization: Bearer <JWT>".');
      }
      const payload = await verify(token);
      // `requiredClaims` guarantees a numeric `exp`.
      const expiresAt = ((payload.exp ?? 0) + toleranceSeconds) * 1000;
      return { credential: credentialOf(payload), expiresAt };
    },
  };
}
