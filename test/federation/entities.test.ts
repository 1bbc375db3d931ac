import { Kind, parse, type ObjectTypeDefinitionNode, type StringValueNode } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import { awaitJob, callSimulator, createCompletedBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';

// The gateway as a subgraph, queried the way a router queries it: `_service` and `_entities`.
const gw = await startTestGateway();
const acme = await createCompletedBrandJob(gw.sim, 'alpha', 'https://acme.example');
const globex = await createCompletedBrandJob(gw.sim, 'alpha', 'https://globex.example');
const betaJob = await createCompletedBrandJob(gw.sim, 'beta', 'https://beta-only.example');

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const ENTITY_TYPES = ['Job', 'Brand', 'ImageGeneration', 'SavedAvatar', 'Run'];

const sorted = (values: readonly string[] | undefined) => [...(values ?? [])].sort();
const jobRef = (id: unknown) => ({ __typename: 'Job', id });

/** `_entities` for `representations` as a router sends it: `__typename` and inline fragments per type. */
function entities(representations: unknown[], selection: string) {
  return gw.gql(
    `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { __typename ${selection} }
    }`,
    { representations },
  );
}

async function createImageJob(brandId: string): Promise<string> {
  const { job_id: jobId } = await callSimulator<{ job_id: string }>(
    gw.sim,
    'alpha',
    'POST',
    '/api/v1/images/generations',
    { prompt: 'A launch banner', brand_id: brandId },
  );
  const job = await awaitJob(gw.sim, 'alpha', jobId);
  if (job.status !== 'completed') throw new Error(`image job ${jobId} ended ${job.status}`);
  return jobId;
}

async function createSavedAvatar(): Promise<{ id: string; image_url: string }> {
  const { job_id: jobId } = await callSimulator<{ job_id: string }>(
    gw.sim,
    'alpha',
    'POST',
    '/api/v1/avatars/generate',
    { prompt: 'A friendly barista' },
  );
  await awaitJob(gw.sim, 'alpha', jobId);
  return callSimulator(gw.sim, 'alpha', 'POST', '/api/v1/avatars/save', {
    job_id: jobId,
    label: 'Barista',
  });
}

async function createRun(): Promise<string> {
  const { run_id: runId } = await callSimulator<{ run_id: string }>(
    gw.sim,
    'alpha',
    'POST',
    '/api/v1/runs',
    { steps: [{ id: 'brand', action: 'brands.extract', input: { url: 'https://run.example' } }] },
  );
  return runId;
}

beforeEach(() => gw.upstream.clear());

describe('the subgraph schema', () => {
  it('should publish an SDL with @link to federation v2.4 and @key(fields: "id") on the five entities', async () => {
    const response = await gw.gql('{ _service { sdl } }');

    expect(response.body.errors).toBeUndefined();
    const sdl = response.body.data._service.sdl as string;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.4"');
    const document = parse(sdl);
    const keyed = document.definitions
      .filter((node): node is ObjectTypeDefinitionNode => node.kind === Kind.OBJECT_TYPE_DEFINITION)
      .filter((node) =>
        node.directives?.some(
          (directive) =>
            directive.name.value === 'key' &&
            directive.arguments?.some(
              (argument) =>
                argument.name.value === 'fields' &&
                (argument.value as StringValueNode).value === 'id',
            ),
        ),
      )
      .map((node) => node.name.value);
    expect(keyed.sort()).toEqual([...ENTITY_TYPES].sort());
    expect(sdl).toContain('jobs(');
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should put exactly the five entities in the _Entity union', async () => {
    const response = await gw.gql('{ __type(name: "_Entity") { possibleTypes { name } } }');

    expect(response.body.errors).toBeUndefined();
    const names = (response.body.data.__type.possibleTypes as Array<{ name: string }>).map(
      (type) => type.name,
    );
    expect(names.sort()).toEqual([...ENTITY_TYPES].sort());
  });
});

describe('_entities', () => {
  it('should resolve twenty Job representations selecting brand { name } with twenty job GETs with expand=brand and no brand GET', async () => {
    const hosts = Array.from({ length: 20 }, (_, index) => `entity-${index}.example`);
    const created = await Promise.all(
      hosts.map((host) => createCompletedBrandJob(gw.sim, 'alpha', `https://${host}`)),
    );
    const ids = created.map((job) => job.jobId);
    gw.upstream.clear();

    const response = await entities(ids.map(jobRef), '... on Job { brand { name } }');

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data._entities).toEqual(
      hosts.map((host) => ({ __typename: 'Job', brand: { name: host } })),
    );
    expect(gw.upstream.requests).toHaveLength(20);
    const jobRequests = gw.upstream.matching(/^\/api\/v1\/jobs\//);
    expect(jobRequests).toHaveLength(20);
    expect(sorted(jobRequests.map((request) => request.path))).toEqual(
      sorted(ids.map((id) => `/api/v1/jobs/${id}`)),
    );
    for (const request of jobRequests) {
      expect(request).toMatchObject({
        method: 'GET',
        expand: ['brand'],
        include: [],
        authorization: `Bearer ${gw.sim.keys.alpha}`,
      });
      expect(sorted(request.fields)).toEqual(['id', 'org_id', 'payload', 'result_url', 'type']);
    }
    expect(gw.upstream.matching(/^\/api\/v1\/brands/)).toEqual([]);
  });

  it('should read each distinct id once however often it is represented', async () => {
    const representations = [acme.jobId, globex.jobId, acme.jobId, acme.jobId, globex.jobId].map(
      jobRef,
    );

    const response = await entities(representations, '... on Job { id status }');

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data._entities).toEqual(
      representations.map(({ id }) => ({ __typename: 'Job', id, status: 'COMPLETED' })),
    );
    expect(sorted(gw.upstream.requests.map((request) => request.path))).toEqual(
      sorted([`/api/v1/jobs/${acme.jobId}`, `/api/v1/jobs/${globex.jobId}`]),
    );
    for (const request of gw.upstream.requests) {
      expect(request.expand).toEqual([]);
      expect(sorted(request.fields)).toEqual(['id', 'org_id', 'status']);
    }
  });

  it('should plan each entity type from its own fragment and resolve all five types in one call', async () => {
    const imageJobId = await createImageJob(globex.brandId);
    const avatar = await createSavedAvatar();
    const runId = await createRun();
    gw.upstream.clear();

    const response = await entities(
      [
        jobRef(acme.jobId),
        { __typename: 'Brand', id: acme.brandId },
        { __typename: 'ImageGeneration', id: imageJobId },
        { __typename: 'SavedAvatar', id: avatar.id },
        { __typename: 'Run', id: runId },
      ],
      `... on Job { status }
       ... on Brand { name latestJob { status } }
       ... on ImageGeneration { kind resolution job { type } }
       ... on SavedAvatar { label imageUrl }
       ... on Run { id steps { id } }`,
    );

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data._entities).toEqual([
      { __typename: 'Job', status: 'COMPLETED' },
      { __typename: 'Brand', name: 'acme.example', latestJob: { status: 'COMPLETED' } },
      {
        __typename: 'ImageGeneration',
        kind: 'AD',
        resolution: '1K',
        job: { type: 'AD_GENERATION' },
      },
      { __typename: 'SavedAvatar', label: 'Barista', imageUrl: avatar.image_url },
      { __typename: 'Run', id: runId, steps: [{ id: 'brand' }] },
    ]);

    const byPath = (path: string) => gw.upstream.matching(path);
    const [jobRead] = byPath(`/api/v1/jobs/${acme.jobId}`);
    expect(byPath(`/api/v1/jobs/${acme.jobId}`)).toHaveLength(1);
    expect(jobRead?.expand).toEqual([]);
    expect(sorted(jobRead?.fields)).toEqual(['id', 'org_id', 'status']);

    const [brandRead] = byPath(`/api/v1/brands/${acme.brandId}`);
    expect(byPath(`/api/v1/brands/${acme.brandId}`)).toHaveLength(1);
    expect([...(brandRead?.expand ?? []), ...(brandRead?.include ?? [])]).toEqual(['latest_job']);
    expect(sorted(brandRead?.fields)).toEqual(['id', 'name', 'org_id']);

    const [imageRead] = byPath(`/api/v1/jobs/${imageJobId}`);
    expect(byPath(`/api/v1/jobs/${imageJobId}`)).toHaveLength(1);
    expect(imageRead?.expand).toEqual([]);
    expect(sorted(imageRead?.fields)).toEqual(['id', 'org_id', 'payload', 'type']);

    expect(byPath(`/api/v1/avatars/${avatar.id}`)).toHaveLength(1);
    expect(byPath(`/api/v1/runs/${runId}`)).toHaveLength(1);
    expect(gw.upstream.requests).toHaveLength(5);
  });

  it("should resolve a missing id, another organization's job and a job that makes no image to null without errors", async () => {
    const response = await entities(
      [
        jobRef(MISSING_ID),
        jobRef(betaJob.jobId),
        { __typename: 'ImageGeneration', id: acme.jobId },
        { __typename: 'Brand', id: MISSING_ID },
        { __typename: 'SavedAvatar', id: MISSING_ID },
        { __typename: 'Run', id: MISSING_ID },
        jobRef(acme.jobId),
      ],
      `... on Job { status }
       ... on ImageGeneration { kind }
       ... on Brand { name }
       ... on SavedAvatar { label }
       ... on Run { runStatus: status }`,
    );

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data._entities).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      { __typename: 'Job', status: 'COMPLETED' },
    ]);
    // The Job and the ImageGeneration of one id share one read: the loader merges their plans.
    const acmeReads = gw.upstream.matching(`/api/v1/jobs/${acme.jobId}`);
    expect(acmeReads).toHaveLength(1);
    expect(sorted(acmeReads[0]?.fields)).toEqual(['id', 'org_id', 'status', 'type']);
    expect(gw.upstream.requests).toHaveLength(6);
    expect(gw.upstream.matching(`/api/v1/jobs/${betaJob.jobId}`)[0]).toMatchObject({
      status: 404,
      authorization: `Bearer ${gw.sim.keys.alpha}`,
    });
  });

  it('should fail only the entity whose representation has no usable id, before any upstream call for it', async () => {
    const response = await entities(
      [jobRef(42), jobRef(''), jobRef('x'.repeat(129)), jobRef(acme.jobId)],
      '... on Job { status }',
    );

    expect(response.body.data._entities).toEqual([
      null,
      null,
      null,
      { __typename: 'Job', status: 'COMPLETED' },
    ]);
    expect(
      (response.body.errors as Array<{ path: unknown[]; extensions: { code: string } }>).map(
        (error) => [error.path, error.extensions.code],
      ),
    ).toEqual([
      [['_entities', 0], 'BAD_USER_INPUT'],
      [['_entities', 1], 'BAD_USER_INPUT'],
      [['_entities', 2], 'BAD_USER_INPUT'],
    ]);
    expect(gw.upstream.requests.map((request) => request.path)).toEqual([
      `/api/v1/jobs/${acme.jobId}`,
    ]);
  });

  it('should reject a representation of a type that is not an entity of the schema', async () => {
    const response = await entities([{ __typename: 'Webhook', id: MISSING_ID }], '__typename');

    expect(response.body.data._entities).toEqual([null]);
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].path).toEqual(['_entities', 0]);
    expect(gw.upstream.requests).toEqual([]);
  });
});
