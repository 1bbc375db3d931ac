import { describe, expect, it } from 'vitest';
import { JOB_CHANGED_EVENT } from '../../src/simulator/index.js';
import type { JobRow } from '../../src/simulator/index.js';
import {
  createDeferred,
  createTestRoutes,
  pi,
  simStats,
  startTestSimulator,
  waitForJob,
} from './helpers.js';
import type { PiClient, PiResponse } from './helpers.js';

const HEX = /^#[0-9A-F]{6}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BRAND_KEYS = [
  'brand_dna',
  'created_at',
  'domain',
  'font_file_url',
  'id',
  'layout_rules',
  'logo_url',
  'name',
  'org_id',
  'primary_hex',
  'secondary_hex',
  'updated_at',
];
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

const test = createTestRoutes();
const sim = await startTestSimulator({}, { routes: test.routes });
const alpha = pi(sim, 'alpha');
const beta = pi(sim, 'beta');

async function extractBrand(
  client: PiClient,
  body: Record<string, unknown>,
): Promise<{ job: PiResponse; brand: PiResponse }> {
  const created = await client.post('/api/v1/brands/extract', body);
  expect(created.status).toBe(202);
  const job = await waitForJob(client, created.body.data.job_id);
  expect(job.body.data.status).toBe('completed');
  const brand = await client.get(`/api/v1/brands/${job.body.data.payload.brand_id}`);
  expect(brand.status).toBe(200);
  return { job, brand };
}

/** Records every state of one job, from the simulator's own events. */
async function recordStates(client: PiClient, body: Record<string, unknown>): Promise<JobRow[]> {
  await client.get('/api/v1/_test/context');
  const events = test.context().events;
  const states: JobRow[] = [];
  const done = createDeferred();
  let jobId: string | undefined;
  const listener = (job: JobRow) => {
    if (jobId !== undefined && job.id !== jobId) return;
    if (jobId === undefined && job.status !== 'queued') return;
    jobId = job.id;
    states.push(structuredClone(job));
    if (job.status === 'completed' || job.status === 'failed') done.resolve();
  };
  events.on(JOB_CHANGED_EVENT, listener);
  const created = await client.post('/api/v1/brands/extract', body);
  expect(created.body.data.job_id).toBe(jobId);
  await done.promise;
  events.off(JOB_CHANGED_EVENT, listener);
  return states;
}

describe('POST /api/v1/brands/extract', () => {
  it('should answer 202 with a queued job envelope', async () => {
    const res = await alpha.post('/api/v1/brands/extract', {
      url: 'https://example.com',
      unknownKey: true,
    });
    expect(res.status).toBe(202);
    expect(Object.keys(res.body).sort()).toEqual(['created_at', 'data', 'id', 'object', 'status']);
    expect(res.body).toMatchObject({
      object: 'job',
      status: 'queued',
      id: res.headers.get('x-request-id'),
    });
    expect(Object.keys(res.body.data)).toEqual(['job_id']);
    expect(Number.isInteger(res.body.created_at)).toBe(true);
  });

  it('should reject a body with none of url, logoBase64 or imagesBase64 with param url', async () => {
    for (const body of [{}, { imagesBase64: [] }, { location: { country: 'US' } }]) {
      const res = await alpha.post('/api/v1/brands/extract', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'invalid_request_body',
        param: 'url',
      });
      expect(Array.isArray(res.body.error.issues)).toBe(true);
    }
  });

  it('should validate each field and name the first bad one in param', async () => {
    const cases: [unknown, string | undefined][] = [
      [{ url: 'not a url' }, 'url'],
      [{ url: 'ftp://example.com' }, 'url'],
      [{ logoBase64: '' }, 'logoBase64'],
      [{ imagesBase64: [''] }, 'imagesBase64.0'],
      [{ imagesBase64: 'abc' }, 'imagesBase64'],
      [{ url: 'https://a.example', location: { country: 'USA' } }, 'location.country'],
      [{ url: 'https://a.example', location: { languages: ['e'] } }, 'location.languages.0'],
      [[], undefined],
    ];
    for (const [body, param] of cases) {
      const res = await alpha.post('/api/v1/brands/extract', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request_body');
      expect(res.body.error.param).toBe(param);
    }
  });

  it('should walk the documented phases and complete with the brand', async () => {
    const states = await recordStates(alpha, {
      url: 'https://phases.example',
      location: { country: 'FR', languages: ['fr'] },
    });
    expect(states.map((s) => [s.status, s.payload.phase])).toEqual([
      ['queued', 'queued'],
      ['processing', 'phase_a_normalization'],
      ['processing', 'phase_b_gemini_manifesto'],
      ['processing', 'phase_c_gemini_structuring'],
      ['processing', 'phase_d_database_mutation'],
      ['completed', 'completed'],
    ]);
    expect(states[0]!.payload).toEqual({
      phase: 'queued',
      input: { url: 'https://phases.example', location: { country: 'FR', languages: ['fr'] } },
    });
    expect(states[2]!.payload).toEqual({
      phase: 'phase_b_gemini_manifesto',
      asset_count: 1,
      has_branding_profile: true,
    });
    expect(states[3]!.payload).toEqual({
      phase: 'phase_c_gemini_structuring',
      manifesto_length: expect.any(Number),
    });
    expect(states[1]!.payload).toEqual({ phase: 'phase_a_normalization' });
    const last = states.at(-1)!;
    expect(last.payload).toEqual({
      phase: 'completed',
      brand_id: expect.any(String),
      asset_count: 1,
    });
    expect(last.result_url).toBe(`brands/${String(last.payload.brand_id)}`);
    expect(last.error_log).toBeNull();
    expect(states.map((s) => s.version)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('should fail a fail. host after a phase or two with failed_at and a stack-like error_log', async () => {
    const states = await recordStates(alpha, { url: 'https://fail.example.com' });
    expect(states.at(-1)!.status).toBe('failed');
    expect(states.length).toBeGreaterThanOrEqual(3);
    const job = (await alpha.get(`/api/v1/jobs/${states[0]!.id}`)).body;
    expect(job.status).toBe('failed');
    expect(job.data.payload).toEqual({ phase: 'failed', failed_at: expect.stringMatching(ISO) });
    expect(job.data.result_url).toBeNull();
    expect(job.data.error_log).toMatch(/^Error: .+\n\s+at /);
    expect(job.data.job_result).toBeUndefined();
  });

  it('should name brands after the host without www., and image-only brands after the job id', async () => {
    const { brand } = await extractBrand(alpha, { url: 'https://www.Shop.Example.com/path?q=1' });
    expect(brand.body.data.domain).toBe('shop.example.com');
    expect(brand.body.data.name).toBe('shop.example.com');

    const { job, brand: imageBrand } = await extractBrand(alpha, { imagesBase64: [PNG, PNG] });
    const expected = `brand-${String(job.body.data.id).slice(0, 8)}`;
    expect(imageBrand.body.data.domain).toBe(expected);
    expect(imageBrand.body.data.name).toBe(expected);
    expect(job.body.data.payload.asset_count).toBe(2);
  });

  it('should upsert per org and domain: reuse the id, keep created_at and bump updated_at', async () => {
    const first = await extractBrand(alpha, { url: 'https://upsert.example' });
    const second = await extractBrand(alpha, { url: 'https://www.upsert.example/other' });
    expect(second.brand.body.data.id).toBe(first.brand.body.data.id);
    expect(second.brand.body.data.created_at).toBe(first.brand.body.data.created_at);
    expect(second.brand.body.data.updated_at > first.brand.body.data.updated_at).toBe(true);
    const list = await alpha.get('/api/v1/brands?query=upsert');
    expect(list.body.data.total_count).toBe(1);

    const other = await extractBrand(beta, { url: 'https://upsert.example' });
    expect(other.brand.body.data.id).not.toBe(first.brand.body.data.id);
    expect(other.brand.body.data.org_id).not.toBe(first.brand.body.data.org_id);
  });

  it('should store a brand row of the documented shape with DNA that meets the invariants', async () => {
    const { brand } = await extractBrand(alpha, {
      url: 'https://dna.example',
      logoBase64: PNG,
      imagesBase64: [PNG],
    });
    const row = brand.body.data;
    expect(Object.keys(row).sort()).toEqual(BRAND_KEYS);
    expect(row.created_at).toMatch(ISO);
    expect(row.updated_at).toMatch(ISO);
    expect(row.font_file_url).toBeNull();
    expect(row.logo_url).toMatch(/^https:\/\//);
    const dna = row.brand_dna;
    expect(dna.primary_background_hex).toMatch(HEX);
    expect(dna.primary_accent_hex).toMatch(HEX);
    expect(row.primary_hex).toBe(dna.primary_background_hex);
    expect(row.secondary_hex).toBe(dna.primary_accent_hex);
    expect(dna.color_palette).toHaveLength(4);
    expect(new Set(dna.color_palette).size).toBe(4);
    for (const color of dna.color_palette) expect(color).toMatch(HEX);
    expect(dna.typography_rules.match(/[.!?](\s|$)/g)).toHaveLength(1);
    expect(dna.imagen_style_conditioning.match(/[.!?](\s|$)/g)).toHaveLength(2);
    expect(typeof dna.core_slogan).toBe('string');
    expect(dna.source).toBe('omnivorous-brand-extractor');
    expect(dna.manifest_excerpt.length).toBeGreaterThan(0);
    expect(dna.manifest_excerpt.length).toBeLessThanOrEqual(2000);
    expect([dna.firecrawl_branding, dna.firecrawl_metadata, dna.firecrawl_actions]).toEqual([
      null,
      null,
      null,
    ]);
    expect(dna.assets.map((a: { kind: string }) => a.kind)).toEqual([
      'logo',
      'reference',
      'website_screenshot',
    ]);
    expect(row.layout_rules).toEqual({
      typography_rules: dna.typography_rules,
      core_slogan: dna.core_slogan,
      imagen_style_conditioning: dna.imagen_style_conditioning,
    });

    const { brand: plain } = await extractBrand(alpha, { url: 'https://nologo.example' });
    expect(plain.body.data.logo_url).toBeNull();
  });

  it('should derive the same DNA from the same domain in any org', async () => {
    const a = await extractBrand(alpha, { url: 'https://same-dna.example' });
    const b = await extractBrand(beta, { url: 'https://same-dna.example' });
    const colours = (r: PiResponse) => [
      r.body.data.primary_hex,
      r.body.data.brand_dna.color_palette,
      r.body.data.brand_dna.core_slogan,
    ];
    expect(colours(a.brand)).toEqual(colours(b.brand));
  });

  it('should count created jobs per org name', async () => {
    const own = await startTestSimulator();
    await pi(own, 'alpha').post('/api/v1/brands/extract', { url: 'https://x.example' });
    await pi(own, 'alpha').post('/api/v1/brands/extract', { logoBase64: PNG });
    await pi(own, 'beta').post('/api/v1/brands/extract', { url: 'https://y.example' });
    await pi(own, 'beta').post('/api/v1/brands/extract', {});
    expect((await simStats(own)).jobsCreated).toEqual({ alpha: 2, beta: 1 });
  });
});

describe('GET /api/v1/brands', () => {
  const listSim = startTestSimulator();

  it('should list only the caller’s brands, newest first, with total_count and has_more', async () => {
    const own = await listSim;
    const a = pi(own, 'alpha');
    for (const host of ['one.example', 'two.example', 'three.example'])
      await extractBrand(a, { url: `https://${host}` });
    await extractBrand(pi(own, 'beta'), { url: 'https://beta.example' });

    const all = await a.get('/api/v1/brands');
    expect(all.body).toMatchObject({ object: 'list', status: 'completed' });
    expect(Object.keys(all.body.data).sort()).toEqual(['data', 'has_more', 'total_count']);
    expect(all.body.data.data.map((b: { name: string }) => b.name)).toEqual([
      'three.example',
      'two.example',
      'one.example',
    ]);
    expect(all.body.data).toMatchObject({ total_count: 3, has_more: false });

    const page = await a.get('/api/v1/brands?limit=1&offset=1');
    expect(page.body.data.data.map((b: { name: string }) => b.name)).toEqual(['two.example']);
    expect(page.body.data).toMatchObject({ total_count: 3, has_more: true });
    const last = await a.get('/api/v1/brands?limit=2&offset=2');
    expect(last.body.data).toMatchObject({ total_count: 3, has_more: false });
    expect(last.body.data.data).toHaveLength(1);
  });

  it('should search names case-insensitively and reject an empty query', async () => {
    const a = pi(await listSim, 'alpha');
    const found = await a.get('/api/v1/brands?query=TWO');
    expect(found.body.data.data.map((b: { name: string }) => b.name)).toEqual(['two.example']);
    expect((await a.get('/api/v1/brands?query=beta')).body.data.total_count).toBe(0);
    const empty = await a.get('/api/v1/brands?query=');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('invalid_query_params');
  });

  it('should reject bad limit, offset, expand and fields with 400 invalid_query_params', async () => {
    const a = pi(await listSim, 'alpha');
    for (const query of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'limit=1.5',
      'offset=-1',
      'offset=x',
      'expand=brand',
      'include=latest_job,x',
      'fields=',
    ]) {
      const res = await a.get(`/api/v1/brands?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'invalid_query_params',
      });
    }
    expect((await a.get('/api/v1/brands?limit=100&offset=0')).status).toBe(200);
  });

  it('should add expanded.latest_job to each row and select only the requested fields', async () => {
    const a = pi(await listSim, 'alpha');
    const res = await a.get('/api/v1/brands?fields=name&include=latest_job');
    for (const row of res.body.data.data) {
      expect(Object.keys(row).sort()).toEqual(['expanded', 'id', 'name']);
      const job = row.expanded.latest_job;
      expect(job).toMatchObject({
        type: 'brand_extraction',
        status: 'completed',
        result_url: `brands/${row.id}`,
      });
      expect(job.created_at).toMatch(ISO);
      expect(job.updated_at).toMatch(ISO);
    }
    const names = await a.get('/api/v1/brands?fields=name,bogus');
    expect(Object.keys(names.body.data.data[0])).toEqual(['name']);
  });
});

describe('GET /api/v1/brands/:id', () => {
  it('should reject a non-UUID id and answer another org’s brand exactly like a missing one', async () => {
    const { brand } = await extractBrand(beta, { url: 'https://private.example' });
    const bad = await alpha.get('/api/v1/brands/nope');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_brand_id');
    const foreign = await alpha.get(`/api/v1/brands/${brand.body.data.id}`);
    const missing = await alpha.get('/api/v1/brands/3f1a2b4c-0000-4000-8000-000000000001');
    expect(foreign.status).toBe(404);
    expect({ ...foreign.body.error, request_id: 0 }).toEqual({
      ...missing.body.error,
      request_id: 0,
    });
    expect(foreign.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'brand_not_found',
    });
  });

  it('should return the brand envelope, with the newest extraction job on expand=latest_job', async () => {
    const first = await extractBrand(alpha, { url: 'https://latest.example' });
    const second = await extractBrand(alpha, { url: 'https://latest.example' });
    const id = first.brand.body.data.id;
    expect(first.brand.body).toMatchObject({ object: 'brand', status: 'completed' });
    for (const query of ['expand=latest_job', 'include=latest_job']) {
      const res = await alpha.get(`/api/v1/brands/${id}?${query}`);
      expect(res.body.data.expanded.latest_job.id).toBe(second.job.body.data.id);
      expect(res.body.data.expanded.latest_job.created_at).toMatch(ISO);
    }
  });

  it('should validate expand and fields with 400 invalid_expand_param and select fields', async () => {
    const { brand } = await extractBrand(alpha, { url: 'https://select.example' });
    const id = brand.body.data.id;
    for (const query of ['expand=brand', 'expand=latest_job&expand=latest_job', 'fields=']) {
      const res = await alpha.get(`/api/v1/brands/${id}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('invalid_expand_param');
    }
    const some = await alpha.get(`/api/v1/brands/${id}?fields=name,brand_dna`);
    expect(Object.keys(some.body.data).sort()).toEqual(['brand_dna', 'name']);
    const withJob = await alpha.get(`/api/v1/brands/${id}?fields=name&expand=latest_job`);
    expect(Object.keys(withJob.body.data).sort()).toEqual(['expanded', 'id', 'name']);
    const whole = await alpha.get(`/api/v1/brands/${id}?fields=bogus`);
    expect(Object.keys(whole.body.data).sort()).toEqual(BRAND_KEYS);
  });
});

describe('POST /api/v1/brands/:id/project', () => {
  it('should project the DNA deterministically for a trimmed use case', async () => {
    const { brand } = await extractBrand(alpha, {
      url: 'https://project.example',
      logoBase64: PNG,
    });
    const id = brand.body.data.id;
    const res = await alpha.post(`/api/v1/brands/${id}/project`, {
      use_case: '  Instagram story ad  ',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'brand.projection', status: 'completed' });
    expect(res.body.data).toMatchObject({ use_case: 'Instagram story ad', is_wildcard: true });
    const payload = res.body.data.payload;
    expect(payload.meta.source).toBe('deterministic_projection');
    expect(payload.brand_projection).toMatchObject({
      primary_background_hex: brand.body.data.brand_dna.primary_background_hex,
      color_palette: brand.body.data.brand_dna.color_palette,
      logo_url: brand.body.data.logo_url,
    });
    const again = await alpha.post(`/api/v1/brands/${id}/project`, {
      use_case: 'Instagram story ad',
    });
    expect(again.body.data.payload).toEqual(payload);
  });

  it('should validate the id, the JSON and use_case', async () => {
    const { brand } = await extractBrand(alpha, { url: 'https://validate.example' });
    const path = `/api/v1/brands/${brand.body.data.id}/project`;
    expect(
      (await alpha.post('/api/v1/brands/xyz/project', { use_case: 'a' })).body.error.code,
    ).toBe('invalid_brand_id');
    expect((await alpha.post(path, undefined, { rawBody: '{' })).body.error.code).toBe(
      'invalid_json_body',
    );
    for (const body of [
      {},
      { use_case: '' },
      { use_case: '   ' },
      { use_case: 'x'.repeat(701) },
      { use_case: 3 },
    ]) {
      const res = await alpha.post(path, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request_body', param: 'use_case' });
    }
    expect((await alpha.post(path, { use_case: 'x'.repeat(700) })).status).toBe(200);
    const foreign = await beta.post(path, { use_case: 'a' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('brand_not_found');
  });

  it('should check the size first and answer 429 after more than 3 oversized requests per key', async () => {
    const own = await startTestSimulator();
    const a = pi(own, 'alpha');
    const big = JSON.stringify({ use_case: 'x'.repeat(9000) });
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await a.post('/api/v1/brands/not-a-uuid/project', undefined, { rawBody: big });
      codes.push(`${res.status} ${res.body.error.code} ${res.body.error.type}`);
    }
    expect(codes).toEqual([
      '400 projection_request_too_large invalid_request_error',
      '400 projection_request_too_large invalid_request_error',
      '400 projection_request_too_large invalid_request_error',
      '429 projection_abuse_threshold_exceeded rate_limit_error',
    ]);
    const other = await pi(own, 'beta').post('/api/v1/brands/not-a-uuid/project', undefined, {
      rawBody: big,
    });
    expect(other.body.error.code).toBe('projection_request_too_large');
  });
});

describe('the quickstart flow', () => {
  it('should extract, long-poll with expand=brand, get the brand and project it', async () => {
    const created = await alpha.post('/api/v1/brands/extract', {
      url: 'https://quickstart.example',
    });
    expect(created.status).toBe(202);
    const jobId = created.body.data.job_id;
    let job: PiResponse;
    do {
      job = await alpha.get(
        `/api/v1/jobs/${jobId}?wait_for_completion=true&timeout_seconds=20&expand=brand`,
      );
    } while (!['completed', 'failed'].includes(job.body.data.status));
    expect(job.body.data.status).toBe('completed');
    const brandId = job.body.data.job_result.brand.id;
    expect(brandId).toBe(job.body.data.payload.brand_id);
    expect(job.body.data.result_url).toBe(`brands/${brandId}`);

    const brand = await alpha.get(`/api/v1/brands/${brandId}`);
    expect(brand.body.data).toEqual(job.body.data.expanded.brand);
    const projection = await alpha.post(`/api/v1/brands/${brandId}/project`, {
      use_case: 'Landing page hero',
    });
    expect(projection.status).toBe(200);
    expect(projection.body.data.use_case).toBe('Landing page hero');
  });
});
