import { describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '../../src/errors/index.js';
import {
  createCredential,
  createPiLoaders,
  fieldsParam,
  mergeJobDtos,
  readKey,
  readQueries,
} from '../../src/pi/index.js';
import type {
  BrandReadOptions,
  JobDto,
  JobReadOptions,
  PiApi,
  PiLoaders,
} from '../../src/pi/index.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const MISSING = '00000000-0000-4000-8000-0000000000ff';

type Call =
  | { method: 'getJob'; id: string; options: JobReadOptions | undefined }
  | { method: 'getBrand'; id: string; options: BrandReadOptions | undefined }
  | { method: 'getSavedAvatar' | 'getRun'; id: string };

const notFound = (id: string): GatewayError =>
  new GatewayError(`Job ${id} was not found.`, { code: ErrorCode.NOT_FOUND });

/** DataLoader's `idLoader()` style: the loaders over a spy `PiApi`, and the calls it received. */
function spyLoaders(): [PiLoaders, Call[]] {
  const calls: Call[] = [];
  const api: PiApi = {
    credential: createCredential('Bearer pi_test_alpha'),
    getJob(id, options) {
      calls.push({ method: 'getJob', id, options });
      if (id === MISSING) return Promise.reject(notFound(id));
      return Promise.resolve({
        id,
        status: 'completed',
        ...(options?.expand?.includes('brand') ? { expanded: {} } : {}),
      });
    },
    getBrand(id, options) {
      calls.push({ method: 'getBrand', id, options });
      return Promise.resolve({ id, name: `brand ${id.slice(-1)}` });
    },
    getSavedAvatar(id) {
      calls.push({ method: 'getSavedAvatar', id });
      if (id === MISSING) return Promise.reject(notFound(id));
      return Promise.resolve({
        id,
        label: null,
        image_url: 'https://img.example/a.png',
        created_at: 1,
      });
    },
    getRun(id) {
      calls.push({ method: 'getRun', id });
      return Promise.resolve({ id, status: 'pending', steps: [] });
    },
    listBrands: () => Promise.reject(new Error('not used')),
    listSavedAvatars: () => Promise.reject(new Error('not used')),
    listWebhooks: () => Promise.reject(new Error('not used')),
  };
  return [createPiLoaders(api), calls];
}

describe('createPiLoaders', () => {
  it('should merge two keys of one id into one call with the union of fields and expansions', async () => {
    const [loaders, calls] = spyLoaders();
    const [a, b] = await Promise.all([
      loaders.job.load({ id: A, options: { fields: ['status'] } }),
      loaders.job.load({ id: A, options: { fields: ['status', 'result_url'], expand: ['brand'] } }),
    ]);
    expect(calls).toEqual([
      { method: 'getJob', id: A, options: { expand: ['brand'], fields: ['result_url', 'status'] } },
    ]);
    expect(a).toBe(b);
  });

  it('should let a whole-object read absorb a field list', async () => {
    const [loaders, calls] = spyLoaders();
    await Promise.all([
      loaders.job.load({ id: A, options: { fields: ['status'] } }),
      loaders.job.load({ id: A, options: {} }),
    ]);
    expect(calls).toEqual([{ method: 'getJob', id: A, options: {} }]);
  });

  it('should make one call per distinct id, in parallel, and answer in key order', async () => {
    const [loaders, calls] = spyLoaders();
    const results = await loaders.job.loadMany([
      { id: B, options: { fields: ['status'] } },
      { id: A, options: { fields: ['type'] } },
      { id: B, options: { fields: ['payload'] } },
    ]);
    expect(results.map((result) => (result as JobDto).id)).toEqual([B, A, B]);
    expect(calls).toEqual([
      { method: 'getJob', id: B, options: { fields: ['payload', 'status'] } },
      { method: 'getJob', id: A, options: { fields: ['type'] } },
    ]);
  });

  it('should fail only the keys of a failing id', async () => {
    const [loaders] = spyLoaders();
    const results = await loaders.job.loadMany([
      { id: A, options: {} },
      { id: MISSING, options: { fields: ['status'] } },
      { id: MISSING, options: { expand: ['brand'] } },
      { id: B, options: {} },
    ]);
    expect((results[0] as JobDto).id).toBe(A);
    expect(results[1]).toBeInstanceOf(GatewayError);
    expect((results[2] as GatewayError).extensions.code).toBe(ErrorCode.NOT_FOUND);
    expect((results[3] as JobDto).id).toBe(B);
  });

  it('should cache equal keys within the operation, whatever the order of their lists', async () => {
    const [loaders, calls] = spyLoaders();
    await loaders.job.load({
      id: A,
      options: { fields: ['status', 'type'], expand: ['brand', 'ad'] },
    });
    await loaders.job.load({
      id: A,
      options: { fields: ['type', 'status'], expand: ['ad', 'brand'] },
    });
    expect(calls).toHaveLength(1);
  });

  it('should merge brand keys of one id too', async () => {
    const [loaders, calls] = spyLoaders();
    await Promise.all([
      loaders.brand.load({ id: A, options: { fields: ['name'] } }),
      loaders.brand.load({ id: A, options: { expand: ['latest_job'], fields: ['domain'] } }),
    ]);
    expect(calls).toEqual([
      {
        method: 'getBrand',
        id: A,
        options: { expand: ['latest_job'], fields: ['domain', 'name'] },
      },
    ]);
  });

  it('should load saved avatars and runs by id, failing per id', async () => {
    const [loaders, calls] = spyLoaders();
    const avatars = await loaders.savedAvatar.loadMany([A, MISSING, A]);
    const run = await loaders.run.load(B);
    expect((avatars[0] as { id: string }).id).toBe(A);
    expect(avatars[1]).toBeInstanceOf(GatewayError);
    expect(run.id).toBe(B);
    expect(calls.filter((call) => call.method === 'getSavedAvatar').map((call) => call.id)).toEqual(
      [A, MISSING],
    );
  });
});

describe('readKey', () => {
  it('should be stable under reordering and distinguish a field list from the whole object', () => {
    expect(readKey({ id: A, options: { expand: ['brand', 'ad'], fields: ['b', 'a'] } })).toBe(
      readKey({ id: A, options: { expand: ['ad', 'brand'], fields: ['a', 'b'] } }),
    );
    expect(readKey({ id: A, options: {} })).not.toBe(readKey({ id: A, options: { fields: [] } }));
  });
});

describe('readQueries', () => {
  it('should make one call without expansions, with fields sorted and id and org_id added', () => {
    expect(readQueries({ fields: ['status', 'type'] })).toEqual([
      { fields: 'id,org_id,status,type' },
    ]);
    expect(readQueries({})).toEqual([{ fields: undefined }]);
  });

  it('should put the first expansion in expand and the second in include', () => {
    expect(readQueries({ expand: ['diagnostics', 'brand'] })).toEqual([
      { expand: 'brand', include: 'diagnostics', fields: undefined },
    ]);
  });

  it('should split more than two expansions into the fewest calls', () => {
    expect(readQueries({ expand: ['diagnostics', 'brand', 'avatar'], fields: ['status'] })).toEqual(
      [
        { expand: 'avatar', include: 'brand', fields: 'id,org_id,status' },
        { expand: 'diagnostics', include: undefined, fields: 'id,org_id,status' },
      ],
    );
    expect(readQueries({ expand: ['ad', 'avatar', 'brand', 'diagnostics'] })).toHaveLength(2);
  });

  it('should not duplicate id and org_id', () => {
    expect(fieldsParam(['org_id', 'id', 'status', 'status'])).toBe('id,org_id,status');
  });
});

describe('mergeJobDtos', () => {
  it('should merge the expansions of split reads into one DTO', () => {
    const brand = { id: B, name: 'Acme' };
    const merged = mergeJobDtos([
      {
        id: A,
        status: 'completed',
        ad: { image_url: 'https://img/ad.png' },
        payload: { phase: 'completed' },
      },
      {
        id: A,
        status: 'completed',
        expanded: { brand },
        job_result: { type: 'brand', id: B, brand },
        payload: {
          phase: 'completed',
          diagnostics: [{ step: 1 }],
          retrieval_diagnostics: { k: 1 },
        },
      },
    ]);
    expect(merged).toEqual({
      id: A,
      status: 'completed',
      ad: { image_url: 'https://img/ad.png' },
      expanded: { brand },
      job_result: { type: 'brand', id: B, brand },
      payload: { phase: 'completed', diagnostics: [{ step: 1 }], retrieval_diagnostics: { k: 1 } },
    });
  });
});
