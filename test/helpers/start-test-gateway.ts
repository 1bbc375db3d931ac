import { afterAll, onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { GatewayConfig } from '../../src/config/index.js';
import { startGateway } from '../../src/gateway.js';
import type { GatewayDependencies } from '../../src/gateway.js';
import type { GatewayLog, LogSeverity } from '../../src/server/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator, SimulatorOptions } from '../../src/simulator/index.js';
import { createRecordingDispatcher } from './recording-dispatcher.js';
import type { RecordingDispatcher } from './recording-dispatcher.js';
import { keyOf } from './simulator-requests.js';

export interface TestGatewayOptions {
  /** Simulator options over `{ port: 0, host: '127.0.0.1', stepMs: 10 }`. */
  simulator?: Partial<SimulatorOptions>;
  /** Gateway config over the defaults, `NODE_ENV=test`, port 0 and `piBaseUrl` = the simulator. */
  config?: Partial<GatewayConfig>;
  /** Extra dependencies (the dispatcher is always the recording one). */
  deps?: Omit<GatewayDependencies, 'dispatcher'>;
  /** The org (name of `sim.keys`) whose key `gql` sends by default; `null` sends none. @default 'alpha' */
  defaultOrg?: string | null;
}

/** A GraphQL response as the tests see it; `body` is parsed JSON (or the raw text if not JSON). */
export interface GqlResponse {
  status: number;
  // Tests assert on arbitrary shapes.
  body: any;
  headers: Headers;
}

export interface LogEntry {
  level: LogSeverity;
  message: string;
  fields?: Record<string, unknown>;
}

export interface TestGateway {
  /** The gateway's GraphQL endpoint. */
  url: string;
  sim: RunningSimulator;
  /** Every request the gateway sent to the simulator. */
  upstream: RecordingDispatcher;
  /** What the gateway logged (unless `deps.log` was given): masked errors show up here. */
  logs: LogEntry[];
  /**
   * POSTs an operation as JSON. Headers override the defaults (`content-type`, and the default
   * org's `authorization`); a `null` value removes that header.
   */
  gql(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string | null>,
  ): Promise<GqlResponse>;
  /** `Authorization` for an org name of `sim.keys` (or a literal key), for `gql`'s headers. */
  as(org: string): { authorization: string };
  stop(): Promise<void>;
}

const running = new Set<TestGateway>();

// Registered while the test file is collected: whatever a suite started is stopped when it ends.
afterAll(async () => {
  await Promise.all([...running].map((gateway) => gateway.stop()));
});

/**
 * Starts a Pi simulator and a gateway in front of it, both on 127.0.0.1:0, with the gateway's Pi
 * client on a recording dispatcher. Called inside a test, both stop when the test finishes;
 * otherwise when the test file ends. `stop()` may also be called early, more than once.
 */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const sim = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    stepMs: 10,
    ...options.simulator,
  });
  const upstream = createRecordingDispatcher();
  const logs: LogEntry[] = [];
  const log: GatewayLog = (level, message, fields) =>
    logs.push({ level, message, ...(fields ? { fields } : {}) });
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  try {
    const config: GatewayConfig = {
      ...loadConfig({ NODE_ENV: 'test' }),
      port: 0,
      host: '127.0.0.1',
      piBaseUrl: sim.url,
      ...options.config,
    };
    gateway = await startGateway(config, { log, ...options.deps, dispatcher: upstream.dispatcher });
  } catch (error) {
    await Promise.all([upstream.close(), sim.stop()]);
    throw error;
  }

  const defaultOrg = options.defaultOrg === undefined ? 'alpha' : options.defaultOrg;
  const as = (org: string) => ({ authorization: `Bearer ${keyOf(sim, org)}` });
  let stopping: Promise<void> | undefined;
  const handle: TestGateway = {
    url: gateway.url,
    sim,
    upstream,
    logs,
    as,
    async gql(query, variables, headers = {}) {
      const merged: Record<string, string | null> = {
        'content-type': 'application/json',
        ...(defaultOrg === null ? {} : as(defaultOrg)),
        ...headers,
      };
      const sent = Object.fromEntries(
        Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== null),
      );
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: sent,
        body: JSON.stringify({ query, ...(variables === undefined ? {} : { variables }) }),
      });
      return {
        status: response.status,
        body: parseBody(await response.text()),
        headers: response.headers,
      };
    },
    stop() {
      running.delete(handle);
      stopping ??= (async () => {
        await gateway.stop();
        await Promise.all([upstream.close(), sim.stop()]);
      })();
      return stopping;
    },
  };
  running.add(handle);
  try {
    onTestFinished(() => handle.stop());
  } catch {
    // Not inside a test: the file-level afterAll above stops it.
  }
  return handle;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
