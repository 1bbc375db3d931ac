import type { ApolloServerPlugin } from '@apollo/server';
import type { Dispatcher } from 'undici';
import type { GatewayConfig } from './config/index.js';
import type { GatewayContext } from './graphql/context.js';
import { createSchema } from './graphql/index.js';
import {
  createCircuitBreaker,
  createJobFetcher,
  createPiClient,
  createRunFetcher,
} from './pi/index.js';
import type { PiClient } from './pi/index.js';
import {
  EXPLORER_PATH,
  METRICS_PATH,
  READINESS_PATH,
  WEBHOOK_PATH,
  createApolloServer,
  createAuthenticator,
  createContextFactory,
  createExplorerHandler,
  createGatewayMetrics,
  createGraphQLWsOptions,
  createHttpHandler,
  createHttpServer,
  createOperationLimits,
  createReadinessCheck,
  createWebSocketServer,
  createWebhookHandler,
  describeError,
  ensureExplorerAssets,
  quickstartTabs,
  silentLog,
  startHttpServer,
} from './server/index.js';
import type { ExplorerHandler, GatewayLog, HttpHandler } from './server/index.js';
import { startSimulator } from './simulator/index.js';
import type { RunningSimulator } from './simulator/index.js';
import { createRunWatcherRegistry, createWatcherRegistry } from './subscriptions/index.js';

/** Test-only and entry-point injections; nothing here is read from globals. */
export interface GatewayDependencies {
  /** The undici dispatcher of the Pi client (tests pass a recording or mock dispatcher). */
  dispatcher?: Dispatcher;
  /**
   * The dispatcher of the watchers' long-poll client (the bench counts it on its own pool).
   * @default `dispatcher`, else the client's own pool of `PI_LONG_POLL_CONNECTIONS`
   */
  longPollDispatcher?: Dispatcher;
  /** Where log lines go. @default silentLog */
  log?: GatewayLog;
  /** Extra Apollo plugins, e.g. for tests to observe operations. @default [] */
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /** Where the explorer's built assets are (tests build their own). @default `dist/explorer` */
  explorerAssetsDir?: string;
}

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** The embedded simulator's origin, when `PI_BASE_URL` was unset. */
  simulatorUrl?: string;
  /** A demo key of the embedded simulator (public, local only), when it runs. */
  demoKey?: string;
  /** The GraphiQL explorer's page, e.g. `http://127.0.0.1:4000/graphiql`, when `config.explorer`. */
  explorerUrl?: string;
  /**
   * Stops everything this call started: completes every subscription and stops the watchers
   * (releasing Redis leases), closes the WebSocket sockets (1001), lets in-flight HTTP operations
   * finish (up to Apollo's grace period), closes the HTTP server, the Pi client's connections and
   * the embedded simulator.
   * Calling it again returns the same promise.
   */
  stop(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';

/**
 * Assembles and starts the gateway: the embedded Pi simulator first when `config.piBaseUrl` is
 * unset, then one shared Pi client, the schema, Apollo Server, the job and run watchers (through
 * Redis when `config.redisUrl` is set), and the HTTP server on `config.host:config.port`, which
 * also serves graphql-ws on the GraphQL path, Pi's webhooks on `/webhooks/pi` and, when
 * `config.explorer`, the GraphiQL explorer on `/graphiql` (prefilled with the demo key and the
 * quickstart tabs when the embedded simulator runs). Missing explorer assets only log a warning.
 *
 * @throws the first start-up failure (e.g. the port is taken), after stopping whatever had started.
 */
export async function startGateway(
  config: GatewayConfig,
  deps: GatewayDependencies = {},
): Promise<RunningGateway> {
  const log = deps.log ?? silentLog;
  const cleanups: Array<() => Promise<void>> = [];
  // Last started, first stopped; one failing step does not keep the others running.
  const stopAll = async () => {
    const failures: unknown[] = [];
    for (const cleanup of [...cleanups].reverse()) {
      await cleanup().catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) throw failures[0];
  };

  try {
    let baseUrl = config.piBaseUrl;
    let simulator: RunningSimulator | undefined;
    if (baseUrl === undefined) {
      const embedded = await startSimulator({
        port: 0,
        host: '127.0.0.1',
        stepMs: config.simStepMs,
      });
      cleanups.push(() => embedded.stop());
      simulator = embedded;
      baseUrl = embedded.url;
    }

    // One breaker for Pi's origin: queries and watchers see the same upstream.
    const breaker = createCircuitBreaker({
      failureThreshold: config.circuitFailureThreshold,
      openMs: config.circuitOpenMs,
    });
    // Its own prom-client registry: two gateways in one process (tests) never share counters.
    const metrics = createGatewayMetrics();
    const client: PiClient = createPiClient({
      baseUrl,
      dispatcher: deps.dispatcher,
      breaker,
      onEvent: metrics.onPiEvent,
      connections: config.piConnections,
      connectTimeoutMs: config.piConnectTimeoutMs,
      headersTimeoutMs: config.piHeadersTimeoutMs,
      bodyTimeoutMs: config.piBodyTimeoutMs,
      forwardHeaders: config.piForwardHeaders,
    });
    cleanups.push(() => client.close());
    // Watchers long-poll on a pool of their own, so held long-polls never make queries queue.
    const longPollClient: PiClient = createPiClient({
      baseUrl,
      dispatcher: deps.longPollDispatcher ?? deps.dispatcher,
      breaker,
      onEvent: metrics.onPiEvent,
      connections: config.piLongPollConnections,
      connectTimeoutMs: config.piConnectTimeoutMs,
      headersTimeoutMs: config.piHeadersTimeoutMs,
      bodyTimeoutMs: config.piBodyTimeoutMs,
      forwardHeaders: config.piForwardHeaders,
    });
    cleanups.push(() => longPollClient.close());

    const schema = createSchema();
    // The explorer reads the schema by introspection, so turning it on in production allows that.
    const introspection = config.nodeEnv !== 'production' || config.explorer;
    // One set of limits for both transports, so HTTP and WebSocket reject the same operations.
    const limits = createOperationLimits(config);
    const httpServer = createHttpServer();
    const apollo = createApolloServer({
      schema,
      httpServer,
      log,
      nodeEnv: config.nodeEnv,
      introspection,
      limits,
      plugins: [metrics.apolloPlugin, ...(deps.plugins ?? [])],
      stopGracePeriodMs: config.shutdownGraceMs,
    });
    await apollo.start();
    // Apollo's drain plugin closes the HTTP server as part of `apollo.stop()`.
    cleanups.push(() => apollo.stop());

    // Pass-through (callers send their Pi key) unless a JWT secret or key set is configured.
    const authenticator = await createAuthenticator(config, log);
    const createContext = createContextFactory({
      client,
      authenticator,
      operationDeadlineMs: config.operationDeadlineMs,
      forwardHeaders: config.piForwardHeaders,
    });
    const graphqlHandler = createHttpHandler({
      apollo,
      createContext,
      graphqlPath: GRAPHQL_PATH,
      maxBodyBytes: config.maxBodyBytes,
      corsOrigins: config.corsOrigins,
      forwardHeaders: config.piForwardHeaders,
      log,
    });

    const jobs = createWatcherRegistry({
      fetchJob: createJobFetcher(longPollClient, { headersTimeoutMs: config.piHeadersTimeoutMs }),
      pollTimeoutSeconds: config.subscriptionPollTimeoutSeconds,
      bus: config.redisUrl === undefined ? 'memory' : { redisUrl: config.redisUrl },
      leaseMs: config.subscriptionLeaseMs,
      ...(config.replicaId === undefined ? {} : { replicaId: config.replicaId }),
      // Watcher events carry no credential and no job body.
      onEvent: (event) => {
        metrics.onWatcherEvent(event);
        log(event.type === 'redis-error' ? 'warn' : 'debug', 'Watcher event', { ...event });
      },
    });
    const runs = createRunWatcherRegistry({
      fetchRun: createRunFetcher(longPollClient, { headersTimeoutMs: config.piHeadersTimeoutMs }),
      pollTimeoutSeconds: config.subscriptionPollTimeoutSeconds,
    });
    const webSockets = createWebSocketServer({
      graphqlWs: createGraphQLWsOptions({
        schema,
        createContext,
        jobs,
        runs,
        introspection,
        limits,
        maxOperationsPerSocket: config.maxSubscriptionsPerSocket,
        log,
        onOperation: (operation) =>
          metrics.recordOperation({
            ...operation,
            type: operation.type ?? 'unknown',
            transport: 'websocket',
          }),
      }),
      path: GRAPHQL_PATH,
      log,
    });
    // Upgraded sockets hold the HTTP server open: they close before Apollo drains it, and the
    // subscriptions complete (leases released) before the sockets close.
    cleanups.push(() => webSockets.close());
    cleanups.push(async () => {
      await Promise.all([jobs.close(), runs.close()]);
    });
    httpServer.on('upgrade', webSockets.handleUpgrade);
    metrics.observe({
      circuitState: () => breaker.state,
      sockets: () => webSockets.clientCount,
      subscriptions: () => jobs.stats().subscribers + runs.stats().subscribers,
      watchers: () => jobs.stats().watchers + runs.stats().watchers,
    });
    const readiness = createReadinessCheck({
      piBaseUrl: baseUrl,
      redisUrl: config.redisUrl,
      circuitState: () => breaker.state,
    });
    cleanups.push(() => readiness.close());

    const webhooks = createWebhookHandler({
      secret: config.piWebhookSecret,
      onJobEvent: (jobId) => jobs.notify(jobId),
      log,
    });
    const explorer = config.explorer
      ? await createGatewayExplorer(log, deps.explorerAssetsDir, simulator)
      : undefined;
    const handler: HttpHandler = (req, res) => {
      if (explorer?.(req, res)) return;
      const path = pathOf(req.url);
      if (path === WEBHOOK_PATH) webhooks(req, res);
      else if (path === METRICS_PATH) void metrics.handler(req, res);
      else if (path === READINESS_PATH) void readiness.handler(req, res);
      else graphqlHandler(req, res);
    };
    const http = await startHttpServer({
      server: httpServer,
      handler,
      host: config.host,
      port: config.port,
    });

    let stopping: Promise<void> | undefined;
    return {
      url: `${http.origin}${GRAPHQL_PATH}`,
      ...(simulator === undefined
        ? {}
        : {
            simulatorUrl: simulator.url,
            demoKey: demoKeyOf(simulator),
          }),
      ...(explorer === undefined ? {} : { explorerUrl: `${http.origin}${EXPLORER_PATH}` }),
      stop: () => (stopping ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function pathOf(url: string | undefined): string {
  const queryStart = url?.indexOf('?') ?? -1;
  return queryStart === -1 ? (url ?? '/') : url!.slice(0, queryStart);
}

function demoKeyOf(simulator: RunningSimulator): string | undefined {
  return simulator.keys.alpha ?? Object.values(simulator.keys)[0];
}

async function createGatewayExplorer(
  log: GatewayLog,
  assetsDir: string | undefined,
  simulator: RunningSimulator | undefined,
): Promise<ExplorerHandler> {
  if (!(await ensureExplorerAssets(assetsDir))) {
    // Still serve the page: it answers 503 with the same hint until the assets are built.
    log('warn', 'The GraphQL explorer is not built: run `npm run build:explorer`', {
      path: EXPLORER_PATH,
    });
  }
  const demoKey = simulator === undefined ? undefined : demoKeyOf(simulator);
  return createExplorerHandler({
    graphqlPath: GRAPHQL_PATH,
    assetsDir,
    ...(demoKey === undefined
      ? {}
      : {
          // A public key of the local simulator only: a real Pi key is never put in a page.
          initialHeaders: JSON.stringify({ Authorization: `Bearer ${demoKey}` }, null, 2),
          tabs: quickstartTabs(demoKey),
        }),
    onError: (error) =>
      log('error', 'The explorer failed to answer a request', { error: describeError(error) }),
  });
}
