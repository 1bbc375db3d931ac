import { describe, expect, it } from 'vitest';
import {
  createBrandJob,
  awaitJob,
  createCompletedBrandJob,
} from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import type { TestGateway } from '../helpers/start-test-gateway.js';

interface Fixture {
  gw: TestGateway;
  completedJobId: string;
  failedJobId: string;
  brandId: string;
}

async function fixture(quirks: 'docs' | 'impl'): Promise<Fixture> {
  const gw = await startTestGateway({ simulator: { quirks } });
  const completed = await createCompletedBrandJob(gw.sim, 'alpha', 'https://quirks.example');
  const failedJobId = await createBrandJob(gw.sim, 'alpha', 'https://fail.quirks.example');
  await awaitJob(gw.sim, 'alpha', failedJobId);
  return { gw, completedJobId: completed.jobId, failedJobId, brandId: completed.brandId };
}

// Ids and timestamps differ between two simulators; everything else must not.
const QUERIES: Array<{ name: string; query: string; org?: string }> = [
  {
    name: 'a scalar-only job read',
    query: 'query ($job: ID!) { job(id: $job) { status type rawType phase progress } }',
  },
  {
    name: 'a job with its expanded brand',
    query: `query ($job: ID!) { job(id: $job) { status brand { name domain primaryHex secondaryHex
      dna { primaryBackgroundHex colorPalette coreSlogan } } } }`,
  },
  {
    name: 'a failed job',
    query: 'query ($failed: ID!) { job(id: $failed) { status phase progress error { code } } }',
  },
  {
    name: 'a brand with its latest job',
    query:
      'query ($brand: ID!) { brand(id: $brand) { name domain layoutRules latestJob { status type } } }',
  },
  {
    name: 'the brand list',
    query: '{ brands(first: 5) { totalCount hasMore nodes { name domain latestJob { status } } } }',
  },
  {
    name: 'several jobs, one of them missing',
    query: `query ($job: ID!, $failed: ID!) {
      jobs(ids: [$job, $failed, "00000000-0000-4000-8000-000000000000"]) { status } }`,
  },
  {
    name: "another org's job",
    query: 'query ($job: ID!) { job(id: $job) { status } }',
    org: 'beta',
  },
];

const docs = await fixture('docs');
const impl = await fixture('impl');

async function answer(f: Fixture, query: string, org = 'alpha'): Promise<unknown> {
  const response = await f.gw.gql(
    query,
    { job: f.completedJobId, failed: f.failedJobId, brand: f.brandId },
    f.gw.as(org),
  );
  expect(response.status).toBe(200);
  const { data, errors } = response.body as {
    data: unknown;
    errors?: Array<{ path?: unknown; extensions: { code: string } }>;
  };
  // Error messages name ids and carry upstream request ids, which differ between simulators.
  return { data, errors: errors?.map(({ path, extensions }) => ({ path, code: extensions.code })) };
}

describe('quirks mode', () => {
  it.each(QUERIES)(
    'should answer $name the same against the reference implementation',
    async ({ query, org }) => {
      const expected = await answer(docs, query, org);
      const actual = await answer(impl, query, org);

      expect(actual).toEqual(expected);
      // The comparison means something only if the docs-mode answer has data.
      expect(JSON.stringify(expected)).toMatch(/"status":"(COMPLETED|FAILED)"|NOT_FOUND/);
    },
  );

  it('should always send org_id in fields, which the reference implementation needs to find the row', async () => {
    impl.gw.upstream.clear();
    await answer(impl, 'query ($job: ID!) { job(id: $job) { status } }');

    expect(impl.gw.upstream.requests).toHaveLength(1);
    expect(impl.gw.upstream.requests[0]?.fields).toContain('org_id');
  });
});
