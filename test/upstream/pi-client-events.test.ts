import { MockAgent } from 'undici';
import type { MockPool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCircuitBreaker,
  createCredential,
  createPiClient,
  routeTemplate,
} from '../../src/pi/index.js';
import type { PiCall, PiClient, PiClientEvent, PiClientOptions } from '../../src/pi/index.js';

const ORIGIN = 'http://127.0.0.1:4010';
const JOB_ID = '7b8c9f2f-8d7a-4a39-8d8d-1cd4d11f8a7a';
const BRAND_ID = '0f5e8f8e-1111-4222-8333-944445555666';
const alpha = createCredential('Bearer pi_test_alpha_0123456789');
const envelope = (data: unknown): object => ({ id: 'req_pi', object: 'job', data });
const piError = (code: string, type = 'invalid_request_error'): object => ({
  error: { type, code, message: `Pi says ${code}`, request_id: 'req_pi_body' },
});
const json = { headers: { 'content-type': 'application/json' } };
const anyPath = (): boolean => true;

/** Events without their durations, which vary from run to run. */
function shapes(events: PiClientEvent[]): object[] {
  return events.map((event) => {
    if ('durationMs' in event) {
      expect(event.durationMs).toBeGreaterThanOrEqual(0);
      const { durationMs: _ignored, ...rest } = event;
      return rest;
    }
    return event;
  });
}

describe('routeTemplate', () => {
  it.each([
    [`/jobs/${JOB_ID}`, '/api/v1/jobs/:id'],
    [`/api/v1/jobs/${JOB_ID}?wait_for_completion=true&timeout_seconds=20`, '/api/v1/jobs/:id'],
    [`/brands/${BRAND_ID}`, '/api/v1/brands/:id'],
    [`/brands/${BRAND_ID}/project`, '/api/v1/brands/:id/project'],
    ['/brands', '/api/v1/brands'],
    ['/brands/extract', '/api/v1/brands/extract'],
    ['/images/generations', '/api/v1/images/generations'],
    ['/campaigns/localize-ad', '/api/v1/campaigns/localize-ad'],
    ['/avatars/save', '/api/v1/avatars/save'],
    ['/avatars/not-a-uuid-but-an-id', '/api/v1/avatars/:id'],
    [`/runs/${JOB_ID}`, '/api/v1/runs/:id'],
    ['/webhooks/wh_123', '/api/v1/webhooks/:id'],
    ['/unknown/abc123/things', '/api/v1/unknown/:id/things'],
    ['/constructor/x', '/api/v1/constructor/x'],
  ])('should template %s as %s', (path, route) => {
    expect(routeTemplate(path)).toBe(route);
  });
});

describe('createPiClient onEvent', () => {
  let agent: MockAgent;
  let pi: MockPool;
  let events: PiClientEvent[];
  let client: PiClient;

  const makeClient = (options: Partial<PiClientOptions> = {}): PiClient =>
    createPiClient({
      baseUrl: ORIGIN,
      dispatcher: agent,
      random: () => 0,
      retryBaseMs: 1,
      onEvent: (event) => events.push(event),
      ...options,
    });
  const get = (extra: Partial<PiCall> = {}): PiCall => ({
    method: 'GET',
    path: `/jobs/${JOB_ID}`,
    credential: alpha,
    ...extra,
  });

  beforeEach(() => {
    events = [];
    agent = new MockAgent({ enableCallHistory: true });
    agent.disableNetConnect();
    pi = agent.get(ORIGIN);
    client = makeClient();
  });

  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await client.close();
    await agent.close();
  });

  it('should report a response with the templated route and status, never the id or the query', async () => {
    pi.intercept({ path: anyPath }).reply(200, envelope({ id: JOB_ID }), json);
    await client.request(
      get({ query: { wait_for_completion: 'true', timeout_seconds: 5, expand: 'brand' } }),
    );
    expect(shapes(events)).toEqual([
      { type: 'response', method: 'GET', route: '/api/v1/jobs/:id', status: 200 },
    ]);
    expect(JSON.stringify(events)).not.toContain(JOB_ID);
    expect(JSON.stringify(events)).not.toContain('wait_for_completion');
  });

  it('should report 4xx answers as responses with their status', async () => {
    pi.intercept({ path: anyPath }).reply(404, piError('brand_not_found'), json);
    await client
      .request({ method: 'GET', path: `/brands/${BRAND_ID}`, credential: alpha })
      .catch(() => undefined);
    expect(shapes(events)).toEqual([
      { type: 'response', method: 'GET', route: '/api/v1/brands/:id', status: 404 },
    ]);
  });

  it('should report each attempt and each retry', async () => {
    pi.intercept({ path: anyPath }).reply(503, piError('busy', 'api_error'), json);
    pi.intercept({ path: anyPath }).replyWithError(
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    );
    pi.intercept({ path: anyPath }).reply(200, envelope({ id: JOB_ID }), json);
    await client.request(get());
    const route = '/api/v1/jobs/:id';
    expect(shapes(events)).toEqual([
      { type: 'response', method: 'GET', route, status: 503 },
      { type: 'retry', method: 'GET', route },
      { type: 'failure', method: 'GET', route, reason: 'unavailable' },
      { type: 'retry', method: 'GET', route },
      { type: 'response', method: 'GET', route, status: 200 },
    ]);
  });

  it('should report timeouts and unusable bodies as failures with their reason', async () => {
    client = makeClient({ maxRetries: 0 });
    pi.intercept({ path: anyPath }).replyWithError(
      Object.assign(new Error('Body Timeout Error'), { code: 'UND_ERR_BODY_TIMEOUT' }),
    );
    pi.intercept({ path: anyPath, method: 'POST' }).reply(202, '<html>gateway</html>');
    await client.request(get()).catch(() => undefined);
    await client
      .request({ method: 'POST', path: '/images/generations', body: {}, credential: alpha })
      .catch(() => undefined);
    expect(shapes(events)).toEqual([
      { type: 'failure', method: 'GET', route: '/api/v1/jobs/:id', reason: 'timeout' },
      {
        type: 'failure',
        method: 'POST',
        route: '/api/v1/images/generations',
        reason: 'bad-response',
        status: 202,
      },
    ]);
  });

  it('should report a dedupe hit and only one attempt for identical concurrent GETs', async () => {
    pi.intercept({ path: anyPath })
      .reply(200, envelope({ id: JOB_ID }), json)
      .delay(20);
    await Promise.all([client.request(get()), client.request(get())]);
    expect(shapes(events)).toEqual([
      { type: 'dedupe-hit', method: 'GET', route: '/api/v1/jobs/:id' },
      { type: 'response', method: 'GET', route: '/api/v1/jobs/:id', status: 200 },
    ]);
  });

  it('should report calls the circuit breaker refuses', async () => {
    const breaker = createCircuitBreaker({ failureThreshold: 1 });
    client = makeClient({ breaker, maxRetries: 0 });
    pi.intercept({ path: anyPath }).reply(500, piError('run_lookup_failed', 'api_error'), json);
    const runPath = `/runs/${JOB_ID}`;
    await client
      .request({ method: 'GET', path: runPath, credential: alpha })
      .catch(() => undefined);
    await client
      .request({ method: 'GET', path: runPath, credential: alpha })
      .catch(() => undefined);
    expect(shapes(events)).toEqual([
      { type: 'response', method: 'GET', route: '/api/v1/runs/:id', status: 500 },
      { type: 'circuit-rejected', method: 'GET', route: '/api/v1/runs/:id' },
    ]);
  });

  it('should report a caller leaving as an abandoned attempt', async () => {
    pi.intercept({ path: anyPath })
      .reply(200, envelope({ id: JOB_ID }), json)
      .delay(200);
    const controller = new AbortController();
    const pending = client.request(get({ signal: controller.signal }));
    controller.abort(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
    await expect.poll(() => events.length, { timeout: 2_000 }).toBe(1);
    expect(shapes(events)).toEqual([
      { type: 'failure', method: 'GET', route: '/api/v1/jobs/:id', reason: 'abandoned' },
    ]);
  });

  it('should keep working when onEvent throws', async () => {
    client = makeClient({
      onEvent: () => {
        throw new Error('metrics broke');
      },
    });
    pi.intercept({ path: anyPath }).reply(200, envelope({ id: JOB_ID }), json);
    await expect(client.request(get())).resolves.toMatchObject({ status: 200 });
  });
});
