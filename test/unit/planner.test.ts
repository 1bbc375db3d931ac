import DataLoader from 'dataloader';
// The copy of graphql-js that @graphql-tools/schema (and Apollo Server) load under Node: Vite would
// otherwise hand this file `index.mjs`, a second copy whose `execute` rejects the schema.
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '../../src/errors/index.js';
import { createSchema, type GatewayContext } from '../../src/graphql/index.js';
import type {
  BrandDto,
  BrandListArgs,
  BrandReadOptions,
  JobDto,
  JobReadOptions,
  LoadKey,
  PiApi,
  UpstreamRecorder,
} from '../../src/pi/index.js';
import {
  BRAND_READ_RULES,
  IMAGE_GENERATION_READ_RULES,
  JOB_READ_RULES,
  planRead,
} from '../../src/planner/index.js';

// --- a stub context whose loaders and list calls record the options they were called with ---

interface Calls {
  job: Array<LoadKey<JobReadOptions>>;
  brand: Array<LoadKey<BrandReadOptions>>;
  listBrands: Array<{ args: BrandListArgs; options: BrandReadOptions | undefined }>;
}

interface Fixtures {
  jobs?: Record<string, JobDto>;
  brands?: Record<string, BrandDto>;
}

function notFound(kind: string, id: string): GatewayError {
  return new GatewayError(`${kind} ${id} was not found.`, { code: ErrorCode.NOT_FOUND });
}

const cacheKeyFn = (key: LoadKey<unknown>): string => `${key.id}|${JSON.stringify(key.options)}`;

function createStubContext(fixtures: Fixtures = {}): { context: GatewayContext; calls: Calls } {
  const calls: Calls = { job: [], brand: [], listBrands: [] };
  const unused = (): never => {
    throw new Error('not used by this test');
  };
  const job = new DataLoader<LoadKey<JobReadOptions>, JobDto, string>(
    async (keys) => {
      calls.job.push(...keys);
      return keys.map((key) => fixtures.jobs?.[key.id] ?? notFound('Job', key.id));
    },
    { cacheKeyFn },
  );
  const brand = new DataLoader<LoadKey<BrandReadOptions>, BrandDto, string>(
    async (keys) => {
      calls.brand.push(...keys);
      return keys.map((key) => fixtures.brands?.[key.id] ?? notFound('Brand', key.id));
    },
    { cacheKeyFn },
  );
  const pi: PiApi = {
    credential: { fingerprint: 'test', authorization: () => 'Bearer test' },
    getJob: unused,
    getBrand: unused,
    listBrands: async (args, options) => {
      calls.listBrands.push({ args, options });
      const data = Object.values(fixtures.brands ?? {});
      return { data, total_count: data.length, has_more: false };
    },
    getSavedAvatar: unused,
    listSavedAvatars: unused,
    listWebhooks: unused,
    getRun: unused,
  };
  const upstream: UpstreamRecorder = {
    recordRequestId: () => undefined,
    recordRateLimit: () => undefined,
    requestIds: [],
    rateLimit: undefined,
  };
  const loaders = {
    job,
    brand,
    savedAvatar: new DataLoader<string, never>(async () => unused()),
    run: new DataLoader<string, never>(async () => unused()),
  };
  return { context: { pi, loaders, upstream, requestId: 'test' }, calls };
}

// --- fixtures ---

const BRAND_ID = '1c26bcfa-0000-4000-8000-000000000001';
const BRAND_JOB_ID = '7b8c9f2f-0000-4000-8000-000000000001';
const AD_JOB_ID = '7b8c9f2f-0000-4000-8000-000000000002';
const CAMPAIGN_JOB_ID = '7b8c9f2f-0000-4000-8000-000000000003';

const brandRow: BrandDto = {
  id: BRAND_ID,
  org_id: 'org-alpha',
  domain: 'example.com',
  name: 'example.com',
  primary_hex: '#112233',
  secondary_hex: '#445566',
  logo_url: null,
  font_file_url: null,
  layout_rules: {},
  brand_dna: { core_slogan: 'Just example' },
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-02T00:00:00.000Z',
};

const brandJob: JobDto = {
  id: BRAND_JOB_ID,
  org_id: 'org-alpha',
  type: 'brand_extraction',
  status: 'completed',
  payload: { phase: 'completed', brand_id: BRAND_ID, asset_count: 1 },
  result_url: `brands/${BRAND_ID}`,
  error_log: null,
  created_at: 1760000000,
  updated_at: 1760000088,
  expanded: { brand: brandRow },
};

const adJob: JobDto = {
  id: AD_JOB_ID,
  type: 'ad_generation',
  status: 'processing',
  payload: { phase: 'creative_planner', input: { prompt: 'A red shoe', has_brand_id: false } },
  result_url: null,
  created_at: 1760000000,
  updated_at: 1760000010,
};

const campaignJob: JobDto = {
  id: CAMPAIGN_JOB_ID,
  type: 'campaign_ad_generation',
  status: 'queued',
  payload: {
    phase: 'queued',
    input: { prompt: 'Summer sale', brand_id: BRAND_ID, reference_image_count: 0 },
  },
  result_url: null,
  created_at: 1760000000,
  updated_at: 1760000000,
};

const fixtures: Fixtures = {
  jobs: { [BRAND_JOB_ID]: brandJob, [AD_JOB_ID]: adJob, [CAMPAIGN_JOB_ID]: campaignJob },
  brands: {
    [BRAND_ID]: {
      ...brandRow,
      // The raw row Pi inlines: ISO timestamps, no expansions.
      expanded: {
        latest_job: {
          ...brandJob,
          expanded: undefined,
          created_at: '2025-10-09T08:53:20.000Z',
          updated_at: '2025-10-09T08:54:48.000Z',
        },
      },
    },
  },
};

let schema: GraphQLSchema;

beforeAll(() => {
  schema = createSchema();
});

async function run(
  document: string,
  variableValues?: Record<string, unknown>,
): Promise<{ result: ExecutionResult; calls: Calls }> {
  const { context, calls } = createStubContext(fixtures);
  const result = await execute({
    schema,
    document: parse(document),
    contextValue: context,
    variableValues,
  });
  return { result, calls };
}

/** The options of the single job read a document made. */
async function planOf(
  document: string,
  variableValues?: Record<string, unknown>,
): Promise<JobReadOptions> {
  const { result, calls } = await run(document, variableValues);
  expect(result.errors).toBeUndefined();
  expect(calls.job).toHaveLength(1);
  return calls.job[0]!.options;
}

describe('the planner, through the executable schema', () => {
  describe('the acceptance outcomes of the issue', () => {
    it('should read only id and status, without expansion, for { job { id status } }', async () => {
      const { result, calls } = await run(`{ job(id: "${BRAND_JOB_ID}") { id status } }`);

      expect(result).toEqual({ data: { job: { id: BRAND_JOB_ID, status: 'COMPLETED' } } });
      expect(calls.job).toEqual([{ id: BRAND_JOB_ID, options: { fields: ['id', 'status'] } }]);
    });

    it('should expand the brand and serve it from the expansion for { job { status brand { name primaryHex } } }', async () => {
      const { result, calls } = await run(
        `{ job(id: "${BRAND_JOB_ID}") { status brand { name primaryHex } } }`,
      );

      expect(result).toEqual({
        data: {
          job: { status: 'COMPLETED', brand: { name: 'example.com', primaryHex: '#112233' } },
        },
      });
      expect(calls.job).toHaveLength(1);
      expect(calls.job[0]!.options.expand).toEqual(['brand']);
      expect(calls.brand).toEqual([]);
    });

    it('should make one list call with the latest_job expansion for { brands(first: 20) { nodes { name latestJob { status } } } }', async () => {
      const { result, calls } = await run(
        '{ brands(first: 20) { nodes { name latestJob { status } } } }',
      );

      expect(result).toEqual({
        data: { brands: { nodes: [{ name: 'example.com', latestJob: { status: 'COMPLETED' } }] } },
      });
      expect(calls.listBrands).toEqual([
        { args: { limit: 20 }, options: { expand: ['latest_job'], fields: ['id', 'name'] } },
      ]);
      expect(calls.job).toEqual([]);
      expect(calls.brand).toEqual([]);
    });

    it('should read each id with the brand expansion for jobs(ids) { status brand { name } }', async () => {
      const { calls } = await run(
        `{ jobs(ids: ["${BRAND_JOB_ID}", "${AD_JOB_ID}"]) { status brand { name } } }`,
      );

      expect(calls.job.map((key) => key.id)).toEqual([BRAND_JOB_ID, AD_JOB_ID]);
      for (const key of calls.job) expect(key.options.expand).toEqual(['brand']);
    });
  });

  describe('fields', () => {
    it('should ask for payload only when a selected field is derived from it', async () => {
      expect(
        await planOf(
          `{ job(id: "${AD_JOB_ID}") { status resultUrl createdAt updatedAt rawType } }`,
        ),
      ).toEqual({
        fields: ['created_at', 'id', 'result_url', 'status', 'type', 'updated_at'],
      });
      expect((await planOf(`{ job(id: "${AD_JOB_ID}") { phase } }`)).fields).toEqual([
        'id',
        'payload',
      ]);
      expect((await planOf(`{ job(id: "${AD_JOB_ID}") { imageUrl } }`)).fields).toEqual([
        'id',
        'payload',
      ]);
      expect((await planOf(`{ job(id: "${AD_JOB_ID}") { error { code } } }`)).fields).toEqual([
        'error_log',
        'id',
        'payload',
        'status',
      ]);
    });

    it('should ask for status, type and payload for progress', async () => {
      expect(await planOf(`{ job(id: "${AD_JOB_ID}") { progress } }`)).toEqual({
        fields: ['id', 'payload', 'status', 'type'],
      });
    });

    it('should ask for nothing but the id for a __typename-only selection', async () => {
      const { result, calls } = await run(`{ job(id: "${AD_JOB_ID}") { __typename } }`);

      expect(result.data).toEqual({ job: { __typename: 'Job' } });
      expect(calls.job[0]!.options).toEqual({ fields: ['id'] });
    });

    it('should not add the fields of an expanded brand to the job read', async () => {
      const options = await planOf(
        `{ job(id: "${BRAND_JOB_ID}") { brand { name domain logoUrl dna { coreSlogan } createdAt } } }`,
      );

      expect(options).toEqual({
        expand: ['brand'],
        fields: ['id', 'payload', 'result_url', 'type'],
      });
    });

    it('should add the diagnostics expansion only when diagnostics are selected', async () => {
      expect(await planOf(`{ job(id: "${AD_JOB_ID}") { diagnostics } }`)).toEqual({
        expand: ['diagnostics'],
        fields: ['id', 'payload'],
      });
      expect((await planOf(`{ job(id: "${AD_JOB_ID}") { payload } }`)).expand).toBeUndefined();
    });

    it('should combine the brand and diagnostics expansions in one read', async () => {
      expect(
        (await planOf(`{ job(id: "${BRAND_JOB_ID}") { diagnostics brand { id } } }`)).expand,
      ).toEqual(['brand', 'diagnostics']);
    });
  });

  describe('selection shapes', () => {
    it('should follow named fragments', async () => {
      const options = await planOf(`
        query { job(id: "${AD_JOB_ID}") { ...Times } }
        fragment Times on Job { createdAt ...State }
        fragment State on Job { status }
      `);

      expect(options).toEqual({ fields: ['created_at', 'id', 'status'] });
    });

    it('should follow inline fragments with and without a type condition', async () => {
      const options = await planOf(
        `{ job(id: "${AD_JOB_ID}") { ... on Job { resultUrl } ... { status } } }`,
      );

      expect(options).toEqual({ fields: ['id', 'result_url', 'status'] });
    });

    it('should plan by field name whatever the aliases', async () => {
      const { result, calls } = await run(
        `{ job(id: "${AD_JOB_ID}") { a: status b: status c: updatedAt } }`,
      );

      expect(result.data).toEqual({
        job: { a: 'PROCESSING', b: 'PROCESSING', c: '2025-10-09T08:53:30.000Z' },
      });
      expect(calls.job[0]!.options).toEqual({ fields: ['id', 'status', 'updated_at'] });
    });

    it('should honour @include and @skip with variables', async () => {
      const document = `query ($withBrand: Boolean!, $noStatus: Boolean!) {
        job(id: "${BRAND_JOB_ID}") { createdAt status @skip(if: $noStatus) brand @include(if: $withBrand) { name } }
      }`;

      expect(await planOf(document, { withBrand: false, noStatus: true })).toEqual({
        fields: ['created_at', 'id'],
      });
      expect(await planOf(document, { withBrand: true, noStatus: false })).toEqual({
        expand: ['brand'],
        fields: ['created_at', 'id', 'payload', 'result_url', 'status', 'type'],
      });
    });

    it('should honour directives on fragment spreads and inside fragments', async () => {
      const document = `query ($on: Boolean!) {
        job(id: "${AD_JOB_ID}") { ...Extra @include(if: $on) ... @skip(if: $on) { phase } }
      }
      fragment Extra on Job { resultUrl diagnostics @include(if: $on) }`;

      expect(await planOf(document, { on: true })).toEqual({
        expand: ['diagnostics'],
        fields: ['id', 'payload', 'result_url'],
      });
      expect(await planOf(document, { on: false })).toEqual({ fields: ['id', 'payload'] });
    });

    it('should merge every node of a field selected twice into one read', async () => {
      const { calls } = await run(`
        { job(id: "${BRAND_JOB_ID}") { status } ...More }
        fragment More on Query { job(id: "${BRAND_JOB_ID}") { createdAt brand { name } } }
      `);

      expect(calls.job).toEqual([
        {
          id: BRAND_JOB_ID,
          options: {
            expand: ['brand'],
            fields: ['created_at', 'id', 'payload', 'result_url', 'status', 'type'],
          },
        },
      ]);
    });

    it('should plan the imageGeneration view and its job view into the same job read', async () => {
      const options = await planOf(
        `{ job(id: "${AD_JOB_ID}") { imageGeneration { prompt job { resultUrl } } } }`,
      );

      expect(options).toEqual({ fields: ['id', 'payload', 'result_url', 'type'] });
    });
  });

  describe('other entry points', () => {
    it('should always ask for the type when reading an image generation', async () => {
      const { result, calls } = await run(`{ imageGeneration(id: "${AD_JOB_ID}") { status } }`);

      expect(result.data).toEqual({ imageGeneration: { status: 'PROCESSING' } });
      expect(calls.job[0]!.options).toEqual({ fields: ['id', 'status', 'type'] });
    });

    it('should plan a brand read with brand_dna and the latest_job expansion', async () => {
      const { result, calls } = await run(
        `{ brand(id: "${BRAND_ID}") { name dna { coreSlogan } latestJob { status } } }`,
      );

      expect(result.data).toEqual({
        brand: {
          name: 'example.com',
          dna: { coreSlogan: 'Just example' },
          latestJob: { status: 'COMPLETED' },
        },
      });
      expect(calls.brand).toEqual([
        { id: BRAND_ID, options: { expand: ['latest_job'], fields: ['brand_dna', 'id', 'name'] } },
      ]);
    });

    it('should ask only for ids when a brand list selects no node fields', async () => {
      const { calls } = await run('{ brands { totalCount hasMore } }');

      expect(calls.listBrands).toEqual([{ args: {}, options: { fields: ['id'] } }]);
    });

    it("should load an image job's brand by id with the brand selection's own plan", async () => {
      const { result, calls } = await run(`{ job(id: "${CAMPAIGN_JOB_ID}") { brand { name } } }`);

      expect(result.data).toEqual({ job: { brand: { name: 'example.com' } } });
      expect(calls.brand).toEqual([{ id: BRAND_ID, options: { fields: ['id', 'name'] } }]);
    });
  });
});

describe('planRead', () => {
  it('should read the whole object when a selected field has no rule', async () => {
    const { context } = createStubContext(fixtures);
    let plan: unknown;
    // A schema of its own: the capturing resolver must not leak into the other tests.
    const capturing = createSchema();
    capturing.getQueryType()!.getFields()['job']!.resolve = (_root, _args, _context, info) => {
      plan = planRead(info, { Job: { status: { fields: ['status'] } } }, 'Job', info.fieldNodes);
      return adJob;
    };
    await execute({
      schema: capturing,
      document: parse(`{ job(id: "${AD_JOB_ID}") { status phase } }`),
      contextValue: context,
    });

    expect(plan).toEqual({});
  });

  it('should have a rule for every field of Job, ImageGeneration and Brand in the schema', () => {
    const tables = {
      Job: JOB_READ_RULES,
      ImageGeneration: IMAGE_GENERATION_READ_RULES,
      Brand: BRAND_READ_RULES,
    };
    for (const [typeName, rules] of Object.entries(tables)) {
      const type = schema.getType(typeName);
      if (type === undefined || !('getFields' in type)) throw new Error(`${typeName} missing`);
      expect(Object.keys(rules).sort(), typeName).toEqual(Object.keys(type.getFields()).sort());
    }
  });
});
