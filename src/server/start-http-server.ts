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

/**
 * A `node:http` server with tighter limits than Node's defaults against slow or hostile clients
 * (RELIABILITY.md H7): the headers must arrive within 10 s and the whole request within 30 s.
 * Time spent executing an operation is not counted (the operation deadline bounds that).
 */
export function createHttpServer(): Server {
  return createServer({ headersTimeout: 10_000, requestTimeout: 30_000 });
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
