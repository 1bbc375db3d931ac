import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { pi, startTestSimulator, waitFor, waitForJob } from './helpers.js';
import type { PiClient } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const SECRET = 'whsec_test_secret';

interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: any;
  /** 0 while the receiver holds the request unanswered. */
  answered: number;
  /** Set when the sender closed a held request. */
  closed: boolean;
}

interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** Chooses the status answered to each delivery (default 200; 0 holds it unanswered). */
  respond: (delivery: Delivery) => number;
  stop(): Promise<void>;
}

/** A tiny webhook endpoint on 127.0.0.1:0 that records every request. */
async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: '', deliveries: [], respond: () => 200, stop: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body: unknown = JSON.parse(raw.toString());
      const delivery: Delivery = {
        path: req.url ?? '',
        headers: req.headers,
        raw,
        body,
        answered: 0,
        closed: false,
      };
      const status = receiver.respond(delivery);
      receiver.deliveries.push(delivery);
      if (status === 0) {
        res.on('close', () => {
          delivery.closed = true;
        });
        return;
      }
      delivery.answered = status;
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

function signatureIsValid(delivery: Delivery, secret: string): boolean {
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(delivery.raw).digest('hex')}`,
  );
  const given = Buffer.from(String(delivery.headers['x-pi-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function forJob(receiver: Receiver, jobId: string, path?: string): Delivery[] {
  return receiver.deliveries.filter(
    (d) => d.body?.data?.job?.id === jobId && (path === undefined || d.path === path),
  );
}

async function createJob(client: PiClient, path: string, body: unknown): Promise<string> {
  const res = await client.post(path, body);
  expect(res.status).toBe(202);
  return res.body.data.job_id as string;
}

describe('webhook registration', () => {
  let sim: RunningSimulator;
  let alpha: PiClient;
  let beta: PiClient;

  beforeAll(async () => {
    // No jobs run on this simulator, so the loopback https endpoints below are never called.
    sim = await startTestSimulator();
    alpha = pi(sim, 'alpha');
    beta = pi(sim, 'beta');
  });

  it('should create an active webhook with 200 and never return its secret', async () => {
    const res = await alpha.post('/api/v1/webhooks', {
      endpoint_url: 'https://127.0.0.1:9/hooks/pi',
      secret: '  12345678  ',
    });
    expect(res.status).toBe(200);
    expect(res.body.object).toBe('webhook');
    expect(res.body.status).toBe('completed');
    expect(res.body.data).toEqual({
      object: 'webhook',
      id: expect.stringMatching(UUID),
      endpoint_url: 'https://127.0.0.1:9/hooks/pi',
      is_active: true,
      created_at: expect.stringMatching(ISO),
      updated_at: expect.stringMatching(ISO),
    });
    expect(res.text).not.toContain('12345678');
  });

  it('should list the org webhooks newest first without secrets, and none of another org', async () => {
    const own = pi(await startTestSimulator(), 'alpha');
    const first = (
      await own.post('/api/v1/webhooks', {
        endpoint_url: 'https://localhost/a',
        secret: 'secret-a-123',
      })
    ).body.data;
    const second = (
      await own.post('/api/v1/webhooks', {
        endpoint_url: 'https://localhost/a',
        secret: 'secret-b-123',
      })
    ).body.data;
    const res = await own.get('/api/v1/webhooks');
    expect(res.status).toBe(200);
    expect(res.body.object).toBe('list');
    expect(res.body.data.object).toBe('list');
    expect(res.body.data.data.map((w: { id: string }) => w.id)).toEqual([second.id, first.id]);
    expect(Object.keys(res.body.data.data[0]).sort()).toEqual([
      'created_at',
      'endpoint_url',
      'id',
      'is_active',
      'updated_at',
    ]);
    expect(res.text).not.toContain('secret-');
    const betaList = await beta.get('/api/v1/webhooks');
    expect(betaList.body.data.data).toEqual([]);
  });

  it.each([
    ['an invalid URL', { endpoint_url: 'not a url', secret: '12345678' }, 'endpoint_url'],
    ['a missing URL', { secret: '12345678' }, 'endpoint_url'],
    [
      'a secret under 8 characters after trimming',
      { endpoint_url: 'https://localhost/x', secret: '  1234567  ' },
      'secret',
    ],
    [
      'a secret over 500 characters',
      { endpoint_url: 'https://localhost/x', secret: 's'.repeat(501) },
      'secret',
    ],
  ])('should reject %s with 400 invalid_request_body', async (_name, body, param) => {
    const res = await alpha.post('/api/v1/webhooks', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request_body', param });
  });

  it('should reject http:// endpoints with 400 invalid_endpoint_url', async () => {
    const res = await alpha.post('/api/v1/webhooks', {
      endpoint_url: 'http://127.0.0.1:9/hook',
      secret: '12345678',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_endpoint_url',
    });
  });

  it('should allow http:// only to loopback hosts when allowHttpWebhooks is on', async () => {
    const local = pi(await startTestSimulator({ allowHttpWebhooks: true }), 'alpha');
    for (const url of ['http://127.0.0.1:9/h', 'http://localhost:9/h', 'http://[::1]:9/h']) {
      expect(
        (await local.post('/api/v1/webhooks', { endpoint_url: url, secret: '12345678' })).status,
      ).toBe(200);
    }
    const remote = await local.post('/api/v1/webhooks', {
      endpoint_url: 'http://example.com/h',
      secret: '12345678',
    });
    expect(remote.status).toBe(400);
    expect(remote.body.error.code).toBe('invalid_endpoint_url');
  });

  it('should deactivate and reactivate a webhook with PATCH', async () => {
    const hook = (
      await alpha.post('/api/v1/webhooks', {
        endpoint_url: 'https://localhost/p',
        secret: '12345678',
      })
    ).body.data;
    const off = await alpha.patch(`/api/v1/webhooks/${hook.id}`, { is_active: false });
    expect(off.status).toBe(200);
    expect(off.body.object).toBe('webhook');
    expect(off.body.data).toMatchObject({
      object: 'webhook',
      id: hook.id,
      is_active: false,
      created_at: hook.created_at,
    });
    expect(off.body.data.updated_at >= hook.updated_at).toBe(true);
    const on = await alpha.patch(`/api/v1/webhooks/${hook.id}`, { is_active: true });
    expect(on.body.data.is_active).toBe(true);
  });

  it('should answer PATCH errors: no_changes, invalid_id, invalid_request_body, and not_found for foreign ids', async () => {
    const hook = (
      await alpha.post('/api/v1/webhooks', {
        endpoint_url: 'https://localhost/e',
        secret: '12345678',
      })
    ).body.data;
    const empty = await alpha.patch(`/api/v1/webhooks/${hook.id}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('no_changes');
    const badId = await alpha.patch('/api/v1/webhooks/nope', { is_active: false });
    expect(badId.status).toBe(400);
    expect(badId.body.error).toMatchObject({ code: 'invalid_id', param: 'id' });
    const badBody = await alpha.patch(`/api/v1/webhooks/${hook.id}`, { is_active: 'yes' });
    expect(badBody.body.error).toMatchObject({ code: 'invalid_request_body', param: 'is_active' });
    for (const res of [
      await beta.patch(`/api/v1/webhooks/${hook.id}`, { is_active: false }),
      await beta.patch(`/api/v1/webhooks/${MISSING_ID}`, { is_active: false }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'not_found' });
    }
    expect(
      (await alpha.get('/api/v1/webhooks')).body.data.data.find(
        (w: { id: string }) => w.id === hook.id,
      ).is_active,
    ).toBe(true);
  });
});

describe('webhook delivery', () => {
  let receiver: Receiver;
  let sim: RunningSimulator;
  let alpha: PiClient;
  let beta: PiClient;

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startTestSimulator({ allowHttpWebhooks: true });
    alpha = pi(sim, 'alpha');
    beta = pi(sim, 'beta');
    const hooks: Array<[PiClient, string]> = [
      [alpha, '/alpha'],
      [alpha, '/alpha-off'],
      [beta, '/beta'],
    ];
    for (const [client, path] of hooks) {
      const res = await client.post('/api/v1/webhooks', {
        endpoint_url: `${receiver.url}${path}`,
        secret: SECRET,
      });
      expect(res.status).toBe(200);
      if (path === '/alpha-off')
        await client.patch(`/api/v1/webhooks/${res.body.data.id}`, { is_active: false });
    }
  });

  afterAll(async () => {
    await sim.stop();
    await receiver.stop();
  });

  it('should POST a signed job.completed event with the full payload and ISO job timestamps', async () => {
    const jobId = await createJob(alpha, '/api/v1/images/generations', {
      prompt: 'Hooked',
      metadata: { trace: 't-1' },
    });
    const [delivery] = await waitFor(() =>
      forJob(receiver, jobId, '/alpha').length > 0 ? forJob(receiver, jobId, '/alpha') : undefined,
    );
    expect(delivery).toBeDefined();
    if (!delivery) return;
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['x-pi-event']).toBe('job.completed');
    expect(delivery.headers['x-pi-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureIsValid(delivery, SECRET)).toBe(true);
    expect(signatureIsValid(delivery, 'another-secret')).toBe(false);
    const event = delivery.body;
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_pi_[0-9a-f-]{36}$/),
      object: 'event',
      type: 'job.completed',
      created_at: expect.any(Number),
      data: {
        job: {
          id: jobId,
          type: 'ad_generation',
          status: 'completed',
          result_url: `ads/${jobId}`,
          error_log: null,
          payload: expect.objectContaining({ phase: 'completed', image_url: expect.any(String) }),
          created_at: expect.stringMatching(ISO),
          updated_at: expect.stringMatching(ISO),
        },
      },
    });
    expect(Number.isInteger(event.created_at)).toBe(true);
    expect(event.data.job.payload.diagnostics.length).toBeGreaterThan(0);
    expect(event.data.job.payload.input.metadata).toEqual({ trace: 't-1' });
  });

  it('should POST job.failed with the error_log for a failed job', async () => {
    const jobId = await createJob(alpha, '/api/v1/campaigns/generate', { prompt: 'Broken [fail]' });
    const deliveries = await waitFor(() =>
      forJob(receiver, jobId, '/alpha').length > 0 ? forJob(receiver, jobId, '/alpha') : undefined,
    );
    const delivery = deliveries[0];
    expect(delivery?.headers['x-pi-event']).toBe('job.failed');
    expect(delivery?.body.type).toBe('job.failed');
    expect(delivery?.body.data.job.status).toBe('failed');
    expect(delivery?.body.data.job.error_log).toMatch(/^internal_step_failed: /);
  });

  it('should retry after a 500 with a rebuilt, freshly signed event', async () => {
    const failFirst = new Set<string>();
    receiver.respond = (d) => {
      const id = String(d.body?.data?.job?.id);
      if (d.path !== '/alpha' || failFirst.has(id)) return 200;
      failFirst.add(id);
      return 500;
    };
    try {
      const jobId = await createJob(alpha, '/api/v1/avatars/generate', { prompt: 'Retry me' });
      const [first, second] = await waitFor(() =>
        forJob(receiver, jobId, '/alpha').length >= 2
          ? forJob(receiver, jobId, '/alpha')
          : undefined,
      );
      expect(first?.answered).toBe(500);
      expect(second?.answered).toBe(200);
      expect(second?.body.id).not.toBe(first?.body.id);
      expect(second?.body.data.job).toEqual(first?.body.data.job);
      expect(first && signatureIsValid(first, SECRET)).toBe(true);
      expect(second && signatureIsValid(second, SECRET)).toBe(true);
    } finally {
      receiver.respond = () => 200;
    }
  });

  it('should not deliver to inactive webhooks or to another org', async () => {
    const first = await createJob(alpha, '/api/v1/images/generations', { prompt: 'One' });
    await waitFor(() => forJob(receiver, first, '/alpha').length > 0);
    // Deliveries of one event start together; a later event reaching /alpha shows the first is done.
    const second = await createJob(alpha, '/api/v1/images/generations', { prompt: 'Two' });
    await waitFor(() => forJob(receiver, second, '/alpha').length > 0);
    expect(forJob(receiver, first, '/alpha-off')).toEqual([]);
    expect(forJob(receiver, first, '/beta')).toEqual([]);
    const betaJob = await createJob(beta, '/api/v1/images/generations', { prompt: 'Beta' });
    await waitFor(() => forJob(receiver, betaJob, '/beta').length > 0);
    expect(forJob(receiver, betaJob, '/alpha')).toEqual([]);
  });

  it('should emit events for brand_extraction jobs in docs mode', async () => {
    const jobId = await createJob(alpha, '/api/v1/brands/extract', {
      url: 'https://hooked-brand.example',
    });
    const deliveries = await waitFor(() =>
      forJob(receiver, jobId, '/alpha').length > 0 ? forJob(receiver, jobId, '/alpha') : undefined,
    );
    expect(deliveries[0]?.body.data.job.type).toBe('brand_extraction');
    expect(deliveries[0]?.body.data.job.result_url).toMatch(/^brands\//);
  });

  it('should emit no brand_extraction events in impl quirks mode', async () => {
    const implSim = await startTestSimulator({ allowHttpWebhooks: true, quirks: 'impl' });
    const impl = pi(implSim, 'alpha');
    await impl.post('/api/v1/webhooks', { endpoint_url: `${receiver.url}/impl`, secret: SECRET });
    const brandJob = await createJob(impl, '/api/v1/brands/extract', {
      url: 'https://quiet-brand.example',
    });
    expect((await waitForJob(impl, brandJob)).body.data.status).toBe('completed');
    const adJob = await createJob(impl, '/api/v1/images/generations', { prompt: 'Loud' });
    await waitFor(() => forJob(receiver, adJob, '/impl').length > 0);
    expect(forJob(receiver, brandJob)).toEqual([]);
  });

  it('should abort an in-flight delivery when the simulator stops', async () => {
    const stopping = await startTestSimulator({ allowHttpWebhooks: true });
    const client = pi(stopping, 'alpha');
    await client.post('/api/v1/webhooks', { endpoint_url: `${receiver.url}/hang`, secret: SECRET });
    receiver.respond = (d) => (d.path === '/hang' ? 0 : 200);
    try {
      const jobId = await createJob(client, '/api/v1/images/generations', { prompt: 'Hang' });
      const [held] = await waitFor(() =>
        forJob(receiver, jobId, '/hang').length > 0 ? forJob(receiver, jobId, '/hang') : undefined,
      );
      expect(held?.closed).toBe(false);
      await stopping.stop();
      await waitFor(() => held?.closed);
      expect(forJob(receiver, jobId, '/hang')).toHaveLength(1);
    } finally {
      receiver.respond = () => 200;
    }
  });
});
