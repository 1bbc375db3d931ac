import type { GatewayConfig } from '../../config/index.js';
import type { GatewayLog } from '../gateway-log.js';
import type { Authenticator } from './authenticator.js';
import { createJwtAuthenticator } from './create-jwt-authenticator.js';
import { createPassThroughAuthenticator } from './create-pass-through-authenticator.js';
import { loadJwtKeys } from './load-jwt-keys.js';

/** The settings that choose and configure the authenticator. */
export type AuthenticatorConfig = Pick<
  GatewayConfig,
  | 'piApiKey'
  | 'authJwtSecret'
  | 'authJwks'
  | 'authJwtIssuer'
  | 'authJwtAudience'
  | 'authOrgClaim'
  | 'piApiKeys'
>;

/**
 * The gateway's authenticator: frontend mode (`createJwtAuthenticator`) when `authJwtSecret` or
 * `authJwks` is set, else pass-through (`createPassThroughAuthenticator` with `piApiKey`).
 * Called once at start-up: a key set file is read now.
 *
 * @throws ConfigError naming `AUTH_JWKS` when its file is unreadable or not a key set.
 */
export async function createAuthenticator(
  config: AuthenticatorConfig,
  log?: GatewayLog,
): Promise<Authenticator> {
  const keys = await loadJwtKeys(config);
  if (keys === undefined) return createPassThroughAuthenticator(config.piApiKey);
  return createJwtAuthenticator({
    keys,
    issuer: config.authJwtIssuer,
    audience: config.authJwtAudience,
    orgClaim: config.authOrgClaim,
    piApiKeys: config.piApiKeys,
    piApiKey: config.piApiKey,
    ...(log === undefined ? {} : { log }),
  });
}
