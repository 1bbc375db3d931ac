/**
 * The simulator's internal contracts, shared by its core (server, router, store, job engine)
 * and its route modules. The simulator shares no code with the gateway.
 */
import type { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';

export type QuirksMode = 'docs' | 'impl';

export interface Org {
  /** Short name from PI_SIM_KEYS, e.g. `alpha`. */
  name: string;
  /** Stable UUID derived from the name (same on every start). */
  id: string;
}

/** A parsed request, after auth and (for POST/PATCH) JSON parsing. */
export interface SimRequest {
  method: string;
  /** Path without the query string, e.g. `/api/v1/jobs/…`. */
  path: string;
  /** Route parameters, e.g. `{ id }` for `/api/v1/jobs/:id`. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body bytes (empty for GET). */
  rawBody: Buffer;
  /**
   * The parsed JSON body for POST/PATCH. Malformed JSON never reaches a handler: the core answers
   * 400 `invalid_json_body` first (except where a route opts out).
   */
  body: unknown;
  /** The caller's organization (routes are authenticated). */
  org: Org;
  /** The API key id (the key itself is never stored in logs). */
  keyId: string;
  /** `req_pi_<uuid>` of this response. */
  requestId: string;
  /** Aborted when the client goes away (long-polls stop waiting). */
  signal: AbortSignal;
}

export interface SimResponse {
  status: number;
  /** JSON-serialised as the response body. */
  body: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (req: SimRequest, sim: SimContext) => SimResponse | Promise<SimResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  /** Express-style pattern: `/api/v1/jobs/:id`. Also the route's name in `/_sim/stats`. */
  pattern: string;
  handler: RouteHandler;
  /**
   * Set to `false` when the handler checks something before the JSON body (projection checks the
   * body size first): the core then leaves malformed JSON to the handler, with `body` undefined.
   * Default true.
   */
  parseJson?: boolean;
}

/** Everything a route handler may use. One per simulator instance (never module state). */
export interface SimContext {
  options: SimulatorOptions;
  store: Store;
  engine: JobEngine;
  /** Simulator-internal events (e.g. run changes for long-polls); one emitter per instance. */
  events: EventEmitter;
  /** Current time in unix seconds. */
  now(): number;
}

export interface SimulatorOptions {
  /** `PORT` for the CLI; `0` (any free port) for tests. */
  port: number;
  host: string;
  /** key → org name. `PI_SIM_KEYS`, default `pi_test_alpha=alpha,pi_test_beta=beta`. */
  keys: Record<string, string>;
  /** Requests per window per key. `PI_SIM_RATE_LIMIT`, default 100000. */
  rateLimit: number;
  /** Window length in seconds. `PI_SIM_RATE_WINDOW_S`, default 60. */
  rateWindowSeconds: number;
  /** Milliseconds per job phase step. `PI_SIM_STEP_MS`, default 400. */
  stepMs: number;
  /** `PI_SIM_QUIRKS=impl` reproduces the reference implementation (contract §9). */
  quirks: QuirksMode;
  /** `PI_SIM_FAULTS=1` honours the `X-Pi-Sim-Fault` request header. */
  faults: boolean;
  /**
   * Allow `http://` webhook endpoints on loopback hosts (tests and local development).
   * Pi itself requires https. `PI_SIM_ALLOW_HTTP_WEBHOOKS=1`, default false.
   */
  allowHttpWebhooks: boolean;
}

/** Thrown by handlers and the core; rendered as Pi's error envelope. */
export interface PiErrorShape {
  status: number;
  type:
    | 'invalid_request_error'
    | 'authentication_error'
    | 'permission_error'
    | 'rate_limit_error'
    | 'api_error';
  code: string;
  message: string;
  param?: string;
  issues?: unknown[];
  headers?: Record<string, string>;
}

export type JobStatus = 'queued' | 'processing' | 'completed' | 'failed';

/** A stored job row. Timestamps are unix seconds (fractional allowed internally). */
export interface JobRow {
  id: string;
  org_id: string;
  type: string;
  status: JobStatus;
  payload: Record<string, unknown>;
  result_url: string | null;
  error_log: string | null;
  created_at: number;
  updated_at: number;
  /** Bumped on every change; long-polls and webhooks watch it. */
  version: number;
}

/**
 * One step of a job's script: the state the job has after the step. The engine applies step k
 * after k × stepMs. The last step must be terminal (`completed` or `failed`).
 */
export interface JobStep {
  status: JobStatus;
  payload: Record<string, unknown>;
  /** Defaults to null. */
  result_url?: string | null;
  error_log?: string | null;
  /** Side effect run when the step is applied (e.g. upsert the extracted brand). */
  onApply?: (job: JobRow) => void;
}

export interface JobEngine {
  /**
   * Creates a job in `queued` with `queuedPayload`, then applies `steps` one per stepMs.
   * `steps` may be a function of the created row (to use its id in result URLs).
   */
  create(
    org: Org,
    type: string,
    queuedPayload: Record<string, unknown>,
    steps: JobStep[] | ((job: JobRow) => JobStep[]),
  ): JobRow;
  get(orgId: string, id: string): JobRow | undefined;
  /**
   * Long-poll support: resolves with the job as soon as it is terminal (driven by the engine's
   * events, not a sleep loop), or with its current state when `timeoutMs` passes or `signal` aborts.
   */
  waitForTerminal(job: JobRow, timeoutMs: number, signal: AbortSignal): Promise<JobRow>;
  /** Subscribes to terminal transitions of any job (webhook delivery, runs). Returns an unsubscribe. */
  onTerminal(listener: (job: JobRow) => void): () => void;
  /** Stops all timers (simulator shutdown). */
  stop(): void;
}

export interface Store {
  orgs: Map<string, Org>;
  jobs: Map<string, JobRow>;
  brands: Map<string, Record<string, unknown>>;
  savedAvatars: Map<string, Record<string, unknown>>;
  webhooks: Map<string, Record<string, unknown> & { org_id: string; secret: string }>;
  runs: Map<string, Record<string, unknown> & { org_id: string }>;
  idempotency: Map<string, { requestHash: string; status: number; body: unknown }>;
  /** Oversized projection requests per API key id (unix ms), for the 10-minute abuse window. */
  projectionViolations: Map<string, number[]>;
}

export interface SimStats {
  requests: Record<string, number>;
  jobsCreated: Record<string, number>;
  longPollsInFlight: Record<string, number>;
}

export interface RunningSimulator {
  url: string;
  /** Demo keys by org name. */
  keys: Record<string, string>;
  stop(): Promise<void>;
}
