import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { pi, startTestSimulator, waitFor } from './helpers.js';
import type { PiClient, PiResponse } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

async function createRun(client: PiClient, body: unknown): Promise<string> {
  const res = await client.post('/api/v1/runs', body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.data.run_id as string;
}

/** Long-polls the run until it is terminal. */
async function waitForRun(client: PiClient, runId: string): Promise<PiResponse> {
  for (let i = 0; i < 5; i += 1) {
    const res = await client.get(
      `/api/v1/runs/${runId}?wait_for_completion=true&timeout_seconds=5`,
    );
    if (['completed', 'failed', 'cancelled'].includes(res.body?.data?.status)) return res;
  }
  throw new Error(`run ${runId} did not finish`);
}

describe('runs', () => {
  let sim: RunningSimulator;
  let alpha: PiClient;
  let beta: PiClient;

  beforeAll(async () => {
    sim = await startTestSimulator();
    alpha = pi(sim, 'alpha');
    beta = pi(sim, 'beta');
  });

  it('should answer 202 with the pending run and its pending steps', async () => {
    const res = await alpha.post('/api/v1/runs', {
      steps: [{ id: 'gen', action: 'campaigns.generate', input: { prompt: 'Run ad' } }],
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      id: res.headers.get('x-request-id'),
      object: 'run',
      status: 'queued',
      created_at: expect.any(Number),
      data: {
        run_id: expect.stringMatching(UUID),
        status: 'pending',
        steps: [{ id: 'gen', status: 'pending' }],
      },
    });
  });

  it('should complete a DAG whose steps feed each other through input_map', async () => {
    const runId = await createRun(alpha, {
      metadata: { pipeline: 'launch' },
      steps: [
        { id: 'brand', action: 'brands.extract', input: { url: 'https://run-brand.example' } },
        {
          id: 'gen',
          action: 'campaigns.generate',
          depends_on: ['brand'],
          input: { prompt: 'Launch ad' },
          input_map: { brand_id: '$steps.brand.result.brand_id' },
        },
        {
          id: 'edit',
          action: 'campaigns.edit',
          depends_on: ['gen'],
          input: { prompt: 'Make it pop' },
          input_map: { source_job_id: '$steps.gen.result.job_id' },
        },
      ],
    });
    const res = await waitForRun(alpha, runId);
    expect(res.status).toBe(200);
    expect(res.body.object).toBe('run');
    const run = res.body.data;
    expect(run).toMatchObject({ id: runId, status: 'completed', metadata: { pipeline: 'launch' } });
    expect(Number.isInteger(run.created_at) && Number.isInteger(run.updated_at)).toBe(true);
    const [brand, gen, edit] = run.steps;
    for (const step of run.steps) {
      expect(step).toMatchObject({
        status: 'completed',
        job_id: expect.stringMatching(UUID),
        error: null,
      });
      expect(Number.isInteger(step.started_at) && Number.isInteger(step.completed_at)).toBe(true);
    }
    expect(brand).toMatchObject({ id: 'brand', action: 'brands.extract', depends_on: [] });
    expect(brand.result).toEqual({
      job_id: brand.job_id,
      brand_id: expect.stringMatching(UUID),
      result_url: `brands/${brand.result.brand_id}`,
    });
    expect((await alpha.get(`/api/v1/brands/${brand.result.brand_id}`)).status).toBe(200);
    expect(gen.result).toEqual({
      job_id: gen.job_id,
      image_url: expect.stringMatching(/^https:\/\//),
      result_url: gen.result.image_url,
    });
    expect(edit.depends_on).toEqual(['gen']);
    const genJob = (await alpha.get(`/api/v1/jobs/${gen.job_id}`)).body.data;
    expect(genJob.type).toBe('campaign_ad_generation');
    const editJob = (await alpha.get(`/api/v1/jobs/${edit.job_id}`)).body.data;
    expect(editJob.type).toBe('campaign_ad_edit');
    expect(editJob.payload.source_job_id).toBe(gen.job_id);
  });

  it('should fail the run at a failed step and skip the steps that depend on it', async () => {
    const runId = await createRun(alpha, {
      steps: [
        { id: 'a', action: 'campaigns.generate', input: { prompt: 'Broken [fail]' } },
        {
          id: 'b',
          action: 'campaigns.edit',
          depends_on: ['a'],
          input: { prompt: 'x' },
          input_map: { source_job_id: '$steps.a.result.job_id' },
        },
        { id: 'c', action: 'campaigns.generate', depends_on: ['b'], input: { prompt: 'y' } },
      ],
    });
    const run = (await waitForRun(alpha, runId)).body.data;
    expect(run.status).toBe('failed');
    const [a, b, c] = run.steps;
    expect(a.status).toBe('failed');
    expect(a.error).toMatch(/^internal_step_failed: /);
    expect(a.result).toEqual({ job_id: a.job_id, error_log: a.error });
    for (const step of [b, c]) {
      expect(step).toMatchObject({
        status: 'skipped',
        job_id: null,
        started_at: null,
        error: 'dependency_failed',
      });
    }
  });

  it('should fail a step whose input the action rejects, without creating a job', async () => {
    const runId = await createRun(alpha, {
      steps: [{ id: 'bad', action: 'campaigns.localize_ad', input: { prompt: 'no target' } }],
    });
    const run = (await waitForRun(alpha, runId)).body.data;
    expect(run.status).toBe('failed');
    expect(run.steps[0]).toMatchObject({ status: 'failed', job_id: null });
    expect(run.steps[0].error).toMatch(/^invalid_request_body: /);
  });

  it('should run independent steps and report queued or processing steps while their jobs run', async () => {
    const slow = pi(await startTestSimulator({ stepMs: 300 }), 'alpha');
    const runId = await createRun(slow, {
      steps: [
        { id: 'one', action: 'campaigns.generate', input: { prompt: 'one' } },
        { id: 'two', action: 'campaigns.generate', input: { prompt: 'two' } },
      ],
    });
    const early = (await slow.get(`/api/v1/runs/${runId}`)).body.data;
    expect(early.status).toBe('in_progress');
    expect(early.steps.map((s: { status: string }) => s.status)).toEqual(['queued', 'queued']);
    expect(early.steps.every((s: { job_id: string | null }) => typeof s.job_id === 'string')).toBe(
      true,
    );
    const processing = await waitFor(async () => {
      const run = (await slow.get(`/api/v1/runs/${runId}`)).body.data;
      return run.steps.some((s: { status: string }) => s.status === 'processing') ? run : undefined;
    });
    expect(processing.status).toBe('in_progress');
    expect((await waitForRun(slow, runId)).body.data.status).toBe('completed');
  });

  it('should answer a long-poll as soon as the run ends, well before the deadline', async () => {
    const runId = await createRun(alpha, {
      steps: [{ id: 'one', action: 'campaigns.generate', input: { prompt: 'fast' } }],
    });
    const started = Date.now();
    const res = await alpha.get(
      `/api/v1/runs/${runId}?wait_for_completion=true&timeout_seconds=20`,
    );
    expect(res.body.data.status).toBe('completed');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('should answer a long-poll at the deadline with the unfinished run', async () => {
    const slow = pi(await startTestSimulator({ stepMs: 5000 }), 'alpha');
    const runId = await createRun(slow, {
      steps: [{ id: 'one', action: 'campaigns.generate', input: { prompt: 'slow' } }],
    });
    const started = Date.now();
    const res = await slow.get(`/api/v1/runs/${runId}?wait_for_completion=true&timeout_seconds=1`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('in_progress');
  });

  it.each([
    [
      'duplicate ids',
      [
        { id: 'a', action: 'brands.extract' },
        { id: 'a', action: 'brands.extract' },
      ],
      'duplicate_step_id:a',
    ],
    [
      'an unknown dependency',
      [{ id: 'a', action: 'brands.extract', depends_on: ['zzz'] }],
      'unknown_dependency:zzz',
    ],
    [
      'a self dependency',
      [{ id: 'a', action: 'brands.extract', depends_on: ['a'] }],
      'self_dependency:a',
    ],
    [
      'a cycle',
      [
        { id: 'a', action: 'brands.extract', depends_on: ['b'] },
        { id: 'b', action: 'brands.extract', depends_on: ['a'] },
      ],
      'dependency_cycle:a',
    ],
  ])('should reject %s with 400 invalid_run_dag', async (_name, steps, message) => {
    const res = await alpha.post('/api/v1/runs', { steps });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_run_dag',
      message,
    });
  });

  it.each([
    ['no steps', { steps: [] }, 'steps'],
    [
      'eleven steps',
      { steps: Array.from({ length: 11 }, (_, i) => ({ id: `s${i}`, action: 'brands.extract' })) },
      'steps',
    ],
    ['an unknown action', { steps: [{ id: 'a', action: 'videos.render' }] }, 'steps.0.action'],
    [
      'a step id over 64 characters',
      { steps: [{ id: 'x'.repeat(65), action: 'brands.extract' }] },
      'steps.0.id',
    ],
    [
      'a non-string input_map value',
      { steps: [{ id: 'a', action: 'brands.extract', input_map: { url: 1 } }] },
      'steps.0.input_map.url',
    ],
  ])('should reject %s with 400 invalid_request_body', async (_name, body, param) => {
    const res = await alpha.post('/api/v1/runs', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request_body', param });
  });

  it('should answer 404 run_not_found for a missing and a foreign run alike', async () => {
    const runId = await createRun(alpha, {
      steps: [{ id: 'a', action: 'campaigns.generate', input: { prompt: 'mine' } }],
    });
    for (const res of [
      await beta.get(`/api/v1/runs/${runId}`),
      await beta.get(`/api/v1/runs/${MISSING_ID}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'run_not_found',
      });
    }
    expect((await alpha.get(`/api/v1/runs/${runId}`)).status).toBe(200);
  });

  it('should answer 400 invalid_run_id and invalid_query_params', async () => {
    const badId = await alpha.get('/api/v1/runs/run-1');
    expect(badId.status).toBe(400);
    expect(badId.body.error.code).toBe('invalid_run_id');
    const runId = await createRun(alpha, {
      steps: [{ id: 'a', action: 'campaigns.generate', input: { prompt: 'q' } }],
    });
    for (const timeout of ['0', '31', '1.5', 'abc', '']) {
      const res = await alpha.get(
        `/api/v1/runs/${runId}?wait_for_completion=true&timeout_seconds=${timeout}`,
      );
      expect(res.status, timeout).toBe(400);
      expect(res.body.error.code).toBe('invalid_query_params');
    }
  });
});
