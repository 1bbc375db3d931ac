/** Log levels, most verbose first (pino's names, so a pino logger can take the value as is). */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

export const NODE_ENVS = ['development', 'production', 'test'] as const;

export type NodeEnv = (typeof NODE_ENVS)[number];

/**
 * The gateway's whole configuration, read from the environment once by `loadConfig`.
 * Every field names its variable and default; nothing else in the gateway reads `process.env`.
 */
export interface GatewayConfig {
  /**
   * `PORT`: the port the GraphQL server listens on; `0` picks a free port (the real one is in
   * the started gateway's `url`).
   * @default 4000
   */
  port: number;
  /**
   * `HOST`: the interface to listen on. Use `0.0.0.0` (or `::`) to accept connections from
   * other machines.
   * @default '127.0.0.1'
   */
  host: string;
  /**
   * `PI_BASE_URL`: Pi's origin, e.g. `http://127.0.0.1:4010` (the client adds `/api/v1/...`).
   * Unset: the gateway starts the embedded Pi simulator in the same process and uses it.
   * @default undefined
   */
  piBaseUrl: string | undefined;
  /**
   * `PI_API_KEY`: a server-side Pi key used for operations that carry no `Authorization` header.
   * Unset: such operations fail with `UNAUTHENTICATED`. A secret: never log or print it.
   * @default undefined
   */
  piApiKey: string | undefined;
  /**
   * `NODE_ENV`: `development`, `production` or `test`. Production turns off conveniences that
   * expose the schema (introspection).
   * @default 'development'
   */
  nodeEnv: NodeEnv;
  /**
   * `LOG_LEVEL`: the least severe level that is logged (`trace` … `fatal`, or `silent`).
   * @default 'info'
   */
  logLevel: LogLevel;
  /**
   * `PI_CONNECTIONS`: the most keep-alive connections the gateway opens to Pi.
   * @default 64
   */
  piConnections: number;
  /**
   * `PI_LONG_POLL_CONNECTIONS`: the most connections the job and run watchers open to Pi, in a pool
   * of their own: a long-poll holds its connection for up to `SUBSCRIPTION_POLL_TIMEOUT_S`, and in
   * the shared pool a hundred watched jobs would leave queries waiting for a free connection.
   * @default 256
   */
  piLongPollConnections: number;
  /**
   * `PI_CONNECT_TIMEOUT_MS`: how long one TCP (and TLS) connect to Pi may take.
   * @default 5000
   */
  piConnectTimeoutMs: number;
  /**
   * `PI_HEADERS_TIMEOUT_MS`: how long Pi may take to send response headers.
   * @default 15000
   */
  piHeadersTimeoutMs: number;
  /**
   * `PI_BODY_TIMEOUT_MS`: the longest pause allowed between two chunks of a Pi response body.
   * @default 15000
   */
  piBodyTimeoutMs: number;
  /**
   * `OPERATION_DEADLINE_MS`: the time budget of one GraphQL operation, retries included;
   * upstream calls still running at the deadline fail with `UPSTREAM_TIMEOUT`.
   * @default 30000
   */
  operationDeadlineMs: number;
  /**
   * `PI_SIM_STEP_MS`: milliseconds per job phase in the embedded simulator (only used when
   * `PI_BASE_URL` is unset).
   * @default 400
   */
  simStepMs: number;
  /**
   * `PI_FORWARD_HEADERS`: the client request headers forwarded to Pi, a comma-separated list of
   * names (case-insensitive), or `none`; no other header is forwarded. Headers the gateway sets
   * itself (`Authorization`, `Idempotency-Key`, `Content-Type`, ...) cannot be listed.
   * Unset: Pi's bring-your-own-key headers (`X-Gemini-Api-Key`, `X-Firecrawl-Api-Key`,
   * `X-LiveKit-Api-Key`, `X-LiveKit-Api-Secret`).
   * @default undefined (the bring-your-own-key headers)
   */
  piForwardHeaders: readonly string[] | undefined;
  /**
   * `REDIS_URL`: a `redis://` or `rediss://` URL. Set: replicas share job watchers through Redis
   * (one poller per credential and job across the cluster). Unset: watchers are per process.
   * May hold a password: never log or print it.
   * @default undefined
   */
  redisUrl: string | undefined;
  /**
   * `PI_WEBHOOK_SECRET`: the secret the Pi webhook pointing at `POST /webhooks/pi` was registered
   * with (8–500 characters). Unset: the webhooks receiver answers 404. A secret: never log it.
   * @default undefined
   */
  piWebhookSecret: string | undefined;
  /**
   * `SUBSCRIPTION_POLL_TIMEOUT_S`: `timeout_seconds` of each long-poll a job or run watcher makes
   * (1–30); a non-terminal phase change is seen at most this late without webhooks.
   * @default 5
   */
  subscriptionPollTimeoutSeconds: number;
  /**
   * `SUBSCRIPTION_LEASE_MS`: with Redis, the lifetime of the per-(credential, job) polling lease,
   * hence how soon another replica takes over from one that died.
   * @default 5000
   */
  subscriptionLeaseMs: number;
  /**
   * `MAX_SUBSCRIPTIONS_PER_SOCKET`: operations one WebSocket may run at once; more get an error
   * and the socket stays open.
   * @default 100
   */
  maxSubscriptionsPerSocket: number;
  /**
   * `MAX_TOKENS`: the most lexical tokens one GraphQL document may have (1–1,000,000); a longer
   * one fails parsing with `GRAPHQL_PARSE_FAILED`, over HTTP and WebSocket.
   * @default 5000
   */
  maxTokens: number;
  /**
   * `MAX_DEPTH`: the deepest field nesting of one operation (1–1000; introspection's `__schema`
   * not counted); deeper fails with `GRAPHQL_VALIDATION_FAILED`.
   * @default 12
   */
  maxDepth: number;
  /**
   * `MAX_ALIASES`: the most aliases one operation may use (0–100,000; `__typename` aliases not
   * counted); more fail with `GRAPHQL_VALIDATION_FAILED`.
   * @default 30
   */
  maxAliases: number;
  /**
   * `MAX_DIRECTIVES`: the most directives one operation may use (0–100,000); more fail with
   * `GRAPHQL_VALIDATION_FAILED`.
   * @default 50
   */
  maxDirectives: number;
  /**
   * `MAX_COST`: the highest cost of one operation (1–1,000,000,000): each field costs 1 and the
   * subtree of `jobs(ids:)` counts once per id, that of `brands`/`savedAvatars` once per `first`
   * (20 when omitted), with variables' values; more fails with `GRAPHQL_VALIDATION_FAILED`.
   * @default 5000
   */
  maxCost: number;
  /**
   * `EXPLORER`: `true` or `false`: whether the gateway serves the GraphiQL explorer at
   * `/graphiql` (and to browsers opening the GraphQL path). Turning it on also turns on schema
   * introspection, which the explorer needs, even in production.
   * @default true when `NODE_ENV` is `development` (its default, so `npm start` with the
   * embedded simulator has it), false when it is `production` or `test`
   */
  explorer: boolean;
  /**
   * `GATEWAY_REPLICA_ID`: this replica's name in Redis lease values (diagnostics only).
   * @default undefined (a random id per start)
   */
  replicaId: string | undefined;
  /**
   * `MAX_BODY_BYTES`: the largest GraphQL request body accepted (1 KiB–100 MB); a larger one,
   * or a compressed one that inflates past it, is answered 413 before it is read in full.
   * @default 1000000 (1 MB)
   */
  maxBodyBytes: number;
  /**
   * `CORS_ORIGINS`: browser origins allowed to call the gateway cross-origin, a comma-separated
   * list of exact origins such as `https://app.example.com`; other origins get no CORS headers.
   * @default [] (same-origin only)
   */
  corsOrigins: readonly string[];
  /**
   * `SHUTDOWN_GRACE_MS`: on SIGTERM or SIGINT, how long in-flight operations may take to finish
   * before their connections are closed; the process exits 0 within it.
   * @default 10000
   */
  shutdownGraceMs: number;
  /**
   * `CIRCUIT_FAILURE_THRESHOLD`: consecutive upstream failures (connection errors, timeouts, 5xx)
   * that open the circuit breaker to Pi; while open, calls fail fast with `UPSTREAM_UNAVAILABLE`.
   * @default 5
   */
  circuitFailureThreshold: number;
  /**
   * `CIRCUIT_OPEN_MS`: how long the breaker stays open before it lets one probe through
   * (half-open); the probe's success closes it, its failure opens it again.
   * @default 10000
   */
  circuitOpenMs: number;
  /**
   * `AUTH_JWT_SECRET`: frontend mode with HS256 tokens signed with this secret (32+ characters).
   * In frontend mode callers send `Authorization: Bearer <JWT>` (over HTTP, or `authorization` in
   * graphql-ws `connection_init`), never a Pi key; the gateway calls Pi with `PI_API_KEYS[org]` or
   * `PI_API_KEY`. A secret: never log it. Exclusive with `AUTH_JWKS`.
   * @default undefined (pass-through mode: callers send their own Pi key)
   */
  authJwtSecret: string | undefined;
  /**
   * `AUTH_JWKS`: frontend mode with asymmetric tokens checked against a JSON Web Key Set, given as
   * an http(s) URL or a file path. Exclusive with `AUTH_JWT_SECRET`.
   * @default undefined
   */
  authJwks: string | undefined;
  /** `AUTH_JWT_ISSUER`: in frontend mode, the required `iss` claim. @default undefined (any) */
  authJwtIssuer: string | undefined;
  /** `AUTH_JWT_AUDIENCE`: in frontend mode, the required `aud` claim. @default undefined (any) */
  authJwtAudience: string | undefined;
  /**
   * `AUTH_ORG_CLAIM`: in frontend mode, the token claim naming the caller's organization, looked
   * up in `PI_API_KEYS`.
   * @default 'org'
   */
  authOrgClaim: string;
  /**
   * `PI_API_KEYS`: in frontend mode, a JSON object from organization claim to Pi key, e.g.
   * `{"acme":"pi_live_..."}`; a token whose organization is not listed uses `PI_API_KEY`, or is
   * refused when that is unset. Secrets: never logged.
   * @default undefined
   */
  piApiKeys: Readonly<Record<string, string>> | undefined;
}
