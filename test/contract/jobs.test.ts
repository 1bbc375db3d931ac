import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createJobEngine } from '../../src/simulator/engine.js';
import { createStatsRecorder } from '../../src/simulator/stats.js';
import { createStore } from '../../src/simulator/store.js';
import type { JobRow, JobStep } from '../../src/simulator/index.js';
import {
  createDeferred,
  createTestRoutes,
  pi,
  simStats,
  startTestSimulator,
  waitFor,
  waitForJob,
} from './helpers.js';
import type { PiClient, TestJobSpec } from './helpers.js';

const JOB_KEYS = [
  'created_at',
  'error_log',
  'id',
  'org_id',
  'payload',
  'result_url',
  'status',
  'type',
  'updated_at',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const IMAGE = 'https://cdn.pi-sim.example/ads/one.png';

const test = createTestRoutes();
const sim = await startTestSimulator({}, { routes: test.routes });
const slow = await startTestSimulator({ stepMs: 60_000 });
const alpha = pi(sim, 'alpha');
const beta = pi(sim, 'beta');

async function extract(client: PiClient, url = 'https://example.com'): Promise<string> {
  const res = await client.post('/api/v1/brands/extract', { url });
  expect(res.status).toBe(202);
  return res.body.data.job_id as string;
}

async function createJob(client: PiClient, spec: TestJobSpec): Promise<string> {
  const res = await client.post('/api/v1/_test/jobs', spec);
  expect(res.status).toBe(202);
  return res.body.job_id as string;
}

describe('GET /api/v1/jobs/:id', () => {
  it('should return the job record with unix-second timestamps and the job status in the envelope', async () => {
    const slowAlpha = pi(slow, 'alpha');
    const jobId = await extract(slowAlpha);
    const res = await slowAlpha.get(`/api/v1/jobs/${jobId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      object: 'job',
      status: 'queued',
      id: res.headers.get('x-request-id'),
    });
    expect(Number.isInteger(res.body.created_at)).toBe(true);
    const job = res.body.data;
    expect(Object.keys(job).sort()).toEqual(JOB_KEYS);
    expect(job).toMatchObject({
      id: jobId,
      type: 'brand_extraction',
      status: 'queued',
      payload: { phase: 'queued', input: { url: 'https://example.com' } },
      result_url: null,
      error_log: null,
    });
    expect(job.org_id).toMatch(UUID);
    expect(Number.isInteger(job.created_at) && Number.isInteger(job.updated_at)).toBe(true);
    expect(Math.abs(job.created_at - Date.now() / 1000)).toBeLessThan(5);
  });

  it('should report completed in the envelope once the job is completed (docs mode)', async () => {
    const jobId = await extract(alpha);
    const done = await waitForJob(alpha, jobId);
    expect(done.body.status).toBe('completed');
    expect(done.body.data.status).toBe('completed');
    expect(done.body.data.updated_at).toBeGreaterThanOrEqual(done.body.data.created_at);
  });

  it('should reject an id that is not a UUID with 400 invalid_job_id', async () => {
    const res = await alpha.get('/api/v1/jobs/12345');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_job_id' });
  });

  it('should answer another org’s job exactly like a missing one', async () => {
    const betaJob = await extract(beta);
    const foreign = await alpha.get(`/api/v1/jobs/${betaJob}`);
    const missing = await alpha.get('/api/v1/jobs/3f1a2b4c-0000-4000-8000-000000000001');
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    const strip = (body: { error: Record<string, unknown> }) => ({
      ...body.error,
      request_id: undefined,
    });
    expect(strip(foreign.body)).toEqual(strip(missing.body));
    expect(foreign.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'job_not_found',
    });
    expect((await beta.get(`/api/v1/jobs/${betaJob}`)).status).toBe(200);
  });
});

describe('long-polling', () => {
  it('should return as soon as the job is terminal', async () => {
    const jobId = await extract(alpha);
    const started = Date.now();
    const res = await alpha.get(
      `/api/v1/jobs/${jobId}?wait_for_completion=true&timeout_seconds=20`,
    );
    expect(res.body.data.status).toBe('completed');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('should return the current non-terminal job at the deadline', async () => {
    const slowAlpha = pi(slow, 'alpha');
    const jobId = await extract(slowAlpha);
    const started = Date.now();
    const res = await slowAlpha.get(
      `/api/v1/jobs/${jobId}?wait_for_completion=true&timeout_seconds=1`,
    );
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('queued');
    expect(res.body.status).toBe('queued');
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3000);
  });

  it('should answer a foreign job with 404 at once instead of waiting', async () => {
    const jobId = await extract(pi(slow, 'beta'));
    const started = Date.now();
    const res = await pi(slow, 'alpha').get(
      `/api/v1/jobs/${jobId}?wait_for_completion=true&timeout_seconds=5`,
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('job_not_found');
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await simStats(slow)).longPollsInFlight[jobId]).toBeUndefined();
  });

  it('should only wait for the exact string true', async () => {
    const slowAlpha = pi(slow, 'alpha');
    const jobId = await extract(slowAlpha);
    for (const value of ['1', 'TRUE', 'yes']) {
      const started = Date.now();
      const res = await slowAlpha.get(
        `/api/v1/jobs/${jobId}?wait_for_completion=${value}&timeout_seconds=5`,
      );
      expect(res.body.data.status).toBe('queued');
      expect(Date.now() - started).toBeLessThan(3000);
    }
  });

  it('should count in-flight long-polls per job and forget them when the client leaves', async () => {
    const slowAlpha = pi(slow, 'alpha');
    const jobId = await extract(slowAlpha);
    const first = new AbortController();
    const second = new AbortController();
    const path = `/api/v1/jobs/${jobId}?wait_for_completion=true&timeout_seconds=30`;
    const polls = [first, second].map((c) =>
      slowAlpha.get(path, { signal: c.signal }).catch(() => 'aborted'),
    );
    await waitFor(async () => (await simStats(slow)).longPollsInFlight[jobId] === 2);
    first.abort();
    await waitFor(async () => (await simStats(slow)).longPollsInFlight[jobId] === 1);
    second.abort();
    await waitFor(async () => (await simStats(slow)).longPollsInFlight[jobId] === undefined);
    expect(await Promise.all(polls)).toEqual(['aborted', 'aborted']);
  });

  it('should reject a bad timeout_seconds with 400 invalid_expand_param, waiting or not', async () => {
    const jobId = await extract(alpha);
    for (const value of ['0', '31', '1.5', 'abc', '', '-3']) {
      const res = await alpha.get(`/api/v1/jobs/${jobId}?timeout_seconds=${value}`);
      expect(res.status, value).toBe(400);
      expect(res.body.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'invalid_expand_param',
      });
    }
    expect((await alpha.get(`/api/v1/jobs/${jobId}?timeout_seconds=30`)).status).toBe(200);
  });
});

describe('expand and include', () => {
  it('should reject unknown, comma-listed, empty or repeated values with 400 invalid_expand_param', async () => {
    const jobId = await extract(alpha);
    for (const query of [
      'expand=foo',
      'expand=brand,diagnostics',
      'include=',
      'expand=brand&expand=ad',
      'include=latest_job',
    ]) {
      const res = await alpha.get(`/api/v1/jobs/${jobId}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('invalid_expand_param');
    }
  });

  it('should resolve job_result without expansion and inline the brand with expand=brand or include=brand', async () => {
    const jobId = await extract(alpha, 'https://expand.example');
    const plain = (await waitForJob(alpha, jobId)).body.data;
    const brandId = plain.payload.brand_id as string;
    expect(plain.result_url).toBe(`brands/${brandId}`);
    expect(plain.job_result).toEqual({ type: 'brand', id: brandId, url: `brands/${brandId}` });
    expect(plain.expanded).toBeUndefined();

    for (const query of ['expand=brand', 'include=brand']) {
      const data = (await alpha.get(`/api/v1/jobs/${jobId}?${query}`)).body.data;
      expect(data.job_result.brand.id).toBe(brandId);
      expect(data.expanded.brand).toEqual(data.job_result.brand);
      expect(data.expanded.brand.domain).toBe('expand.example');
      expect(typeof data.expanded.brand.created_at).toBe('string');
    }
  });

  it('should never inline another org’s brand', async () => {
    const betaJob = await extract(beta, 'https://beta-only.example');
    const betaBrand = (await waitForJob(beta, betaJob)).body.data.payload.brand_id as string;
    const jobId = await createJob(alpha, {
      type: 'brand_extraction',
      steps: [
        {
          status: 'completed',
          payload: { phase: 'completed', brand_id: betaBrand },
          result_url: `brands/${betaBrand}`,
        },
      ],
    });
    const data = (await waitForJob(alpha, jobId, '&expand=brand')).body.data;
    expect(data.job_result).toEqual({ type: 'brand', id: betaBrand, url: `brands/${betaBrand}` });
    expect(data.expanded).toBeUndefined();
    expect(JSON.stringify(data)).not.toContain('beta-only.example');
  });

  it('should strip diagnostics unless diagnostics is expanded, and combine expand with include', async () => {
    const jobId = await createJob(alpha, {
      type: 'ad_generation',
      steps: [
        {
          status: 'completed',
          payload: {
            phase: 'completed',
            image_url: IMAGE,
            diagnostics: [{ step: 'x' }],
            retrieval_diagnostics: { hits: 2 },
          },
          result_url: 'ads/whatever',
        },
      ],
    });
    const plain = (await waitForJob(alpha, jobId)).body.data;
    expect(plain.payload).toEqual({ phase: 'completed', image_url: IMAGE });
    for (const query of ['expand=diagnostics', 'include=diagnostics']) {
      const data = (await alpha.get(`/api/v1/jobs/${jobId}?${query}`)).body.data;
      expect(data.payload.diagnostics).toEqual([{ step: 'x' }]);
      expect(data.payload.retrieval_diagnostics).toEqual({ hits: 2 });
    }
    const both = (await alpha.get(`/api/v1/jobs/${jobId}?expand=ad&include=diagnostics`)).body.data;
    expect(both.ad).toEqual({ image_url: IMAGE });
    expect(both.payload.diagnostics).toEqual([{ step: 'x' }]);
  });

  it('should add ad and avatar results, and their image expansions only for matching job types', async () => {
    const adJob = await createJob(alpha, {
      type: 'campaign_ad_generation',
      steps: [
        {
          status: 'completed',
          payload: { phase: 'completed', image_url: IMAGE },
          result_url: IMAGE,
        },
      ],
    });
    const avatarJob = await createJob(alpha, {
      type: 'avatar_generation',
      steps: [
        {
          status: 'completed',
          payload: { phase: 'completed', image_url: IMAGE },
          result_url: 'avatars/x',
        },
      ],
    });
    const ad = (await waitForJob(alpha, adJob)).body.data;
    expect(ad.job_result).toEqual({ type: 'ad', id: adJob, image_url: IMAGE });
    expect(ad.ad).toBeUndefined();
    expect((await alpha.get(`/api/v1/jobs/${adJob}?expand=ad`)).body.data.ad).toEqual({
      image_url: IMAGE,
    });
    expect(
      (await alpha.get(`/api/v1/jobs/${adJob}?expand=avatar`)).body.data.avatar,
    ).toBeUndefined();

    const avatar = (await waitForJob(alpha, avatarJob)).body.data;
    expect(avatar.job_result).toEqual({ type: 'avatar', id: avatarJob, image_url: IMAGE });
    expect((await alpha.get(`/api/v1/jobs/${avatarJob}?include=avatar`)).body.data.avatar).toEqual({
      image_url: IMAGE,
    });
    expect((await alpha.get(`/api/v1/jobs/${avatarJob}?expand=ad`)).body.data.ad).toBeUndefined();
  });

  it('should add no job_result to jobs without a resolvable result', async () => {
    const jobId = await createJob(alpha, {
      type: 'ad_generation',
      steps: [
        {
          status: 'failed',
          payload: { phase: 'failed', failure_code: 'policy_conflict' },
          error_log: 'policy_conflict: no',
        },
      ],
    });
    const data = (await waitForJob(alpha, jobId, '&expand=ad')).body.data;
    expect(data.status).toBe('failed');
    expect(data.job_result).toBeUndefined();
    expect(data.ad).toBeUndefined();
  });
});

describe('fields', () => {
  it('should return only the requested fields in docs mode, dropping unknown names', async () => {
    const jobId = await extract(alpha);
    const res = await alpha.get(`/api/v1/jobs/${jobId}?fields=id,status,result_url`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data).sort()).toEqual(['id', 'result_url', 'status']);
    const some = await alpha.get(`/api/v1/jobs/${jobId}?fields=id,bogus`);
    expect(Object.keys(some.body.data)).toEqual(['id']);
  });

  it('should return the whole object when no listed field is valid', async () => {
    const jobId = await extract(alpha);
    const res = await alpha.get(`/api/v1/jobs/${jobId}?fields=bogus,nothing`);
    expect(Object.keys(res.body.data).sort()).toEqual(JOB_KEYS);
  });

  it('should reject an empty fields list with 400 invalid_expand_param', async () => {
    const jobId = await extract(alpha);
    const res = await alpha.get(`/api/v1/jobs/${jobId}?fields=`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_expand_param');
  });

  it('should also select result_url, payload and type with a brand expansion', async () => {
    const jobId = await extract(alpha, 'https://fields.example');
    await waitForJob(alpha, jobId);
    const data = (await alpha.get(`/api/v1/jobs/${jobId}?fields=id&expand=brand`)).body.data;
    expect(Object.keys(data).sort()).toEqual([
      'expanded',
      'id',
      'job_result',
      'payload',
      'result_url',
      'type',
    ]);
    expect(data.expanded.brand.domain).toBe('fields.example');
  });
});

describe('the job engine', () => {
  const org = { name: 'acme', id: '11111111-1111-5111-8111-111111111111' };
  const makeEngine = (stepMs = 5) => {
    const store = createStore({ k: 'acme' });
    const stats = createStatsRecorder();
    const events = new EventEmitter();
    return {
      store,
      stats,
      events,
      engine: createJobEngine({ store, stats, events, stepMs, now: () => Date.now() / 1000 }),
    };
  };
  const steps: JobStep[] = [
    { status: 'processing', payload: { phase: 'one' } },
    { status: 'processing', payload: { phase: 'two' } },
    { status: 'completed', payload: { phase: 'completed' }, result_url: 'brands/x' },
  ];

  it('should walk the script one step at a time, bumping version, and tell terminal listeners once', async () => {
    const { engine, events, stats } = makeEngine();
    const seen: string[] = [];
    events.on('job.changed', (job: JobRow) =>
      seen.push(`${job.version}:${job.status}:${String(job.payload.phase)}`),
    );
    const terminal = createDeferred<JobRow>();
    const calls: string[] = [];
    engine.onTerminal(() => {
      throw new Error('a broken listener');
    });
    engine.onTerminal((job) => {
      calls.push(job.id);
      terminal.resolve(job);
    });
    const job = engine.create(org, 'test', { phase: 'queued' }, steps);
    expect(job.status).toBe('queued');
    const done = await terminal.promise;
    expect(done.result_url).toBe('brands/x');
    expect(seen).toEqual([
      '1:queued:queued',
      '2:processing:one',
      '3:processing:two',
      '4:completed:completed',
    ]);
    expect(calls).toEqual([job.id]);
    expect(stats.snapshot().jobsCreated).toEqual({ acme: 1 });
    engine.stop();
  });

  it('should be scoped by org on get', () => {
    const { engine } = makeEngine();
    const job = engine.create(org, 'test', {}, steps);
    expect(engine.get(org.id, job.id)).toBe(job);
    expect(engine.get('22222222-2222-5222-8222-222222222222', job.id)).toBeUndefined();
    engine.stop();
  });

  it('should wake waiters on the terminal step and time out, abort or stop otherwise', async () => {
    const { engine, stats } = makeEngine(5);
    const fast = engine.create(org, 'test', {}, steps);
    const woke = await engine.waitForTerminal(fast, 10_000, new AbortController().signal);
    expect(woke.status).toBe('completed');

    const { engine: slowEngine, stats: slowStats } = makeEngine(60_000);
    const stuck = slowEngine.create(org, 'test', {}, steps);
    const timedOut = await slowEngine.waitForTerminal(stuck, 30, new AbortController().signal);
    expect(timedOut.status).toBe('queued');

    const controller = new AbortController();
    const aborted = slowEngine.waitForTerminal(stuck, 10_000, controller.signal);
    expect(slowStats.snapshot().longPollsInFlight).toEqual({ [stuck.id]: 1 });
    controller.abort();
    expect((await aborted).status).toBe('queued');
    expect(slowStats.snapshot().longPollsInFlight).toEqual({});

    const stopped = slowEngine.waitForTerminal(stuck, 10_000, new AbortController().signal);
    slowEngine.stop();
    expect((await stopped).status).toBe('queued');
    expect(stats.snapshot().longPollsInFlight).toEqual({});
    engine.stop();
  });

  it('should fail a job whose step side effect throws instead of leaving it stuck', async () => {
    const { engine } = makeEngine();
    const job = engine.create(org, 'test', {}, [
      {
        status: 'completed',
        payload: {},
        onApply: () => {
          throw new Error('boom');
        },
      },
    ]);
    const done = await engine.waitForTerminal(job, 5000, new AbortController().signal);
    expect(done.status).toBe('failed');
    expect(done.error_log).toContain('internal_step_failed');
    engine.stop();
  });

  it('should stop all job timers on stop', async () => {
    const { engine, events } = makeEngine(5);
    const job = engine.create(org, 'test', {}, steps);
    engine.stop();
    let changes = 0;
    events.on('job.changed', () => (changes += 1));
    const other = engine.create(org, 'test', {}, steps);
    const result = await engine.waitForTerminal(other, 50, new AbortController().signal);
    expect(result.status).toBe('queued');
    expect(job.status).toBe('queued');
    expect(changes).toBe(1);
  });
});
