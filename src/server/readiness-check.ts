import type { IncomingMessage, ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import type { CircuitState } from '../pi/index.js';
import { sendJson, sendJsonError } from './send-json.js';

/** Where the gateway answers readiness probes. */
export const READINESS_PATH = '/readyz';

/** What each dependency looked like to one probe. Never a host, URL or error message. */
export interface ReadinessChecks {
  pi: 'ok' | 'unreachable';
  redis: 'ok' | 'unreachable' | 'not_configured';
  circuit: CircuitState;
}

/** The body of `/readyz`: 200 when `ready`, 503 when `not_ready`. */
export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: ReadinessChecks;
}

export interface ReadinessCheckOptions {
  /** Pi's base URL; only its origin is probed (`GET <origin>/`, no credentials, no path). */
  piBaseUrl: string;
  /** Checked with `PING` when set; otherwise `redis: 'not_configured'` (which is ready). */
  redisUrl?: string;
  /** The upstream circuit breaker's state; `open` makes the gateway not ready. @default always closed */
  circuitState?: () => CircuitState;
  /** Budget of each probe, for Pi and Redis alike. @default 2000 */
  timeoutMs?: number;
  /** Where the Pi probe goes (tests inject a `MockAgent`). @default a small agent of its own */
  dispatcher?: Dispatcher;
}

export interface ReadinessCheck {
  /** `GET`/`HEAD /readyz`: the report as JSON, 200 or 503; 405 for other methods. Never rejects. */
  handler(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Runs (or joins the one in flight) the probes; rejects only if `circuitState` throws. */
  check(): Promise<ReadinessReport>;
  /** Closes the Redis connection and the agent it created; probes afterwards report them unreachable. */
  close(): Promise<void>;
}

type ProbeResults = Pick<ReadinessChecks, 'pi' | 'redis'>;

/**
 * The readiness probe: ready when Pi's origin answers HTTP at all (any status: a 401 or 404 still
 * proves the network path), Redis answers `PING` within the timeout when configured, and the
 * circuit breaker is not open. Concurrent probes share one check in flight, so a burst of probes
 * costs one upstream request. Failures only ever show as `unreachable`: the body never carries
 * hosts, URLs or error messages.
 */
export function createReadinessCheck(options: ReadinessCheckOptions): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? 2000;
  const origin = new URL(options.piBaseUrl).origin;
  const ownAgent =
    options.dispatcher === undefined
      ? new Agent({
          connect: { timeout: timeoutMs },
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        })
      : undefined;
  const dispatcher = options.dispatcher ?? ownAgent;
  const redis =
    options.redisUrl === undefined
      ? undefined
      : new Redis(options.redisUrl, {
          lazyConnect: true,
          maxRetriesPerRequest: 1,
          connectTimeout: timeoutMs,
        });
  // Redis being down is an answer ("unreachable"), not an error to report.
  redis?.on('error', () => {});
  let inFlight: Promise<ProbeResults> | undefined;

  const probePi = async (): Promise<ReadinessChecks['pi']> => {
    try {
      const { body } = await request(`${origin}/`, {
        method: 'GET',
        dispatcher,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      // The status line is the answer; the body is drained in the background to free the socket.
      body.dump().catch(() => {});
      return 'ok';
    } catch {
      return 'unreachable';
    }
  };

  const probeRedis = async (): Promise<ReadinessChecks['redis']> => {
    if (redis === undefined) return 'not_configured';
    try {
      const reply = await withTimeout(redis.ping(), timeoutMs);
      return reply === 'PONG' ? 'ok' : 'unreachable';
    } catch {
      return 'unreachable';
    }
  };

  const probe = (): Promise<ProbeResults> => {
    inFlight ??= Promise.all([probePi(), probeRedis()])
      .then(([pi, redisResult]) => ({ pi, redis: redisResult }))
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  const check = async (): Promise<ReadinessReport> => {
    const results = await probe();
    const circuit = options.circuitState?.() ?? 'closed';
    const ready = results.pi === 'ok' && results.redis !== 'unreachable' && circuit !== 'open';
    return { status: ready ? 'ready' : 'not_ready', checks: { ...results, circuit } };
  };

  return {
    async handler(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJsonError(res, 405, 'METHOD_NOT_ALLOWED', `Use GET ${READINESS_PATH}.`, {
          allow: 'GET, HEAD',
        });
        return;
      }
      try {
        const report = await check();
        if (res.destroyed) return;
        sendJson(res, report.status === 'ready' ? 200 : 503, report, {
          'cache-control': 'no-store',
        });
      } catch {
        if (!res.headersSent && !res.destroyed) {
          sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Readiness check failed.');
        }
      }
    },
    check,
    async close() {
      redis?.disconnect();
      await ownAgent?.destroy();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  // The losing promise may still reject later (ioredis flushes its queue): keep that quiet.
  promise.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
