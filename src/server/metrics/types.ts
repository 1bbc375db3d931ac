import type { CircuitState, PiClientEvent } from '../../pi/index.js';
import type { WatcherEvent } from '../../subscriptions/index.js';

/** `operation_type` label: the GraphQL operation, or `unknown` when none was resolved. */
export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';

/**
 * `success`: no errors. `error`: errors during execution. `rejected`: refused before execution
 * (parse, validation, limits, authentication, malformed request).
 */
export type OperationOutcome = 'success' | 'error' | 'rejected';

export type OperationTransport = 'http' | 'websocket';

/** One finished GraphQL operation, as `recordOperation` takes it. */
export interface OperationRecord {
  /** The client-chosen operation name; `undefined`/`null`/`''` counts as `anonymous`. */
  name?: string | null;
  type: OperationType;
  outcome: OperationOutcome;
  /** Omitted for requests refused before timing started: counted, not observed in the histogram. */
  durationMs?: number;
  transport: OperationTransport;
}

/** Live values read at scrape time. Each must be cheap and must not throw (a throw skips it). */
export interface MetricSources {
  circuitState?: () => CircuitState;
  /** Open WebSocket connections. */
  sockets?: () => number;
  /** Active GraphQL subscriptions. */
  subscriptions?: () => number;
  /** Upstream watchers (job and run pollers) in this process. */
  watchers?: () => number;
}

export type { CircuitState, PiClientEvent, WatcherEvent };
