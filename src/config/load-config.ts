import { z } from 'zod';
import { RESERVED_HEADERS } from '../pi/index.js';
import { ConfigError } from './config-error.js';
import { LOG_LEVELS, NODE_ENVS } from './gateway-config.js';
import type { GatewayConfig } from './gateway-config.js';

function wholeNumber(min: number, max: number) {
  const range = `a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, `must be ${range}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be ${range}`).max(max, `must be ${range}`));
}

const duration = () => wholeNumber(1, 3_600_000);

// RFC 9110 token characters; names are compared lowercased.
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

const headerList = z.string().transform((value, ctx) => {
  if (value.trim().toLowerCase() === 'none') return [];
  const names = value.split(',').map((name) => name.trim().toLowerCase());
  for (const name of names) {
    if (!HEADER_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', message: 'must be comma-separated header names, or none' });
      return z.NEVER;
    }
    if (RESERVED_HEADERS.includes(name)) {
      ctx.addIssue({ code: 'custom', message: `must not list ${name}, which the gateway sets` });
      return z.NEVER;
    }
  }
  return [...new Set(names)];
});

const piBaseUrl = z.string().transform((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an http(s) URL such as http://127.0.0.1:4010',
    });
    return z.NEVER;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: 'must use http or https' });
    return z.NEVER;
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') {
    ctx.addIssue({
      code: 'custom',
      message: "must be Pi's origin only (no path, query or credentials)",
    });
    return z.NEVER;
  }
  return url.origin;
});

const originList = z.string().transform((value, ctx) => {
  const origins: string[] = [];
  for (const item of value.split(',').map((part) => part.trim())) {
    if (item === '') continue;
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    if (url === undefined || !['http:', 'https:'].includes(url.protocol) || url.origin !== item) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be comma-separated origins such as https://app.example.com',
      });
      return z.NEVER;
    }
    origins.push(url.origin);
  }
  return [...new Set(origins)];
});

const keyMap = z.string().transform((value, ctx) => {
  const message = 'must be a JSON object from organization to Pi key, e.g. {"acme":"pi_live_..."}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
  const map: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [org, key] of Object.entries(parsed)) {
    if (typeof key !== 'string' || !/^\S+$/.test(key) || org === '') {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    map[org] = key;
  }
  return Object.freeze(map);
});

/** One entry per environment variable. To add a setting: a line here and a field in `GatewayConfig`. */
const envSchema = z.object({
  PORT: wholeNumber(0, 65_535).default(4000),
  // Loopback by default: a gateway started on a laptop (with the embedded simulator and its demo
  // keys) must not be reachable from the network until someone chooses to expose it.
  HOST: z.string().regex(/^\S+$/, 'must be a host name or IP address').default('127.0.0.1'),
  PI_BASE_URL: piBaseUrl.optional(),
  PI_API_KEY: z.string().regex(/^\S+$/, 'must not contain spaces').optional(),
  NODE_ENV: z
    .enum(NODE_ENVS, { error: `must be one of ${NODE_ENVS.join(', ')}` })
    .default('development'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  PI_CONNECTIONS: wholeNumber(1, 10_000).default(64),
  PI_LONG_POLL_CONNECTIONS: wholeNumber(1, 10_000).default(256),
  PI_CONNECT_TIMEOUT_MS: duration().default(5000),
  PI_HEADERS_TIMEOUT_MS: duration().default(15_000),
  PI_BODY_TIMEOUT_MS: duration().default(15_000),
  OPERATION_DEADLINE_MS: duration().default(30_000),
  PI_SIM_STEP_MS: wholeNumber(1, 60_000).default(400),
  PI_FORWARD_HEADERS: headerList.optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  PI_WEBHOOK_SECRET: z
    .string()
    .min(8, 'must be 8 to 500 characters')
    .max(500, 'must be 8 to 500 characters')
    .optional(),
  SUBSCRIPTION_POLL_TIMEOUT_S: wholeNumber(1, 30).default(5),
  SUBSCRIPTION_LEASE_MS: wholeNumber(50, 600_000).default(5000),
  MAX_SUBSCRIPTIONS_PER_SOCKET: wholeNumber(1, 100_000).default(100),
  MAX_TOKENS: wholeNumber(1, 1_000_000).default(5000),
  MAX_DEPTH: wholeNumber(1, 1000).default(12),
  MAX_ALIASES: wholeNumber(0, 100_000).default(30),
  MAX_DIRECTIVES: wholeNumber(0, 100_000).default(50),
  MAX_COST: wholeNumber(1, 1_000_000_000).default(5000),
  EXPLORER: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((value) => value === 'true')
    .optional(),
  GATEWAY_REPLICA_ID: z
    .string()
    .regex(/^[\w.:-]{1,128}$/, 'must be 1 to 128 letters, digits, or . _ : -')
    .optional(),
  MAX_BODY_BYTES: wholeNumber(1024, 100_000_000).default(1_000_000),
  CORS_ORIGINS: originList.optional(),
  SHUTDOWN_GRACE_MS: duration().default(10_000),
  CIRCUIT_FAILURE_THRESHOLD: wholeNumber(1, 1000).default(5),
  CIRCUIT_OPEN_MS: duration().default(10_000),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_JWKS: z.string().regex(/^\S+$/, 'must be an http(s) URL or a file path').optional(),
  AUTH_JWT_ISSUER: z.string().optional(),
  AUTH_JWT_AUDIENCE: z.string().optional(),
  AUTH_ORG_CLAIM: z
    .string()
    .regex(/^\S{1,256}$/, 'must be a claim name without spaces')
    .default('org'),
  PI_API_KEYS: keyMap.optional(),
});

// Values of these settings never appear in an error message.
const SECRET_SETTINGS: ReadonlySet<string> = new Set([
  'PI_API_KEY',
  'PI_WEBHOOK_SECRET',
  'REDIS_URL',
  'AUTH_JWT_SECRET',
  'PI_API_KEYS',
]);

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates the gateway's configuration from `env`, the only place that reads the
 * environment. Empty variables count as unset. Defaults are documented on `GatewayConfig`.
 *
 * @param env the environment to read, `process.env` by default.
 * @throws ConfigError listing every invalid setting (secrets are named, never echoed).
 */
export function loadConfig(env: Env = process.env): GatewayConfig {
  const present = Object.fromEntries(
    Object.keys(envSchema.shape)
      .map((name) => [name, env[name]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        const value = SECRET_SETTINGS.has(name) ? '' : ` (got ${JSON.stringify(present[name])})`;
        return `${name}: ${issue.message}${value}`;
      }),
    );
  }
  const e = result.data;
  const problems: string[] = [];
  if (e.AUTH_JWT_SECRET !== undefined && e.AUTH_JWKS !== undefined)
    problems.push('AUTH_JWT_SECRET, AUTH_JWKS: set one of them, not both');
  const frontendMode = e.AUTH_JWT_SECRET !== undefined || e.AUTH_JWKS !== undefined;
  if (frontendMode && e.PI_API_KEY === undefined && e.PI_API_KEYS === undefined)
    problems.push(
      'PI_API_KEY, PI_API_KEYS: frontend mode (AUTH_JWT_SECRET or AUTH_JWKS) needs one',
    );
  if (!frontendMode && e.PI_API_KEYS !== undefined)
    problems.push('PI_API_KEYS: only used in frontend mode (set AUTH_JWT_SECRET or AUTH_JWKS)');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host: e.HOST,
    piBaseUrl: e.PI_BASE_URL,
    piApiKey: e.PI_API_KEY,
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    piConnections: e.PI_CONNECTIONS,
    piLongPollConnections: e.PI_LONG_POLL_CONNECTIONS,
    piConnectTimeoutMs: e.PI_CONNECT_TIMEOUT_MS,
    piHeadersTimeoutMs: e.PI_HEADERS_TIMEOUT_MS,
    piBodyTimeoutMs: e.PI_BODY_TIMEOUT_MS,
    operationDeadlineMs: e.OPERATION_DEADLINE_MS,
    simStepMs: e.PI_SIM_STEP_MS,
    piForwardHeaders: e.PI_FORWARD_HEADERS,
    redisUrl: e.REDIS_URL,
    piWebhookSecret: e.PI_WEBHOOK_SECRET,
    subscriptionPollTimeoutSeconds: e.SUBSCRIPTION_POLL_TIMEOUT_S,
    subscriptionLeaseMs: e.SUBSCRIPTION_LEASE_MS,
    maxSubscriptionsPerSocket: e.MAX_SUBSCRIPTIONS_PER_SOCKET,
    maxTokens: e.MAX_TOKENS,
    maxDepth: e.MAX_DEPTH,
    maxAliases: e.MAX_ALIASES,
    maxDirectives: e.MAX_DIRECTIVES,
    maxCost: e.MAX_COST,
    // A tool for people trying the gateway out (`npm start`, where NODE_ENV defaults to
    // development): production keeps its schema to itself, and test suites opt in.
    explorer: e.EXPLORER ?? e.NODE_ENV === 'development',
    replicaId: e.GATEWAY_REPLICA_ID,
    maxBodyBytes: e.MAX_BODY_BYTES,
    corsOrigins: e.CORS_ORIGINS ?? [],
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    circuitFailureThreshold: e.CIRCUIT_FAILURE_THRESHOLD,
    circuitOpenMs: e.CIRCUIT_OPEN_MS,
    authJwtSecret: e.AUTH_JWT_SECRET,
    authJwks: e.AUTH_JWKS,
    authJwtIssuer: e.AUTH_JWT_ISSUER,
    authJwtAudience: e.AUTH_JWT_AUDIENCE,
    authOrgClaim: e.AUTH_ORG_CLAIM,
    piApiKeys: e.PI_API_KEYS,
  };
}
