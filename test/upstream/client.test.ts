import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import type { MockCallHistoryLog, MockPool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/index.js';
import type { GatewayError } from '../../src/errors/index.js';
import { createCredential, createPiClient, createUpstreamRecorder } from '../../src/pi/index.js';
import type { PiCall, PiClient, PiClientOptions } from '../../src/pi/index.js';
import { rejectionOf } from '../helpers/rejection-of.js';

const ORIGIN = 'http://127.0.0.1:4010';
const KEY = 'pi_test_alpha_0123456789abcdefghij';
const JOB_ID = '7b8c9f2f-8d7a-4a39-8d8d-1cd4d11f8a7a';
const alpha = createCredential(`Bearer ${KEY}`);
const beta = createCredential('Bearer pi_test_beta');

const envelope = (data: unknown, id = 'req_pi_envelope'): object => ({
  id,
  object: 'job',
  status: 'completed',
  created_at: 1_760_000_000,
  data,
});
const piError = (code: string, type = 'invalid_request_error', extra: object = {}): object => ({
  error: { type, code, message: `Pi says ${code}`, request_id: 'req_pi_body', ...extra },
});
const jsonHeaders = (extra: Record<string, string> = {}): { headers: Record<string, string> } => ({
  headers: { 'content-type': 'application/json', ...extra },
});
const anyPath = (): boolean => true;

/** Nothing about Pi's location or the caller's key may leak into what the client says. */
function expectNoLeak(error: GatewayError): void {
  const shown = JSON.stringify({ message: error.message, extensions: error.extensions });
  expect(shown).not.toContain('127.0.0.1');
  expect(shown).not.toContain('4010');
  expect(shown).not.toContain(KEY);
}

describe('createPiClient with a MockAgent', () => {
  let agent: MockAgent;
  let pi: MockPool;
  let client: PiClient;

  const makeClient = (options: Partial<PiClientOptions> = {}): PiClient =>
    createPiClient({
      baseUrl: ORIGIN,
      dispatcher: agent,
      random: () => 0,
      retryBaseMs: 1,
      ...options,
    });
  const calls = (): MockCallHistoryLog[] => agent.getCallHistory()?.calls() ?? [];
  const get = (extra: Partial<PiCall> = {}): PiCall => ({
    method: 'GET',
    path: `/jobs/${JOB_ID}`,
    credential: alpha,
    ...extra,
  });

  beforeEach(() => {
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

  describe('requests', () => {
    it('should prefix /api/v1 and build a sorted query with readable commas', async () => {
      pi.intercept({ path: anyPath }).reply(200, envelope({ id: JOB_ID }), jsonHeaders());
      await client.request(
        get({ query: { include: 'diagnostics', fields: 'id,org_id,status', expand: 'brand' } }),
      );
      const [call] = calls();
      expect(call?.path).toBe(`/api/v1/jobs/${JOB_ID}`);
      expect(call?.fullUrl).toBe(
        `${ORIGIN}/api/v1/jobs/${JOB_ID}?expand=brand&fields=id,org_id,status&include=diagnostics`,
      );
    });

    it('should send Authorization from the credential and Accept, and drop headers outside the allow-list', async () => {
      pi.intercept({ path: anyPath }).reply(200, envelope({ id: JOB_ID }), jsonHeaders());
      await client.request(
        get({
          headers: { 'X-Gemini-Api-Key': 'gem', Cookie: 'session=1', Host: 'elsewhere.example' },
        }),
      );
      const headers = calls()[0]?.headers as Record<string, string>;
      expect(headers.authorization).toBe(`Bearer ${KEY}`);
      expect(headers.accept).toBe('application/json');
      expect(headers['x-gemini-api-key']).toBe('gem');
      expect(headers.cookie).toBeUndefined();
      expect(headers.host).toBeUndefined();
      expect(headers['idempotency-key']).toBeUndefined();
    });

    it('should send a JSON body with Content-Type and the Idempotency-Key on a write', async () => {
      pi.intercept({ path: '/api/v1/images/generations', method: 'POST' }).reply(
        202,
        envelope({ job_id: JOB_ID }),
        jsonHeaders(),
      );
      const response = await client.request({
        method: 'POST',
        path: '/images/generations',
        body: { prompt: 'A shoe' },
        credential: alpha,
        idempotencyKey: 'key-1',
      });
      const [call] = calls();
      const headers = call?.headers as Record<string, string>;
      expect(headers['content-type']).toBe('application/json');
      expect(headers['idempotency-key']).toBe('key-1');
      expect(JSON.parse(call?.body ?? 'null')).toEqual({ prompt: 'A shoe' });
      expect(response.status).toBe(202);
      expect(response.data).toEqual({ job_id: JOB_ID });
      expect(response.replayed).toBe(false);
    });

    it('should report an idempotent replay', async () => {
      pi.intercept({ path: anyPath, method: 'POST' }).reply(
        202,
        envelope({ job_id: JOB_ID }, 'req_pi_original'),
        jsonHeaders({ 'x-idempotency-replayed': 'true', 'x-request-id': 'req_pi_new' }),
      );
      const response = await client.request({
        method: 'POST',
        path: '/avatars/generate',
        body: { prompt: 'x' },
        credential: alpha,
        idempotencyKey: 'k',
      });
      expect(response.replayed).toBe(true);
      expect(response.requestId).toBe('req_pi_new');
      expect(response.envelope.id).toBe('req_pi_original');
    });

    it('should record the request id and the rate limit in the recorder', async () => {
      pi.intercept({ path: anyPath }).reply(
        200,
        envelope({ id: JOB_ID }),
        jsonHeaders({
          'x-request-id': 'req_pi_1',
          'x-ratelimit-limit': '1000',
          'x-ratelimit-remaining': '41',
          'x-ratelimit-reset': '1760000999',
        }),
      );
      const recorder = createUpstreamRecorder();
      const response = await client.request(get({ recorder }));
      expect(response.requestId).toBe('req_pi_1');
      expect(recorder.requestIds).toEqual(['req_pi_1']);
      expect(recorder.rateLimit).toEqual({ limit: 1000, remaining: 41, reset: 1_760_000_999 });
    });

    it('should record the request id of a failed call too', async () => {
      pi.intercept({ path: anyPath }).reply(
        404,
        piError('job_not_found'),
        jsonHeaders({ 'x-request-id': 'req_pi_404' }),
      );
      const recorder = createUpstreamRecorder();
      await rejectionOf(client.request(get({ recorder })));
      expect(recorder.requestIds).toEqual(['req_pi_404']);
    });
  });

  describe('error mapping', () => {
    it('should map a Pi error envelope through errorFromPiResponse', async () => {
      pi.intercept({ path: anyPath }).reply(
        404,
        piError('job_not_found'),
        jsonHeaders({ 'x-request-id': 'req_pi_9' }),
      );
      const error = await rejectionOf(
        client.request(get({ resource: { kind: 'job', id: JOB_ID } })),
      );
      expect(error.extensions).toEqual({
        code: ErrorCode.NOT_FOUND,
        pi: {
          code: 'job_not_found',
          type: 'invalid_request_error',
          requestId: 'req_pi_9',
          status: 404,
        },
      });
      expect(error.message).toBe(`Job ${JOB_ID} was not found.`);
      expect(calls()).toHaveLength(1);
    });

    it.each([
      ['malformed JSON', '{"id":"req","data":{"id":', 200],
      ['an HTML error page', '<html><body>Bad gateway</body></html>', 200],
      ['an empty 200', '', 200],
      ['a 2xx JSON without a data envelope', '{"id":"x","status":"completed"}', 200],
      ['a 4xx without an error envelope', '<html>Not Found</html>', 404],
    ])('should answer UPSTREAM_BAD_RESPONSE for %s', async (_name, body, status) => {
      pi.intercept({ path: anyPath }).reply(status, body);
      const error = await rejectionOf(client.request(get()));
      expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
      expect(error.message).not.toContain('Bad gateway');
      expect(calls()).toHaveLength(1);
    });

    it('should not follow a redirect and never send the key to the other origin', async () => {
      pi.intercept({ path: anyPath }).reply(302, '', {
        headers: { location: 'http://127.0.0.2:9/steal' },
      });
      const error = await rejectionOf(client.request(get()));
      expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
      expect(calls().map((call) => call.origin)).toEqual([ORIGIN]);
      expectNoLeak(error);
    });

    it('should fail with UPSTREAM_BAD_RESPONSE when the body exceeds maxResponseBytes', async () => {
      client = makeClient({ maxResponseBytes: 1_000 });
      pi.intercept({ path: anyPath }).reply(
        200,
        JSON.stringify(envelope({ id: JOB_ID, payload: 'x'.repeat(2_000) })),
      );
      const error = await rejectionOf(client.request(get()));
      expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
      expect(error.message).toMatch(/larger/);
    });

    it('should reject a declared Content-Length over the cap without reading the body', async () => {
      client = makeClient({ maxResponseBytes: 1_000 });
      pi.intercept({ path: anyPath }).reply(
        200,
        JSON.stringify(envelope({ id: JOB_ID, big: 'y'.repeat(1_500) })),
        {
          headers: { 'content-length': '1600' },
        },
      );
      const error = await rejectionOf(client.request(get()));
      expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    });
  });

  describe('retries', () => {
    it.each([503, 502, 504, 500])(
      'should retry a GET after %i and then succeed',
      async (status) => {
        pi.intercept({ path: anyPath }).reply(
          status,
          piError('job_lookup_failed', 'api_error'),
          jsonHeaders({ 'x-request-id': 'req_pi_a' }),
        );
        pi.intercept({ path: anyPath }).reply(
          200,
          envelope({ id: JOB_ID }),
          jsonHeaders({ 'x-request-id': 'req_pi_b' }),
        );
        const recorder = createUpstreamRecorder();
        const response = await client.request(get({ recorder }));
        expect(response.data).toEqual({ id: JOB_ID });
        expect(calls()).toHaveLength(2);
        expect(recorder.requestIds).toEqual(['req_pi_a', 'req_pi_b']);
        expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });
      },
    );

    it('should give up after maxRetries with UPSTREAM_ERROR', async () => {
      pi.intercept({ path: anyPath })
        .reply(503, piError('unavailable', 'api_error'), jsonHeaders())
        .times(3);
      const error = await rejectionOf(client.request(get()));
      expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_ERROR);
      expect(error.extensions.pi?.status).toBe(503);
      expect(calls()).toHaveLength(3);
    });

    it.each([
      [400, 'invalid_job_id', ErrorCode.BAD_USER_INPUT],
      [404, 'job_not_found', ErrorCode.NOT_FOUND],
      [401, 'unkey_not_found', ErrorCode.UNAUTHENTICATED],
    ])('should not retry a %i', async (status, code, expected) => {
      pi.intercept({ path: anyPath }).reply(status, piError(code), jsonHeaders());
      const error = await rejectionOf(client.request(get()));
      expect(error.extensions.code).toBe(expected);
      expect(calls()).toHaveLength(1);
    });

    it('should honour a 429 Retry-After that fits before the deadline', async () => {
      pi.intercept({ path: anyPath }).reply(
        429,
        piError('unkey_rate_limited', 'rate_limit_error'),
        jsonHeaders({ 'retry-after': '0' }),
      );
      pi.intercept({ path: anyPath }).reply(200, envelope({ id: JOB_ID }), jsonHeaders());
      const response = await client.request(get({ deadline: Date.now() + 5_000 }));
      expect(response.status).toBe(200);
      expect(calls()).toHaveLength(2);
    });

    it('should fail with RATE_LIMITED and retryAfter when Retry-After does not fit before the deadline', async () => {
      pi.intercept({ path: anyPath }).reply(
        429,
        piError('rate_limit_exceeded'),
        jsonHeaders({ 'retry-after': '2' }),
      );
      const error = await rejectionOf(client.request(get({ deadline: Date.now() + 1_000 })));
      expect(error.extensions).toMatchObject({ code: ErrorCode.RATE_LIMITED, retryAfter: 2 });
      expect(calls()).toHaveLength(1);
    });

    it('should fail with RATE_LIMITED when Retry-After exceeds maxRetryAfterMs', async () => {
      pi.intercept({ path: anyPath }).reply(
        429,
        piError('unkey_rate_limited', 'rate_limit_error'),
        jsonHeaders({ 'retry-after': '2592000' }),
      );
      const error = await rejectionOf(client.request(get()));
      expect(error.extensions).toMatchObject({
        code: ErrorCode.RATE_LIMITED,
        retryAfter: 2_592_000,
      });
      expect(calls()).toHaveLength(1);
    });

    it('should retry a GET after a connection reset', async () => {
      pi.intercept({ path: anyPath }).replyWithError(
        Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      );
      pi.intercept({ path: anyPath }).reply(200, envelope({ id: JOB_ID }), jsonHeaders());
      const response = await client.request(get());
      expect(response.status).toBe(200);
    });

    it("should not retry a 'never' write after a reset and report the outcome as unknown", async () => {
      pi.intercept({ path: anyPath, method: 'POST' }).replyWithError(
        Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      );
      const error = await rejectionOf(
        client.request({
          method: 'POST',
          path: '/brands/extract',
          body: { url: 'https://example.com' },
          credential: alpha,
        }),
      );
      expect(error.extensions).toEqual({
        code: ErrorCode.UPSTREAM_UNAVAILABLE,
        outcome: 'unknown',
      });
      expect(calls()).toHaveLength(1);
      expectNoLeak(error);
    });

    it("should retry a 'never' write when the connection was refused", async () => {
      pi.intercept({ path: anyPath, method: 'POST' }).replyWithError(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4010'), { code: 'ECONNREFUSED' }),
      );
      pi.intercept({ path: anyPath, method: 'POST' }).reply(
        202,
        envelope({ job_id: JOB_ID }),
        jsonHeaders(),
      );
      const response = await client.request({
        method: 'POST',
        path: '/brands/extract',
        body: {},
        credential: alpha,
      });
      expect(response.status).toBe(202);
      expect(calls()).toHaveLength(2);
    });

    it("should retry an 'idempotent' write after a reset with the same Idempotency-Key", async () => {
      pi.intercept({ path: anyPath, method: 'POST' }).replyWithError(
        Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
      );
      pi.intercept({ path: anyPath, method: 'POST' }).reply(
        503,
        piError('busy', 'api_error'),
        jsonHeaders(),
      );
      pi.intercept({ path: anyPath, method: 'POST' }).reply(
        202,
        envelope({ job_id: JOB_ID }),
        jsonHeaders(),
      );
      const response = await client.request({
        method: 'POST',
        path: '/images/generations',
        body: { prompt: 'p' },
        credential: alpha,
        idempotencyKey: 'same-key',
        retry: 'idempotent',
      });
      expect(response.status).toBe(202);
      const keys = calls().map(
        (call) => (call.headers as Record<string, string>)['idempotency-key'],
      );
      expect(keys).toEqual(['same-key', 'same-key', 'same-key']);
    });

    it("should not retry an 'idempotent' write that carries no key", async () => {
      pi.intercept({ path: anyPath, method: 'POST' }).reply(
        503,
        piError('busy', 'api_error'),
        jsonHeaders(),
      );
      const error = await rejectionOf(
        client.request({
          method: 'POST',
          path: '/images/generations',
          body: {},
          credential: alpha,
          retry: 'idempotent',
        }),
      );
      expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_ERROR);
      expect(calls()).toHaveLength(1);
    });

    it('should never retry an idempotency key mismatch', async () => {
      pi.intercept({ path: anyPath, method: 'POST' }).reply(
        409,
        piError('idempotency_key_mismatch', 'invalid_request_error', { param: 'Idempotency-Key' }),
        jsonHeaders(),
      );
      const error = await rejectionOf(
        client.request({
          method: 'POST',
          path: '/images/generations',
          body: {},
          credential: alpha,
          idempotencyKey: 'k',
          retry: 'idempotent',
        }),
      );
      expect(error.extensions.code).toBe(ErrorCode.IDEMPOTENCY_KEY_MISMATCH);
      expect(error.extensions.pi?.param).toBe('Idempotency-Key');
      expect(calls()).toHaveLength(1);
    });

    it('should stop retrying when the backoff would pass the deadline', async () => {
      client = makeClient({ random: () => 1, retryBaseMs: 10_000, retryMaxDelayMs: 10_000 });
      pi.intercept({ path: anyPath }).reply(503, piError('busy', 'api_error'), jsonHeaders());
      const error = await rejectionOf(client.request(get({ deadline: Date.now() + 2_000 })));
      expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_ERROR);
      expect(calls()).toHaveLength(1);
    });
    it('should keep the default retries for options set to undefined', async () => {
      client = makeClient({ maxRetries: undefined, connections: undefined });
      pi.intercept({ path: anyPath })
        .reply(503, piError('busy', 'api_error'), jsonHeaders())
        .times(3);
      await rejectionOf(client.request(get()));
      expect(calls()).toHaveLength(3);
    });

    it("should not fully retry a write without a key even when it asks for 'get'", async () => {
      pi.intercept({ path: anyPath, method: 'POST' }).replyWithError(
        Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
      );
      const error = await rejectionOf(
        client.request({
          method: 'POST',
          path: '/runs',
          body: {},
          credential: alpha,
          retry: 'get',
        }),
      );
      expect(error.extensions.outcome).toBe('unknown');
      expect(calls()).toHaveLength(1);
    });

    it('should not call Pi when the deadline has already passed', async () => {
      const error = await rejectionOf(client.request(get({ deadline: Date.now() - 1 })));
      expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
      expect(calls()).toHaveLength(0);
    });
  });

  describe('in-flight dedupe', () => {
    it('should share one upstream request between identical concurrent GETs of one credential', async () => {
      pi.intercept({ path: anyPath })
        .reply(
          200,
          envelope({ id: JOB_ID }),
          jsonHeaders({
            'x-request-id': 'req_pi_shared',
            'x-ratelimit-limit': '10',
            'x-ratelimit-remaining': '7',
            'x-ratelimit-reset': '5',
          }),
        )
        .delay(20);
      const first = createUpstreamRecorder();
      const second = createUpstreamRecorder();
      const [a, b] = await Promise.all([
        client.request(get({ recorder: first, query: { fields: 'id,status' } })),
        client.request(get({ recorder: second, query: { fields: 'id,status' } })),
      ]);
      expect(a.data).toEqual({ id: JOB_ID });
      expect(b.data).toEqual({ id: JOB_ID });
      expect(calls()).toHaveLength(1);
      expect(first.requestIds).toEqual(['req_pi_shared']);
      expect(second.requestIds).toEqual(['req_pi_shared']);
      expect(second.rateLimit?.remaining).toBe(7);
      expect(client.stats()).toMatchObject({ requests: 1, dedupeHits: 1 });
    });

    it('should share a failure too, and each caller gets the error', async () => {
      pi.intercept({ path: anyPath }).reply(404, piError('job_not_found'), jsonHeaders()).delay(20);
      const results = await Promise.allSettled([client.request(get()), client.request(get())]);
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
      expect(calls()).toHaveLength(1);
    });

    it('should never share between credentials', async () => {
      pi.intercept({ path: anyPath })
        .reply(200, envelope({ id: JOB_ID }), jsonHeaders())
        .delay(20)
        .times(2);
      await Promise.all([client.request(get()), client.request(get({ credential: beta }))]);
      const auths = calls().map((call) => (call.headers as Record<string, string>).authorization);
      expect(auths.sort()).toEqual([`Bearer ${KEY}`, 'Bearer pi_test_beta'].sort());
    });

    it('should not share GETs whose queries differ', async () => {
      pi.intercept({ path: anyPath })
        .reply(200, envelope({ id: JOB_ID }), jsonHeaders())
        .delay(20)
        .times(2);
      await Promise.all([
        client.request(get({ query: { expand: 'brand' } })),
        client.request(get()),
      ]);
      expect(calls()).toHaveLength(2);
    });

    it('should never share POSTs', async () => {
      pi.intercept({ path: anyPath, method: 'POST' })
        .reply(202, envelope({ job_id: JOB_ID }), jsonHeaders())
        .delay(20)
        .times(2);
      const post = (): Promise<unknown> =>
        client.request({
          method: 'POST',
          path: '/brands/extract',
          body: { url: 'https://example.com' },
          credential: alpha,
        });
      await Promise.all([post(), post()]);
      expect(calls()).toHaveLength(2);
    });

    it('should not keep results once the request settled', async () => {
      pi.intercept({ path: anyPath }).reply(
        200,
        envelope({ id: JOB_ID, status: 'queued' }),
        jsonHeaders(),
      );
      pi.intercept({ path: anyPath }).reply(
        200,
        envelope({ id: JOB_ID, status: 'completed' }),
        jsonHeaders(),
      );
      const first = await client.request<{ status: string }>(get());
      const second = await client.request<{ status: string }>(get());
      expect([first.data.status, second.data.status]).toEqual(['queued', 'completed']);
    });

    it('should keep serving the other caller when one abandons a shared request', async () => {
      pi.intercept({ path: anyPath })
        .reply(200, envelope({ id: JOB_ID }), jsonHeaders())
        .delay(50);
      const controller = new AbortController();
      const leaving = client.request(get({ signal: controller.signal }));
      const staying = client.request(get());
      controller.abort(new Error('client went away'));
      await expect(leaving).rejects.toThrow('client went away');
      await expect(staying).resolves.toMatchObject({ status: 200 });
      expect(calls()).toHaveLength(1);
    });
  });
});

describe('createPiClient against a real socket', () => {
  let server: Server | undefined;
  let client: PiClient | undefined;

  async function startPi(
    handler: (request: IncomingMessage, response: ServerResponse) => void,
  ): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  afterEach(async () => {
    await client?.close();
    client = undefined;
    if (server !== undefined) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
  });

  it('should use its own keep-alive pool and read a response', async () => {
    const baseUrl = await startPi((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.setHeader('x-request-id', 'req_pi_real');
      response.end(JSON.stringify(envelope({ id: JOB_ID })));
    });
    client = createPiClient({ baseUrl });
    const response = await client.request({
      method: 'GET',
      path: `/jobs/${JOB_ID}`,
      credential: alpha,
    });
    expect(response).toMatchObject({ status: 200, requestId: 'req_pi_real', data: { id: JOB_ID } });
  });

  it('should fail with UPSTREAM_TIMEOUT when headers do not arrive in time', async () => {
    let received = 0;
    const baseUrl = await startPi(() => {
      received += 1; // never answers
    });
    client = createPiClient({ baseUrl, headersTimeoutMs: 100, maxRetries: 0 });
    const error = await rejectionOf(
      client.request({ method: 'GET', path: `/jobs/${JOB_ID}`, credential: alpha }),
    );
    expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
    expect(received).toBe(1);
    expectNoLeak(error);
  });

  it('should fail with UPSTREAM_TIMEOUT at the deadline, even while Pi is still silent', async () => {
    const baseUrl = await startPi(() => undefined);
    client = createPiClient({ baseUrl });
    const started = Date.now();
    const error = await rejectionOf(
      client.request({
        method: 'GET',
        path: `/jobs/${JOB_ID}`,
        credential: alpha,
        deadline: Date.now() + 150,
      }),
    );
    expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect.poll(() => client!.stats().inFlight, { timeout: 2_000 }).toBe(0);
  });

  it('should fail with UPSTREAM_BAD_RESPONSE when the body is cut off', async () => {
    const baseUrl = await startPi((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      // Cut the connection once the first part has reached the socket.
      response.write('{"id":"req_pi_x","data":{"id":', () => response.socket?.destroy());
    });
    client = createPiClient({ baseUrl, maxRetries: 0 });
    const error = await rejectionOf(
      client.request({ method: 'GET', path: `/jobs/${JOB_ID}`, credential: alpha }),
    );
    expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
  });

  it('should fail with UPSTREAM_UNAVAILABLE after retrying a refused connection, without naming the host', async () => {
    const baseUrl = await startPi(() => undefined);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    client = createPiClient({ baseUrl, retryBaseMs: 1 });
    const error = await rejectionOf(
      client.request({ method: 'GET', path: `/jobs/${JOB_ID}`, credential: alpha }),
    );
    expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
    expect(error.message).not.toContain(new URL(baseUrl).port);
  });
});
