import { MockAgent } from 'undici';
import type { MockCallHistoryLog, MockPool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors/index.js';
import type { GatewayError } from '../../src/errors/index.js';
import {
  createCredential,
  createJobFetcher,
  createPiApi,
  createPiClient,
  createPiLoaders,
  createUpstreamRecorder,
} from '../../src/pi/index.js';
import type { PiApi, PiClient, PiWrites, UpstreamRecorder } from '../../src/pi/index.js';
import { rejectionOf } from '../helpers/rejection-of.js';

const ORIGIN = 'http://127.0.0.1:4010';
const JOB = '7b8c9f2f-8d7a-4a39-8d8d-1cd4d11f8a7a';
const BRAND = '1c26bcfa-0000-4000-8000-000000000001';
const credential = createCredential('Bearer pi_test_alpha');

const envelope = (data: unknown): object => ({
  id: 'req_pi_e',
  object: 'x',
  status: 'completed',
  created_at: 1,
  data,
});
const anyPath = (): boolean => true;

describe('createPiApi', () => {
  let agent: MockAgent;
  let pi: MockPool;
  let client: PiClient;
  let recorder: UpstreamRecorder;
  let api: PiApi & PiWrites;

  const calls = (): MockCallHistoryLog[] => agent.getCallHistory()?.calls() ?? [];
  const urls = (): string[] => calls().map((call) => call.fullUrl.slice(ORIGIN.length));
  /** Replies with the job of the call's expansions (to check the merge). */
  const replyJob = (times = 1): void => {
    pi.intercept({ path: anyPath })
      .reply((options) => {
        const url = new URL(options.path, ORIGIN);
        const expansions = [url.searchParams.get('expand'), url.searchParams.get('include')];
        const data: Record<string, unknown> = {
          id: JOB,
          org_id: 'org',
          status: 'completed',
          payload: {},
        };
        if (expansions.includes('brand')) data.expanded = { brand: { id: BRAND } };
        if (expansions.includes('ad')) data.ad = { image_url: 'https://img.example/ad.png' };
        if (expansions.includes('diagnostics')) data.payload = { diagnostics: ['d'] };
        return { statusCode: 200, data: JSON.stringify(envelope(data)) };
      })
      .times(times);
  };

  beforeEach(() => {
    agent = new MockAgent({ enableCallHistory: true });
    agent.disableNetConnect();
    pi = agent.get(ORIGIN);
    client = createPiClient({ baseUrl: ORIGIN, dispatcher: agent, random: () => 0 });
    recorder = createUpstreamRecorder();
    api = createPiApi(client, credential, recorder);
  });

  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await client.close();
    await agent.close();
  });

  describe('getJob', () => {
    it('should ask for the fields with id and org_id added, sorted, and no expansion', async () => {
      replyJob();
      await api.getJob(JOB, { fields: ['status', 'type'] });
      expect(urls()).toEqual([`/api/v1/jobs/${JOB}?fields=id,org_id,status,type`]);
    });

    it('should put two expansions in expand and include in one call', async () => {
      replyJob();
      const job = await api.getJob(JOB, { expand: ['diagnostics', 'brand'], fields: ['status'] });
      expect(urls()).toEqual([
        `/api/v1/jobs/${JOB}?expand=brand&fields=id,org_id,status&include=diagnostics`,
      ]);
      expect(job.expanded?.brand?.id).toBe(BRAND);
    });

    it('should split more than two expansions into the fewest calls and merge the answers', async () => {
      replyJob(2);
      const job = await api.getJob(JOB, { expand: ['ad', 'brand', 'diagnostics'] });
      expect(urls().sort()).toEqual([
        `/api/v1/jobs/${JOB}?expand=ad&include=brand`,
        `/api/v1/jobs/${JOB}?expand=diagnostics`,
      ]);
      expect(job.ad?.image_url).toBe('https://img.example/ad.png');
      expect(job.expanded?.brand?.id).toBe(BRAND);
      expect(job.payload?.diagnostics).toEqual(['d']);
    });

    it('should answer NOT_FOUND for an id that is not a UUID, without any upstream call', async () => {
      const error = await rejectionOf(api.getJob('../brands', { fields: ['status'] }));
      expect(error.extensions).toEqual({ code: ErrorCode.NOT_FOUND });
      expect(calls()).toHaveLength(0);
    });

    it('should map a 404 with the job id in the message and record the request id', async () => {
      pi.intercept({ path: anyPath }).reply(
        404,
        {
          error: { type: 'invalid_request_error', code: 'job_not_found', message: 'Job not found' },
        },
        { headers: { 'x-request-id': 'req_pi_404' } },
      );
      const error = await rejectionOf(api.getJob(JOB));
      expect(error.message).toBe(`Job ${JOB} was not found.`);
      expect(recorder.requestIds).toEqual(['req_pi_404']);
    });

    it('should turn valid JSON of the wrong shape into UPSTREAM_BAD_RESPONSE', async () => {
      pi.intercept({ path: anyPath }).reply(200, envelope(['not', 'a', 'job']));
      const error = await rejectionOf(api.getJob(JOB));
      expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    });
  });

  describe('brands', () => {
    it('should get a brand with latest_job in expand', async () => {
      pi.intercept({ path: anyPath }).reply(200, envelope({ id: BRAND, name: 'Acme' }));
      const brand = await api.getBrand(BRAND, { expand: ['latest_job'], fields: ['name'] });
      expect(brand.name).toBe('Acme');
      expect(urls()).toEqual([`/api/v1/brands/${BRAND}?expand=latest_job&fields=id,name,org_id`]);
    });

    it('should list brands with query, limit, offset and options', async () => {
      pi.intercept({ path: anyPath }).reply(
        200,
        envelope({ data: [{ id: BRAND }], total_count: 1, has_more: false }),
      );
      const list = await api.listBrands(
        { query: 'ac me', limit: 20, offset: 40 },
        { expand: ['latest_job'] },
      );
      expect(list.total_count).toBe(1);
      expect(urls()).toEqual(['/api/v1/brands?expand=latest_job&limit=20&offset=40&query=ac%20me']);
    });

    it('should leave out an empty search', async () => {
      pi.intercept({ path: anyPath }).reply(
        200,
        envelope({ data: [], total_count: 0, has_more: false }),
      );
      await api.listBrands({ query: '' });
      expect(urls()).toEqual(['/api/v1/brands']);
    });

    it('should reject a page size outside 1..100 before any upstream call', async () => {
      for (const args of [{ limit: 0 }, { limit: 101 }, { limit: 1.5 }, { offset: -1 }]) {
        const error = await rejectionOf(api.listBrands(args));
        expect(error.extensions.code).toBe(ErrorCode.BAD_USER_INPUT);
      }
      expect(calls()).toHaveLength(0);
    });

    it('should reject a list without a data array', async () => {
      pi.intercept({ path: anyPath }).reply(200, envelope({ data: 'nope' }));
      const error = await rejectionOf(api.listBrands({}));
      expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
    });
  });

  describe('avatars, webhooks and runs', () => {
    it('should call the right paths', async () => {
      pi.intercept({ path: `/api/v1/avatars/${JOB}` }).reply(
        200,
        envelope({ id: JOB, label: null, image_url: 'https://i', created_at: 'x' }),
      );
      pi.intercept({ path: '/api/v1/avatars?limit=5&offset=10' }).reply(
        200,
        envelope({ object: 'list', data: [], has_more: false, total_count: 0 }),
      );
      pi.intercept({ path: '/api/v1/webhooks' }).reply(200, envelope({ object: 'list', data: [] }));
      pi.intercept({ path: `/api/v1/runs/${JOB}` }).reply(
        200,
        envelope({ id: JOB, status: 'pending', steps: [] }),
      );
      await api.getSavedAvatar(JOB);
      await api.listSavedAvatars({ limit: 5, offset: 10 });
      await api.listWebhooks();
      const run = await api.getRun(JOB);
      expect(run.status).toBe('pending');
      expect(calls()).toHaveLength(4);
    });

    it('should answer NOT_FOUND for non-UUID avatar and run ids', async () => {
      expect((await rejectionOf(api.getSavedAvatar('abc'))).message).toBe(
        'Saved avatar abc was not found.',
      );
      expect((await rejectionOf(api.getRun('x/y'))).extensions.code).toBe(ErrorCode.NOT_FOUND);
      expect(calls()).toHaveLength(0);
    });
  });

  describe('writes', () => {
    it('should post with the idempotency key and not retry by default', async () => {
      pi.intercept({ path: '/api/v1/images/generations', method: 'POST' }).reply(503, {
        error: { type: 'api_error', code: 'busy', message: 'busy' },
      });
      const error = await rejectionOf(
        api.post('/images/generations', { prompt: 'x' }, { idempotencyKey: 'k1' }),
      );
      expect(error.extensions.code).toBe(ErrorCode.UPSTREAM_ERROR);
      expect((calls()[0]?.headers as Record<string, string>)['idempotency-key']).toBe('k1');
      expect(calls()).toHaveLength(1);
    });
  });

  describe('with loaders over a real client', () => {
    it('should make one GET for two selections of the same job in one tick', async () => {
      replyJob();
      const loaders = createPiLoaders(api);
      const [a, b] = await Promise.all([
        loaders.job.load({ id: JOB, options: { fields: ['status'] } }),
        loaders.job.load({ id: JOB, options: { fields: ['status'], expand: ['brand'] } }),
      ]);
      expect(a).toBe(b);
      expect(urls()).toEqual([`/api/v1/jobs/${JOB}?expand=brand&fields=id,org_id,status`]);
    });
  });
});

describe('createJobFetcher', () => {
  let agent: MockAgent;
  let client: PiClient;

  beforeEach(() => {
    agent = new MockAgent({ enableCallHistory: true });
    agent.disableNetConnect();
    client = createPiClient({ baseUrl: ORIGIN, dispatcher: agent });
  });

  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await client.close();
    await agent.close();
  });

  it('should long-poll with wait_for_completion and a clamped timeout_seconds', async () => {
    const pi = agent.get(ORIGIN);
    pi.intercept({ path: anyPath })
      .reply(200, envelope({ id: JOB, status: 'processing' }))
      .times(2);
    const fetchJob = createJobFetcher(client);
    const signal = new AbortController().signal;
    await fetchJob({ credential, jobId: JOB, waitSeconds: 0, signal });
    const job = await fetchJob({ credential, jobId: JOB, waitSeconds: 99, signal });
    expect(job.status).toBe('processing');
    expect(
      agent
        .getCallHistory()
        ?.calls()
        .map((call) => call.fullUrl.slice(ORIGIN.length)),
    ).toEqual([
      `/api/v1/jobs/${JOB}`,
      `/api/v1/jobs/${JOB}?timeout_seconds=30&wait_for_completion=true`,
    ]);
  });

  it('should answer NOT_FOUND for a non-UUID job id without a call', async () => {
    const fetchJob = createJobFetcher(client);
    const error = await rejectionOf(
      fetchJob({ credential, jobId: 'nope', waitSeconds: 5, signal: new AbortController().signal }),
    );
    expect(error.extensions.code).toBe(ErrorCode.NOT_FOUND);
  });
});
