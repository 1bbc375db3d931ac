import { Pool } from 'undici';
import type { Dispatcher } from 'undici';

/** Upstream traffic seen by a `CountingDispatcher` since its last reset. */
export interface UpstreamCounts {
  /** Requests dispatched (each retry counts). */
  requests: number;
  /** Response body bytes received (headers excluded). */
  responseBytes: number;
}

export interface CountingDispatcher {
  /** Pass to the client under test (the gateway's `deps.dispatcher`, the naive gateway, ...). */
  dispatcher: Dispatcher;
  counts(): UpstreamCounts;
  reset(): void;
  close(): Promise<void>;
}

export interface CountingDispatcherOptions {
  /** The upstream origin, e.g. the simulator's URL. */
  origin: string;
  /** Keep-alive connections, the gateway's `PI_CONNECTIONS`. */
  connections: number;
}

/**
 * A keep-alive undici `Pool` configured like the gateway's own Pi pool, composed with an
 * interceptor that counts the requests sent and the response body bytes received, so every target
 * of the HTTP bench is measured by the same code on the same kind of pool.
 */
export function createCountingDispatcher(options: CountingDispatcherOptions): CountingDispatcher {
  const pool = new Pool(options.origin, {
    connections: options.connections,
    connect: { timeout: 5_000 },
    headersTimeout: 15_000,
    bodyTimeout: 15_000,
  });
  const counts: UpstreamCounts = { requests: 0, responseBytes: 0 };
  const count: Dispatcher.DispatcherComposeInterceptor =
    (dispatch) => (dispatchOptions, handler) => {
      counts.requests += 1;
      return dispatch(dispatchOptions, countBytes(handler, counts));
    };
  return {
    dispatcher: pool.compose(count),
    counts: () => ({ ...counts }),
    reset: () => {
      counts.requests = 0;
      counts.responseBytes = 0;
    },
    close: () => pool.close(),
  };
}

/**
 * One view over several counting dispatchers (the gateway's query pool and its watchers' long-poll
 * pool): `dispatcher` is the first one's, `counts()` sums them all, `reset` and `close` reach all.
 */
export function combineCountingDispatchers(
  first: CountingDispatcher,
  ...others: CountingDispatcher[]
): CountingDispatcher {
  const all = [first, ...others];
  return {
    dispatcher: first.dispatcher,
    counts: () =>
      all
        .map((one) => one.counts())
        .reduce((sum, one) => ({
          requests: sum.requests + one.requests,
          responseBytes: sum.responseBytes + one.responseBytes,
        })),
    reset: () => all.forEach((one) => one.reset()),
    close: async () => {
      await Promise.all(all.map((one) => one.close()));
    },
  };
}

// Wraps either handler style undici may pass down (`onResponseData` or the legacy `onData`).
function countBytes(
  handler: Dispatcher.DispatchHandler,
  counts: UpstreamCounts,
): Dispatcher.DispatchHandler {
  return new Proxy(handler, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      if (property === 'onResponseData' || property === 'onData') {
        return (...args: unknown[]) => {
          const chunk = args[args.length - 1];
          if (chunk instanceof Uint8Array) counts.responseBytes += chunk.byteLength;
          return (value as (...params: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...params: unknown[]) => unknown).bind(target);
    },
  });
}
