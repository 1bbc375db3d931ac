import { EventEmitter, setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthenticator } from './auth.js';
import { resolveSimulatorOptions } from './config.js';
import { createJobEngine } from './engine.js';
import { createFaultRegistry } from './faults.js';
import { nowSeconds } from './ids.js';
import { createRateLimiter } from './rate-limit.js';
import { createRequestListener } from './request-handler.js';
import type { ResponseTracker } from './respond.js';
import { createRouter } from './router.js';
import { createApiRoutes, createSimAdminRoutes } from './routes/index.js';
import { createStatsRecorder } from './stats.js';
import { createStore } from './store.js';
import type { Route, RunningSimulator, SimContext, SimulatorOptions } from './types.js';
import { startWebhookDelivery } from './webhook-delivery.js';

/** Extensions beyond the Pi contract, for tests and tools. */
export interface SimulatorExtras {
  /** Extra API routes, authenticated and rate-limited like Pi's (e.g. a test-only job factory). */
  routes?: Route[];
}

/** How long `stop()` lets answered-but-unflushed requests finish before cutting connections. */
const STOP_GRACE_MS = 1000;

/**
 * Starts a Pi simulator on `node:http` (contract: `/work/shared/pi-contract.md`). Options default
 * to {@link defaultSimulatorOptions} (port 0: any free port). Resolves once listening.
 * `stop()` ends in-flight long-polls, stops all job timers and webhook delivery, and closes the
 * server. Rejects with a `SimulatorConfigError` on bad options, or the listen error.
 */
export async function startSimulator(
  overrides: Partial<SimulatorOptions> = {},
  extras: SimulatorExtras = {},
): Promise<RunningSimulator> {
  const options = resolveSimulatorOptions(overrides);
  const store = createStore(options.keys);
  const stats = createStatsRecorder();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const engine = createJobEngine({ store, stats, events, stepMs: options.stepMs, now: nowSeconds });
  const sim: SimContext = { options, store, engine, events, now: nowSeconds };

  const apiRouter = createRouter([...createApiRoutes(), ...(extras.routes ?? [])]);
  const faults = options.faults ? createFaultRegistry() : undefined;
  const adminRouter = createRouter(
    createSimAdminRoutes({ stats, faults, routeNames: apiRouter.names() }),
  );
  const stopController = new AbortController();
  setMaxListeners(0, stopController.signal);
  const tracker: ResponseTracker = { pending: new Set(), stopping: false };
  const inFlight = new Set<AbortController>();

  const server = createServer(
    createRequestListener({
      sim,
      apiRouter,
      adminRouter,
      auth: createAuthenticator(options.keys, store, options.quirks),
      rateLimiter: createRateLimiter(options.rateLimit, options.rateWindowSeconds),
      stats,
      faults,
      tracker,
      stopSignal: stopController.signal,
      inFlight,
    }),
  );
  // Long-polls last up to 30 s; keep Node's defaults from cutting them short.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const stopDelivery = startWebhookDelivery(sim);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      tracker.stopping = true;
      stopDelivery();
      engine.stop();
      stopController.abort();
      for (const controller of inFlight) controller.abort();
      for (const cancel of [...tracker.pending]) cancel();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
      await closed;
      clearTimeout(grace);
    })();
    return stopping;
  };

  return { url: `http://${host}:${address.port}`, keys: toDemoKeys(options.keys), stop };
}

/** The first key of each org, by org name. */
function toDemoKeys(keys: Record<string, string>): Record<string, string> {
  const byOrg: Record<string, string> = {};
  for (const [key, org] of Object.entries(keys)) byOrg[org] ??= key;
  return byOrg;
}
