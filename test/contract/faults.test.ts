import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { pi, simStats, startTestSimulator } from './helpers.js';
import type { PiClient } from './helpers.js';

const EXTRACT = '/api/v1/brands/extract';
const BODY = { url: 'https://faults.example' };

const sim = await startTestSimulator({ faults: true });
const alpha = pi(sim, 'alpha');

function withFault(client: PiClient, fault: string) {
  return client.post(EXTRACT, BODY, { headers: { 'x-pi-sim-fault': fault } });
}

async function jobsCreated(): Promise<number> {
  return (await simStats(sim)).jobsCreated.alpha ?? 0;
}

async function arm(body: unknown): Promise<Response> {
  return fetch(new URL('/_sim/faults', sim.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Sends a request with node:http and reports when the headers and the whole body arrived. */
function timedRequest(
  path: string,
  headers: Record<string, string>,
): Promise<{ headersAt: number; endAt: number; body: string; status: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, sim.url), { method: 'GET', headers }, (res) => {
      const headersAt = Date.now() - started;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ headersAt, endAt: Date.now() - started, body, status: res.statusCode ?? 0 }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the X-Pi-Sim-Fault header', () => {
  it('should be ignored when faults are off', async () => {
    const off = await startTestSimulator();
    const res = await pi(off, 'alpha').post(EXTRACT, BODY, {
      headers: { 'x-pi-sim-fault': 'status=500' },
    });
    expect(res.status).toBe(202);
  });

  it('should delay the answer with latency=<ms>', async () => {
    const started = Date.now();
    const res = await withFault(alpha, 'latency=250');
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('should answer status=<code> with a Pi error envelope without doing the work', async () => {
    const before = await jobsCreated();
    const res = await withFault(alpha, 'status=503');
    expect(res.status).toBe(503);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(res.body.error).toMatchObject({ type: 'api_error', code: 'service_unavailable' });
    expect(res.body.error.request_id).toBe(res.headers.get('x-request-id'));
    expect(res.headers.get('retry-after')).toBe('1');
    const internal = await withFault(alpha, 'status=500');
    expect(internal.body.error).toMatchObject({ type: 'api_error', code: 'internal_error' });
    const bad = await withFault(alpha, 'status=502');
    expect(bad.body.error.type).toBe('api_error');
    expect(await jobsCreated()).toBe(before);
  });

  it('should answer status=429 as a rate-limit error with Retry-After', async () => {
    const res = await withFault(alpha, 'status=429; retry-after=7');
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded' });
    expect(res.headers.get('retry-after')).toBe('7');
  });

  it('should destroy the socket before doing anything with reset', async () => {
    const before = await jobsCreated();
    await expect(withFault(alpha, 'reset')).rejects.toThrow();
    expect(await jobsCreated()).toBe(before);
  });

  it('should do the work and then destroy the socket with reset-after', async () => {
    const before = await jobsCreated();
    await expect(withFault(alpha, 'reset-after')).rejects.toThrow();
    expect(await jobsCreated()).toBe(before + 1);
  });

  it('should do the work and answer an invalid JSON body with malformed', async () => {
    const before = await jobsCreated();
    const res = await withFault(alpha, 'malformed');
    expect(res.status).toBe(202);
    expect(() => JSON.parse(res.text)).toThrow();
    expect(res.text.startsWith('{')).toBe(true);
    expect(await jobsCreated()).toBe(before + 1);
  });

  it('should send the headers at once and trickle the body with slow-body=<ms>', async () => {
    const res = await timedRequest('/api/v1/jobs/00000000-0000-4000-8000-000000000000', {
      authorization: 'Bearer pi_test_alpha',
      'x-pi-sim-fault': 'slow-body=400',
    });
    expect(res.status).toBe(404);
    expect(res.headersAt).toBeLessThan(res.endAt - 250);
    expect(res.endAt).toBeGreaterThanOrEqual(380);
    expect(JSON.parse(res.body).error.code).toBe('job_not_found');
  });

  it('should combine directives', async () => {
    const started = Date.now();
    const res = await withFault(alpha, 'latency=150;status=504');
    expect(res.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('should reject an unknown or malformed directive with 400 invalid_sim_fault', async () => {
    for (const fault of ['explode', 'latency=abc', 'status=200', 'reset=1']) {
      const res = await withFault(alpha, fault);
      expect(res.status, fault).toBe(400);
      expect(res.body.error.code).toBe('invalid_sim_fault');
    }
  });
});

describe('/_sim/faults', () => {
  it('should arm a fault for the next N matching requests only', async () => {
    const armed = await arm({
      route: 'POST /api/v1/brands/extract',
      fault: 'status=500',
      times: 2,
    });
    expect(armed.status).toBe(200);
    const listed = (await (await fetch(new URL('/_sim/faults', sim.url))).json()) as {
      faults: unknown[];
    };
    expect(listed.faults).toEqual([
      {
        id: expect.any(Number),
        route: 'POST /api/v1/brands/extract',
        fault: 'status=500',
        remaining: 2,
      },
    ]);

    expect((await alpha.get('/api/v1/brands')).status).toBe(200);
    expect((await alpha.post(EXTRACT, BODY)).status).toBe(500);
    expect((await alpha.post(EXTRACT, BODY)).status).toBe(500);
    expect((await alpha.post(EXTRACT, BODY)).status).toBe(202);
  });

  it('should let reset-after be armed so that the work happens but the answer is lost', async () => {
    const before = await jobsCreated();
    await arm({ route: 'POST /api/v1/brands/extract', fault: 'reset-after' });
    await expect(alpha.post(EXTRACT, BODY)).rejects.toThrow();
    expect(await jobsCreated()).toBe(before + 1);
    expect((await alpha.post(EXTRACT, BODY)).status).toBe(202);
  });

  it('should match every API route with * and clear on DELETE', async () => {
    await arm({ route: '*', fault: 'status=502', times: 5 });
    expect((await alpha.get('/api/v1/brands')).status).toBe(502);
    const cleared = await fetch(new URL('/_sim/faults', sim.url), { method: 'DELETE' });
    expect(cleared.status).toBe(200);
    expect((await alpha.get('/api/v1/brands')).status).toBe(200);
    expect((await simStats(sim)).requests['GET /api/v1/brands']).toBeGreaterThan(0);
  });

  it('should reject an unknown route, a bad fault or a bad count with 400', async () => {
    for (const body of [
      { route: 'GET /api/v1/nothing', fault: 'reset' },
      { route: 'GET /api/v1/brands', fault: 'bogus' },
      { route: 'GET /api/v1/brands', fault: '' },
      { route: 'GET /api/v1/brands', fault: 'reset', times: 0 },
    ]) {
      const res = await arm(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'invalid_sim_fault',
      );
    }
    expect((await alpha.get('/api/v1/brands')).status).toBe(200);
  });
});
