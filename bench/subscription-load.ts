import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { FanOutResult, OpenResult } from './subscription-load-results.js';
import { wallClockMs } from './wall-clock.js';

const DOCUMENT =
  'subscription Bench($id: ID!) { jobUpdated(id: $id) { id status phase progress updatedAt } }';

export interface OpenRequest {
  /** The gateway's GraphQL URL (`http://…/graphql`). */
  url: string;
  authorization: string;
  jobIds: string[];
  /** S: subscriptions in all; subscriber i watches `jobIds[i % J]`. */
  subscribers: number;
  /** Subscriptions per socket. */
  perSocket: number;
  /**
   * Sockets being set up at once: a socket connects and sends its subscriptions, and the next one
   * starts when all of them have their first event. @default 4
   */
  concurrentSockets?: number;
  /** @default 120000 */
  timeoutMs?: number;
}

/**
 * The subscription bench's load generator (run inside the load process, apart from the gateway):
 * real `graphql-ws` clients over `ws`, several subscriptions multiplexed on each socket.
 */
export interface SubscriptionLoad {
  /**
   * Subscribes subscriber i to `jobUpdated(jobIds[i % J])` on socket ⌊i / perSocket⌋, a few
   * sockets at a time (`concurrentSockets`), and resolves once every subscription has its first
   * event or has ended (or at the timeout: `settled` false).
   */
  open(request: OpenRequest): Promise<OpenResult>;
  /**
   * Resolves once every subscription has ended, with when each terminal event arrived
   * (`wallClockMs()`, by job id): the runner subtracts the simulator's time of the change.
   */
  awaitComplete(request: { timeoutMs?: number }): Promise<FanOutResult>;
  /** Disposes every client (closing its socket). */
  close(): Promise<void>;
}

/** One subscription's record; plain fields, so 10,000 of them stay small. */
interface Subscriber {
  jobId: string;
  socket: number;
  events: number;
  /** When the terminal event arrived (ms); NaN until then. */
  terminalAt: number;
  state: 'active' | 'complete' | 'error';
  error?: string;
}

/** Creates the generator; one `open` at a time (a new one replaces the previous subscribers). */
export function createSubscriptionLoad(): SubscriptionLoad {
  let clients: Client[] = [];
  let subscribers: Subscriber[] = [];
  // Counters, so checking progress stays O(1) per event with 10,000 subscribers.
  const progress = { started: 0, ended: 0 };
  let onProgress: () => void = () => {};
  // Per socket: subscriptions still waiting for their first event, and who waits for none left.
  let waiting: number[] = [];
  let onSocketReady: Array<() => void> = [];

  const start = (subscriber: Subscriber): void => {
    progress.started += 1;
    waiting[subscriber.socket]! -= 1;
    if (waiting[subscriber.socket] === 0) onSocketReady[subscriber.socket]?.();
  };

  const end = (subscriber: Subscriber, state: 'complete' | 'error'): void => {
    if (subscriber.state !== 'active') return;
    subscriber.state = state;
    progress.ended += 1;
    if (subscriber.events === 0) start(subscriber);
    onProgress();
  };

  const subscribe = (client: Client, jobId: string, socket: number): Subscriber => {
    const subscriber: Subscriber = {
      jobId,
      socket,
      events: 0,
      terminalAt: Number.NaN,
      state: 'active',
    };
    client.subscribe<{ jobUpdated: { status: string } }>(
      { query: DOCUMENT, variables: { id: jobId } },
      {
        next: (result) => {
          const receivedAt = wallClockMs();
          subscriber.events += 1;
          const status = result.data?.jobUpdated.status;
          if (status === undefined || result.errors !== undefined) {
            subscriber.error = JSON.stringify(result.errors ?? result).slice(0, 300);
          } else if (status === 'COMPLETED' || status === 'FAILED') {
            subscriber.terminalAt = receivedAt;
          }
          if (subscriber.events === 1) {
            start(subscriber);
            onProgress();
          }
        },
        error: (error: unknown) => {
          subscriber.error = describeError(error);
          end(subscriber, 'error');
        },
        complete: () => end(subscriber, 'complete'),
      },
    );
    return subscriber;
  };

  // Checked on each subscriber's progress (first event, end), not on a timer.
  const waitUntil = (predicate: () => boolean, timeoutMs: number): Promise<boolean> =>
    new Promise((resolve) => {
      const finish = (result: boolean) => {
        clearTimeout(timer);
        onProgress = () => {};
        resolve(result);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      onProgress = () => {
        if (predicate()) finish(true);
      };
      onProgress();
    });

  const describeFailures = (): string[] => {
    const failed = subscribers.filter((subscriber) => subscriber.error !== undefined);
    if (failed.length === 0) return [];
    const examples = [...new Set(failed.map((subscriber) => subscriber.error!))].slice(0, 3);
    return [`${failed.length} subscriptions failed, e.g. ${examples.join(' | ')}`];
  };

  const close = async (): Promise<void> => {
    await Promise.all(clients.map((client) => client.dispose()));
    clients = [];
  };

  return {
    async open(request) {
      await close();
      const started = performance.now();
      const { perSocket, jobIds } = request;
      const socketCount = Math.ceil(request.subscribers / perSocket);
      progress.started = 0;
      progress.ended = 0;
      subscribers = [];
      waiting = Array.from({ length: socketCount }, (_, k) =>
        Math.min(perSocket, request.subscribers - k * perSocket),
      );
      onSocketReady = [];
      const setUpSocket = (k: number) =>
        new Promise<void>((resolve) => {
          onSocketReady[k] = resolve;
          const client = createClient({
            url: request.url.replace(/^http/, 'ws'),
            webSocketImpl: WebSocket,
            connectionParams: { authorization: request.authorization },
            retryAttempts: 0,
            lazy: true,
          });
          clients.push(client);
          const last = Math.min(request.subscribers, (k + 1) * perSocket);
          for (let i = k * perSocket; i < last; i++) {
            subscribers.push(subscribe(client, jobIds[i % jobIds.length]!, k));
          }
        });
      const queue = Array.from({ length: socketCount }, (_, k) => k);
      const worker = async () => {
        for (let k = queue.shift(); k !== undefined; k = queue.shift()) await setUpSocket(k);
      };
      for (let n = 0; n < (request.concurrentSockets ?? 4); n++) void worker();
      const settled = await waitUntil(
        () => progress.started === request.subscribers,
        request.timeoutMs ?? 120_000,
      );
      // On a timeout the sockets not yet set up never will be.
      queue.length = 0;
      return {
        sockets: socketCount,
        subscriptions: subscribers.length,
        settled,
        setupMs: performance.now() - started,
        withFirstEvent: subscribers.filter((subscriber) => subscriber.events > 0).length,
        failures: describeFailures(),
      };
    },

    async awaitComplete(request) {
      const settled = await waitUntil(
        () => progress.ended === subscribers.length,
        request.timeoutMs ?? 120_000,
      );
      const terminalReceipts: Record<string, number[]> = {};
      for (const subscriber of subscribers) {
        if (Number.isNaN(subscriber.terminalAt)) continue;
        (terminalReceipts[subscriber.jobId] ??= []).push(subscriber.terminalAt);
      }
      return {
        settled,
        completed: subscribers.filter((subscriber) => subscriber.state === 'complete').length,
        withTerminalEvent: Object.values(terminalReceipts).reduce((n, list) => n + list.length, 0),
        events: subscribers.reduce((sum, subscriber) => sum + subscriber.events, 0),
        terminalReceipts,
        failures: describeFailures(),
      };
    },

    close,
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return JSON.stringify(error).slice(0, 300);
  const code = (error as { code?: unknown } | null)?.code;
  return code === undefined ? String(error) : `socket closed ${String(code)}`;
}
