import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { pi, startTestSimulator, waitFor, waitForJob } from './helpers.js';
import type { PiClient } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

async function createAd(
  client: PiClient,
  body: unknown,
  path = '/api/v1/images/generations',
): Promise<string> {
  const res = await client.post(path, body);
  expect(res.status).toBe(202);
  return res.body.data.job_id as string;
}

async function extractBrand(client: PiClient, url: string): Promise<string> {
  const res = await client.post('/api/v1/brands/extract', { url });
  expect(res.status).toBe(202);
  const job = await waitForJob(client, res.body.data.job_id as string);
  expect(job.body.data.status).toBe('completed');
  return job.body.data.payload.brand_id as string;
}

describe('POST /api/v1/images/generations and /api/v1/ads/generate', () => {
  let sim: RunningSimulator;
  let alpha: PiClient;
  let beta: PiClient;

  beforeAll(async () => {
    sim = await startTestSimulator();
    alpha = pi(sim, 'alpha');
    beta = pi(sim, 'beta');
  });

  it('should answer 202 with the queued job envelope whose id is the X-Request-Id', async () => {
    const res = await alpha.post('/api/v1/images/generations', { prompt: 'A red sneaker ad' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      id: res.headers.get('x-request-id'),
      object: 'job',
      status: 'queued',
      created_at: expect.any(Number),
      data: { job_id: expect.stringMatching(UUID) },
    });
    expect(res.body.id).toMatch(/^req_pi_/);
    expect(Number.isInteger(res.body.created_at)).toBe(true);
    expect(res.headers.get('x-idempotency-replayed')).toBeNull();
  });

  it('should create an ad_generation job through both paths', async () => {
    for (const path of ['/api/v1/images/generations', '/api/v1/ads/generate']) {
      const jobId = await createAd(alpha, { prompt: 'Coffee ad' }, path);
      const res = await alpha.get(`/api/v1/jobs/${jobId}`);
      expect(res.body.data.type).toBe('ad_generation');
    }
  });

  it('should complete with the documented payload, ads/<job_id> result_url and default output', async () => {
    const jobId = await createAd(alpha, {
      prompt: '  Summer sale banner  ',
      client_reference_id: ' order-42 ',
      metadata: { campaign: 'summer' },
      unknown_field: 'stripped',
    });
    const res = await waitForJob(alpha, jobId, '&expand=diagnostics');
    const job = res.body.data;
    expect(job.status).toBe('completed');
    expect(job.result_url).toBe(`ads/${jobId}`);
    expect(job.error_log).toBeNull();
    const payload = job.payload;
    expect(payload.phase).toBe('completed');
    expect(payload.image_url).toMatch(/^https:\/\//);
    expect(payload.image_url).toContain(jobId);
    expect(payload.input).toEqual({
      prompt: 'Summer sale banner',
      reference_image_count: 0,
      has_brand_id: false,
      has_brand_identity_json: false,
      client_reference_id: 'order-42',
      metadata: { campaign: 'summer' },
    });
    expect(payload.output_applied).toEqual({ aspect_ratio: '1:1', resolution: '1K' });
    expect(Object.keys(payload.evaluator).sort()).toEqual(
      [
        'ad_clarity',
        'cta_visibility',
        'cultural_fit',
        'language_correctness',
        'product_prominence',
        'summary',
        'total_score',
      ].sort(),
    );
    expect(['fast_path', 'standard_path', 'hard_path']).toContain(payload.route_tier);
    expect(Array.isArray(payload.route_reasons)).toBe(true);
    expect(Object.keys(payload.budget).sort()).toEqual(
      [
        'max_revision_attempts',
        'max_run_ms',
        'revision_attempts',
        'run_elapsed_ms',
        'stage_max_ms',
      ].sort(),
    );
    expect(payload.directive_version).toBe('ad_directive_v1');
    expect(payload.diagnostics.length).toBeGreaterThan(0);
    expect(job.ad).toBeUndefined();
    expect(job.job_result).toEqual({ type: 'ad', id: jobId, image_url: payload.image_url });
  });

  it('should apply the requested output and resolve auto to 1:1', async () => {
    const explicit = await createAd(alpha, {
      prompt: 'Wide banner',
      output: { aspect_ratio: '16:9', resolution: '4K', thinking_intensity: 'high' },
    });
    const auto = await createAd(alpha, {
      prompt: 'Auto banner',
      output: { aspect_ratio: 'auto', resolution: '512' },
    });
    expect((await waitForJob(alpha, explicit)).body.data.payload.output_applied).toEqual({
      aspect_ratio: '16:9',
      resolution: '4K',
      thinking_intensity: 'high',
    });
    expect((await waitForJob(alpha, auto)).body.data.payload.output_applied).toEqual({
      aspect_ratio: '1:1',
      resolution: '512',
    });
  });

  it('should strip diagnostics from the completed payload unless expanded', async () => {
    const jobId = await createAd(alpha, { prompt: 'Diagnostics check' });
    const res = await waitForJob(alpha, jobId);
    expect(res.body.data.payload.diagnostics).toBeUndefined();
    expect(res.body.data.payload.image_url).toBeDefined();
  });

  it('should walk queued → the four processing phases → completed, with status processing in between', async () => {
    const slow = await startTestSimulator({ stepMs: 60 });
    const client = pi(slow, 'alpha');
    const jobId = await createAd(client, { prompt: 'Phase walk' });
    const seen: Array<{ status: string; phase: string }> = [];
    await waitFor(async () => {
      const res = await client.get(`/api/v1/jobs/${jobId}`);
      const { status, payload } = res.body.data;
      const last = seen[seen.length - 1];
      if (last?.phase !== payload.phase) seen.push({ status, phase: payload.phase });
      return status === 'completed';
    });
    const order = [
      'queued',
      'prompt_understanding',
      'reference_understanding',
      'creative_planner',
      'prompt_compilation',
      'completed',
    ];
    const indexes = seen.map((s) => order.indexOf(s.phase));
    expect(indexes.every((i) => i >= 0)).toBe(true);
    expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
    const processing = seen.filter(
      (s) => order.indexOf(s.phase) >= 1 && order.indexOf(s.phase) <= 4,
    );
    expect(processing.length).toBeGreaterThan(0);
    expect(processing.every((s) => s.status === 'processing')).toBe(true);
  });

  it('should end failed with generation_blocked when the prompt contains [fail]', async () => {
    const jobId = await createAd(alpha, { prompt: 'Please [fail] this one', metadata: { k: 'v' } });
    const job = (await waitForJob(alpha, jobId)).body.data;
    expect(job.status).toBe('failed');
    expect(job.result_url).toBeNull();
    expect(job.payload).toMatchObject({
      phase: 'failed',
      failure_code: 'generation_blocked',
      message: expect.any(String),
      input: { prompt: 'Please [fail] this one', metadata: { k: 'v' } },
    });
    expect(job.payload.failed_at).toMatch(ISO);
    expect(job.error_log).toBe(`generation_blocked: ${job.payload.message}`);
  });

  it('should accept a foreign or missing brand_id with 202 and fail the job with policy_conflict', async () => {
    const betaBrand = await extractBrand(beta, 'https://beta-shoes.example');
    for (const brandId of [betaBrand, MISSING_ID]) {
      const jobId = await createAd(alpha, { prompt: 'Branded ad', brand_id: brandId });
      const job = (await waitForJob(alpha, jobId)).body.data;
      expect(job.status).toBe('failed');
      expect(job.payload.failure_code).toBe('policy_conflict');
      expect(
        job.error_log.startsWith('policy_conflict: brand_id not found in your organization.'),
      ).toBe(true);
    }
    const own = await createAd(beta, { prompt: 'Branded ad', brand_id: betaBrand });
    const job = (await waitForJob(beta, own)).body.data;
    expect(job.status).toBe('completed');
    expect(job.payload.input.has_brand_id).toBe(true);
  });

  it('should answer 404 job_not_found to the other org for an ad job, like a missing id', async () => {
    const jobId = await createAd(alpha, { prompt: 'Private ad' });
    const foreign = await beta.get(`/api/v1/jobs/${jobId}`);
    const missing = await beta.get(`/api/v1/jobs/${MISSING_ID}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('job_not_found');
    expect(foreign.body.error.code).toBe(missing.body.error.code);
  });

  it.each([
    ['a missing prompt', {}, 'prompt'],
    ['a blank prompt', { prompt: '   ' }, 'prompt'],
    ['a prompt over 5000 characters', { prompt: 'x'.repeat(5001) }, 'prompt'],
    [
      'seven reference images',
      { prompt: 'p', reference_images: Array(7).fill('https://a.example/i.png') },
      'reference_images',
    ],
    ['an empty reference image', { prompt: 'p', reference_images: [''] }, 'reference_images.0'],
    [
      'a lowercase 1k resolution',
      { prompt: 'p', output: { resolution: '1k' } },
      'output.resolution',
    ],
    [
      'an unknown aspect ratio',
      { prompt: 'p', output: { aspect_ratio: '7:3' } },
      'output.aspect_ratio',
    ],
    [
      'an unknown thinking intensity',
      { prompt: 'p', output: { thinking_intensity: 'medium' } },
      'output.thinking_intensity',
    ],
    [
      '17 metadata keys',
      {
        prompt: 'p',
        metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])),
      },
      'metadata',
    ],
    [
      'a metadata value over 500 characters',
      { prompt: 'p', metadata: { k: 'v'.repeat(501) } },
      'metadata.k',
    ],
    ['a non-string metadata value', { prompt: 'p', metadata: { k: 1 } }, 'metadata.k'],
    [
      'a blank client_reference_id',
      { prompt: 'p', client_reference_id: '  ' },
      'client_reference_id',
    ],
    [
      'a client_reference_id over 200 characters',
      { prompt: 'p', client_reference_id: 'c'.repeat(201) },
      'client_reference_id',
    ],
    ['a brand_id that is not a UUID', { prompt: 'p', brand_id: 'brand-1' }, 'brand_id'],
  ])('should reject %s with 400 invalid_request_body and its param', async (_name, body, param) => {
    const res = await alpha.post('/api/v1/images/generations', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_request_body',
      param,
    });
    expect(Array.isArray(res.body.error.issues)).toBe(true);
  });

  it('should accept exactly 5000 prompt characters, 6 reference images and 16 metadata keys', async () => {
    const res = await alpha.post('/api/v1/ads/generate', {
      prompt: 'y'.repeat(5000),
      reference_images: Array(6).fill('data:image/png;base64,AAAA'),
      metadata: Object.fromEntries(
        Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v'.repeat(500)]),
      ),
    });
    expect(res.status).toBe(202);
  });

  it('should answer 400 invalid_json_body to malformed JSON', async () => {
    const res = await alpha.request('POST', '/api/v1/images/generations', {
      rawBody: '{"prompt":',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json_body');
  });
});
