import { beforeAll, describe, expect, it } from 'vitest';
import { assertSourceJob } from '../../src/simulator/gen-jobs.js';
import { PiApiError } from '../../src/simulator/index.js';
import type { JobRow, RunningSimulator, SimContext } from '../../src/simulator/index.js';
import { pi, startTestSimulator, waitFor, waitForJob } from './helpers.js';
import type { PiClient } from './helpers.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const LOCALIZE_STEPS = [
  'campaign-localize-step1-cultural-understanding',
  'campaign-localize-step2-localization-summary',
  'campaign-localize-step3-cultural-retrieval',
  'campaign-localize-step4-cultural-reasoning',
  'campaign-localize-step5-localized-json-prompt',
  'campaign-localize-step6-localized-generation',
];

async function create(client: PiClient, path: string, body: unknown): Promise<string> {
  const res = await client.post(path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.data.job_id as string;
}

async function completed(client: PiClient, path: string, body: unknown): Promise<string> {
  const jobId = await create(client, path, body);
  const res = await waitForJob(client, jobId);
  expect(res.body.data.status).toBe('completed');
  return jobId;
}

describe('campaign generation, edit and localization', () => {
  let sim: RunningSimulator;
  let alpha: PiClient;
  let beta: PiClient;
  let source: string;
  let betaSource: string;
  let adJob: string;
  let failedCampaign: string;
  // Jobs on this simulator stay in each state for 400 ms, long enough to be seen queued.
  let slowAlpha: PiClient;
  let slowSource: Promise<string>;

  beforeAll(async () => {
    slowAlpha = pi(await startTestSimulator({ stepMs: 400 }), 'alpha');
    slowSource = completed(slowAlpha, '/api/v1/campaigns/generate', { prompt: 'slow source' });
    // Awaited by its test; this only keeps an early failure from being reported as unhandled.
    slowSource.catch(() => undefined);
    sim = await startTestSimulator();
    alpha = pi(sim, 'alpha');
    beta = pi(sim, 'beta');
    [source, betaSource, adJob, failedCampaign] = await Promise.all([
      completed(alpha, '/api/v1/campaigns/generate', { prompt: 'Source campaign' }),
      completed(beta, '/api/v1/campaigns/generate', { prompt: 'Beta campaign' }),
      completed(alpha, '/api/v1/images/generations', { prompt: 'Plain ad' }),
      create(alpha, '/api/v1/campaigns/generate', { prompt: 'Broken [fail]' }),
    ]);
    await waitForJob(alpha, failedCampaign);
  });

  describe('POST /api/v1/campaigns/generate and /api/v1/images/campaigns', () => {
    it('should create campaign_ad_generation jobs through both paths', async () => {
      for (const path of ['/api/v1/campaigns/generate', '/api/v1/images/campaigns']) {
        const jobId = await create(alpha, path, { prompt: 'Campaign' });
        expect((await alpha.get(`/api/v1/jobs/${jobId}`)).body.data.type).toBe(
          'campaign_ad_generation',
        );
      }
    });

    it('should keep metadata while queued, lose it in the mastra_workflow_start phase and complete', async () => {
      const jobId = await create(slowAlpha, '/api/v1/campaigns/generate', {
        prompt: 'Meta campaign',
        metadata: { team: 'growth' },
        client_reference_id: 'ref-1',
        brand_identity_json: { tone: 'bold' },
        output: { aspect_ratio: '4:5' },
      });
      const queued = (await slowAlpha.get(`/api/v1/jobs/${jobId}`)).body.data;
      expect(queued.status).toBe('queued');
      expect(queued.payload).toEqual({
        phase: 'queued',
        input: {
          prompt: 'Meta campaign',
          reference_image_count: 0,
          has_brand_identity_json: true,
          output: { aspect_ratio: '4:5' },
          client_reference_id: 'ref-1',
          metadata: { team: 'growth' },
        },
      });
      const processing = await waitFor(async () => {
        const job = (await slowAlpha.get(`/api/v1/jobs/${jobId}`)).body.data;
        return job.status === 'queued' ? undefined : job;
      });
      expect(processing.status).toBe('processing');
      expect(processing.payload).toEqual({
        phase: 'mastra_workflow_start',
        input: {
          prompt: 'Meta campaign',
          reference_image_count: 0,
          output: { aspect_ratio: '4:5' },
        },
      });
      const done = (await waitForJob(slowAlpha, jobId, '&expand=diagnostics')).body.data;
      expect(done.payload).toEqual({
        phase: 'completed',
        image_url: done.result_url,
        diagnostics: expect.any(Array),
      });
      expect(done.result_url).toMatch(/^https:\/\//);
      expect(done.result_url).toContain(jobId);
    });

    it('should end failed with internal_step_failed for a [fail] prompt or a foreign brand', async () => {
      const failed = (await alpha.get(`/api/v1/jobs/${failedCampaign}`)).body.data;
      expect(failed.status).toBe('failed');
      expect(failed.payload).toEqual({ phase: 'failed', failure_code: 'internal_step_failed' });
      expect(failed.error_log.startsWith('internal_step_failed: ')).toBe(true);
      expect(failed.result_url).toBeNull();
      const brandJob = await create(beta, '/api/v1/brands/extract', {
        url: 'https://beta-campaign.example',
      });
      const brandId = (await waitForJob(beta, brandJob)).body.data.payload.brand_id as string;
      const foreign = await create(alpha, '/api/v1/campaigns/generate', {
        prompt: 'Foreign',
        brand_id: brandId,
      });
      expect((await waitForJob(alpha, foreign)).body.data.payload.failure_code).toBe(
        'internal_step_failed',
      );
    });

    it('should validate the body like images/generations', async () => {
      const res = await alpha.post('/api/v1/images/campaigns', {
        prompt: 'p',
        output: { resolution: '1k' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'invalid_request_body',
        param: 'output.resolution',
      });
    });
  });

  describe('POST /api/v1/campaigns/edit', () => {
    it('should edit a completed campaign job and chain an edit of the edit', async () => {
      const edit = await completed(alpha, '/api/v1/campaigns/edit', {
        source_job_id: source,
        prompt: 'Make it blue',
      });
      const job = (await waitForJob(alpha, edit, '&expand=diagnostics')).body.data;
      expect(job.type).toBe('campaign_ad_edit');
      expect(job.payload).toEqual({
        phase: 'completed',
        image_url: job.result_url,
        source_job_id: source,
        diagnostics: [],
      });
      const chained = await completed(alpha, '/api/v1/campaigns/edit', {
        source_job_id: edit,
        prompt: 'Brighter',
      });
      expect((await alpha.get(`/api/v1/jobs/${chained}`)).body.data.payload.source_job_id).toBe(
        edit,
      );
    });

    it('should queue the documented payload and strip brand_identity_json', async () => {
      const src = await slowSource;
      const edit = await create(slowAlpha, '/api/v1/campaigns/edit', {
        source_job_id: src,
        prompt: ' Edit me ',
        brand_identity_json: { secret_tone: 'should-vanish' },
        reference_images: ['data:image/png;base64,AAAA'],
        metadata: { a: 'b' },
      });
      const job = (await slowAlpha.get(`/api/v1/jobs/${edit}`)).body.data;
      expect(job.payload).toEqual({
        phase: 'queued',
        source_job_id: src,
        input: { prompt: 'Edit me', reference_image_count: 1, metadata: { a: 'b' } },
      });
      expect(JSON.stringify(job)).not.toContain('should-vanish');
    });

    it('should fail the edit job with internal_step_failed for a [fail] prompt', async () => {
      const edit = await create(alpha, '/api/v1/campaigns/edit', {
        source_job_id: source,
        prompt: 'x [fail]',
      });
      const job = (await waitForJob(alpha, edit)).body.data;
      expect(job.status).toBe('failed');
      expect(job.payload).toEqual({ phase: 'failed', failure_code: 'internal_step_failed' });
    });

    it('should answer 404 source_job_not_found for a missing and a foreign source alike', async () => {
      for (const id of [MISSING_ID, betaSource]) {
        const res = await alpha.post('/api/v1/campaigns/edit', { source_job_id: id, prompt: 'x' });
        expect(res.status).toBe(404);
        expect(res.body.error).toMatchObject({
          type: 'invalid_request_error',
          code: 'source_job_not_found',
        });
      }
    });

    it('should answer 400 source_job_type_invalid for an ad_generation source', async () => {
      const res = await alpha.post('/api/v1/campaigns/edit', { source_job_id: adJob, prompt: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('source_job_type_invalid');
    });

    it('should answer 400 source_job_not_completed for a failed or still running source', async () => {
      const slow = await startTestSimulator({ stepMs: 5000 });
      const client = pi(slow, 'alpha');
      const running = await create(client, '/api/v1/campaigns/generate', { prompt: 'running' });
      const cases: Array<[PiClient, string]> = [
        [alpha, failedCampaign],
        [client, running],
      ];
      for (const [c, id] of cases) {
        const res = await c.post('/api/v1/campaigns/edit', { source_job_id: id, prompt: 'x' });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('source_job_not_completed');
      }
    });

    it('should reject a missing or malformed source_job_id with invalid_request_body', async () => {
      for (const body of [{ prompt: 'x' }, { prompt: 'x', source_job_id: 'job-1' }]) {
        const res = await alpha.post('/api/v1/campaigns/edit', body);
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({
          code: 'invalid_request_body',
          param: 'source_job_id',
        });
      }
    });
  });

  describe('POST /api/v1/campaigns/localize-ad', () => {
    it('should localize a source job into a merged payload with the six diagnostic steps', async () => {
      const jobId = await create(alpha, '/api/v1/campaigns/localize-ad', {
        prompt: 'Keep the CTA',
        source_job_id: source,
        target_culture: 'East African, Kigali vibe',
        target_currency: 'RWF',
        metadata: { market: 'rw' },
        client_reference_id: 'loc-1',
      });
      const job = (await waitForJob(alpha, jobId, '&expand=diagnostics')).body.data;
      expect(job.type).toBe('campaign_ad_localization');
      expect(job.status).toBe('completed');
      expect(job.result_url).toBe(job.payload.image_url);
      expect(job.payload).toMatchObject({
        phase: 'completed',
        input: {
          prompt: 'Keep the CTA',
          target_culture: 'East African, Kigali vibe',
          target_currency: 'RWF',
          source_job_id: source,
          reference_image_count: 0,
          metadata: { market: 'rw' },
          client_reference_id: 'loc-1',
          source_image_provided: false,
        },
      });
      expect(job.payload.diagnostics.map((d: { step: string }) => d.step)).toEqual(LOCALIZE_STEPS);
      expect(job.payload.diagnostics.every((d: { status: string }) => d.status === 'ok')).toBe(
        true,
      );
    });

    it('should localize a source image URL without any source job', async () => {
      const jobId = await completed(alpha, '/api/v1/campaigns/localize-ad', {
        prompt: 'Localize',
        source_image_url: 'https://cdn.example/ad.png',
        target_culture: 'Brazil',
      });
      const job = (await alpha.get(`/api/v1/jobs/${jobId}`)).body.data;
      expect(job.payload.input.source_image_provided).toBe(true);
      expect(job.payload.input.source_job_id).toBeUndefined();
    });

    it('should fail with internal_step_failed, keeping the merged payload and a failed diagnostic', async () => {
      const jobId = await create(alpha, '/api/v1/campaigns/localize-ad', {
        prompt: 'Localize [fail]',
        source_job_id: source,
        target_culture: 'Japan',
      });
      const job = (await waitForJob(alpha, jobId, '&expand=diagnostics')).body.data;
      expect(job.status).toBe('failed');
      expect(job.payload).toMatchObject({
        phase: 'failed',
        failure_code: 'internal_step_failed',
        input: { target_culture: 'Japan' },
      });
      expect(job.payload.diagnostics.at(-1)).toMatchObject({
        step: LOCALIZE_STEPS[5],
        status: 'failed',
      });
      expect(job.error_log.startsWith('internal_step_failed: ')).toBe(true);
    });

    it.each([
      ['neither source', { prompt: 'p', target_culture: 'c' }, 'source_image_url'],
      [
        'both sources',
        {
          prompt: 'p',
          target_culture: 'c',
          source_image_url: 'https://a.example/x.png',
          source_job_id: MISSING_ID,
        },
        'source_image_url',
      ],
      [
        'no target_culture',
        { prompt: 'p', source_image_url: 'https://a.example/x.png' },
        'target_culture',
      ],
      [
        'a target_language over 64 characters',
        {
          prompt: 'p',
          target_culture: 'c',
          source_image_url: 'u',
          target_language: 'l'.repeat(65),
        },
        'target_language',
      ],
      [
        'a target_currency over 16 characters',
        {
          prompt: 'p',
          target_culture: 'c',
          source_image_url: 'u',
          target_currency: 'c'.repeat(17),
        },
        'target_currency',
      ],
      [
        'six reference images',
        {
          prompt: 'p',
          target_culture: 'c',
          source_image_url: 'u',
          reference_images: Array(6).fill('r'),
        },
        'reference_images',
      ],
    ])('should reject %s with 400 invalid_request_body', async (_name, body, param) => {
      const res = await alpha.post('/api/v1/campaigns/localize-ad', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request_body', param });
    });

    it('should run the source checks on source_job_id', async () => {
      const cases: Array<[string, number, string]> = [
        [MISSING_ID, 404, 'source_job_not_found'],
        [betaSource, 404, 'source_job_not_found'],
        [adJob, 400, 'source_job_type_invalid'],
        [failedCampaign, 400, 'source_job_not_completed'],
      ];
      for (const [id, status, code] of cases) {
        const res = await alpha.post('/api/v1/campaigns/localize-ad', {
          prompt: 'p',
          target_culture: 'c',
          source_job_id: id,
        });
        expect(res.status).toBe(status);
        expect(res.body.error.code).toBe(code);
      }
    });
  });

  // No public request yields a completed campaign job without an image, so this check is
  // exercised directly against a stub engine holding such a row.
  it('should answer 400 source_job_missing_image for a completed source job without an image', () => {
    const org = { name: 'alpha', id: '11111111-1111-4111-8111-111111111111' };
    const row: JobRow = {
      id: MISSING_ID,
      org_id: org.id,
      type: 'campaign_ad_generation',
      status: 'completed',
      payload: { phase: 'completed', diagnostics: [] },
      result_url: null,
      error_log: null,
      created_at: 1,
      updated_at: 1,
      version: 3,
    };
    const stub = {
      engine: {
        get: (orgId: string, id: string) => (orgId === org.id && id === row.id ? row : undefined),
      },
    };
    let error: unknown;
    try {
      assertSourceJob(stub as unknown as SimContext, org, MISSING_ID);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PiApiError);
    expect((error as PiApiError).shape).toMatchObject({
      status: 400,
      code: 'source_job_missing_image',
    });
    expect(() =>
      assertSourceJob(stub as unknown as SimContext, { ...org, id: MISSING_ID }, MISSING_ID),
    ).toThrow('Source job not found.');
  });
});
