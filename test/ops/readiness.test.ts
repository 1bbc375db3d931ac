import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReadinessCheck } from '../../src/server/index.js';
import type { ReadinessCheck, ReadinessCheckOptions } from '../../src/server/index.js';
import { startRedis } from '../helpers/redis.js';
import type { RunningRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait-for.js';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function listen(listener: RequestListener): Promise<{ url: string; port: number }> {
  const server = createServer(listener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  stops.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port };
}

/** A stand-in Pi that answers 404 to everything (still "answers HTTP") and records requests. */
async function startFakePi() {
  const requests: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders }> = [];
  const { url } = await listen((req, res) => {
    requests.push({ method: req.method, url: req.url, headers: req.headers });
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not_found"}');
  });
  return { url, requests };
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return `http://127.0.0.1:${port}`;
}

function readiness(options: ReadinessCheckOptions): ReadinessCheck {
  const check = createReadinessCheck(options);
  stops.push(() => check.close());
  return check;
}

async function serveReadiness(check: ReadinessCheck): Promise<string> {
  const { url } = await listen((req, res) => {
    void check.handler(req, res);
  });
  return `${url}/readyz`;
}

describe('createReadinessCheck', () => {
  it('should be ready when Pi answers HTTP at all, probing only its origin without credentials', async () => {
    const pi = await startFakePi();
    const check = readiness({ piBaseUrl: `${pi.url.replace('//', '//user:secret@')}/v1/` });
    const response = await fetch(await serveReadiness(check));

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { pi: 'ok', redis: 'not_configured', circuit: 'closed' },
    });
    expect(pi.requests).toHaveLength(1);
    expect(pi.requests[0]).toMatchObject({ method: 'GET', url: '/' });
    expect(pi.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('should answer 503 with pi unreachable when nothing listens on its port, without echoing the host', async () => {
    const check = readiness({ piBaseUrl: await closedPortUrl() });
    const response = await fetch(await serveReadiness(check));

    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      status: 'not_ready',
      checks: { pi: 'unreachable', redis: 'not_configured', circuit: 'closed' },
    });
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toMatch(/ECONNREFUSED/i);
  });

  it('should answer 503 with pi unreachable when Pi does not answer within the timeout', async () => {
    const { url } = await listen(() => {
      // Never answers: the probe must give up on its own.
    });
    const check = readiness({ piBaseUrl: url, timeoutMs: 200 });
    const startedAt = Date.now();
    const report = await check.check();

    expect(report).toEqual({
      status: 'not_ready',
      checks: { pi: 'unreachable', redis: 'not_configured', circuit: 'closed' },
    });
    expect(Date.now() - startedAt).toBeLessThan(2000);
  });

  it('should answer 503 while the circuit is open, and 200 again once it is half-open', async () => {
    const pi = await startFakePi();
    let circuit: 'closed' | 'open' | 'half-open' = 'open';
    const url = await serveReadiness(readiness({ piBaseUrl: pi.url, circuitState: () => circuit }));

    const open = await fetch(url);
    expect(open.status).toBe(503);
    expect(await open.json()).toEqual({
      status: 'not_ready',
      checks: { pi: 'ok', redis: 'not_configured', circuit: 'open' },
    });

    circuit = 'half-open';
    const halfOpen = await fetch(url);
    expect(halfOpen.status).toBe(200);
    expect(await halfOpen.json()).toMatchObject({ checks: { circuit: 'half-open' } });
  });

  it('should share one check in flight between concurrent probes', async () => {
    const pi = await startFakePi();
    const check = readiness({ piBaseUrl: pi.url });

    const reports = await Promise.all([check.check(), check.check(), check.check()]);
    expect(reports.map((report) => report.status)).toEqual(['ready', 'ready', 'ready']);
    expect(pi.requests).toHaveLength(1);

    await check.check();
    expect(pi.requests).toHaveLength(2);
  });

  it('should answer HEAD with the status only and other methods with 405', async () => {
    const pi = await startFakePi();
    const url = await serveReadiness(readiness({ piBaseUrl: pi.url }));

    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');

    const post = await fetch(url, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  describe('with Redis', () => {
    let redis: RunningRedis;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      await redis.stop();
    });

    it('should be ready while Redis answers PING, 503 once it stops, and ready again after it restarts', async () => {
      const pi = await startFakePi();
      const check = readiness({ piBaseUrl: pi.url, redisUrl: redis.url, timeoutMs: 500 });
      const url = await serveReadiness(check);

      const up = await fetch(url);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({
        status: 'ready',
        checks: { pi: 'ok', redis: 'ok', circuit: 'closed' },
      });

      await redis.stop();
      const down = await fetch(url);
      expect(down.status).toBe(503);
      const text = await down.text();
      expect(JSON.parse(text)).toEqual({
        status: 'not_ready',
        checks: { pi: 'ok', redis: 'unreachable', circuit: 'closed' },
      });
      expect(text).not.toContain(String(redis.port));

      await redis.start();
      await waitFor(async () => (await check.check()).status === 'ready', 10_000, 'Redis back');
    });

    it('should report Redis unreachable after close() instead of reconnecting', async () => {
      const pi = await startFakePi();
      const check = readiness({ piBaseUrl: pi.url, redisUrl: redis.url, timeoutMs: 500 });
      await redis.start();
      expect((await check.check()).checks.redis).toBe('ok');

      await check.close();
      expect((await check.check()).checks.redis).toBe('unreachable');
    });
  });
});
