/**
 * RELIABILITY.md, upstream faults end to end (the Pi client's own tests in test/upstream cover the
 * same faults against a MockAgent): U1, U2, U6, U7, U8 and U9. The simulator's fault injection
 * makes latency, trickles and 404s; a fake upstream makes the bodies the simulator never sends.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  armSimulatorFault,
  callSimulator,
  createBrandJob,
  createCompletedBrandJob,
} from '../helpers/simulator-requests.js';
import type { SimJob } from '../helpers/simulator-requests.js';
import type { ServerResponse } from 'node:http';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { waitFor } from '../helpers/wait-for.js';
import { connectWebSocket, jobEvents } from '../subscriptions-e2e/helpers.js';
import { expectNoLeak } from './expect-no-leak.js';
import { sendEnvelope, startFakeUpstream } from './fake-upstream.js';

const JOB_AND_BRAND =
  'query ($id: ID!, $brand: ID!) { job(id: $id) { status } brand(id: $brand) { name } }';
const JOB = 'query ($id: ID!) { job(id: $id) { id status } }';

describe('U1: latency above the per-call timeout', () => {
  it("should answer UPSTREAM_TIMEOUT at the field's path, resolve the rest, and stay inside the deadline", async () => {
    const gw = await startTestGateway({
      simulator: { faults: true },
      config: { piHeadersTimeoutMs: 200, operationDeadlineMs: 5000 },
    });
    const { jobId, brandId } = await createCompletedBrandJob(gw.sim, 'alpha', 'https://u1.example');
    await armSimulatorFault(gw.sim, {
      route: 'GET /api/v1/jobs/:id',
      fault: 'latency=3000',
      times: 5,
    });
    const started = performance.now();

    const response = await gw.gql(JOB_AND_BRAND, { id: jobId, brand: brandId });

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ job: null, brand: { name: 'u1.example' } });
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: ['job'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_TIMEOUT' }),
      }),
    ]);
    // Each attempt gives up after the headers timeout (undici's timers tick at about 1 s), all of
    // them well inside the operation deadline, while Pi would have taken 20 s.
    expect(performance.now() - started).toBeLessThan(5000);
    expectNoLeak(gw, response.body);
  });
});

describe('U2: an upstream that hangs or trickles', () => {
  it.each([
    ['hangs before its headers', 'latency=20000'],
    ['trickles its body', 'slow-body=20000'],
  ])(
    'should fail with UPSTREAM_TIMEOUT at the operation deadline when Pi %s, and drop the upstream request',
    async (_name, fault) => {
      const gw = await startTestGateway({
        simulator: { faults: true },
        config: { operationDeadlineMs: 400 },
      });
      const jobId = await createBrandJob(gw.sim, 'alpha');
      await armSimulatorFault(gw.sim, { route: 'GET /api/v1/jobs/:id', fault, times: 5 });
      const started = performance.now();

      const response = await gw.gql(JOB, { id: jobId });

      expect(response.body.errors[0]).toMatchObject({
        path: ['job'],
        extensions: { code: 'UPSTREAM_TIMEOUT' },
      });
      expect(performance.now() - started).toBeLessThan(3000);
      // The request was abandoned (its socket destroyed), not left to finish in the background.
      await waitFor(
        () => gw.upstream.requests.every((request) => request.error !== undefined),
        5000,
        'every upstream attempt to be dropped',
      );
      expectNoLeak(gw, response.body);
    },
  );
});

describe('U6–U8: unusable upstream bodies', () => {
  const cases: Array<[string, string, (res: ServerResponse) => void]> = [
    [
      'malformed JSON',
      'UPSTREAM_BAD_RESPONSE',
      (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": {'),
    ],
    [
      'an HTML page with 200',
      'UPSTREAM_BAD_RESPONSE',
      (res) =>
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html><body>Welcome to nginx at 10.1.2.3</body></html>'),
    ],
    [
      'an HTML error page with 502',
      'UPSTREAM_ERROR',
      (res) =>
        res
          .writeHead(502, { 'content-type': 'text/html' })
          .end('<html><body>Bad gateway: upstream 10.1.2.3:8080</body></html>'),
    ],
    ['an empty 200', 'UPSTREAM_BAD_RESPONSE', (res) => res.writeHead(200).end()],
    [
      'a truncated body',
      'UPSTREAM_BAD_RESPONSE',
      (res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        // Cut the connection once the headers and the first part have left.
        res.write('{"data": {"id": "', () => res.socket?.destroy());
      },
    ],
    [
      'valid JSON of the wrong shape (U7)',
      'UPSTREAM_BAD_RESPONSE',
      (res) =>
        sendEnvelope(res, {
          id: 42,
          org_id: ['x'],
          status: { weird: 'secret-shape-value' },
          type: null,
        }),
    ],
    [
      'JSON without an envelope (U7)',
      'UPSTREAM_BAD_RESPONSE',
      (res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"job": {"id": "secret-shape-value"}}'),
    ],
    [
      'a body of 11 MB (U8)',
      'UPSTREAM_BAD_RESPONSE',
      (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"data": {"id": "${'x'.repeat(11 * 1024 * 1024)}"}}`);
      },
    ],
    [
      'a declared length of 1 GB (U8)',
      'UPSTREAM_BAD_RESPONSE',
      (res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(1024 ** 3),
        });
        res.write('{"data": ');
      },
    ],
  ];

  it.each(cases)(
    'should answer %s with %s at the field, leak nothing, and cache nothing',
    async (_name, code, bad) => {
      const sim = await startTestGateway();
      const { jobId } = await createCompletedBrandJob(sim.sim, 'alpha', 'https://u6.example');
      const job = await callSimulator<SimJob>(sim.sim, 'alpha', 'GET', `/api/v1/jobs/${jobId}`);
      // Bad until the first operation is over (its retries included), then the real job.
      let healthy = false;
      const pi = await startFakeUpstream((_req, res) =>
        healthy ? sendEnvelope(res, job) : bad(res),
      );
      const gw = await startTestGateway({ config: { piBaseUrl: pi.url } });

      const failed = await gw.gql(JOB, { id: jobId });
      healthy = true;
      const after = await gw.gql(JOB, { id: jobId });

      expect(failed.status).toBe(200);
      expect(failed.body.data).toEqual({ job: null });
      expect(failed.body.errors).toHaveLength(1);
      expect(failed.body.errors[0]).toMatchObject({ path: ['job'], extensions: { code } });
      expectNoLeak(gw, failed.body, [pi.url, '10.1.2.3', 'nginx', 'secret-shape-value', '<html']);
      expect(JSON.stringify(failed.body).length).toBeLessThan(5000);
      expect(after.body).toMatchObject({ data: { job: { id: jobId, status: 'COMPLETED' } } });
      await fetch(new URL('/healthz', gw.url)).then((health) => expect(health.status).toBe(200));
    },
  );
});

describe('U9: a new job that answers 404 for a moment', () => {
  it('should retry a brief 404 of a watched job and then stream it to COMPLETED', async () => {
    const gw = await startTestGateway({ simulator: { faults: true, stepMs: 30 } });
    const jobId = await createBrandJob(gw.sim, 'alpha');
    await armSimulatorFault(gw.sim, {
      route: 'GET /api/v1/jobs/:id',
      fault: 'status=404',
      times: 2,
    });

    const received = connectWebSocket(gw.url, gw.as('alpha')).subscribe(
      'subscription ($id: ID!) { jobUpdated(id: $id) { status } }',
      { id: jobId },
    );
    await received.finished;

    expect(received.state).toBe('complete');
    expect(jobEvents(received).at(-1)?.status).toBe('COMPLETED');
    expect(gw.upstream.requests.slice(0, 2).map((request) => request.status)).toEqual([404, 404]);
  });

  it('should give up on an id that stays 404 after a bounded number of reads, with NOT_FOUND', async () => {
    const gw = await startTestGateway();

    const received = connectWebSocket(gw.url, gw.as('alpha')).subscribe(
      'subscription ($id: ID!) { jobUpdated(id: $id) { status } }',
      { id: randomUUID() },
    );
    await received.finished;

    expect(received.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const reads = gw.upstream.requests.length;
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(5);
  });
});
