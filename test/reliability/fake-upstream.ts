import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { onTestFinished } from 'vitest';

/** What a fake upstream saw of one request. */
export interface FakeRequest {
  method: string;
  url: string;
  authorization: string | undefined;
}

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`: pass as the gateway's `piBaseUrl`. */
  url: string;
  /** Every request received, in order. */
  readonly requests: FakeRequest[];
  /** Sockets the server still holds open (a destroyed one is removed). */
  readonly openSockets: number;
  /** Replaces the handler for the requests that follow. */
  answer(handler: (req: IncomingMessage, res: ServerResponse) => void): void;
  stop(): Promise<void>;
}

/**
 * A Pi stand-in on 127.0.0.1:0 for the faults the simulator cannot make (redirects, wrong shapes,
 * secrets in error text, huge or odd bodies). Stopped when the current test finishes.
 */
export async function startFakeUpstream(
  handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(500).end();
  },
): Promise<FakeUpstream> {
  let current = handler;
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      authorization: req.headers.authorization,
    });
    current(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  const fake: FakeUpstream = {
    url: `http://127.0.0.1:${port}`,
    requests,
    get openSockets() {
      return sockets.size;
    },
    answer(next) {
      current = next;
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return stopping;
    },
  };
  onTestFinished(() => fake.stop());
  return fake;
}

/** Answers with Pi's success envelope around `data`. */
export function sendEnvelope(res: ServerResponse, data: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_fake_1' });
  res.end(JSON.stringify({ id: 'req_fake_1', object: 'job', data }));
}
