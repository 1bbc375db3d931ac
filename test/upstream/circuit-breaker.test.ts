import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import type { MockCallHistoryLog, MockPool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/index.js';
import type { GatewayError } from '../../src/errors/index.js';
import { createCircuitBreaker, createCredential, createPiClient } from '../../src/pi/index.js';
import type {
  CircuitBreaker,
  CircuitPermit,
  CircuitState,
  PiCall,
  PiClient,
} from '../../src/pi/index.js';
import { rejectionOf } from '../helpers/rejection-of.js';

const ORIGIN = 'http://127.0.0.1:4010';
const alpha = createCredential('Bearer pi_test_alpha_0123456789');
const jobId = (n: number): string => `7b8c9f2f-8d7a-4a39-8d8d-${String(n).padStart(12, '0')}`;
const envelope = (data: unknown): object => ({ id: 'req_pi', object: 'job', data });
const piError = (code: string, type = 'api_error'): object => ({
  error: { type, code, message: `Pi says ${code}`, request_id: 'req_pi_body' },
});
const json = { headers: { 'content-type': 'application/json' } };
const anyPath = (): boolean => true;

function admit(breaker: CircuitBreaker): CircuitPermit {
  const admission = breaker.acquire();
  if (!admission.admitted) throw new Error(`refused: ${admission.error.message}`);
  return admission.permit;
}

describe('createCircuitBreaker', () => {
  let time: number;
  let changes: CircuitState[];
  const make = (failureThreshold = 3, openMs = 10_000): CircuitBreaker =>
    createCircuitBreaker({
      failureThreshold,
      openMs,
      now: () => time,
      onStateChange: (state) => changes.push(state),
    });

  beforeEach(() => {
    time = 1_000_000;
    changes = [];
  });

  it('should open after failureThreshold consecutive failures and refuse with UPSTREAM_UNAVAILABLE and retryAfter', () => {
    const breaker = make(3, 10_000);
    admit(breaker).failure();
    admit(breaker).failure();
    expect(breaker.state).toBe('closed');
    admit(breaker).failure();
    expect(breaker.state).toBe('open');
    expect(changes).toEqual(['open']);
    time += 2_500;
    const admission = breaker.acquire();
    expect(admission.admitted).toBe(false);
    if (admission.admitted) return;
    expect(admission.error.extensions).toEqual({
      code: ErrorCode.UPSTREAM_UNAVAILABLE,
      retryAfter: 8,
    });
    expect(admission.error.message).toBe(
      'Pi is unavailable: the gateway stopped calling it after repeated failures; retry in 8 s.',
    );
  });

  it('should reset the count on a success', () => {
    const breaker = make(3);
    admit(breaker).failure();
    admit(breaker).failure();
    admit(breaker).success();
    admit(breaker).failure();
    admit(breaker).failure();
    expect(breaker.state).toBe('closed');
    admit(breaker).failure();
    expect(breaker.state).toBe('open');
  });

  it('should count nothing for a released permit', () => {
    const breaker = make(1);
    admit(breaker).release();
    admit(breaker).release();
    expect(breaker.state).toBe('closed');
  });

  it('should count a permit once however often it is settled', () => {
    const breaker = make(2);
    const permit = admit(breaker);
    permit.failure();
    permit.failure();
    permit.release();
    expect(breaker.state).toBe('closed');
  });

  it('should report half-open once openMs has elapsed, before any probe', () => {
    const breaker = make(1, 10_000);
    admit(breaker).failure();
    time += 9_999;
    expect(breaker.state).toBe('open');
    time += 1;
    expect(breaker.state).toBe('half-open');
    expect(changes).toEqual(['open', 'half-open']);
  });

  it('should let exactly one probe through while half-open, and close on its success', () => {
    const breaker = make(1, 1_000);
    admit(breaker).failure();
    time += 1_000;
    const probe = admit(breaker);
    const others = [breaker.acquire(), breaker.acquire()];
    expect(others.map((admission) => admission.admitted)).toEqual([false, false]);
    probe.success();
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
    expect(breaker.acquire().admitted).toBe(true);
  });

  it('should open again for openMs when the probe fails', () => {
    const breaker = make(1, 1_000);
    admit(breaker).failure();
    time += 1_500;
    admit(breaker).failure();
    expect(breaker.state).toBe('open');
    time += 999;
    expect(breaker.acquire().admitted).toBe(false);
    time += 1;
    expect(breaker.state).toBe('half-open');
    expect(changes).toEqual(['open', 'half-open', 'open', 'half-open']);
  });

  it('should free the probe slot when the probe is abandoned', () => {
    const breaker = make(1, 1_000);
    admit(breaker).failure();
    time += 1_000;
    admit(breaker).release();
    expect(breaker.state).toBe('half-open');
    expect(breaker.acquire().admitted).toBe(true);
  });

  it('should ignore outcomes of permits issued before the breaker opened', () => {
    const breaker = make(1, 1_000);
    const late = admit(breaker);
    admit(breaker).failure();
    time += 1_000;
    const probe = admit(breaker);
    late.success();
    expect(breaker.state).toBe('half-open');
    probe.failure();
    expect(breaker.state).toBe('open');
  });

  it('should survive an onStateChange that throws', () => {
    const breaker = createCircuitBreaker({
      failureThreshold: 1,
      onStateChange: () => {
        throw new Error('metrics broke');
      },
    });
    admit(breaker).failure();
    expect(breaker.state).toBe('open');
  });

  it('should use the defaults of 5 failures and 10 s', () => {
    const breaker = createCircuitBreaker({ now: () => time });
    for (let i = 0; i < 4; i += 1) admit(breaker).failure();
    expect(breaker.state).toBe('closed');
    admit(breaker).failure();
    time += 9_999;
    expect(breaker.state).toBe('open');
    time += 1;
    expect(breaker.state).toBe('half-open');
  });

  it('should reject invalid options with a RangeError listing every problem', () => {
    expect(() => createCircuitBreaker({ failureThreshold: 0, openMs: 1.5 })).toThrow(
      new RangeError(
        'Invalid circuit breaker options: failureThreshold must be an integer ≥ 1; openMs must be an integer ≥ 1.',
      ),
    );
  });
});

describe('createPiClient with a circuit breaker', () => {
  let agent: MockAgent;
  let pi: MockPool;
  let time: number;
  let breaker: CircuitBreaker;
  let client: PiClient;
  const clients: PiClient[] = [];

  const makeClient = (maxRetries = 0): PiClient => {
    const made = createPiClient({
      baseUrl: ORIGIN,
      dispatcher: agent,
      breaker,
      maxRetries,
      random: () => 0,
      retryBaseMs: 1,
    });
    clients.push(made);
    return made;
  };
  const calls = (): MockCallHistoryLog[] => agent.getCallHistory()?.calls() ?? [];
  const get = (n = 1, extra: Partial<PiCall> = {}): PiCall => ({
    method: 'GET',
    path: `/jobs/${jobId(n)}`,
    credential: alpha,
    ...extra,
  });
  const fail503 = (times = 1): void => {
    pi.intercept({ path: anyPath }).reply(503, piError('busy'), json).times(times);
  };
  const ok = (times = 1): void => {
    pi.intercept({ path: anyPath })
      .reply(200, envelope({ id: jobId(1) }), json)
      .times(times);
  };

  beforeEach(() => {
    time = 5_000_000;
    agent = new MockAgent({ enableCallHistory: true });
    agent.disableNetConnect();
    pi = agent.get(ORIGIN);
    breaker = createCircuitBreaker({ failureThreshold: 3, openMs: 10_000, now: () => time });
    client = makeClient();
  });

  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await Promise.all(clients.splice(0).map((made) => made.close()));
    await agent.close();
  });

  it('should open after N consecutive 5xx and then fail fast without calling Pi', async () => {
    fail503(3);
    for (let n = 1; n <= 3; n += 1) {
      expect((await rejectionOf(client.request(get(n)))).code).toBe(ErrorCode.UPSTREAM_ERROR);
    }
    expect(breaker.state).toBe('open');
    const error = await rejectionOf(client.request(get(4)));
    expect(error.extensions).toEqual({ code: ErrorCode.UPSTREAM_UNAVAILABLE, retryAfter: 10 });
    expect(error.message).toMatch(/stopped calling it after repeated failures; retry in 10 s/);
    expect(calls()).toHaveLength(3);
    expect(client.stats().requests).toBe(3);
  });

  it('should open after N consecutive connection failures', async () => {
    pi.intercept({ path: anyPath })
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
      .times(2);
    pi.intercept({ path: anyPath }).replyWithError(
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    );
    for (let n = 1; n <= 3; n += 1) {
      expect((await rejectionOf(client.request(get(n)))).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    }
    expect(breaker.state).toBe('open');
    await rejectionOf(client.request(get(4)));
    expect(calls()).toHaveLength(3);
  });

  it('should count timeouts and unusable bodies as failures', async () => {
    pi.intercept({ path: anyPath }).replyWithError(
      Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }),
    );
    pi.intercept({ path: anyPath }).reply(200, '<html>oops</html>');
    pi.intercept({ path: anyPath }).reply(200, '{"no":"envelope"}', json);
    const codes = [];
    for (let n = 1; n <= 3; n += 1) codes.push((await rejectionOf(client.request(get(n)))).code);
    expect(codes).toEqual([
      ErrorCode.UPSTREAM_TIMEOUT,
      ErrorCode.UPSTREAM_BAD_RESPONSE,
      ErrorCode.UPSTREAM_BAD_RESPONSE,
    ]);
    expect(breaker.state).toBe('open');
  });

  it('should count every attempt, retries included', async () => {
    client = makeClient(2);
    fail503(3);
    expect((await rejectionOf(client.request(get()))).code).toBe(ErrorCode.UPSTREAM_ERROR);
    expect(calls()).toHaveLength(3);
    expect(breaker.state).toBe('open');
  });

  it('should stop retrying once the breaker opens and fail with the last real error', async () => {
    client = makeClient(5);
    fail503(3);
    const error = await rejectionOf(client.request(get()));
    expect(error.extensions).toMatchObject({ code: ErrorCode.UPSTREAM_ERROR, pi: { status: 503 } });
    expect(calls()).toHaveLength(3);
  });

  it.each([
    [404, 'job_not_found', 'invalid_request_error'],
    [409, 'conflict', 'invalid_request_error'],
    [429, 'rate_limit_exceeded', 'rate_limit_error'],
    [400, 'invalid_job_id', 'invalid_request_error'],
  ])('should not count a %i: Pi answered', async (status, code, type) => {
    pi.intercept({ path: anyPath }).reply(status, piError(code, type), json).times(5);
    for (let n = 1; n <= 5; n += 1) await rejectionOf(client.request(get(n)));
    expect(breaker.state).toBe('closed');
    expect(calls()).toHaveLength(5);
  });

  it('should reset the count after a success', async () => {
    fail503(2);
    ok();
    fail503(2);
    for (let n = 1; n <= 5; n += 1) await client.request(get(n)).catch(() => undefined);
    expect(breaker.state).toBe('closed');
  });

  it('should let exactly one probe through when several calls arrive together, and close on its success', async () => {
    fail503(3);
    for (let n = 1; n <= 3; n += 1) await rejectionOf(client.request(get(n)));
    time += 10_000;
    expect(breaker.state).toBe('half-open');
    ok();
    const results = await Promise.allSettled([4, 5, 6, 7].map((n) => client.request(get(n))));
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
    ]);
    for (const result of results.slice(1)) {
      const reason = (result as PromiseRejectedResult).reason as GatewayError;
      expect(reason.extensions).toEqual({ code: ErrorCode.UPSTREAM_UNAVAILABLE, retryAfter: 1 });
    }
    expect(calls()).toHaveLength(4);
    expect(breaker.state).toBe('closed');
    ok();
    await client.request(get(8));
  });

  it('should open again for openMs when the probe fails', async () => {
    fail503(4);
    for (let n = 1; n <= 3; n += 1) await rejectionOf(client.request(get(n)));
    time += 10_000;
    expect((await rejectionOf(client.request(get(4)))).code).toBe(ErrorCode.UPSTREAM_ERROR);
    expect(breaker.state).toBe('open');
    time += 9_000;
    expect((await rejectionOf(client.request(get(5)))).extensions.retryAfter).toBe(1);
    expect(calls()).toHaveLength(4);
  });

  it('should fail a write fast too, before sending it', async () => {
    fail503(3);
    for (let n = 1; n <= 3; n += 1) await rejectionOf(client.request(get(n)));
    const error = await rejectionOf(
      client.request({
        method: 'POST',
        path: '/images/generations',
        body: { prompt: 'p' },
        credential: alpha,
        idempotencyKey: 'k1',
        retry: 'idempotent',
      }),
    );
    expect(error.extensions).toEqual({ code: ErrorCode.UPSTREAM_UNAVAILABLE, retryAfter: 10 });
    expect(calls().filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('should be shared by the clients it is given', async () => {
    const longPollClient = makeClient();
    fail503(3);
    for (let n = 1; n <= 3; n += 1) await rejectionOf(client.request(get(n)));
    const error = await rejectionOf(
      longPollClient.request(
        get(9, { query: { wait_for_completion: 'true', timeout_seconds: 20 } }),
      ),
    );
    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(calls()).toHaveLength(3);
  });

  it('should not count a long-poll that Pi answers at its deadline with a non-terminal job', async () => {
    fail503(2);
    for (let n = 1; n <= 2; n += 1) await rejectionOf(client.request(get(n)));
    pi.intercept({ path: anyPath }).reply(
      200,
      envelope({ id: jobId(3), status: 'processing' }),
      json,
    );
    await client.request(get(3, { query: { wait_for_completion: 'true', timeout_seconds: 1 } }));
    fail503(2);
    for (let n = 4; n <= 5; n += 1) await rejectionOf(client.request(get(n)));
    expect(breaker.state).toBe('closed');
  });
});

describe('createPiClient with a circuit breaker against a silent Pi', () => {
  let server: Server | undefined;
  let client: PiClient | undefined;

  afterEach(async () => {
    await client?.close();
    client = undefined;
    if (server !== undefined) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
  });

  it('should not count calls abandoned by their callers', async () => {
    let received = 0;
    const answer = { now: false };
    server = createServer((_request, response) => {
      received += 1;
      if (answer.now) response.end(JSON.stringify(envelope({ id: jobId(1) })));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const breaker = createCircuitBreaker({ failureThreshold: 1, openMs: 60_000 });
    client = createPiClient({ baseUrl, breaker, maxRetries: 0 });

    for (let n = 1; n <= 3; n += 1) {
      const controller = new AbortController();
      const pending = client.request(get(n, controller.signal));
      await expect.poll(() => received, { timeout: 2_000 }).toBe(n);
      controller.abort(new Error('client went away'));
      await expect(pending).rejects.toThrow('client went away');
      await expect.poll(() => client!.stats().inFlight, { timeout: 2_000 }).toBe(0);
    }
    expect(breaker.state).toBe('closed');
    answer.now = true;
    await expect(client.request(get(4))).resolves.toMatchObject({ status: 200 });
  });

  function get(n: number, signal?: AbortSignal): PiCall {
    return {
      method: 'GET',
      path: `/jobs/${jobId(n)}`,
      credential: alpha,
      ...(signal !== undefined ? { signal } : {}),
    };
  }
});
