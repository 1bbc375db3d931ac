/**
 * Helpers for the end-to-end subscription suites: real `graphql-ws` clients (over `ws`) against a
 * gateway, a recorder of what one subscription receives, and simulator shortcuts.
 */
import { createClient } from 'graphql-ws';
import type { Client, FormattedExecutionResult } from 'graphql-ws';
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { callSimulator } from '../helpers/simulator-requests.js';

/** `ws://…/graphql` for a gateway's `http://…/graphql`. */
export function toWebSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

export interface Received {
  /** Every `next` payload, in order. */
  readonly results: FormattedExecutionResult<Record<string, unknown>, unknown>[];
  /** `active` until the server completes (`complete`) or errors the operation or the socket (`error`). */
  readonly state: 'active' | 'complete' | 'error';
  /** What `error` was called with (graphql-ws: formatted errors, or the socket's close event). */
  readonly error: unknown;
  /** Resolves once the operation is no longer active (never rejects). */
  readonly finished: Promise<void>;
  /** Completes the operation from the client side. */
  unsubscribe(): void;
}

export interface WsConnection {
  client: Client;
  /** The socket, once connected. */
  socket(): WebSocket | undefined;
  /** Resolves with the close code of the first close. */
  closed: Promise<number>;
  /** Starts an operation and records what it receives. */
  subscribe(query: string, variables?: Record<string, unknown>): Received;
}

/**
 * A lazy `graphql-ws` client (it connects with the first operation) that never retries, sending
 * `connectionParams` in `connection_init`. Disposed when the current test finishes.
 */
export function connectWebSocket(
  url: string,
  connectionParams: Record<string, unknown> | undefined,
): WsConnection {
  let socket: WebSocket | undefined;
  let onClosed: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => {
    onClosed = resolve;
  });
  const client = createClient({
    url: toWebSocketUrl(url),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    // Keep the socket after the last subscription completes: otherwise the client's own lazy
    // close (1000) races the gateway's shutdown close (1001) that tests assert on.
    lazyCloseTimeout: 60_000,
    on: {
      connected: (connected) => {
        socket = connected as WebSocket;
      },
      closed: (event) => onClosed((event as { code: number }).code),
    },
  });
  onTestFinished(() => client.dispose());
  return {
    client,
    socket: () => socket,
    closed,
    subscribe(query, variables) {
      return record(client, query, variables);
    },
  };
}

function record(client: Client, query: string, variables?: Record<string, unknown>): Received {
  const results: FormattedExecutionResult<Record<string, unknown>, unknown>[] = [];
  let state: Received['state'] = 'active';
  let error: unknown;
  let settle: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const unsubscribe = client.subscribe(
    { query, ...(variables === undefined ? {} : { variables }) },
    {
      next: (result) => {
        results.push(result);
      },
      error: (reason) => {
        state = 'error';
        error = reason;
        settle();
      },
      complete: () => {
        if (state === 'active') state = 'complete';
        settle();
      },
    },
  );
  return {
    results,
    get state() {
      return state;
    },
    get error() {
      return error;
    },
    finished,
    unsubscribe,
  };
}

/** The `jobUpdated` payloads of a recording (throws on a payload with errors). */
export function jobEvents(received: Received): Array<Record<string, any>> {
  return received.results.map((result) => {
    if (result.errors !== undefined)
      throw new Error(`event with errors: ${JSON.stringify(result)}`);
    return (result.data as { jobUpdated: Record<string, any> }).jobUpdated;
  });
}

/** Queues an `ad_generation` job (`[fail]` in the prompt makes it fail) as `org`; returns its id. */
export async function createAdJob(
  sim: RunningSimulator,
  org: string,
  prompt = 'A summer sale poster',
): Promise<string> {
  const data = await callSimulator<{ job_id: string }>(
    sim,
    org,
    'POST',
    '/api/v1/images/generations',
    { prompt },
  );
  return data.job_id;
}

/** Starts a one-step run (a brand extraction) as `org`; returns its id. */
export async function createRun(sim: RunningSimulator, org: string): Promise<string> {
  const data = await callSimulator<{ run_id: string }>(sim, org, 'POST', '/api/v1/runs', {
    steps: [{ id: 'extract', action: 'brands.extract', input: { url: 'https://example.com' } }],
  });
  return data.run_id;
}
