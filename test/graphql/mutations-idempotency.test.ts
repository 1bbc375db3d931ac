import { beforeEach, describe, expect, it } from 'vitest';
import {
  armSimulatorFault,
  clearSimulatorFaults,
  simulatorStats,
} from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';

// The "done when" for writes (RELIABILITY.md W1–W5, T4), against the simulator with faults.
const gw = await startTestGateway({ simulator: { faults: true } });

const GENERATE = `mutation ($input: GenerateImageInput!, $key: String) {
  generateImage(input: $input, idempotencyKey: $key) {
    job { id status }
    idempotencyKey
    replayed
    requestId
  }
}`;

const EXTRACT = `mutation ($input: ExtractBrandInput!) {
  extractBrand(input: $input) { job { id status } idempotencyKey replayed requestId }
}`;

const GENERATE_ROUTE = 'POST /api/v1/images/generations';
const EXTRACT_ROUTE = 'POST /api/v1/brands/extract';

async function jobsCreated(org = 'alpha'): Promise<number> {
  return (await simulatorStats(gw.sim)).jobsCreated[org] ?? 0;
}

function uniqueKey(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2)}`;
}

const generations = () => gw.upstream.matching('/api/v1/images/generations');

beforeEach(async () => {
  gw.upstream.clear();
  await clearSimulatorFaults(gw.sim);
});

describe('mutations with idempotency keys', () => {
  it('should create one job for a key sent twice and report the second answer as replayed with the same job', async () => {
    const key = uniqueKey('twice');
    const before = await jobsCreated();
    const variables = { input: { prompt: 'A red bicycle on a beach' }, key };

    const first = await gw.gql(GENERATE, variables);
    const second = await gw.gql(GENERATE, variables);

    expect(first.body.errors).toBeUndefined();
    expect(second.body.errors).toBeUndefined();
    const a = first.body.data.generateImage;
    const b = second.body.data.generateImage;
    expect(a).toMatchObject({ idempotencyKey: key, replayed: false, job: { status: 'QUEUED' } });
    expect(b).toMatchObject({ idempotencyKey: key, replayed: true });
    expect(b.job.id).toBe(a.job.id);
    expect(await jobsCreated()).toBe(before + 1);
    expect(generations().map((request) => request.headers['idempotency-key'])).toEqual([key, key]);
    // The replay's status is not what a 202 says any more: it is read from Pi.
    expect(gw.upstream.matching(`/api/v1/jobs/${a.job.id}`)).toHaveLength(1);
    expect(a.requestId).toBe(generations()[0]?.responseRequestId);
    expect(b.requestId).toBe(generations()[1]?.responseRequestId);
  });

  it('should fail with IDEMPOTENCY_KEY_MISMATCH, unretried and without a new job, when a key is reused with another prompt', async () => {
    const key = uniqueKey('mismatch');
    const first = await gw.gql(GENERATE, { input: { prompt: 'A red bicycle' }, key });
    expect(first.body.errors).toBeUndefined();
    const before = await jobsCreated();
    gw.upstream.clear();

    const second = await gw.gql(GENERATE, { input: { prompt: 'A blue bicycle' }, key });

    expect(second.body.data).toBeNull();
    expect(second.body.errors).toHaveLength(1);
    expect(second.body.errors[0].path).toEqual(['generateImage']);
    expect(second.body.errors[0].extensions).toMatchObject({
      code: 'IDEMPOTENCY_KEY_MISMATCH',
      idempotencyKey: key,
      pi: { code: 'idempotency_key_mismatch', param: 'Idempotency-Key', status: 409 },
    });
    expect(generations()).toHaveLength(1);
    expect(await jobsCreated()).toBe(before);
  });

  it('should retry with the same key after a reset that came after Pi did the work, and end with exactly one job', async () => {
    const key = uniqueKey('reset-after');
    const before = await jobsCreated();
    await armSimulatorFault(gw.sim, { route: GENERATE_ROUTE, fault: 'reset-after', times: 1 });

    const response = await gw.gql(GENERATE, { input: { prompt: 'A lighthouse at dusk' }, key });

    expect(response.body.errors).toBeUndefined();
    const payload = response.body.data.generateImage;
    expect(payload.idempotencyKey).toBe(key);
    // The first answer was lost; the retry got Pi's stored answer for the key.
    expect(payload.replayed).toBe(true);
    expect(await jobsCreated()).toBe(before + 1);
    const attempts = generations();
    expect(attempts).toHaveLength(2);
    expect(attempts.map((request) => request.headers['idempotency-key'])).toEqual([key, key]);
    expect(attempts[0]?.status).toBeUndefined();
    expect(attempts[1]?.status).toBe(202);
    expect(payload.requestId).toBe(attempts[1]?.responseRequestId);
  });

  it('should retry with a minted key too, so a reset after the work never duplicates a keyless write', async () => {
    const before = await jobsCreated();
    await armSimulatorFault(gw.sim, { route: GENERATE_ROUTE, fault: 'reset-after', times: 1 });

    const response = await gw.gql(GENERATE, { input: { prompt: 'A lighthouse at dawn' } });

    expect(response.body.errors).toBeUndefined();
    const minted = response.body.data.generateImage.idempotencyKey as string;
    expect(minted).toMatch(/^gw_[0-9a-f-]{36}$/);
    expect(generations().map((request) => request.headers['idempotency-key'])).toEqual([
      minted,
      minted,
    ]);
    expect(await jobsCreated()).toBe(before + 1);
  });

  it('should mint a key when the client gives none, send it upstream and return it', async () => {
    const first = await gw.gql(GENERATE, { input: { prompt: 'A mountain cabin' } });
    const second = await gw.gql(GENERATE, { input: { prompt: 'A mountain cabin' } });

    const a = first.body.data.generateImage;
    const b = second.body.data.generateImage;
    expect(a.idempotencyKey).toMatch(/^gw_[0-9a-f-]{36}$/);
    expect(generations()[0]?.headers['idempotency-key']).toBe(a.idempotencyKey);
    // Each call gets its own key: two calls are two jobs.
    expect(b.idempotencyKey).not.toBe(a.idempotencyKey);
    expect(b.job.id).not.toBe(a.job.id);
    expect(b.replayed).toBe(false);
  });

  it('should let a client retry later with the returned minted key and get a replay', async () => {
    const first = await gw.gql(GENERATE, { input: { prompt: 'A quiet harbour' } });
    const key = first.body.data.generateImage.idempotencyKey as string;

    const retry = await gw.gql(GENERATE, { input: { prompt: 'A quiet harbour' }, key });

    expect(retry.body.data.generateImage).toMatchObject({ replayed: true, idempotencyKey: key });
    expect(retry.body.data.generateImage.job.id).toBe(first.body.data.generateImage.job.id);
  });

  it('should not retry extractBrand after a reset that came after Pi did the work, and say the outcome is unknown', async () => {
    const before = await jobsCreated();
    await armSimulatorFault(gw.sim, { route: EXTRACT_ROUTE, fault: 'reset-after', times: 1 });

    const response = await gw.gql(EXTRACT, { input: { url: 'https://reset.example' } });

    expect(response.body.data).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].extensions).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      outcome: 'unknown',
    });
    expect(gw.upstream.matching('/api/v1/brands/extract')).toHaveLength(1);
    expect(gw.upstream.requests[0]?.headers['idempotency-key']).toBeUndefined();
    expect(await jobsCreated()).toBe(before + 1);
  });

  it('should retry a write with a key after a 429 once Retry-After has passed', async () => {
    const key = uniqueKey('rate-limited');
    await armSimulatorFault(gw.sim, {
      route: GENERATE_ROUTE,
      fault: 'status=429;retry-after=1',
      times: 1,
    });
    const started = Date.now();

    const response = await gw.gql(GENERATE, { input: { prompt: 'A busy market' }, key });

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.generateImage).toMatchObject({
      replayed: false,
      idempotencyKey: key,
    });
    expect(generations().map((request) => request.status)).toEqual([429, 202]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('should retry a write with a key after a 503', async () => {
    const key = uniqueKey('unavailable');
    await armSimulatorFault(gw.sim, {
      route: GENERATE_ROUTE,
      fault: 'status=503;retry-after=0',
      times: 1,
    });

    const response = await gw.gql(GENERATE, { input: { prompt: 'A snowy street' }, key });

    expect(response.body.errors).toBeUndefined();
    expect(generations().map((request) => request.status)).toEqual([503, 202]);
    expect(generations().map((request) => request.headers['idempotency-key'])).toEqual([key, key]);
  });

  it('should not retry a 429 on a write without idempotency upstream', async () => {
    await armSimulatorFault(gw.sim, {
      route: EXTRACT_ROUTE,
      fault: 'status=429;retry-after=1',
      times: 1,
    });

    const response = await gw.gql(EXTRACT, { input: { url: 'https://limited.example' } });

    expect(response.body.errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 1,
    });
    expect(gw.upstream.requests).toHaveLength(1);
  });

  it('should give RATE_LIMITED with the key when Retry-After is too long to wait out', async () => {
    const key = uniqueKey('too-long');
    await armSimulatorFault(gw.sim, {
      route: GENERATE_ROUTE,
      fault: 'status=429;retry-after=60',
      times: 1,
    });

    const response = await gw.gql(GENERATE, { input: { prompt: 'A desert road' }, key });

    expect(response.body.errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 60,
      idempotencyKey: key,
    });
    expect(generations()).toHaveLength(1);
  });

  it('should make two independent jobs for the same key sent with two different API keys', async () => {
    const key = uniqueKey('tenants');
    const alphaBefore = await jobsCreated('alpha');
    const betaBefore = await jobsCreated('beta');
    const variables = { input: { prompt: 'A shared idea' }, key };

    const alpha = await gw.gql(GENERATE, variables, gw.as('alpha'));
    const beta = await gw.gql(GENERATE, variables, gw.as('beta'));

    expect(alpha.body.data.generateImage.replayed).toBe(false);
    expect(beta.body.data.generateImage.replayed).toBe(false);
    expect(beta.body.data.generateImage.job.id).not.toBe(alpha.body.data.generateImage.job.id);
    expect(await jobsCreated('alpha')).toBe(alphaBefore + 1);
    expect(await jobsCreated('beta')).toBe(betaBefore + 1);
  });
});

describe('the Idempotency-Key header', () => {
  const TWO_FIELDS = `mutation ($input: GenerateImageInput!) {
    hero: generateImage(input: $input) { job { id } idempotencyKey replayed }
    banner: generateImage(input: $input) { job { id } idempotencyKey replayed }
  }`;

  it('should be the key of the only mutation field as is', async () => {
    const key = uniqueKey('header');
    const response = await gw.gql(
      GENERATE,
      { input: { prompt: 'A green tram' } },
      { 'idempotency-key': key },
    );

    expect(response.body.data.generateImage.idempotencyKey).toBe(key);
    expect(generations()[0]?.headers['idempotency-key']).toBe(key);
  });

  it('should give way to the argument', async () => {
    const key = uniqueKey('argument');
    const response = await gw.gql(
      GENERATE,
      { input: { prompt: 'A green tram' }, key },
      { 'idempotency-key': uniqueKey('ignored') },
    );

    expect(response.body.data.generateImage.idempotencyKey).toBe(key);
  });

  it('should give each of several fields its own key derived from the response key, the same on a retry of the operation', async () => {
    const key = uniqueKey('operation');
    const before = await jobsCreated();
    const variables = { input: { prompt: 'Two banners' } };

    const first = await gw.gql(TWO_FIELDS, variables, { 'idempotency-key': key });
    const retry = await gw.gql(TWO_FIELDS, variables, { 'idempotency-key': key });

    expect(first.body.errors).toBeUndefined();
    const { hero, banner } = first.body.data;
    expect(hero).toMatchObject({ idempotencyKey: `${key}:hero`, replayed: false });
    expect(banner).toMatchObject({ idempotencyKey: `${key}:banner`, replayed: false });
    expect(hero.job.id).not.toBe(banner.job.id);
    expect(retry.body.data.hero).toEqual({ ...hero, replayed: true });
    expect(retry.body.data.banner).toEqual({ ...banner, replayed: true });
    expect(await jobsCreated()).toBe(before + 2);
    expect(generations().map((request) => request.headers['idempotency-key'])).toEqual([
      `${key}:hero`,
      `${key}:banner`,
      `${key}:hero`,
      `${key}:banner`,
    ]);
  });

  it('should reject an unusable header with BAD_USER_INPUT before any upstream call', async () => {
    const response = await gw.gql(
      GENERATE,
      { input: { prompt: 'A green tram' } },
      { 'idempotency-key': 'k'.repeat(256) },
    );

    expect(response.body.errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'Idempotency-Key',
    });
    expect(gw.upstream.requests).toHaveLength(0);
  });

  it('should not be sent for a write without idempotency upstream', async () => {
    const response = await gw.gql(
      EXTRACT,
      { input: { url: 'https://header.example' } },
      { 'idempotency-key': uniqueKey('ignored') },
    );

    expect(response.body.data.extractBrand).toMatchObject({
      idempotencyKey: null,
      replayed: false,
    });
    expect(gw.upstream.requests[0]?.headers['idempotency-key']).toBeUndefined();
  });
});
