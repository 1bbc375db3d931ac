import { loadConfig } from '../src/config/index.js';
import { startGateway } from '../src/gateway.js';
import { createCountingDispatcher } from './counting-dispatcher.js';
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
 * logs). Rejects when the server cannot start.
 */
export async function startTarget(options: TargetOptions): Promise<RunningTarget> {
  const upstream = createCountingDispatcher({
    origin: options.piBaseUrl,
    connections: options.connections,
  });
  const started = await startServer(options, upstream).catch(async (error: unknown) => {
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

async function startServer(
  options: TargetOptions,
  upstream: CountingDispatcher,
): Promise<{ url: string; stop(): Promise<void> }> {
  switch (options.kind) {
    case 'gateway': {
      const config = loadConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        HOST: '127.0.0.1',
        PORT: '0',
        PI_BASE_URL: options.piBaseUrl,
        PI_CONNECTIONS: String(options.connections),
        ...options.gatewayEnv,
      });
      return startGateway(config, { dispatcher: upstream.dispatcher });
    }
    case 'naive':
      return startNaiveGateway({ piBaseUrl: options.piBaseUrl, dispatcher: upstream.dispatcher });
    case 'rest':
      return startRestEndpoint(
        createRestClient({ piBaseUrl: options.piBaseUrl, dispatcher: upstream.dispatcher }),
      );
  }
}
