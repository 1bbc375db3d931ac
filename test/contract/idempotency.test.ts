import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { pi, simStats, startTestSimulator, waitForJob } from './helpers.js';
import type { PiClient, PiResponse } from './helpers.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
let keySeq = 0;

function newKey(): string {
  keySeq += 1;
  return `idem-${Date.now()}-${keySeq}`;
}

function withKey(client: PiClient, path: string, body: unknown, key: string): Promise<PiResponse> {
  return client.post(path, body, { headers: { 'Idempotency-Key': key } });
}

function expectReplayOf(replay: PiResponse, original: PiResponse): void {
  expect(replay.status).toBe(202);
  expect(replay.headers.get('x-idempotency-replayed')).toBe('true');
  expect(replay.body).toEqual(original.body);
  expect(replay.headers.get('x-request-id')).toMatch(/^req_pi_/);
  expect(replay.headers.get('x-request-id')).not.toBe(original.body.id);
}

function expectMismatch(res: PiResponse): void {
  expect(res.status).toBe(409);
  expect(res.body.error).toMatchObject({
    type: 'invalid_request_error',
    code: 'idempotency_key_mismatch',
    param: 'Idempotency-Key',
  });
}

describe('Idempotency-Key', () => {
  let sim: RunningSimulator;
  let alpha: PiClient;
  let beta: PiClient;
  let source: string;

  beforeAll(async () => {
    sim = await startTestSimulator();
    alpha = pi(sim, 'alpha');
    beta = pi(sim, 'beta');
    const res = await alpha.post('/api/v1/campaigns/generate', { prompt: 'Source' });
    source = res.body.data.job_id as string;
    await waitForJob(alpha, source);
  });

  it('should replay the original 202 body with X-Idempotency-Replayed and a new X-Request-Id', async () => {
    const key = newKey();
    const body = { prompt: 'Replay me', metadata: { a: '1' } };
    const first = await withKey(alpha, '/api/v1/images/generations', body, key);
    expect(first.status).toBe(202);
    expect(first.headers.get('x-idempotency-replayed')).toBeNull();
    await waitForJob(alpha, first.body.data.job_id);
    const replay = await withKey(alpha, '/api/v1/images/generations', body, key);
    expectReplayOf(replay, first);
  });

  it('should hash the validated body: whitespace, key order and unknown fields do not matter', async () => {
    const key = newKey();
    const first = await withKey(
      alpha,
      '/api/v1/images/generations',
      { prompt: 'Same', metadata: { a: '1', b: '2' } },
      key,
    );
    const replay = await withKey(
      alpha,
      '/api/v1/images/generations',
      { extra: true, metadata: { b: ' 2 ', a: '1' }, prompt: '  Same  ' },
      `  ${key}  `,
    );
    expectReplayOf(replay, first);
  });

  it('should answer 409 idempotency_key_mismatch for the same key with another body', async () => {
    const key = newKey();
    expect(
      (await withKey(alpha, '/api/v1/images/generations', { prompt: 'One' }, key)).status,
    ).toBe(202);
    expectMismatch(await withKey(alpha, '/api/v1/images/generations', { prompt: 'Two' }, key));
  });

  it('should share the ads_generate scope between images/generations and ads/generate', async () => {
    const key = newKey();
    const first = await withKey(alpha, '/api/v1/images/generations', { prompt: 'Alias' }, key);
    expectReplayOf(await withKey(alpha, '/api/v1/ads/generate', { prompt: 'Alias' }, key), first);
    expectMismatch(await withKey(alpha, '/api/v1/ads/generate', { prompt: 'Other' }, key));
  });

  it('should share the campaigns_generate scope between campaigns/generate and images/campaigns', async () => {
    const key = newKey();
    const first = await withKey(alpha, '/api/v1/images/campaigns', { prompt: 'Alias' }, key);
    expectReplayOf(
      await withKey(alpha, '/api/v1/campaigns/generate', { prompt: 'Alias' }, key),
      first,
    );
  });

  it('should keep scopes apart: one key on ads and on campaigns makes two jobs', async () => {
    const key = newKey();
    const ad = await withKey(alpha, '/api/v1/images/generations', { prompt: 'Scoped' }, key);
    const campaign = await withKey(alpha, '/api/v1/campaigns/generate', { prompt: 'Scoped' }, key);
    expect(campaign.status).toBe(202);
    expect(campaign.headers.get('x-idempotency-replayed')).toBeNull();
    expect(campaign.body.data.job_id).not.toBe(ad.body.data.job_id);
  });

  it('should ignore a blank key', async () => {
    const first = await withKey(alpha, '/api/v1/images/generations', { prompt: 'Blank' }, '   ');
    const second = await withKey(alpha, '/api/v1/images/generations', { prompt: 'Blank' }, '   ');
    expect(second.headers.get('x-idempotency-replayed')).toBeNull();
    expect(second.body.data.job_id).not.toBe(first.body.data.job_id);
  });

  it('should not store validation failures, so the key still works with a fixed body', async () => {
    const key = newKey();
    const invalid = await withKey(alpha, '/api/v1/images/generations', { prompt: '' }, key);
    expect(invalid.status).toBe(400);
    const fixed = await withKey(alpha, '/api/v1/images/generations', { prompt: 'Fixed' }, key);
    expect(fixed.status).toBe(202);
    expect(fixed.headers.get('x-idempotency-replayed')).toBeNull();
    expectReplayOf(
      await withKey(alpha, '/api/v1/images/generations', { prompt: 'Fixed' }, key),
      fixed,
    );
  });

  it('should create one job for concurrent first requests with the same key', async () => {
    const own = await startTestSimulator();
    const client = pi(own, 'alpha');
    const key = newKey();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        withKey(client, '/api/v1/avatars/generate', { prompt: 'Concurrent' }, key),
      ),
    );
    expect(responses.every((r) => r.status === 202)).toBe(true);
    expect(new Set(responses.map((r) => r.body.data.job_id)).size).toBe(1);
    expect(responses.filter((r) => r.headers.get('x-idempotency-replayed') === null)).toHaveLength(
      1,
    );
    expect((await simStats(own)).jobsCreated.alpha).toBe(1);
  });

  it('should keep the same key of two orgs independent', async () => {
    const key = newKey();
    const a = await withKey(alpha, '/api/v1/images/generations', { prompt: 'Tenant' }, key);
    const b = await withKey(beta, '/api/v1/images/generations', { prompt: 'Tenant' }, key);
    expect(b.status).toBe(202);
    expect(b.headers.get('x-idempotency-replayed')).toBeNull();
    expect(b.body.data.job_id).not.toBe(a.body.data.job_id);
    const otherBody = await withKey(
      beta,
      '/api/v1/images/generations',
      { prompt: 'Different' },
      newKey(),
    );
    expect(otherBody.status).toBe(202);
    expect((await beta.get(`/api/v1/jobs/${a.body.data.job_id}`)).status).toBe(404);
  });

  it('should replay and reject mismatches on avatars/generate, campaigns/edit and campaigns/localize-ad', async () => {
    const cases: Array<[string, unknown, unknown]> = [
      ['/api/v1/avatars/generate', { prompt: 'Avatar' }, { prompt: 'Avatar 2' }],
      [
        '/api/v1/campaigns/edit',
        { source_job_id: source, prompt: 'Edit' },
        { source_job_id: source, prompt: 'Edit 2' },
      ],
      [
        '/api/v1/campaigns/localize-ad',
        { source_job_id: source, prompt: 'Loc', target_culture: 'Peru' },
        { source_job_id: source, prompt: 'Loc', target_culture: 'Chile' },
      ],
    ];
    for (const [path, body, other] of cases) {
      const key = newKey();
      const first = await withKey(alpha, path, body, key);
      expect(first.status, path).toBe(202);
      expectReplayOf(await withKey(alpha, path, body, key), first);
      expectMismatch(await withKey(alpha, path, other, key));
    }
  });

  it('should check the key before the source job on campaigns/edit', async () => {
    const key = newKey();
    expect(
      (await withKey(alpha, '/api/v1/campaigns/edit', { source_job_id: source, prompt: 'E' }, key))
        .status,
    ).toBe(202);
    expectMismatch(
      await withKey(
        alpha,
        '/api/v1/campaigns/edit',
        { source_job_id: MISSING_ID, prompt: 'E' },
        key,
      ),
    );
  });

  it('should check the source job before the key on campaigns/localize-ad', async () => {
    const key = newKey();
    const body = { source_job_id: source, prompt: 'L', target_culture: 'Kenya' };
    expect((await withKey(alpha, '/api/v1/campaigns/localize-ad', body, key)).status).toBe(202);
    const res = await withKey(
      alpha,
      '/api/v1/campaigns/localize-ad',
      { ...body, source_job_id: MISSING_ID },
      key,
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('source_job_not_found');
  });

  it('should ignore the header on brands/extract, avatars/save, webhooks and runs', async () => {
    const key = newKey();
    const brandA = await withKey(
      alpha,
      '/api/v1/brands/extract',
      { url: 'https://idem-a.example' },
      key,
    );
    const brandB = await withKey(
      alpha,
      '/api/v1/brands/extract',
      { url: 'https://idem-b.example' },
      key,
    );
    expect([brandA.status, brandB.status]).toEqual([202, 202]);
    expect(brandB.body.data.job_id).not.toBe(brandA.body.data.job_id);

    const avatar = await alpha.post('/api/v1/avatars/generate', { prompt: 'Saveable' });
    await waitForJob(alpha, avatar.body.data.job_id);
    const saveA = await withKey(
      alpha,
      '/api/v1/avatars/save',
      { job_id: avatar.body.data.job_id },
      key,
    );
    const saveB = await withKey(
      alpha,
      '/api/v1/avatars/save',
      { job_id: avatar.body.data.job_id },
      key,
    );
    expect([saveA.status, saveB.status]).toEqual([200, 200]);
    expect(saveB.body.data.id).not.toBe(saveA.body.data.id);
    expect(saveB.headers.get('x-idempotency-replayed')).toBeNull();

    const hookA = await withKey(
      alpha,
      '/api/v1/webhooks',
      { endpoint_url: 'https://127.0.0.1:9/a', secret: '12345678' },
      key,
    );
    const hookB = await withKey(
      alpha,
      '/api/v1/webhooks',
      { endpoint_url: 'https://127.0.0.1:9/b', secret: '12345678' },
      key,
    );
    expect([hookA.status, hookB.status]).toEqual([200, 200]);
    // Keep the rest of this file's jobs from calling these endpoints.
    await alpha.patch(`/api/v1/webhooks/${hookA.body.data.id}`, { is_active: false });
    await alpha.patch(`/api/v1/webhooks/${hookB.body.data.id}`, { is_active: false });

    const runA = await withKey(
      alpha,
      '/api/v1/runs',
      { steps: [{ id: 'a', action: 'brands.extract', input: { url: 'https://r.example' } }] },
      key,
    );
    const runB = await withKey(
      alpha,
      '/api/v1/runs',
      { steps: [{ id: 'b', action: 'brands.extract', input: { url: 'https://s.example' } }] },
      key,
    );
    expect([runA.status, runB.status]).toEqual([202, 202]);
    expect(runB.body.data.run_id).not.toBe(runA.body.data.run_id);
  });
});
