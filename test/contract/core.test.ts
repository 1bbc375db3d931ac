import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  SimulatorConfigError,
  loadSimulatorOptions,
  startSimulator,
} from '../../src/simulator/index.js';
import { pi, simStats, startTestSimulator, waitFor } from './helpers.js';

const REQUEST_ID = /^req_pi_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MISSING_JOB = '/api/v1/jobs/00000000-0000-4000-8000-000000000000';

const sim = await startTestSimulator(
  {},
  {
    routes: [
      {
        method: 'GET',
        pattern: '/api/v1/_test/explode',
        handler: () => {
          throw new Error('secret database password leaked at /srv/app.ts:12');
        },
      },
    ],
  },
);
const alpha = pi(sim, 'alpha');
const beta = pi(sim, 'beta');

describe('the request pipeline', () => {
  it('should put a req_pi_ request id on every response, equal to the envelope id', async () => {
    const ok = await alpha.post('/api/v1/brands/extract', { url: 'https://example.com' });
    expect(ok.status).toBe(202);
    expect(ok.headers.get('x-request-id')).toMatch(REQUEST_ID);
    expect(ok.body.id).toBe(ok.headers.get('x-request-id'));

    const responses = await Promise.all([
      pi(sim, null).get(MISSING_JOB),
      alpha.get(MISSING_JOB),
      alpha.get('/api/v1/nowhere'),
      alpha.request('DELETE', MISSING_JOB),
      alpha.post('/api/v1/brands/extract', undefined, { rawBody: '{nope' }),
    ]);
    for (const res of responses) {
      expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);
      expect(res.body.error.request_id).toBe(res.headers.get('x-request-id'));
    }
    const ids = new Set(responses.map((r) => r.headers.get('x-request-id')));
    expect(ids.size).toBe(responses.length);
  });

  it('should answer an unknown path with a 404 route_not_found error envelope and nothing else', async () => {
    const res = await alpha.get('/api/v1/nowhere');
    expect(res.status).toBe(404);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(Object.keys(res.body.error).sort()).toEqual(['code', 'message', 'request_id', 'type']);
    expect(res.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'route_not_found',
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('should answer a known path with the wrong method with 405 method_not_allowed and Allow', async () => {
    const del = await alpha.request('DELETE', MISSING_JOB);
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET');
    expect(del.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'method_not_allowed',
    });

    const getExtract = await alpha.get('/api/v1/brands/extract');
    expect(getExtract.status).toBe(405);
    expect(getExtract.headers.get('allow')).toBe('POST');
  });

  it('should reject a request without an Authorization header with 401 missing_authorization_header', async () => {
    const res = await pi(sim, null).get(MISSING_JOB);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'missing_authorization_header',
    });
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('should reject a non-Bearer scheme with 401 invalid_authorization_scheme', async () => {
    const res = await pi(sim, null).get(MISSING_JOB, {
      headers: { authorization: 'Basic cGk6cGk=' },
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_authorization_scheme',
    });
  });

  it('should reject an empty bearer token with 401 missing_bearer_token', async () => {
    // HTTP trims the trailing spaces, so both arrive as the bare scheme.
    for (const authorization of ['Bearer', 'Bearer    ']) {
      const res = await pi(sim, null).get(MISSING_JOB, { headers: { authorization } });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'missing_bearer_token',
      });
    }
  });

  it('should reject an unknown key with 401 invalid_api_key of type authentication_error in docs mode', async () => {
    const res = await pi(sim, 'pi_live_unknown').get(MISSING_JOB);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('should send the rate-limit headers on authenticated responses, handler errors included', async () => {
    const miss = await alpha.get(MISSING_JOB);
    expect(miss.status).toBe(404);
    expect(miss.headers.get('x-ratelimit-limit')).toBe('100000');
    const remaining = Number(miss.headers.get('x-ratelimit-remaining'));
    expect(remaining).toBeGreaterThan(0);
    const reset = Number(miss.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(Number.isInteger(reset)).toBe(true);

    const next = await alpha.get('/api/v1/jobs/not-a-uuid');
    expect(next.status).toBe(400);
    expect(Number(next.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1);
  });

  it('should answer malformed and empty JSON bodies with 400 invalid_json_body', async () => {
    const malformed = await alpha.post('/api/v1/brands/extract', undefined, { rawBody: '{"url":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_json_body',
    });
    expect(malformed.headers.get('x-ratelimit-limit')).not.toBeNull();

    const empty = await alpha.post('/api/v1/brands/extract', undefined, { rawBody: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('invalid_json_body');
  });

  it('should turn an unexpected exception into a generic 500 api_error without leaking details', async () => {
    const res = await alpha.get('/api/v1/_test/explode');
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ type: 'api_error', code: 'internal_error' });
    expect(res.text).not.toMatch(/secret|srv|stack|at /);
  });

  it('should give each org the same stable id on every start, and different ids to different orgs', async () => {
    const orgIdOf = async (client: ReturnType<typeof pi>): Promise<string> => {
      const created = await client.post('/api/v1/brands/extract', {
        url: 'https://stable.example',
      });
      return (await client.get(`/api/v1/jobs/${created.body.data.job_id}`)).body.data.org_id;
    };
    const alphaId = await orgIdOf(alpha);
    const betaId = await orgIdOf(beta);
    expect(alphaId).not.toBe(betaId);

    const other = await startTestSimulator();
    expect(await orgIdOf(pi(other, 'alpha'))).toBe(alphaId);
    expect(await orgIdOf(pi(other, 'beta'))).toBe(betaId);
  });

  it('should report the demo keys by org name', () => {
    expect(sim.keys).toEqual({ alpha: 'pi_test_alpha', beta: 'pi_test_beta' });
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('rate limiting', () => {
  it('should answer 429 rate_limit_exceeded with Retry-After once a key spends its window, per key', async () => {
    const limited = await startTestSimulator({ rateLimit: 3, rateWindowSeconds: 60 });
    const a = pi(limited, 'alpha');
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await a.get(MISSING_JOB);
      expect(res.status).toBe(404);
      remaining.push(res.headers.get('x-ratelimit-remaining') ?? '');
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const spent = await a.get(MISSING_JOB);
    expect(spent.status).toBe(429);
    expect(spent.body.error).toMatchObject({
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
    });
    expect(Number(spent.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(spent.headers.get('x-ratelimit-limit')).toBe('3');
    expect(spent.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(spent.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);

    const other = await pi(limited, 'beta').get(MISSING_JOB);
    expect(other.status).toBe(404);
  });

  it('should let a key in again when its window resets', async () => {
    const limited = await startTestSimulator({ rateLimit: 1, rateWindowSeconds: 1 });
    const a = pi(limited, 'alpha');
    expect((await a.get(MISSING_JOB)).status).toBe(404);
    expect((await a.get(MISSING_JOB)).status).toBe(429);
    await waitFor(async () => (await a.get(MISSING_JOB)).status === 404, 3000);
  });
});

describe('the /_sim endpoints', () => {
  it('should count requests per route name and jobs per org name, and reset only the counters', async () => {
    const own = await startTestSimulator();
    const a = pi(own, 'alpha');
    const created = await a.post('/api/v1/brands/extract', { url: 'https://count.example' });
    await a.post('/api/v1/brands/extract', { url: 'https://count2.example' });
    await pi(own, 'beta').post('/api/v1/brands/extract', { url: 'https://count.example' });
    await a.get(`/api/v1/jobs/${created.body.data.job_id}`);
    await a.get('/api/v1/nowhere');

    const stats = await simStats(own);
    expect(stats.requests).toEqual({ 'POST /api/v1/brands/extract': 3, 'GET /api/v1/jobs/:id': 1 });
    expect(stats.jobsCreated).toEqual({ alpha: 2, beta: 1 });
    expect(stats.longPollsInFlight).toEqual({});

    const reset = await fetch(new URL('/_sim/reset', own.url), { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(await simStats(own)).toEqual({ requests: {}, jobsCreated: {}, longPollsInFlight: {} });
    const still = await a.get(`/api/v1/jobs/${created.body.data.job_id}`);
    expect(still.status).toBe(200);
    expect((await simStats(own)).requests).toEqual({ 'GET /api/v1/jobs/:id': 1 });
  });

  it('should not expose /_sim/faults when faults are off', async () => {
    const res = await fetch(new URL('/_sim/faults', sim.url));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('route_not_found');
  });
});

describe('configuration', () => {
  it('should read the documented defaults from an empty environment', () => {
    expect(loadSimulatorOptions({})).toEqual({
      port: 4010,
      host: '127.0.0.1',
      keys: { pi_test_alpha: 'alpha', pi_test_beta: 'beta' },
      rateLimit: 100_000,
      rateWindowSeconds: 60,
      stepMs: 400,
      quirks: 'docs',
      faults: false,
      allowHttpWebhooks: false,
    });
  });

  it('should read every variable', () => {
    expect(
      loadSimulatorOptions({
        PORT: '0',
        HOST: '::1',
        PI_SIM_KEYS: 'k1=acme, k2=acme,k3=globex',
        PI_SIM_RATE_LIMIT: '5',
        PI_SIM_RATE_WINDOW_S: '2',
        PI_SIM_STEP_MS: '10',
        PI_SIM_QUIRKS: 'impl',
        PI_SIM_FAULTS: '1',
        PI_SIM_ALLOW_HTTP_WEBHOOKS: '1',
      }),
    ).toEqual({
      port: 0,
      host: '::1',
      keys: { k1: 'acme', k2: 'acme', k3: 'globex' },
      rateLimit: 5,
      rateWindowSeconds: 2,
      stepMs: 10,
      quirks: 'impl',
      faults: true,
      allowHttpWebhooks: true,
    });
  });

  it('should stop with one error listing every bad value', () => {
    let error: unknown;
    try {
      loadSimulatorOptions({
        PORT: 'http',
        PI_SIM_KEYS: 'nokey',
        PI_SIM_RATE_LIMIT: '0',
        PI_SIM_STEP_MS: '-1',
        PI_SIM_QUIRKS: 'strict',
        PI_SIM_FAULTS: 'yes',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulatorConfigError);
    const { problems, message } = error as SimulatorConfigError;
    expect(problems).toHaveLength(6);
    for (const name of [
      'PORT',
      'PI_SIM_KEYS',
      'PI_SIM_RATE_LIMIT',
      'PI_SIM_STEP_MS',
      'PI_SIM_QUIRKS',
      'PI_SIM_FAULTS',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('should refuse to start with invalid programmatic options', async () => {
    await expect(startSimulator({ stepMs: -5, keys: {} })).rejects.toThrow(SimulatorConfigError);
  });

  it('should honour custom keys', async () => {
    const custom = await startTestSimulator({ keys: { pi_live_one: 'acme', pi_live_two: 'acme' } });
    expect(custom.keys).toEqual({ acme: 'pi_live_one' });
    expect((await pi(custom, 'pi_live_two').get(MISSING_JOB)).status).toBe(404);
    expect((await pi(custom, 'pi_test_alpha').get(MISSING_JOB)).status).toBe(401);
  });
});

describe('stopping', () => {
  it('should end in-flight long-polls and stop promptly', async () => {
    const slow = await startTestSimulator({ stepMs: 60_000 });
    const a = pi(slow, 'alpha');
    const created = await a.post('/api/v1/brands/extract', { url: 'https://slow.example' });
    const jobId = created.body.data.job_id as string;
    const poll = a.get(`/api/v1/jobs/${jobId}?wait_for_completion=true&timeout_seconds=30`).then(
      (res) => res.status,
      () => 'closed',
    );
    await waitFor(async () => (await simStats(slow)).longPollsInFlight[jobId] === 1);
    const started = Date.now();
    await slow.stop();
    expect(Date.now() - started).toBeLessThan(3000);
    expect([200, 'closed']).toContain(await poll);
  });
});

describe('the command line', () => {
  it('should print its URL and keys, serve, and exit 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PI_SIM_STEP_MS: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Wait for the last key line: stdout may arrive in several chunks.
    await waitFor(() => output.includes('(org beta)'), 20_000);
    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output).toContain('Bearer pi_test_alpha');
    expect(output).toContain('org alpha');
    const res = await fetch(`${url}${MISSING_JOB}`, {
      headers: { authorization: 'Bearer pi_test_beta' },
    });
    expect(res.status).toBe(404);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('should exit 1 with every problem listed when the environment is bad', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/main.ts'], {
      env: { ...process.env, PORT: 'nope', PI_SIM_QUIRKS: 'odd' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(errors).toContain('PORT');
    expect(errors).toContain('PI_SIM_QUIRKS');
  });
});
