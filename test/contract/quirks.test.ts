import { describe, expect, it } from 'vitest';
import { pi, startTestSimulator, waitForJob } from './helpers.js';

const impl = await startTestSimulator({ quirks: 'impl', stepMs: 60_000 });
const implFast = await startTestSimulator({ quirks: 'impl' });
const docs = await startTestSimulator({ stepMs: 60_000 });
const MISSING_JOB = '/api/v1/jobs/00000000-0000-4000-8000-000000000000';

async function queuedJob(client: ReturnType<typeof pi>): Promise<string> {
  const res = await client.post('/api/v1/brands/extract', { url: 'https://quirks.example' });
  expect(res.status).toBe(202);
  return res.body.data.job_id;
}

describe('quirks: impl', () => {
  it('should always report completed in the GET job envelope, whatever the job status', async () => {
    const alpha = pi(impl, 'alpha');
    const jobId = await queuedJob(alpha);
    const res = await alpha.get(`/api/v1/jobs/${jobId}`);
    expect(res.body.status).toBe('completed');
    expect(res.body.data.status).toBe('queued');

    const docsAlpha = pi(docs, 'alpha');
    const docsJob = await queuedJob(docsAlpha);
    expect((await docsAlpha.get(`/api/v1/jobs/${docsJob}`)).body.status).toBe('queued');
  });

  it('should still answer 202 queued on create', async () => {
    const res = await pi(impl, 'alpha').post('/api/v1/brands/extract', {
      url: 'https://quirks.example',
    });
    expect(res.body.status).toBe('queued');
  });

  it('should use unkey_not_found for an unknown key', async () => {
    const res = await pi(impl, 'pi_live_who').get(MISSING_JOB);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ type: 'authentication_error', code: 'unkey_not_found' });
  });

  it('should keep the scheme errors of the auth table', async () => {
    const res = await pi(impl, null).get(MISSING_JOB);
    expect(res.body.error.code).toBe('missing_authorization_header');
  });

  it('should use unkey_rate_limited when the window is spent', async () => {
    const limited = await startTestSimulator({ quirks: 'impl', rateLimit: 1 });
    const alpha = pi(limited, 'alpha');
    expect((await alpha.get(MISSING_JOB)).status).toBe(404);
    const res = await alpha.get(MISSING_JOB);
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ type: 'rate_limit_error', code: 'unkey_rate_limited' });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('should answer 404 job_not_found when fields leaves out org_id, and fill the timestamps otherwise', async () => {
    const alpha = pi(impl, 'alpha');
    const jobId = await queuedJob(alpha);
    const without = await alpha.get(`/api/v1/jobs/${jobId}?fields=id,status,result_url`);
    expect(without.status).toBe(404);
    expect(without.body.error.code).toBe('job_not_found');

    const withOrg = await alpha.get(`/api/v1/jobs/${jobId}?fields=id,org_id,status`);
    expect(withOrg.status).toBe(200);
    expect(Object.keys(withOrg.body.data).sort()).toEqual([
      'created_at',
      'id',
      'org_id',
      'status',
      'updated_at',
    ]);
    expect(Number.isInteger(withOrg.body.data.created_at)).toBe(true);
  });

  it('should answer the documented fields example without a 404 in docs mode', async () => {
    const alpha = pi(docs, 'alpha');
    const jobId = await queuedJob(alpha);
    const res = await alpha.get(`/api/v1/jobs/${jobId}?fields=id,status,result_url`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id: jobId, status: 'queued', result_url: null });
  });

  it('should answer 404 brand_not_found when brand fields leave out org_id', async () => {
    const alpha = pi(implFast, 'alpha');
    const created = await alpha.post('/api/v1/brands/extract', {
      url: 'https://impl-brand.example',
    });
    const job = await waitForJob(alpha, created.body.data.job_id);
    const brandId = job.body.data.payload.brand_id;
    const without = await alpha.get(`/api/v1/brands/${brandId}?fields=id,name`);
    expect(without.status).toBe(404);
    expect(without.body.error.code).toBe('brand_not_found');
    const withOrg = await alpha.get(`/api/v1/brands/${brandId}?fields=id,org_id,name`);
    expect(withOrg.status).toBe(200);
    expect(Object.keys(withOrg.body.data).sort()).toEqual(['id', 'name', 'org_id']);
    expect((await alpha.get(`/api/v1/brands/${brandId}`)).status).toBe(200);
  });
});
