import { request as httpRequest } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  armSimulatorFault,
  clearSimulatorFaults,
  createCompletedBrandJob,
} from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { waitFor } from '../helpers/wait-for.js';

const gw = await startTestGateway({ simulator: { faults: true } });
const job = await createCompletedBrandJob(gw.sim, 'alpha', 'https://http-suite.example');
const origin = new URL(gw.url).origin;

const JOB_QUERY = 'query ($id: ID!) { job(id: $id) { id status } }';
// Tests assert on arbitrary shapes.
const json = (response: Response): Promise<any> => response.json() as Promise<any>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeEach(() => gw.upstream.clear());

describe('authentication', () => {
  it('should fail with UNAUTHENTICATED and call nothing upstream when there is no credential at all', async () => {
    const response = await gw.gql(JOB_QUERY, { id: job.jobId }, { authorization: null });

    expect(response.status).toBe(401);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([
      {
        message: expect.stringContaining('Authorization'),
        extensions: { code: 'UNAUTHENTICATED' },
      },
    ]);
    expect(gw.upstream.requests).toEqual([]);
  });

  it.each(['Basic cGk6cGk=', 'Bearer', 'Bearer ', 'Bearer two tokens', 'pi_test_alpha'])(
    'should reject the malformed Authorization %j without calling upstream or echoing it',
    async (authorization) => {
      const response = await gw.gql(JOB_QUERY, { id: job.jobId }, { authorization });

      expect(response.status).toBe(401);
      expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const token = authorization.replace(/^Bearer\s*/, '');
      if (token !== '') expect(JSON.stringify(response.body)).not.toContain(token);
      expect(gw.upstream.requests).toEqual([]);
    },
  );

  it("should forward the caller's Authorization header to Pi unchanged", async () => {
    await gw.gql(JOB_QUERY, { id: job.jobId }, gw.as('alpha'));

    expect(gw.upstream.requests.map((request) => request.authorization)).toEqual([
      `Bearer ${gw.sim.keys.alpha}`,
    ]);
  });

  it("should answer UNAUTHENTICATED when Pi rejects the caller's key", async () => {
    const response = await gw.gql(
      JOB_QUERY,
      { id: job.jobId },
      { authorization: 'Bearer pi_test_unknown' },
    );

    expect(response.body.data).toEqual({ job: null });
    expect(response.body.errors[0]).toMatchObject({
      path: ['job'],
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(JSON.stringify(response.body)).not.toContain('pi_test_unknown');
  });

  it('should use PI_API_KEY when the request has no Authorization header, and the header when it has one', async () => {
    const keyed = await startTestGateway({
      config: { piApiKey: gw.sim.keys.alpha },
      defaultOrg: null,
    });
    const own = await createCompletedBrandJob(keyed.sim, 'alpha', 'https://server-key.example');

    const withoutHeader = await keyed.gql(JOB_QUERY, { id: own.jobId });
    expect(withoutHeader.body).toMatchObject({
      data: { job: { id: own.jobId, status: 'COMPLETED' } },
    });
    expect(keyed.upstream.requests.map((request) => request.authorization)).toEqual([
      `Bearer ${keyed.sim.keys.alpha}`,
    ]);

    keyed.upstream.clear();
    const withHeader = await keyed.gql(JOB_QUERY, { id: own.jobId }, keyed.as('beta'));
    expect(withHeader.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(keyed.upstream.requests.map((request) => request.authorization)).toEqual([
      `Bearer ${keyed.sim.keys.beta}`,
    ]);

    keyed.upstream.clear();
    const malformed = await keyed.gql(
      JOB_QUERY,
      { id: own.jobId },
      { authorization: 'Token nope' },
    );
    expect(malformed.status).toBe(401);
    expect(keyed.upstream.requests).toEqual([]);
  });
});

describe('response metadata', () => {
  it('should report the upstream request ids and rate limit in extensions.pi and the X-RateLimit headers', async () => {
    const response = await gw.gql(
      'query ($id: ID!, $brand: ID!) { job(id: $id) { status } brand(id: $brand) { name } }',
      { id: job.jobId, brand: job.brandId },
    );

    expect(response.body.errors).toBeUndefined();
    const upstreamIds = gw.upstream.requests.map((request) => request.responseRequestId);
    expect(upstreamIds).toHaveLength(2);
    expect(upstreamIds.every((id) => typeof id === 'string' && id.startsWith('req_pi_'))).toBe(
      true,
    );
    const { requestIds, rateLimit } = response.body.extensions.pi;
    expect([...requestIds].sort()).toEqual([...upstreamIds].sort());
    expect(rateLimit).toEqual({
      limit: expect.any(Number),
      remaining: expect.any(Number),
      reset: expect.any(Number),
    });
    expect(response.headers.get('x-ratelimit-limit')).toBe(String(rateLimit.limit));
    expect(response.headers.get('x-ratelimit-remaining')).toBe(String(rateLimit.remaining));
    expect(response.headers.get('x-ratelimit-reset')).toBe(String(rateLimit.reset));
    expect(response.headers.get('x-request-id')).toMatch(UUID);
  });

  it('should report the tightest rate limit when several upstream responses carry one', async () => {
    const response = await gw.gql(
      'query ($id: ID!) { a: job(id: $id) { status } b: brands { totalCount } }',
      {
        id: job.jobId,
      },
    );

    const figures = gw.upstream.requests.map((request) => request.rateLimit);
    expect(figures).toHaveLength(2);
    // The simulator counts each request down, so the two figures differ.
    expect(new Set(figures.map((figure) => figure?.remaining)).size).toBe(2);
    const tightest = [...figures].sort((x, y) => (x?.remaining ?? 0) - (y?.remaining ?? 0))[0];
    expect(response.body.extensions.pi.rateLimit).toEqual(tightest);
    expect(response.headers.get('x-ratelimit-remaining')).toBe(String(tightest?.remaining));
  });

  it('should give every response its own X-Request-Id', async () => {
    const [a, b] = await Promise.all([gw.gql('{ __typename }'), fetch(`${origin}/nope`)]);

    expect(a.headers.get('x-request-id')).toMatch(UUID);
    expect(b.headers.get('x-request-id')).toMatch(UUID);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });
});

describe('HTTP transport', () => {
  it('should run a query sent with GET /graphql?query=', async () => {
    const search = new URLSearchParams({
      query: JOB_QUERY,
      variables: JSON.stringify({ id: job.jobId }),
    });
    const response = await fetch(`${gw.url}?${search}`, {
      headers: { ...gw.as('alpha'), 'apollo-require-preflight': 'true' },
    });

    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      data: { job: { id: job.jobId, status: 'COMPLETED' } },
    });
    expect(gw.upstream.requests).toHaveLength(1);
  });

  it('should block a GET without a preflight header as a possible CSRF, before any upstream call', async () => {
    const response = await fetch(
      `${gw.url}?${new URLSearchParams({ query: '{ brands { totalCount } }' })}`,
      {
        headers: gw.as('alpha'),
      },
    );

    expect(response.status).toBe(400);
    expect((await json(response)).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should block a text/plain POST as a possible CSRF, before any upstream call', async () => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { ...gw.as('alpha'), 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ brands { totalCount } }' }),
    });

    expect(response.status).toBe(400);
    expect((await json(response)).errors[0].message).toContain('Cross-Site Request Forgery');
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should reject an invalid document with GRAPHQL_VALIDATION_FAILED before any upstream call', async () => {
    const response = await gw.gql('{ job(id: "x") { nope } }');

    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.extensions).toEqual({ pi: { requestIds: [], rateLimit: null } });
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should answer malformed JSON with a 400 JSON error', async () => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { ...gw.as('alpha'), 'content-type': 'application/json' },
      body: '{"query": "{ __typename }"',
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await json(response)).toEqual({
      errors: [
        { message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } },
      ],
    });
  });

  it.each([
    ['an empty body', ''],
    ['a body without a query', '{"variables": {}}'],
    ['variables as a JSON string', '{"query": "{ __typename }", "variables": "{}"}'],
    ['a batched array', '[{"query": "{ __typename }"}, {"query": "{ __typename }"}]'],
  ])('should answer %s with 400 BAD_REQUEST', async (_name, body) => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { ...gw.as('alpha'), 'content-type': 'application/json' },
      body,
    });

    expect(response.status).toBe(400);
    expect((await json(response)).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('should refuse a body over the default 1 MB with 413', async () => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { ...gw.as('alpha'), 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(1_000_000)}` }),
    });

    expect(response.status).toBe(413);
    expect((await json(response)).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('should stop reading a chunked body once it passes 1 MB and answer 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(gw.url, {
        method: 'POST',
        headers: {
          ...gw.as('alpha'),
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
        },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      // Keeps sending (with back-pressure) until the server answers; it must not wait for the end.
      const pump = () => {
        while (!request.destroyed && request.write(chunk));
        if (!request.destroyed) request.once('drain', pump);
      };
      request.once('response', () => request.destroy());
      pump();
    });

    expect(status).toBe(413);
  });

  it('should refuse a body in an unsupported Content-Encoding with 415', async () => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: {
        ...gw.as('alpha'),
        'content-type': 'application/json',
        'content-encoding': 'compress',
      },
      body: 'not really compressed',
    });

    expect(response.status).toBe(415);
  });

  it('should answer other methods on /graphql with 405', async () => {
    const response = await fetch(gw.url, {
      method: 'PUT',
      headers: { ...gw.as('alpha'), 'content-type': 'application/json' },
      body: '{"query": "{ __typename }"}',
    });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });

  it('should answer GET /healthz with 200 and status ok', async () => {
    const response = await fetch(`${origin}/healthz`);

    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: 'ok' });
  });

  it('should answer an unknown path with a JSON 404', async () => {
    const response = await fetch(`${origin}/graphql/extra?x=1`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect((await json(response)).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('should not serve a landing page to a browser', async () => {
    const response = await fetch(gw.url, { headers: { accept: 'text/html' } });

    expect(response.headers.get('content-type')).not.toContain('text/html');
  });
});

describe('upstream faults', () => {
  it('should abandon the upstream call when the client goes away mid-operation', async () => {
    await armSimulatorFault(gw.sim, {
      route: 'GET /api/v1/jobs/:id',
      fault: 'latency=5000',
      times: 1,
    });
    try {
      const client = new AbortController();
      const pending = fetch(gw.url, {
        method: 'POST',
        headers: { ...gw.as('alpha'), 'content-type': 'application/json' },
        body: JSON.stringify({ query: JOB_QUERY, variables: { id: job.jobId } }),
        signal: client.signal,
      }).then(
        () => 'answered',
        () => 'aborted',
      );
      await waitFor(() => gw.upstream.requests.length === 1, 5000, 'the upstream job read');

      client.abort();

      expect(await pending).toBe('aborted');
      await waitFor(
        () => gw.upstream.requests[0]?.error !== undefined,
        5000,
        'the upstream read to be abandoned',
      );
      expect(gw.upstream.requests[0]?.status).toBeUndefined();
    } finally {
      await clearSimulatorFaults(gw.sim);
    }
  });

  it("should answer UPSTREAM_BAD_RESPONSE at the field's path for a malformed upstream body and still resolve its siblings", async () => {
    // Enough for every attempt the client may make on this read.
    await armSimulatorFault(gw.sim, {
      route: 'GET /api/v1/jobs/:id',
      fault: 'malformed',
      times: 3,
    });
    try {
      const response = await gw.gql(
        'query ($id: ID!, $brand: ID!) { job(id: $id) { status } brand(id: $brand) { name } }',
        { id: job.jobId, brand: job.brandId },
      );

      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ job: null, brand: { name: 'http-suite.example' } });
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors[0]).toMatchObject({
        path: ['job'],
        extensions: { code: 'UPSTREAM_BAD_RESPONSE' },
      });
      expect(JSON.stringify(response.body.errors)).not.toContain(gw.sim.url);
    } finally {
      await clearSimulatorFaults(gw.sim);
    }
  });
});
