import type { Dispatcher } from 'undici';
import { loadConfig } from '../src/config/index.js';
import type { GatewayConfig } from '../src/config/index.js';
import { startGateway } from '../src/gateway.js';
import { combineCountingDispatchers, createCountingDispatcher } from './counting-dispatcher.js';
import type { CountingDispatcher } from './counting-dispatcher.js';
import { startNaiveGateway } from './naive-gateway.js';
import { createRestClient } from './rest-client.js';
import { startRestEndpoint } from './rest-endpoint.js';

/** The servers the HTTP bench compares: (a) the gateway, (b) the naive gateway, (c) direct REST. */
export type TargetKind = 'gateway' | 'naive' | 'rest';

export interface TargetOptions {
  kind: TargetKind;
  /** Pi's origin (the bench's simulator). */
  piBaseUrl: string;
  /** Keep-alive connections to Pi, the same for every target. */
  connections: number;
  /** Extra gateway settings by environment variable name (gateway only). */
  gatewayEnv?: Record<string, string>;
}

export interface RunningTarget {
  /** Where the load generator sends operations (the GraphQL endpoint, or the REST origin). */
  url: string;
  /** The target's upstream traffic. */
  upstream: CountingDispatcher;
  stop(): Promise<void>;
}

/**
 * Starts one server under test on 127.0.0.1 with a counting keep-alive pool of `connections` to
 * Pi. The gateway is configured through `loadConfig` like `npm start` (production mode, silent
 * logs) and, like the real one, gives its watchers' long-polls a pool of their own
 * (`PI_LONG_POLL_CONNECTIONS`), counted too. Rejects when the server cannot start.
 */
export async function startTarget(options: TargetOptions): Promise<RunningTarget> {
  const config = options.kind === 'gateway' ? gatewayConfig(options) : undefined;
  const queries = createCountingDispatcher({
    origin: options.piBaseUrl,
    connections: options.connections,
  });
  const longPolls =
    config === undefined
      ? undefined
      : createCountingDispatcher({
          origin: options.piBaseUrl,
          connections: config.piLongPollConnections,
        });
  const upstream =
    longPolls === undefined ? queries : combineCountingDispatchers(queries, longPolls);
  const started = await startServer(
    options,
    queries.dispatcher,
    longPolls?.dispatcher,
    config,
  ).catch(async (error: unknown) => {
    await upstream.close();
    throw error;
  });
  return {
    url: started.url,
    upstream,
    stop: async () => {
      await started.stop();
      await upstream.close();
    },
  };
}

function gatewayConfig(options: TargetOptions): GatewayConfig {
  return loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    PI_BASE_URL: options.piBaseUrl,
    PI_CONNECTIONS: String(options.connections),
    ...options.gatewayEnv,
  });
}

async function startServer(
  options: TargetOptions,
  dispatcher: Dispatcher,
  longPollDispatcher: Dispatcher | undefined,
  config: GatewayConfig | undefined,
): Promise<{ url: string; stop(): Promise<void> }> {
  switch (options.kind) {
    case 'gateway':
      return startGateway(config ?? gatewayConfig(options), { dispatcher, longPollDispatcher });
    case 'naive':
      return startNaiveGateway({ piBaseUrl: options.piBaseUrl, dispatcher });
    case 'rest':
      return startRestEndpoint(createRestClient({ piBaseUrl: options.piBaseUrl, dispatcher }));
  }
}
