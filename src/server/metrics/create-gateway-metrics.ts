import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { createMetricsHandler } from './create-metrics-handler.js';
import { createMetricsPlugin } from './create-metrics-plugin.js';
import { createOperationNameLabel } from './create-operation-name-label.js';
import type {
  CircuitState,
  MetricSources,
  OperationRecord,
  PiClientEvent,
  WatcherEvent,
} from './types.js';

export interface GatewayMetricsOptions {
  /** Prefix of the gateway's own metric names. @default 'pi_gateway_' */
  prefix?: string;
  /**
   * Also collect prom-client's default process metrics (`process_*`, `nodejs_*`, under their
   * standard names so stock dashboards work). @default true
   */
  defaultMetrics?: boolean;
  /** Distinct operation names kept as labels before new ones become `other`. @default 200 */
  maxOperationNames?: number;
  /** Operation names longer than this become `other`. @default 64 */
  maxOperationNameLength?: number;
  /** Histogram buckets in seconds, for operations and upstream calls alike. */
  buckets?: number[];
}

export interface GatewayMetrics {
  /** This gateway's own registry (never prom-client's global one). */
  readonly registry: Registry;
  /** Records HTTP operations (`transport="http"`); add it to Apollo Server's plugins. */
  readonly apolloPlugin: ApolloServerPlugin<BaseContext>;
  /** Feed of the Pi client's events (upstream requests, latency, retries, dedupe hits). Never throws. */
  onPiEvent(event: PiClientEvent): void;
  /** Feed of watcher events (`pi_gateway_watcher_events_total{type}`). Never throws. */
  onWatcherEvent(event: WatcherEvent): void;
  /** Records one operation that did not go through Apollo (the WebSocket path). Never throws. */
  recordOperation(operation: OperationRecord): void;
  /** Sets the live sources read at scrape time; later calls add to or replace earlier ones. */
  observe(sources: MetricSources): void;
  /** `GET`/`HEAD /metrics` (see `createMetricsHandler`). */
  handler(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** Upper bounds in seconds: fast cache hits up to a long-poll near the 30 s operation deadline. */
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

const CIRCUIT_STATES: readonly CircuitState[] = ['closed', 'half-open', 'open'];
const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * The gateway's Prometheus metrics on a registry of its own (so two gateways in one process do not
 * collide): operations by name, type, outcome and transport with latency; upstream requests by
 * method, route and status with latency, retries and dedupe hits; watcher events; and gauges for
 * the circuit, sockets, subscriptions and watchers read at scrape time. Labels never carry
 * credentials, job ids, request ids or hosts; operation names are capped (`createOperationNameLabel`).
 */
export function createGatewayMetrics(options: GatewayMetricsOptions = {}): GatewayMetrics {
  const prefix = options.prefix ?? 'pi_gateway_';
  const buckets = options.buckets ?? DEFAULT_BUCKETS;
  const registry = new Registry();
  const registers = [registry];
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const operationNameLabel = createOperationNameLabel({
    maxNames: options.maxOperationNames,
    maxLength: options.maxOperationNameLength,
  });
  let sources: MetricSources = {};

  const operations = new Counter({
    name: `${prefix}operations_total`,
    help: 'GraphQL operations by name, type, outcome (success, error, rejected) and transport.',
    labelNames: ['operation_name', 'operation_type', 'outcome', 'transport'] as const,
    registers,
  });
  const operationDuration = new Histogram({
    name: `${prefix}operation_duration_seconds`,
    help: 'Duration of GraphQL operations, from parsing to the response.',
    labelNames: ['operation_type', 'transport'] as const,
    buckets,
    registers,
  });
  const upstreamRequests = new Counter({
    name: `${prefix}upstream_requests_total`,
    help: 'Requests to Pi by method, route and status (HTTP status, timeout, unavailable, bad-response, abandoned, circuit-open).',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const upstreamDuration = new Histogram({
    name: `${prefix}upstream_duration_seconds`,
    help: 'Duration of requests to Pi (each attempt), by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets,
    registers,
  });
  const upstreamRetries = new Counter({
    name: `${prefix}upstream_retries_total`,
    help: 'Retried requests to Pi, by method and route.',
    labelNames: ['method', 'route'] as const,
    registers,
  });
  const dedupeHits = new Counter({
    name: `${prefix}upstream_dedupe_hits_total`,
    help: 'Reads served by joining an identical request already in flight, by route.',
    labelNames: ['route'] as const,
    registers,
  });
  const watcherEvents = new Counter({
    name: `${prefix}watcher_events_total`,
    help: 'Watcher lifecycle events (starts, stops, failed reads, leases, Redis), by type.',
    labelNames: ['type'] as const,
    registers,
  });

  new Gauge({
    name: `${prefix}circuit_state`,
    help: 'State of the circuit breaker to Pi: 0 closed, 1 half-open, 2 open.',
    registers,
    collect() {
      const state = read(sources.circuitState);
      if (state !== undefined) this.set(CIRCUIT_STATE_VALUE[state]);
    },
  });
  new Gauge({
    name: `${prefix}circuit_status`,
    help: 'Circuit breaker to Pi: 1 for the current state, 0 for the others.',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const current = read(sources.circuitState) ?? 'closed';
      for (const state of CIRCUIT_STATES) this.set({ state }, state === current ? 1 : 0);
    },
  });
  const liveGauge = (
    name: string,
    help: string,
    source: keyof Omit<MetricSources, 'circuitState'>,
  ) =>
    new Gauge({
      name: `${prefix}${name}`,
      help,
      registers,
      collect() {
        const value = read(sources[source]);
        if (value !== undefined) this.set(value);
      },
    });
  liveGauge('websocket_sockets', 'Open GraphQL WebSocket connections.', 'sockets');
  liveGauge('subscriptions', 'Active GraphQL subscriptions.', 'subscriptions');
  liveGauge('watchers', 'Upstream watchers (job and run pollers) in this process.', 'watchers');

  const recordOperation = (operation: OperationRecord): void => {
    const { type, outcome, transport, durationMs } = operation;
    operations.inc({
      operation_name: operationNameLabel(operation.name),
      operation_type: type,
      outcome,
      transport,
    });
    if (durationMs !== undefined) {
      operationDuration.observe({ operation_type: type, transport }, durationMs / 1000);
    }
  };

  const onPiEvent = (event: PiClientEvent): void => {
    const { method, route } = event;
    switch (event.type) {
      case 'response':
        upstreamRequests.inc({ method, route, status: String(event.status) });
        upstreamDuration.observe({ method, route }, event.durationMs / 1000);
        return;
      case 'failure':
        // `abandoned` (every caller left) is counted as its own status: it says nothing about Pi.
        upstreamRequests.inc({ method, route, status: event.reason });
        upstreamDuration.observe({ method, route }, event.durationMs / 1000);
        return;
      case 'retry':
        upstreamRetries.inc({ method, route });
        return;
      case 'dedupe-hit':
        dedupeHits.inc({ route });
        return;
      case 'circuit-rejected':
        upstreamRequests.inc({ method, route, status: 'circuit-open' });
        return;
      default:
        // A newer client may emit more event kinds: ignore them rather than throw into the client.
        return;
    }
  };

  return {
    registry,
    apolloPlugin: createMetricsPlugin(safely(recordOperation)),
    onPiEvent: safely(onPiEvent),
    onWatcherEvent: safely((event: WatcherEvent) => watcherEvents.inc({ type: event.type })),
    recordOperation: safely(recordOperation),
    observe(next) {
      sources = { ...sources, ...next };
    },
    handler: createMetricsHandler(registry),
  };
}

// Metrics are fed from inside the Pi client, the watchers and Apollo: a bad value (a negative
// duration from a clock step, say) must cost one sample, never the caller's request.
function safely<T>(record: (value: T) => void): (value: T) => void {
  return (value) => {
    try {
      record(value);
    } catch {
      // Dropped on purpose, see above.
    }
  };
}

// A failing source must not fail the whole scrape: its gauge keeps its last value.
function read<T>(source: (() => T) | undefined): T | undefined {
  if (source === undefined) return undefined;
  try {
    return source();
  } catch {
    return undefined;
  }
}
