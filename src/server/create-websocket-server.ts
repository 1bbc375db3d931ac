import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, handleProtocols, makeServer } from 'graphql-ws';
import type { ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { describeError, silentLog } from './gateway-log.js';
import type { GatewayLog } from './gateway-log.js';

export interface WebSocketServerOptions {
  /** The graphql-ws options (see `createGraphQLWsOptions`). */
  graphqlWs: ServerOptions<Record<string, unknown>, Extra>;
  /** The only path upgrades are accepted on. @default '/graphql' */
  path?: string;
  /** Largest accepted frame; a bigger one closes the socket with 1009. @default 1 MiB */
  maxPayloadBytes?: number;
  /**
   * Interval of the server's pings; a socket that has not answered one by the next is terminated,
   * so a half-open connection goes within about two intervals. @default 12000
   */
  keepAliveMs?: number;
  /**
   * A socket whose unsent data passes this after a send is dropped (a client that stopped
   * reading): checked on every send, so many results finishing at once cannot all queue first.
   * @default 4 MiB
   */
  maxBufferedBytes?: number;
  /** How long `close()` waits for sockets to finish their close handshake before cutting them. @default 2000 */
  closeGraceMs?: number;
  /** @default silentLog */
  log?: GatewayLog;
}

export interface GraphQLWebSocketServer {
  /**
   * The `upgrade` listener for the HTTP server: upgrades requests for `path` to graphql-ws sockets
   * and answers 404 to any other path (and 503 once closing). Never throws.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Open sockets. */
  readonly clientCount: number;
  /**
   * Closes every socket with 1001 "Going away" (cutting those still open after `closeGraceMs`) and
   * stops accepting upgrades. Complete the subscriptions first (close the watcher registries) so
   * clients get `complete` rather than a dropped stream. Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;
const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const GOING_AWAY = 1001;

/**
 * The WebSocket side of the gateway: a `ws` server without its own listener (`noServer`), fed by
 * the HTTP server's `upgrade` events, running graphql-ws (`graphql-transport-ws`). Frames are
 * capped (`maxPayloadBytes`, checked from the frame header, no compression) and links are pinged.
 * It is `graphql-ws/use/ws`'s adapter, except that failures go to the gateway's log (message and
 * frame, never a stack) rather than `console.error`, and close reasons never carry error text.
 */
export function createWebSocketServer(options: WebSocketServerOptions): GraphQLWebSocketServer {
  const path = options.path ?? '/graphql';
  const log = options.log ?? silentLog;
  const keepAliveMs = options.keepAliveMs ?? 12_000;
  const maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const graphqlWs = makeServer(options.graphqlWs);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES,
    perMessageDeflate: false,
    handleProtocols,
  });
  let closing: Promise<void> | undefined;

  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    // `ws` has already closed the socket with the right code (1009 for an oversized frame, 1002 for
    // a protocol error) when it emits this.
    socket.on('error', (error) =>
      log('debug', 'WebSocket connection error', { error: describeError(error) }),
    );
    const stopKeepAlive = keepAlive(socket, keepAliveMs);
    const closed = graphqlWs.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) =>
              // Writes cut short by dropping the socket below are not failures of the operation.
              error && socket.readyState === socket.OPEN ? reject(error) : resolve(),
            );
            if (socket.bufferedAmount > maxBufferedBytes) {
              log('warn', 'Dropping a WebSocket whose client stopped reading', {
                bufferedBytes: socket.bufferedAmount,
              });
              // A close frame would queue behind the unread data: drop the connection instead.
              socket.terminate();
            }
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            handle(String(data)).catch((error: unknown) => {
              log('error', 'Unexpected error handling a WebSocket message', {
                error: describeError(error),
              });
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      stopKeepAlive();
      closed(code, reason.toString()).catch((error: unknown) =>
        log('error', 'Unexpected error closing a WebSocket', { error: describeError(error) }),
      );
    });
  });

  return {
    handleUpgrade(request, socket, head) {
      // An error on a socket nobody listens to would crash the process.
      socket.on('error', () => socket.destroy());
      if (closing !== undefined) {
        refuse(socket, 503, 'Service Unavailable');
        return;
      }
      if (pathOf(request.url) !== path) {
        refuse(socket, 404, 'Not Found');
        return;
      }
      wss.handleUpgrade(request, socket, head, (client) => wss.emit('connection', client, request));
    },
    get clientCount() {
      return wss.clients.size;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const client of wss.clients) client.close(GOING_AWAY, 'Going away');
        const cut = setTimeout(() => {
          for (const client of wss.clients) client.terminate();
        }, options.closeGraceMs ?? 2000);
        // With `noServer`, `close` calls back once every client is gone.
        wss.close(() => {
          clearTimeout(cut);
          resolve();
        });
      });
      return closing;
    },
  };
}

/**
 * Pings every `intervalMs`; a socket that has not answered the previous ping by then is
 * terminated (a half-open TCP connection never answers). Returns the function that stops it.
 */
function keepAlive(socket: WebSocket, intervalMs: number): () => void {
  if (!(intervalMs > 0 && Number.isFinite(intervalMs))) return () => {};
  let answered = true;
  socket.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (socket.readyState !== socket.OPEN) return;
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  }, intervalMs);
  return () => clearInterval(timer);
}

function pathOf(url: string | undefined): string {
  const value = url ?? '/';
  const queryStart = value.indexOf('?');
  return queryStart === -1 ? value : value.slice(0, queryStart);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
