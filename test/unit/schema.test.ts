import DataLoader from 'dataloader';
// The copy of graphql-js that @graphql-tools/schema (and Apollo Server) load under Node: Vite would
// otherwise hand this file `index.mjs`, a second copy whose `execute` rejects the schema.
import {
  execute,
  isEnumType,
  isInputObjectType,
  isObjectType,
  parse,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '../../src/errors/index.js';
import { createSchema, typeDefs, type GatewayContext } from '../../src/graphql/index.js';
import type {
  BrandDto,
  BrandListArgs,
  BrandReadOptions,
  JobDto,
  JobReadOptions,
  LoadKey,
  PageArgs,
  PiApi,
  RunDto,
  SavedAvatarDto,
  UpstreamRecorder,
  WebhookDto,
} from '../../src/pi/index.js';

// --- a stub context: fixture-backed loaders and list calls that record what they were asked ---

interface Fixtures {
  jobs?: Record<string, JobDto>;
  brands?: Record<string, BrandDto>;
  avatars?: SavedAvatarDto[];
  webhooks?: WebhookDto[];
  runs?: Record<string, RunDto>;
}

interface Calls {
  job: Array<LoadKey<JobReadOptions>>;
  brand: Array<LoadKey<BrandReadOptions>>;
  upstream: string[];
}

const notFound = (id: string): GatewayError =>
  new GatewayError(`${id} was not found.`, { code: ErrorCode.NOT_FOUND });
const cacheKeyFn = (key: LoadKey<unknown>): string => `${key.id}|${JSON.stringify(key.options)}`;

function createStubContext(fixtures: Fixtures): { context: GatewayContext; calls: Calls } {
  const calls: Calls = { job: [], brand: [], upstream: [] };
  const byId = <T>(table: Record<string, T> | undefined, id: string): T | GatewayError =>
    table?.[id] ?? notFound(id);
  const unused = (): never => {
    throw new Error('not used: reads go through the loaders');
  };
  const pi: PiApi = {
    credential: { fingerprint: 'test', authorization: () => 'Bearer test' },
    getJob: unused,
    getBrand: unused,
    getSavedAvatar: unused,
    getRun: unused,
    listBrands: async (args: BrandListArgs) => {
      calls.upstream.push(`listBrands ${JSON.stringify(args)}`);
      const data = Object.values(fixtures.brands ?? {});
      return { data, total_count: data.length, has_more: false };
    },
    listSavedAvatars: async (args: PageArgs) => {
      calls.upstream.push(`listSavedAvatars ${JSON.stringify(args)}`);
      const data = fixtures.avatars ?? [];
      return { object: 'list', data, total_count: data.length + 5, has_more: true };
    },
    listWebhooks: async () => {
      calls.upstream.push('listWebhooks');
      return { object: 'list', data: fixtures.webhooks ?? [] };
    },
  };
  const upstream: UpstreamRecorder = {
    recordRequestId: () => undefined,
    recordRateLimit: () => undefined,
    requestIds: [],
    rateLimit: undefined,
  };
  const loaders: GatewayContext['loaders'] = {
    job: new DataLoader<LoadKey<JobReadOptions>, JobDto, string>(
      async (keys) => {
        calls.job.push(...keys);
        calls.upstream.push(...keys.map((key) => `job ${key.id}`));
        return keys.map((key) => byId(fixtures.jobs, key.id));
      },
      { cacheKeyFn },
    ),
    brand: new DataLoader<LoadKey<BrandReadOptions>, BrandDto, string>(
      async (keys) => {
        calls.brand.push(...keys);
        calls.upstream.push(...keys.map((key) => `brand ${key.id}`));
        return keys.map((key) => byId(fixtures.brands, key.id));
      },
      { cacheKeyFn },
    ),
    savedAvatar: new DataLoader<string, SavedAvatarDto>(async (ids) => {
      calls.upstream.push(...ids.map((id) => `savedAvatar ${id}`));
      return ids.map((id) => fixtures.avatars?.find((avatar) => avatar.id === id) ?? notFound(id));
    }),
    run: new DataLoader<string, RunDto>(async (ids) => {
      calls.upstream.push(...ids.map((id) => `run ${id}`));
      return ids.map((id) => byId(fixtures.runs, id));
    }),
  };
  return { context: { pi, loaders, upstream, requestId: 'test' }, calls };
}

// --- fixtures ---

const BRAND_ID = 'b0000000-0000-4000-8000-000000000001';
const FOREIGN_BRAND_ID = 'b0000000-0000-4000-8000-0000000000ff';

const brand: BrandDto = {
  id: BRAND_ID,
  org_id: 'org-alpha',
  domain: 'example.com',
  name: 'example.com',
  primary_hex: '#111111',
  secondary_hex: '#222222',
  logo_url: null,
  font_file_url: null,
  layout_rules: { core_slogan: 'Be an example.' },
  brand_dna: {
    core_slogan: 'Be an example.',
    color_palette: ['#111111', '#222222', '#333333', '#444444'],
  },
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
};

const brandJob: JobDto = {
  id: 'j-brand',
  org_id: 'org-alpha',
  type: 'brand_extraction',
  status: 'completed',
  payload: { phase: 'completed', brand_id: BRAND_ID, asset_count: 1 },
  result_url: `brands/${BRAND_ID}`,
  error_log: null,
  created_at: 1760000000,
  updated_at: 1760000088,
  expanded: { brand },
};

const fixtures: Fixtures = {
  jobs: {
    'j-brand': brandJob,
    'j-ad': {
      id: 'j-ad',
      type: 'ad_generation',
      status: 'completed',
      payload: {
        phase: 'completed',
        input: { prompt: 'A red shoe', has_brand_id: false, output: { aspect_ratio: 'auto' } },
        image_url: 'https://img.example/ad.png',
        output_applied: { aspect_ratio: '4:5', resolution: '1K' },
        diagnostics: [{ step: 'creative_planner' }],
      },
      result_url: 'ads/j-ad',
      created_at: 1760000000,
      updated_at: 1760000100,
    },
    'j-edit': {
      id: 'j-edit',
      type: 'campaign_ad_edit',
      status: 'completed',
      payload: {
        phase: 'completed',
        image_url: 'https://img.example/edit.png',
        source_job_id: 'j-campaign',
        diagnostics: [],
      },
      result_url: 'https://img.example/edit.png',
      created_at: 1760000000,
      updated_at: 1760000100,
    },
    'j-campaign': {
      id: 'j-campaign',
      type: 'campaign_ad_generation',
      status: 'queued',
      payload: { phase: 'queued', input: { prompt: 'Summer', brand_id: FOREIGN_BRAND_ID } },
      result_url: null,
      created_at: 1760000000,
      updated_at: 1760000000,
    },
    'j-broken': {
      id: 'j-broken',
      type: 'ad_generation',
      created_at: 1760000000,
      updated_at: 1760000000,
    },
  },
  brands: {
    [BRAND_ID]: {
      ...brand,
      expanded: {
        latest_job: {
          ...brandJob,
          expanded: undefined,
          created_at: '2025-10-09T08:53:20+00:00',
          updated_at: '2025-10-09T08:54:48+00:00',
        },
      },
    },
  },
  avatars: [
    {
      id: 'a1',
      object: 'saved_avatar',
      label: null,
      image_url: 'https://img.example/a1.png',
      created_at: '2026-02-01T10:00:00Z',
    },
  ],
  webhooks: [
    {
      object: 'webhook',
      id: 'w1',
      endpoint_url: 'https://hooks.example/pi',
      is_active: true,
      created_at: '2026-02-01T10:00:00Z',
      updated_at: '2026-02-02T10:00:00Z',
    },
  ],
  runs: {
    r1: {
      id: 'r1',
      org_id: 'org-alpha',
      status: 'in_progress',
      steps: [
        {
          id: 'extract',
          action: 'brands.extract',
          status: 'completed',
          depends_on: [],
          job_id: 'j-brand',
          result: { brand_id: BRAND_ID },
          error: null,
          started_at: 1760000000,
          completed_at: 1760000088,
        },
        {
          id: 'ad',
          action: 'campaigns.generate',
          status: 'pending',
          depends_on: ['extract'],
          job_id: null,
          result: null,
          error: null,
          started_at: null,
          completed_at: null,
        },
      ],
      metadata: { pipeline: 'demo' },
      created_at: 1760000000,
      updated_at: 1760000090,
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

function codes(result: ExecutionResult): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions['code']);
}

// What `buildSubgraphSchema` adds (test/federation/ covers it): `_entities`, `_service`, `_Any`,
// `_Entity`, `_Service`, `link__*` and `federation__*`.
const isFederationName = (name: string) => /^_[^_]|^(link|federation)__/.test(name);

describe('createSchema', () => {
  it('should load every SDL file and expose the queries of the issue', () => {
    expect(typeDefs.length).toBeGreaterThanOrEqual(8);
    const queries = Object.keys(schema.getQueryType()!.getFields());
    expect(queries).toEqual(expect.arrayContaining(['_entities', '_service']));
    expect(queries.filter((name) => !isFederationName(name)).sort()).toEqual([
      'brand',
      'brands',
      'imageGeneration',
      'job',
      'jobs',
      'run',
      'savedAvatar',
      'savedAvatars',
      'webhooks',
    ]);
  });

  it('should build a new schema object on each call', () => {
    expect(createSchema()).not.toBe(createSchema());
  });

  it('should describe every type, field, argument and enum value', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        isFederationName(type.name) ||
        ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)
      )
        continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (isFederationName(field.name)) continue;
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues())
          if (!value.description) undocumented.push(`${type.name}.${value.name}`);
      }
    }

    expect(undocumented).toEqual([]);
  });

  it('should expose no organization id and no webhook secret', () => {
    const names = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.keys(type.getFields()));

    expect(names.filter((name) => /org|secret/i.test(name))).toEqual([]);
  });
});

describe('argument validation', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['first below 1', '{ brands(first: 0) { totalCount } }', /"first"/],
    ['first above 100', '{ brands(first: 99999999) { totalCount } }', /"first"/],
    ['a negative offset', '{ brands(offset: -1) { totalCount } }', /"offset"/],
    ['an empty query', '{ brands(query: "") { totalCount } }', /"query"/],
    ['a blank query', '{ brands(query: "   ") { totalCount } }', /"query"/],
    [
      'a query over 200 characters',
      `{ brands(query: "${'x'.repeat(201)}") { totalCount } }`,
      /"query"/,
    ],
    ['an avatar page above 100', '{ savedAvatars(first: 101) { totalCount } }', /"first"/],
    ['a negative avatar offset', '{ savedAvatars(offset: -5) { totalCount } }', /"offset"/],
    ['an empty job id', '{ job(id: "") { status } }', /"id"/],
    ['a huge job id', `{ job(id: "${'7'.repeat(10_000)}") { status } }`, /"id"/],
    ['an empty id in a list', '{ jobs(ids: ["j-ad", ""]) { status } }', /"ids\[1\]"/],
    [
      'more than 100 ids',
      `{ jobs(ids: [${Array.from({ length: 101 }, (_, i) => `"j${i}"`).join(',')}]) { status } }`,
      /"ids"/,
    ],
    ['an empty brand id', '{ brand(id: "") { name } }', /"id"/],
    ['an empty run id', '{ run(id: "") { status } }', /"id"/],
  ];

  it.each(cases)(
    'should reject %s with BAD_USER_INPUT naming the argument, before any upstream call',
    async (_name, document, argument) => {
      const { result, calls } = await run(document);

      expect(codes(result)).toEqual([ErrorCode.BAD_USER_INPUT]);
      expect(result.errors?.[0]?.message).toMatch(argument);
      expect(calls.upstream).toEqual([]);
    },
  );

  it('should accept the bounds themselves', async () => {
    const { result, calls } = await run(
      '{ brands(query: "ex", first: 100, offset: 0) { totalCount } }',
    );

    expect(result.errors).toBeUndefined();
    expect(calls.upstream).toEqual(['listBrands {"query":"ex","limit":100,"offset":0}']);
  });
});

describe('query resolvers', () => {
  it('should map a job: ISO dates, enums, progress, image and payload without diagnostics', async () => {
    const { result } = await run(`{
      job(id: "j-ad") {
        id type rawType status phase progress createdAt updatedAt resultUrl error { code }
        imageUrl brandId brand { id } payload
      }
    }`);

    expect(result).toEqual({
      data: {
        job: {
          id: 'j-ad',
          type: 'AD_GENERATION',
          rawType: 'ad_generation',
          status: 'COMPLETED',
          phase: 'completed',
          progress: 1,
          createdAt: '2025-10-09T08:53:20.000Z',
          updatedAt: '2025-10-09T08:55:00.000Z',
          resultUrl: 'ads/j-ad',
          error: null,
          imageUrl: 'https://img.example/ad.png',
          brandId: null,
          brand: null,
          payload: {
            phase: 'completed',
            input: { prompt: 'A red shoe', has_brand_id: false, output: { aspect_ratio: 'auto' } },
            image_url: 'https://img.example/ad.png',
            output_applied: { aspect_ratio: '4:5', resolution: '1K' },
          },
        },
      },
    });
  });

  it('should fail only the bad ids of jobs(ids), at their index', async () => {
    const { result } = await run('{ jobs(ids: ["j-ad", "missing", "j-brand"]) { id } }');

    expect(result.data).toEqual({ jobs: [{ id: 'j-ad' }, null, { id: 'j-brand' }] });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.path).toEqual(['jobs', 1]);
    expect(codes(result)).toEqual([ErrorCode.NOT_FOUND]);
  });

  it('should answer null with NOT_FOUND at the path for a missing job', async () => {
    const { result } = await run('{ job(id: "missing") { id } }');

    expect(result.data).toEqual({ job: null });
    expect(result.errors?.[0]?.path).toEqual(['job']);
    expect(codes(result)).toEqual([ErrorCode.NOT_FOUND]);
  });

  it('should report a job Pi returned without a status as an upstream bad response at that field', async () => {
    const { result } = await run('{ job(id: "j-broken") { id status } }');

    expect(result.data).toEqual({ job: null });
    expect(result.errors?.[0]?.path).toEqual(['job', 'status']);
    expect(codes(result)).toEqual([ErrorCode.UPSTREAM_BAD_RESPONSE]);
  });

  it('should answer null for imageGeneration of a job that makes no image', async () => {
    const { result } = await run(
      '{ imageGeneration(id: "j-brand") { id } job(id: "j-brand") { imageGeneration { id } } }',
    );

    expect(result).toEqual({ data: { imageGeneration: null, job: { imageGeneration: null } } });
  });

  it('should map an image generation and load its source generation', async () => {
    const { result } = await run(`{
      imageGeneration(id: "j-edit") {
        id kind status imageUrl prompt
        sourceGeneration { id kind prompt status brand { id } }
        job { resultUrl }
      }
    }`);

    expect(result).toEqual({
      data: {
        imageGeneration: {
          id: 'j-edit',
          kind: 'CAMPAIGN_EDIT',
          status: 'COMPLETED',
          imageUrl: 'https://img.example/edit.png',
          prompt: null,
          // The foreign brand answers 404: the reference is null, not an error.
          sourceGeneration: {
            id: 'j-campaign',
            kind: 'CAMPAIGN_AD',
            prompt: 'Summer',
            status: 'QUEUED',
            brand: null,
          },
          job: { resultUrl: 'https://img.example/edit.png' },
        },
      },
    });
  });

  it('should serve diagnostics only from the diagnostics field', async () => {
    const { result, calls } = await run('{ job(id: "j-ad") { diagnostics } }');

    expect(result.data).toEqual({ job: { diagnostics: [{ step: 'creative_planner' }] } });
    expect(calls.job[0]?.options.expand).toEqual(['diagnostics']);
  });

  it('should map a brand with its DNA and its raw latest job row', async () => {
    const { result } = await run(`{
      brand(id: "${BRAND_ID}") {
        name createdAt layoutRules
        dna { coreSlogan colorPalette assets { kind } raw }
        latestJob { id status createdAt brandId }
      }
    }`);

    expect(result).toEqual({
      data: {
        brand: {
          name: 'example.com',
          createdAt: '2026-01-01T00:00:00.000Z',
          layoutRules: { core_slogan: 'Be an example.' },
          dna: {
            coreSlogan: 'Be an example.',
            colorPalette: ['#111111', '#222222', '#333333', '#444444'],
            assets: [],
            raw: brand.brand_dna,
          },
          latestJob: {
            id: 'j-brand',
            status: 'COMPLETED',
            createdAt: '2025-10-09T08:53:20.000Z',
            brandId: BRAND_ID,
          },
        },
      },
    });
  });

  it("should fetch the latest job separately for a brand served by a job's expansion", async () => {
    const { result, calls } = await run('{ job(id: "j-brand") { brand { latestJob { id } } } }');

    expect(result.data).toEqual({ job: { brand: { latestJob: { id: 'j-brand' } } } });
    expect(calls.brand).toEqual([
      { id: BRAND_ID, options: { expand: ['latest_job'], fields: ['id'] } },
    ]);
  });

  it('should page brands and saved avatars', async () => {
    const { result, calls } = await run(`{
      brands { totalCount hasMore nodes { id } }
      savedAvatars(first: 1, offset: 2) { totalCount hasMore nodes { id label imageUrl createdAt updatedAt } }
    }`);

    expect(result.data).toEqual({
      brands: { totalCount: 1, hasMore: false, nodes: [{ id: BRAND_ID }] },
      savedAvatars: {
        totalCount: 6,
        hasMore: true,
        nodes: [
          {
            id: 'a1',
            label: null,
            imageUrl: 'https://img.example/a1.png',
            createdAt: '2026-02-01T10:00:00.000Z',
            updatedAt: null,
          },
        ],
      },
    });
    expect(calls.upstream).toContain('listSavedAvatars {"limit":1,"offset":2}');
  });

  it('should read a saved avatar, the webhooks and a run', async () => {
    const { result } = await run(`{
      savedAvatar(id: "a1") { id }
      webhooks { id endpointUrl isActive createdAt updatedAt }
      run(id: "r1") {
        id status metadata createdAt
        steps { id action status dependsOn jobId job { status } result error startedAt completedAt }
      }
    }`);

    expect(result).toEqual({
      data: {
        savedAvatar: { id: 'a1' },
        webhooks: [
          {
            id: 'w1',
            endpointUrl: 'https://hooks.example/pi',
            isActive: true,
            createdAt: '2026-02-01T10:00:00.000Z',
            updatedAt: '2026-02-02T10:00:00.000Z',
          },
        ],
        run: {
          id: 'r1',
          status: 'IN_PROGRESS',
          metadata: { pipeline: 'demo' },
          createdAt: '2025-10-09T08:53:20.000Z',
          steps: [
            {
              id: 'extract',
              action: 'BRANDS_EXTRACT',
              status: 'COMPLETED',
              dependsOn: [],
              jobId: 'j-brand',
              job: { status: 'COMPLETED' },
              result: { brand_id: BRAND_ID },
              error: null,
              startedAt: '2025-10-09T08:53:20.000Z',
              completedAt: '2025-10-09T08:54:48.000Z',
            },
            {
              id: 'ad',
              action: 'CAMPAIGNS_GENERATE',
              status: 'PENDING',
              dependsOn: ['extract'],
              jobId: null,
              job: null,
              result: null,
              error: null,
              startedAt: null,
              completedAt: null,
            },
          ],
        },
      },
    });
  });

  it('should answer null with NOT_FOUND for a missing saved avatar and run', async () => {
    const { result } = await run('{ savedAvatar(id: "nope") { id } run(id: "nope") { id } }');

    expect(result.data).toEqual({ savedAvatar: null, run: null });
    expect(codes(result)).toEqual([ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND]);
  });
});
