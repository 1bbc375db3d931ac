import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('should apply the documented defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      piBaseUrl: undefined,
      piApiKey: undefined,
      nodeEnv: 'development',
      logLevel: 'info',
      piConnections: 64,
      piLongPollConnections: 256,
      piConnectTimeoutMs: 5000,
      piHeadersTimeoutMs: 15_000,
      piBodyTimeoutMs: 15_000,
      operationDeadlineMs: 30_000,
      simStepMs: 400,
      piForwardHeaders: undefined,
      redisUrl: undefined,
      piWebhookSecret: undefined,
      subscriptionPollTimeoutSeconds: 5,
      subscriptionLeaseMs: 5000,
      maxSubscriptionsPerSocket: 100,
      maxTokens: 5000,
      maxDepth: 12,
      maxAliases: 30,
      maxDirectives: 50,
      maxCost: 5000,
      explorer: true,
      replicaId: undefined,
      maxBodyBytes: 1_000_000,
      corsOrigins: [],
      shutdownGraceMs: 10_000,
      circuitFailureThreshold: 5,
      circuitOpenMs: 10_000,
      authJwtSecret: undefined,
      authJwks: undefined,
      authJwtIssuer: undefined,
      authJwtAudience: undefined,
      authOrgClaim: 'org',
      piApiKeys: undefined,
    });
  });

  it('should read every setting from the environment', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      PI_BASE_URL: 'http://127.0.0.1:4010/',
      PI_API_KEY: 'pi_live_abc',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PI_CONNECTIONS: '8',
      PI_LONG_POLL_CONNECTIONS: '32',
      PI_CONNECT_TIMEOUT_MS: '100',
      PI_HEADERS_TIMEOUT_MS: '200',
      PI_BODY_TIMEOUT_MS: '300',
      OPERATION_DEADLINE_MS: '400',
      PI_SIM_STEP_MS: '10',
      PI_FORWARD_HEADERS: 'X-Gemini-Api-Key, x-trace-id',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PI_WEBHOOK_SECRET: 'whsec_0123456789',
      SUBSCRIPTION_POLL_TIMEOUT_S: '7',
      SUBSCRIPTION_LEASE_MS: '900',
      MAX_SUBSCRIPTIONS_PER_SOCKET: '3',
      MAX_TOKENS: '900',
      MAX_DEPTH: '8',
      MAX_ALIASES: '0',
      MAX_DIRECTIVES: '4',
      MAX_COST: '70',
      EXPLORER: 'true',
      GATEWAY_REPLICA_ID: 'replica-1',
      MAX_BODY_BYTES: '2048',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173,https://app.example.com',
      SHUTDOWN_GRACE_MS: '2500',
      CIRCUIT_FAILURE_THRESHOLD: '3',
      CIRCUIT_OPEN_MS: '1500',
      AUTH_JWT_SECRET: 'a-frontend-secret-of-32-characters!',
      AUTH_JWT_ISSUER: 'https://auth.example.com/',
      AUTH_JWT_AUDIENCE: 'pi-gateway',
      AUTH_ORG_CLAIM: 'https://example.com/org',
      PI_API_KEYS: '{"acme":"pi_live_acme","globex":"pi_live_globex"}',
    });
    expect(config).toEqual({
      port: 0,
      host: '0.0.0.0',
      piBaseUrl: 'http://127.0.0.1:4010',
      piApiKey: 'pi_live_abc',
      nodeEnv: 'production',
      logLevel: 'warn',
      piConnections: 8,
      piLongPollConnections: 32,
      piConnectTimeoutMs: 100,
      piHeadersTimeoutMs: 200,
      piBodyTimeoutMs: 300,
      operationDeadlineMs: 400,
      simStepMs: 10,
      piForwardHeaders: ['x-gemini-api-key', 'x-trace-id'],
      redisUrl: 'redis://127.0.0.1:6379',
      piWebhookSecret: 'whsec_0123456789',
      subscriptionPollTimeoutSeconds: 7,
      subscriptionLeaseMs: 900,
      maxSubscriptionsPerSocket: 3,
      maxTokens: 900,
      maxDepth: 8,
      maxAliases: 0,
      maxDirectives: 4,
      maxCost: 70,
      explorer: true,
      replicaId: 'replica-1',
      maxBodyBytes: 2048,
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      shutdownGraceMs: 2500,
      circuitFailureThreshold: 3,
      circuitOpenMs: 1500,
      authJwtSecret: 'a-frontend-secret-of-32-characters!',
      authJwks: undefined,
      authJwtIssuer: 'https://auth.example.com/',
      authJwtAudience: 'pi-gateway',
      authOrgClaim: 'https://example.com/org',
      piApiKeys: { acme: 'pi_live_acme', globex: 'pi_live_globex' },
    });
  });

  it('should treat empty variables as unset', () => {
    const config = loadConfig({ PORT: '', PI_BASE_URL: '', PI_API_KEY: '' });
    expect(config.port).toBe(4000);
    expect(config.piBaseUrl).toBeUndefined();
    expect(config.piApiKey).toBeUndefined();
  });

  it('should ignore variables that are not settings', () => {
    expect(loadConfig({ PATH: '/usr/bin', UNRELATED: 'x' })).toEqual(loadConfig({}));
  });

  it('should list every invalid setting in one error', () => {
    const problems = problemsOf({
      PORT: 'abc',
      PI_BASE_URL: 'ftp://pi.example',
      LOG_LEVEL: 'loud',
      PI_CONNECTIONS: '0',
      OPERATION_DEADLINE_MS: '1.5',
      NODE_ENV: 'staging',
    });
    expect(problems).toHaveLength(6);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: must be a whole number from 0 to 65535 \(got "abc"\)$/),
        expect.stringMatching(/^PI_BASE_URL: must use http or https/),
        expect.stringMatching(/^LOG_LEVEL: must be one of trace, debug, info/),
        expect.stringMatching(/^PI_CONNECTIONS: must be a whole number from 1/),
        expect.stringMatching(/^OPERATION_DEADLINE_MS: must be a whole number/),
        expect.stringMatching(/^NODE_ENV: must be one of development, production, test/),
      ]),
    );
  });

  it('should put every problem in the error message', () => {
    expect(() => loadConfig({ PORT: '70000', PI_SIM_STEP_MS: '-1' })).toThrowError(
      /Invalid configuration:\n {2}- PORT: .*\n {2}- PI_SIM_STEP_MS: /,
    );
  });

  it('should reject a PI_BASE_URL that is not a bare origin', () => {
    expect(problemsOf({ PI_BASE_URL: 'not a url' })).toEqual([
      expect.stringMatching(/^PI_BASE_URL: must be an http/),
    ]);
    expect(problemsOf({ PI_BASE_URL: 'http://pi.example/api/v1' })).toEqual([
      expect.stringMatching(/^PI_BASE_URL: must be Pi's origin only/),
    ]);
    expect(problemsOf({ PI_BASE_URL: 'http://user:pass@pi.example' })).toEqual([
      expect.stringMatching(/^PI_BASE_URL: must be Pi's origin only/),
    ]);
  });

  describe('EXPLORER', () => {
    const PI = { PI_BASE_URL: 'http://127.0.0.1:4010' };

    it('should turn the explorer on by default in development, with or without the embedded simulator', () => {
      expect(loadConfig({}).explorer).toBe(true);
      expect(loadConfig({ NODE_ENV: 'development', ...PI }).explorer).toBe(true);
    });

    it('should turn the explorer off by default in production, even with the embedded simulator', () => {
      expect(loadConfig({ NODE_ENV: 'production', ...PI }).explorer).toBe(false);
      expect(loadConfig({ NODE_ENV: 'production' }).explorer).toBe(false);
    });

    it('should turn the explorer off by default in test, where suites opt in', () => {
      expect(loadConfig({ NODE_ENV: 'test' }).explorer).toBe(false);
      expect(loadConfig({ NODE_ENV: 'test', EXPLORER: 'true' }).explorer).toBe(true);
    });

    it('should let EXPLORER=true turn it on in production and EXPLORER=false turn it off in development', () => {
      expect(loadConfig({ NODE_ENV: 'production', EXPLORER: 'true', ...PI }).explorer).toBe(true);
      expect(loadConfig({ NODE_ENV: 'development', EXPLORER: 'false' }).explorer).toBe(false);
      expect(loadConfig({ NODE_ENV: 'production', EXPLORER: '' }).explorer).toBe(false);
    });

    it('should reject an EXPLORER value that is not true or false', () => {
      expect(problemsOf({ EXPLORER: 'yes' })).toEqual([
        'EXPLORER: must be true or false (got "yes")',
      ]);
    });
  });

  it('should reject CORS_ORIGINS entries that are not bare http(s) origins', () => {
    for (const value of [
      '*',
      'https://app.example.com/path',
      'app.example.com',
      'ftp://x.example',
    ]) {
      expect(problemsOf({ CORS_ORIGINS: value })).toEqual([
        expect.stringMatching(/^CORS_ORIGINS: must be comma-separated origins/),
      ]);
    }
  });

  describe('frontend mode', () => {
    const SECRET = 'a-frontend-secret-of-32-characters!';

    it('should need a Pi key to call Pi with', () => {
      expect(problemsOf({ AUTH_JWT_SECRET: SECRET })).toEqual([
        expect.stringMatching(/^PI_API_KEY, PI_API_KEYS: frontend mode .* needs one$/),
      ]);
      expect(loadConfig({ AUTH_JWKS: '/etc/jwks.json', PI_API_KEY: 'pi_live_x' }).authJwks).toBe(
        '/etc/jwks.json',
      );
    });

    it('should refuse both token settings at once, a short secret, and a key map without frontend mode', () => {
      expect(
        problemsOf({ AUTH_JWT_SECRET: SECRET, AUTH_JWKS: '/jwks.json', PI_API_KEY: 'k' }),
      ).toEqual(['AUTH_JWT_SECRET, AUTH_JWKS: set one of them, not both']);
      expect(problemsOf({ AUTH_JWT_SECRET: 'short', PI_API_KEY: 'k' })).toEqual([
        'AUTH_JWT_SECRET: must be at least 32 characters',
      ]);
      expect(problemsOf({ PI_API_KEYS: '{"acme":"pi_live_acme"}' })).toEqual([
        expect.stringMatching(/^PI_API_KEYS: only used in frontend mode/),
      ]);
    });

    it('should reject a PI_API_KEYS that is not an object of keys, without echoing it', () => {
      for (const value of ['[]', '{"acme":1}', 'pi_live_secret', '{"acme":"pi live"}']) {
        const problems = problemsOf({ AUTH_JWT_SECRET: SECRET, PI_API_KEYS: value });
        expect(problems).toEqual([expect.stringMatching(/^PI_API_KEYS: must be a JSON object/)]);
        expect(problems.join('\n')).not.toContain('pi_live_secret');
      }
    });
  });

  it('should never echo the value of a secret setting', () => {
    const problems = problemsOf({ PI_API_KEY: 'pi_live_secret value' });
    expect(problems).toEqual(['PI_API_KEY: must not contain spaces']);
    expect(problems.join('\n')).not.toContain('pi_live_secret');
  });
});
