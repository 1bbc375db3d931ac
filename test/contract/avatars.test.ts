import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { pi, startTestSimulator, waitForJob } from './helpers.js';
import type { PiClient } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

async function create(client: PiClient, path: string, body: unknown): Promise<string> {
  const res = await client.post(path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.data.job_id as string;
}

async function avatarJob(
  client: PiClient,
  body: unknown = { prompt: 'A friendly barista' },
): Promise<string> {
  const jobId = await create(client, '/api/v1/avatars/generate', body);
  await waitForJob(client, jobId);
  return jobId;
}

describe('avatars', () => {
  let sim: RunningSimulator;
  let alpha: PiClient;
  let beta: PiClient;
  let avatar: string;

  beforeAll(async () => {
    sim = await startTestSimulator();
    alpha = pi(sim, 'alpha');
    beta = pi(sim, 'beta');
    avatar = await avatarJob(alpha);
  });

  describe('POST /api/v1/avatars/generate', () => {
    it('should complete in corpus mode with avatars/<job_id> and the default output', async () => {
      const jobId = await create(alpha, '/api/v1/avatars/generate', {
        prompt: ' A pilot ',
        hints: { role_archetype: 'pilot', mood: 'calm', custom_flag: 'kept' },
        metadata: { m: '1' },
        client_reference_id: 'av-1',
        reference_images: [],
      });
      const job = (await waitForJob(alpha, jobId, '&expand=avatar')).body.data;
      expect(job.type).toBe('avatar_generation');
      expect(job.status).toBe('completed');
      expect(job.result_url).toBe(`avatars/${jobId}`);
      expect(job.payload).toEqual({
        phase: 'completed',
        input: {
          prompt: 'A pilot',
          hints: { role_archetype: 'pilot', mood: 'calm', custom_flag: 'kept' },
          reference_image_count: 0,
          client_reference_id: 'av-1',
          metadata: { m: '1' },
        },
        image_url: expect.stringMatching(/^https:\/\//),
        mode: 'corpus',
        output_applied: { aspect_ratio: '1:1', resolution: '1K' },
      });
      expect(job.payload.image_url).toContain(jobId);
      expect(job.avatar).toEqual({ image_url: job.payload.image_url });
      expect(job.job_result).toEqual({
        type: 'avatar',
        id: jobId,
        image_url: job.payload.image_url,
      });
    });

    it('should use client_refs mode with reference images and derive auto from the composition hint', async () => {
      const jobId = await create(alpha, '/api/v1/avatars/generate', {
        prompt: 'Full body runner',
        hints: { avatar_composition: 'full_body' },
        reference_images: ['data:image/png;base64,AAAA'],
        output: { aspect_ratio: 'auto', resolution: '2K', thinking_intensity: 'minimal' },
      });
      const job = (await waitForJob(alpha, jobId)).body.data;
      expect(job.payload.mode).toBe('client_refs');
      expect(job.payload.output_applied).toEqual({
        aspect_ratio: '9:16',
        resolution: '2K',
        thinking_intensity: 'minimal',
      });
    });

    it('should end failed with an error_log for a [fail] prompt', async () => {
      const jobId = await create(alpha, '/api/v1/avatars/generate', { prompt: 'Nope [fail]' });
      const job = (await waitForJob(alpha, jobId)).body.data;
      expect(job.status).toBe('failed');
      expect(job.payload).toEqual({
        phase: 'failed',
        input: { prompt: 'Nope [fail]', reference_image_count: 0 },
        failed_at: expect.stringMatching(ISO),
      });
      expect(job.error_log).toMatch(/^[a-z_]+: .+/);
    });

    it('should accept 5000 prompt characters and reject 5001 in docs mode', async () => {
      expect(
        (await alpha.post('/api/v1/avatars/generate', { prompt: 'a'.repeat(5000) })).status,
      ).toBe(202);
      const res = await alpha.post('/api/v1/avatars/generate', { prompt: 'a'.repeat(5001) });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request_body', param: 'prompt' });
    });

    it('should cap the prompt at 4000 characters in impl quirks mode', async () => {
      const impl = pi(await startTestSimulator({ quirks: 'impl' }), 'alpha');
      expect(
        (await impl.post('/api/v1/avatars/generate', { prompt: 'a'.repeat(4000) })).status,
      ).toBe(202);
      const res = await impl.post('/api/v1/avatars/generate', { prompt: 'a'.repeat(4001) });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request_body', param: 'prompt' });
    });

    it.each([
      ['a blank prompt', { prompt: ' ' }, 'prompt'],
      [
        '33 accessories',
        { prompt: 'p', hints: { accessories: Array(33).fill('hat') } },
        'hints.accessories',
      ],
      ['a non-string known hint', { prompt: 'p', hints: { mood: 3 } }, 'hints.mood'],
      [
        'seven reference images',
        { prompt: 'p', reference_images: Array(7).fill('AAAA') },
        'reference_images',
      ],
      ['a 1k resolution', { prompt: 'p', output: { resolution: '1k' } }, 'output.resolution'],
    ])('should reject %s with 400 invalid_request_body', async (_name, body, param) => {
      const res = await alpha.post('/api/v1/avatars/generate', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request_body', param });
    });
  });

  describe('POST /api/v1/avatars/save', () => {
    it('should save a completed avatar job as a new row on every call', async () => {
      const first = await alpha.post('/api/v1/avatars/save', {
        job_id: avatar,
        label: '  Barista  ',
      });
      const second = await alpha.post('/api/v1/avatars/save', { job_id: avatar });
      expect(first.status).toBe(200);
      expect(first.body.object).toBe('saved_avatar');
      expect(first.body.status).toBe('completed');
      const job = (await alpha.get(`/api/v1/jobs/${avatar}`)).body.data;
      expect(first.body.data).toEqual({
        id: expect.stringMatching(UUID),
        object: 'saved_avatar',
        label: 'Barista',
        image_url: job.payload.image_url,
        created_at: expect.stringMatching(ISO),
      });
      expect(second.body.data.label).toBeNull();
      expect(second.body.data.id).not.toBe(first.body.data.id);
    });

    it('should answer 404 job_not_found for a missing and a foreign job alike', async () => {
      const betaAvatar = await avatarJob(beta);
      for (const id of [MISSING_ID, betaAvatar]) {
        const res = await alpha.post('/api/v1/avatars/save', { job_id: id });
        expect(res.status).toBe(404);
        expect(res.body.error).toMatchObject({
          type: 'invalid_request_error',
          code: 'job_not_found',
        });
      }
    });

    it('should answer 400 invalid_job_type for a job that is not an avatar generation', async () => {
      const ad = await create(alpha, '/api/v1/images/generations', { prompt: 'ad' });
      const res = await alpha.post('/api/v1/avatars/save', { job_id: ad });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_job_type');
    });

    it('should answer 409 job_not_complete for an avatar job that did not complete', async () => {
      const failed = await avatarJob(alpha, { prompt: 'x [fail]' });
      const slow = pi(await startTestSimulator({ stepMs: 5000 }), 'alpha');
      const queued = await create(slow, '/api/v1/avatars/generate', { prompt: 'slow' });
      const cases: Array<[PiClient, string]> = [
        [alpha, failed],
        [slow, queued],
      ];
      for (const [client, id] of cases) {
        const res = await client.post('/api/v1/avatars/save', { job_id: id });
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({
          type: 'invalid_request_error',
          code: 'job_not_complete',
        });
      }
    });

    it('should reject a malformed job_id and a label over 200 characters', async () => {
      const badId = await alpha.post('/api/v1/avatars/save', { job_id: 'nope' });
      expect(badId.body.error).toMatchObject({ code: 'invalid_request_body', param: 'job_id' });
      const longLabel = await alpha.post('/api/v1/avatars/save', {
        job_id: avatar,
        label: 'l'.repeat(201),
      });
      expect(longLabel.body.error).toMatchObject({ code: 'invalid_request_body', param: 'label' });
    });
  });

  describe('GET /api/v1/avatars and /api/v1/avatars/:id', () => {
    it('should list the org avatars newest first with offset paging and totals', async () => {
      // A fresh simulator, so the totals count only this test's rows.
      const own = pi(await startTestSimulator(), 'alpha');
      const jobId = await avatarJob(own);
      const ids: string[] = [];
      for (const label of ['one', 'two', 'three']) {
        ids.push((await own.post('/api/v1/avatars/save', { job_id: jobId, label })).body.data.id);
      }
      const all = await own.get('/api/v1/avatars');
      expect(all.status).toBe(200);
      expect(all.body.object).toBe('list');
      expect(all.body.data).toMatchObject({ object: 'list', has_more: false, total_count: 3 });
      expect(all.body.data.data.map((a: { id: string }) => a.id)).toEqual([...ids].reverse());
      expect(Object.keys(all.body.data.data[0]).sort()).toEqual([
        'created_at',
        'id',
        'image_url',
        'label',
      ]);
      const page = await own.get('/api/v1/avatars?limit=1&offset=1');
      expect(page.body.data).toMatchObject({ has_more: true, total_count: 3 });
      expect(page.body.data.data.map((a: { label: string }) => a.label)).toEqual(['two']);
      const capped = await own.get('/api/v1/avatars?limit=1000&offset=abc');
      expect(capped.status).toBe(200);
      expect(capped.body.data.data).toHaveLength(3);
    });

    it('should never list or show another org avatars', async () => {
      const saved = (await alpha.post('/api/v1/avatars/save', { job_id: avatar, label: 'mine' }))
        .body.data;
      const list = await beta.get('/api/v1/avatars');
      expect(list.body.data.data.map((a: { id: string }) => a.id)).not.toContain(saved.id);
      const foreign = await beta.get(`/api/v1/avatars/${saved.id}`);
      const missing = await beta.get(`/api/v1/avatars/${MISSING_ID}`);
      for (const res of [foreign, missing]) {
        expect(res.status).toBe(404);
        expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'not_found' });
      }
    });

    it('should get one saved avatar with updated_at', async () => {
      const saved = (await alpha.post('/api/v1/avatars/save', { job_id: avatar, label: 'get me' }))
        .body.data;
      const res = await alpha.get(`/api/v1/avatars/${saved.id}`);
      expect(res.status).toBe(200);
      expect(res.body.object).toBe('saved_avatar');
      expect(res.body.data).toEqual({ ...saved, updated_at: expect.stringMatching(ISO) });
    });

    it('should answer 400 invalid_id with param and issues for a malformed id', async () => {
      const res = await alpha.get('/api/v1/avatars/not-a-uuid');
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'invalid_id',
        param: 'id',
      });
      expect(Array.isArray(res.body.error.issues)).toBe(true);
    });
  });
});
