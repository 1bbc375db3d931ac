import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { HttpHandler } from './create-http-handler.js';

export interface HttpServerOptions {
  handler: HttpHandler;
  /** Interface to listen on. */
  host: string;
  /** `0` picks a free port. */
  port: number;
  /** A server created beforehand (e.g. one Apollo already drains); a new one otherwise. */
  server?: Server;
}

export interface RunningHttpServer {
  /** `http://host:port` with the real port (IPv6 hosts in brackets). */
  origin: string;
  server: Server;
  /** Closes the listener and every connection; resolves at once if it is already closed. */
  stop(): Promise<void>;
}

/** Limits of `createHttpServer` against slow or hostile clients; every field is optional. */
export interface HttpServerLimits {
  /** Time for a request's headers to arrive, from the first byte. @default 10000 */
  headersTimeoutMs?: number;
  /** Time for a whole request (headers and body) to arrive. @default 30000 */
  requestTimeoutMs?: number;
  /**
   * Largest total size of a request's headers; larger gets 431. Twice Node's 16 KiB default, so
   * a large JWT plus a few hundred ordinary headers fit. @default 32768
   */
  maxHeaderBytes?: number;
}

/** The defaults of `HttpServerLimits`. */
export const DEFAULT_HTTP_SERVER_LIMITS: Required<HttpServerLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxHeaderBytes: 32 * 1024,
};

/**
 * A `node:http` server with tighter limits than Node's defaults against slow or hostile clients
 * (RELIABILITY.md H7): by default the headers must arrive within 10 s, the whole request within
 * 30 s (a slowloris socket gets 408 and is closed), and headers over 32 KiB get 431. Time spent
 * executing an operation is not counted (the operation deadline bounds that).
 *
 * @throws RangeError (Node's) when `headersTimeoutMs` is above `requestTimeoutMs`.
 */
export function createHttpServer(limits: HttpServerLimits = {}): Server {
  const { headersTimeoutMs, requestTimeoutMs, maxHeaderBytes } = {
    ...DEFAULT_HTTP_SERVER_LIMITS,
    ...limits,
  };
  return createServer({
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    maxHeaderSize: maxHeaderBytes,
    // Node checks both timeouts only this often (30 s by default), which would let a slow client
    // hold a socket for up to that long past its timeout.
    connectionsCheckingInterval: Math.max(
      10,
      Math.min(1_000, Math.floor(Math.min(headersTimeoutMs, requestTimeoutMs) / 4)),
    ),
  });
}

/**
 * Listens with `handler` on `host:port`.
 *
 * @throws the listen error (e.g. `EADDRINUSE`, `EACCES`) when the port cannot be bound.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = options.server ?? createHttpServer();
  server.on('request', options.handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    origin: `http://${host}:${port}`,
    server,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) {
          resolve();
          return;
        }
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
