import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BodyError,
  DEFAULT_MAX_BODY_BYTES,
  createHttpServer,
  readGraphQLBody,
  startHttpServer,
} from '../../src/server/index.js';
import type { BodyStream, RunningHttpServer } from '../../src/server/index.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { waitFor } from '../helpers/wait-for.js';

const APP_ORIGIN = 'https://app.example.com';
const MAX_BODY = 100_000;

// One gateway with a small body limit, a CORS allowlist and one extra forwarded header.
const gw = await startTestGateway({
  config: {
    maxBodyBytes: MAX_BODY,
    corsOrigins: [APP_ORIGIN],
    piForwardHeaders: ['x-gemini-api-key', 'x-trace-tag'],
  },
});
const origin = new URL(gw.url).origin;
// Tests assert on arbitrary shapes.
const json = (response: Response): Promise<any> => response.json() as Promise<any>;
const TYPENAME = JSON.stringify({ query: '{ __typename }' });

beforeEach(() => gw.upstream.clear());

function post(body: string | Buffer, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(gw.url, {
    method: 'POST',
    headers: { ...gw.as('alpha'), 'content-type': 'application/json', ...headers },
    body,
  });
}

/** A body stream as `readGraphQLBody` sees it, served in `chunkSize` pieces on demand. */
function bodyStream(
  data: Buffer,
  headers: Record<string, string>,
  chunkSize = 1024,
): { stream: BodyStream; pulled: () => number } {
  let offset = 0;
  const readable = new Readable({
    highWaterMark: chunkSize,
    read() {
      if (offset >= data.length) {
        this.push(null);
        return;
      }
      this.push(data.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
  return { stream: Object.assign(readable, { headers }), pulled: () => offset };
}

/** Opens a raw TCP connection to `url`'s host and port; resolves once connected. */
async function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/** Collects what a socket receives and whether the peer closed it. */
function watchSocket(socket: Socket): { received: () => string; closed: () => boolean } {
  let received = '';
  let closed = false;
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  // A reset after the answer is fine: only the close matters.
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  return { received: () => received, closed: () => closed };
}

describe('request body limit (H6)', () => {
  it('should default to 1 MB', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1_000_000);
  });

  it('should serve a body just under config.maxBodyBytes', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
    const padded = body.replace('"pad":""', `"pad":"${'x'.repeat(MAX_BODY - body.length)}"`);
    expect(Buffer.byteLength(padded)).toBe(MAX_BODY);

    const response = await post(padded);

    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('should answer 413 and close the connection for a body one byte over config.maxBodyBytes', async () => {
    const response = await post('x'.repeat(MAX_BODY + 1));

    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect((await json(response)).errors[0]).toEqual({
      message: `The request body is larger than ${MAX_BODY} bytes.`,
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it('should answer 413 to a chunked body past the limit and close the connection without reading the rest', async () => {
    const socket = await openSocket(gw.url);
    const peer = watchSocket(socket);
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        `Authorization: ${gw.as('alpha').authorization}\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const chunk = 'x'.repeat(16 * 1024);
    // Sends a little past the limit, then nothing more and never the final chunk.
    for (let sent = 0; sent <= MAX_BODY; sent += chunk.length) {
      socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    }

    await waitFor(peer.closed, 5000, 'the server to close the connection');
    expect(peer.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(gw.upstream.requests).toEqual([]);
  });
});

describe('compressed request bodies (H6)', () => {
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('should inflate a %s body and run the operation', async (encoding, compress) => {
    const response = await post(compress(Buffer.from(TYPENAME)), { 'content-encoding': encoding });

    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ data: { __typename: 'Query' } });
  });

  it.each(['compress', 'gzip, br', 'zstd'])(
    'should refuse Content-Encoding "%s" with 415',
    async (encoding) => {
      const response = await post(gzipSync(Buffer.from(TYPENAME)), {
        'content-encoding': encoding,
      });

      expect(response.status).toBe(415);
      expect((await json(response)).errors[0].extensions.code).toBe('BAD_REQUEST');
    },
  );

  it('should answer corrupt gzip data with 400', async () => {
    const response = await post('not really gzip', { 'content-encoding': 'gzip' });

    expect(response.status).toBe(400);
    expect((await json(response)).errors[0]).toEqual({
      message: 'The compressed request body is corrupt.',
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it('should answer a gzip bomb (50 MB of zeros in about 50 KB) with 413 and keep serving', async () => {
    const bomb = gzipSync(Buffer.alloc(50_000_000));
    expect(bomb.length).toBeLessThan(MAX_BODY);

    const response = await post(bomb, { 'content-encoding': 'gzip' });

    expect(response.status).toBe(413);
    expect((await json(response)).errors[0].message).toBe(
      `The request body is larger than ${MAX_BODY} bytes.`,
    );
    expect((await post(TYPENAME)).status).toBe(200);
  });

  it('should stop reading and inflating a bomb as soon as the inflated size passes the cap', async () => {
    // 100 gzip members of 10 MB of zeros each: 1 GB once inflated, about 1 MB as sent.
    const member = gzipSync(Buffer.alloc(10_000_000));
    const bomb = Buffer.concat(Array.from({ length: 100 }, () => member));
    const { stream, pulled } = bodyStream(bomb, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });

    const error = await readGraphQLBody(stream, DEFAULT_MAX_BODY_BYTES).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BodyError);
    expect((error as BodyError).status).toBe(413);
    // 1 MB of zeros takes about 1 KB of gzip; the rest is what the streams had buffered.
    expect(pulled()).toBeLessThan(64 * 1024);
    expect(bomb.length).toBeGreaterThan(900_000);
  });

  it('should answer 413 when the compressed bytes alone pass the cap', async () => {
    // Stored (level 0) gzip of random bytes is slightly larger than its content.
    const content = randomBytes(MAX_BODY - 10);
    const { stream } = bodyStream(gzipSync(content, { level: 0 }), { 'content-encoding': 'gzip' });

    const error = await readGraphQLBody(stream, MAX_BODY).catch((e: unknown) => e);

    expect((error as BodyError).status).toBe(413);
  });

  it('should answer 413 from Content-Length before reading a compressed body', async () => {
    const { stream, pulled } = bodyStream(Buffer.alloc(10), {
      'content-encoding': 'gzip',
      'content-length': String(MAX_BODY + 1),
    });

    const error = await readGraphQLBody(stream, MAX_BODY).catch((e: unknown) => e);

    expect((error as BodyError).status).toBe(413);
    expect(pulled()).toBe(0);
  });
});

describe('CORS allowlist', () => {
  it('should let an allowed origin read the response and its request id and rate-limit headers', async () => {
    const response = await post(TYPENAME, { origin: APP_ORIGIN });

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('vary')).toContain('Origin');
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset',
    );
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('should carry the CORS headers on an error answered before GraphQL, such as 413', async () => {
    const response = await post('x'.repeat(MAX_BODY + 1), { origin: APP_ORIGIN });

    expect(response.status).toBe(413);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
  });

  it('should answer a preflight from an allowed origin with 204, the methods, headers and max age', async () => {
    const response = await fetch(gw.url, {
      method: 'OPTIONS',
      headers: {
        origin: APP_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')?.split(', ')).toEqual([
      'content-type',
      'authorization',
      'idempotency-key',
      'apollo-require-preflight',
      'x-apollo-operation-name',
      'x-gemini-api-key',
      'x-trace-tag',
    ]);
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(await response.text()).toBe('');
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should answer a preflight from another origin with 204 and no CORS headers', async () => {
    const response = await fetch(gw.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });

    expect(response.status).toBe(204);
    expect(corsHeaders(response.headers)).toEqual([]);
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('should still serve a request from another origin, without CORS headers', async () => {
    const response = await post(TYPENAME, { origin: 'https://evil.example' });

    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ data: { __typename: 'Query' } });
    expect(corsHeaders(response.headers)).toEqual([]);
  });

  it("should keep Apollo's CSRF prevention for an allowed origin's text/plain POST", async () => {
    const response = await post(JSON.stringify({ query: '{ job(id: "x") { id } }' }), {
      origin: APP_ORIGIN,
      'content-type': 'text/plain',
    });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should send no CORS header at all and leave preflights to Apollo when the allowlist is empty', async () => {
    const plain = await startTestGateway();
    const preflight = await fetch(plain.url, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' },
    });
    const response = await fetch(plain.url, {
      method: 'POST',
      headers: { ...plain.as('alpha'), 'content-type': 'application/json', origin: APP_ORIGIN },
      body: TYPENAME,
    });

    // Apollo answers it (its CSRF check first): no 2xx and no CORS header, so a browser stops.
    expect(preflight.status).toBe(400);
    expect(corsHeaders(preflight.headers)).toEqual([]);
    expect(response.status).toBe(200);
    expect(corsHeaders(response.headers)).toEqual([]);
    expect(response.headers.get('vary')).toBeNull();
  });
});

describe('operations refused at the HTTP layer (H4, H8)', () => {
  it('should answer a mutation over GET with 405 before any upstream call', async () => {
    const query = encodeURIComponent(
      'mutation { createWebhook(input: { endpointUrl: "https://hooks.example/pi", secret: "s3cret-value" }) { requestId } }',
    );
    const response = await fetch(`${gw.url}?query=${query}`, {
      headers: { ...gw.as('alpha'), 'apollo-require-preflight': 'true' },
    });

    expect(response.status).toBe(405);
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should answer an unknown operationName with 400', async () => {
    const response = await post(
      JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }),
    );

    expect(response.status).toBe(400);
    expect((await json(response)).errors[0].message).toContain('"B"');
  });

  it('should answer several operations with none named with 400', async () => {
    const response = await post(
      JSON.stringify({ query: 'query A { __typename } query B { __typename }' }),
    );

    expect(response.status).toBe(400);
    expect((await json(response)).errors[0].message).toContain('operation name');
  });
});

describe('very many and very large headers (H7)', () => {
  it('should serve a request with 200 headers of 100 bytes each', async () => {
    const headers: Record<string, string> = {
      ...gw.as('alpha'),
      'content-type': 'application/json',
    };
    for (let i = 0; i < 200; i += 1)
      headers[`x-filler-${String(i).padStart(3, '0')}`] = 'v'.repeat(86);

    const response = await fetch(gw.url, { method: 'POST', headers, body: TYPENAME });

    expect(response.status).toBe(200);
  });

  it('should answer a 64 KiB header with 431 and keep serving', async () => {
    const response = await fetch(`${origin}/healthz`, {
      headers: { 'x-huge': 'h'.repeat(64 * 1024) },
    });

    expect(response.status).toBe(431);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });
});

/**
 * Writes `text` one byte every 20 ms (the client's pace, not a synchronisation sleep) until the
 * server closes the socket; resolves with the bytes sent by then.
 */
async function dribbleUntilClosed(
  socket: Socket,
  peer: ReturnType<typeof watchSocket>,
  text: string,
): Promise<number> {
  let sent = 0;
  const dribble = setInterval(() => {
    if (peer.closed() || sent >= text.length) return;
    socket.write(text[sent] ?? '');
    sent += 1;
  }, 20);
  try {
    await waitFor(peer.closed, 5000, 'the server to close the slow socket');
  } finally {
    clearInterval(dribble);
  }
  return sent;
}

describe('slow clients (H7)', () => {
  let server: RunningHttpServer;

  beforeEach(async () => {
    server = await startHttpServer({
      server: createHttpServer({ headersTimeoutMs: 300, requestTimeoutMs: 600 }),
      handler: (req, res) => {
        req.resume();
        req.on('end', () => res.end('ok'));
      },
      host: '127.0.0.1',
      port: 0,
    });
  });

  afterEach(() => server.stop());

  it('should close a slowloris socket that dribbles its headers, and keep serving', async () => {
    const socket = await openSocket(server.origin);
    const peer = watchSocket(socket);
    const headers = `GET / HTTP/1.1\r\nHost: localhost\r\n${'X-Slow: x\r\n'.repeat(100)}`;

    const sent = await dribbleUntilClosed(socket, peer, headers);

    expect(sent).toBeLessThan(headers.length);
    expect(peer.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(await (await fetch(server.origin)).text()).toBe('ok');
  });

  it('should close a socket that dribbles its body past the request timeout', async () => {
    const socket = await openSocket(server.origin);
    const peer = watchSocket(socket);
    socket.write('POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n');

    const sent = await dribbleUntilClosed(socket, peer, 'x'.repeat(1000));

    expect(sent).toBeLessThan(1000);
    expect(await (await fetch(server.origin)).text()).toBe('ok');
  });

  it('should answer normal requests on a server with the default limits', async () => {
    const defaults = await startHttpServer({
      handler: (_req, res) => res.end('ok'),
      host: '127.0.0.1',
      port: 0,
    });
    try {
      const { port } = defaults.server.address() as AddressInfo;
      const status = await new Promise<number>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port, path: '/' }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(200);
      expect(defaults.server.headersTimeout).toBe(10_000);
      expect(defaults.server.requestTimeout).toBe(30_000);
    } finally {
      await defaults.stop();
    }
  });
});

function corsHeaders(headers: Headers): string[] {
  return [...headers.keys()].filter((name) => name.startsWith('access-control-'));
}
