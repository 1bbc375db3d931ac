import { beforeEach, describe, expect, it } from 'vitest';
import { callSimulator, createCompletedBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';

// The acceptance tests: the selection a client writes decides the exact REST calls.
const gw = await startTestGateway();
const acme = await createCompletedBrandJob(gw.sim, 'alpha', 'https://acme.example');
const acmeBrand = await callSimulator<{ name: string; primary_hex: string }>(
  gw.sim,
  'alpha',
  'GET',
  `/api/v1/brands/${acme.brandId}`,
);

const sorted = (values: readonly string[] | undefined) => [...(values ?? [])].sort();

beforeEach(() => gw.upstream.clear());

describe('query planning against the simulator', () => {
  it('should read a scalar-only job selection with one GET carrying just the fields it needs', async () => {
    const response = await gw.gql('query ($id: ID!) { job(id: $id) { id status } }', {
      id: acme.jobId,
    });

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ job: { id: acme.jobId, status: 'COMPLETED' } });
    expect(gw.upstream.requests).toHaveLength(1);
    const [request] = gw.upstream.requests;
    expect(request).toMatchObject({
      method: 'GET',
      path: `/api/v1/jobs/${acme.jobId}`,
      expand: [],
      include: [],
      authorization: `Bearer ${gw.sim.keys.alpha}`,
    });
    expect(sorted(request?.fields)).toEqual(['id', 'org_id', 'status']);
  });

  it('should serve a job and its brand from one GET with expand=brand', async () => {
    const response = await gw.gql(
      'query ($id: ID!) { job(id: $id) { status brand { name primaryHex } } }',
      {
        id: acme.jobId,
      },
    );

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      job: {
        status: 'COMPLETED',
        brand: { name: acmeBrand.name, primaryHex: acmeBrand.primary_hex },
      },
    });
    expect(acmeBrand.name).toBe('acme.example');
    expect(gw.upstream.requests).toHaveLength(1);
    expect(gw.upstream.requests[0]).toMatchObject({
      method: 'GET',
      path: `/api/v1/jobs/${acme.jobId}`,
      expand: ['brand'],
      include: [],
    });
    expect(gw.upstream.matching(/^\/api\/v1\/brands/)).toEqual([]);
  });

  it('should list brands with their latest jobs in one GET with the latest_job expansion', async () => {
    const response = await gw.gql('{ brands(first: 20) { nodes { name latestJob { status } } } }');

    expect(response.body.errors).toBeUndefined();
    const nodes = response.body.data.brands.nodes as Array<{
      name: string;
      latestJob: { status: string } | null;
    }>;
    expect(nodes).toContainEqual({ name: 'acme.example', latestJob: { status: 'COMPLETED' } });
    const listed = await callSimulator<{ data: Array<{ name: string }> }>(
      gw.sim,
      'alpha',
      'GET',
      '/api/v1/brands?limit=20',
    );
    expect(nodes.map((node) => node.name)).toEqual(listed.data.map((brand) => brand.name));

    expect(gw.upstream.requests).toHaveLength(1);
    const [request] = gw.upstream.requests;
    expect(request).toMatchObject({ method: 'GET', path: '/api/v1/brands' });
    expect([...(request?.expand ?? []), ...(request?.include ?? [])]).toEqual(['latest_job']);
    expect(request?.query.get('limit')).toBe('20');
    expect(gw.upstream.matching(/^\/api\/v1\/jobs\//)).toEqual([]);
  });

  it('should merge two aliases of the same job into one GET', async () => {
    const response = await gw.gql(
      'query ($id: ID!) { a: job(id: $id) { status } b: job(id: $id) { status brand { name } } }',
      { id: acme.jobId },
    );

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      a: { status: 'COMPLETED' },
      b: { status: 'COMPLETED', brand: { name: 'acme.example' } },
    });
    expect(gw.upstream.requests).toHaveLength(1);
    expect(gw.upstream.requests[0]).toMatchObject({
      path: `/api/v1/jobs/${acme.jobId}`,
      expand: ['brand'],
    });
  });

  it('should read twenty jobs with their brands in twenty job GETs and no brand GET', async () => {
    const hosts = Array.from({ length: 20 }, (_, index) => `shop-${index}.example`);
    const created = await Promise.all(
      hosts.map((host) => createCompletedBrandJob(gw.sim, 'alpha', `https://${host}`)),
    );
    const ids = created.map((job) => job.jobId);
    gw.upstream.clear();

    const response = await gw.gql(
      'query ($ids: [ID!]!) { jobs(ids: $ids) { status brand { name } } }',
      { ids },
    );

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.jobs).toEqual(
      hosts.map((host) => ({ status: 'COMPLETED', brand: { name: host } })),
    );
    const jobRequests = gw.upstream.matching(/^\/api\/v1\/jobs\//);
    expect(jobRequests).toHaveLength(20);
    expect(gw.upstream.requests).toHaveLength(20);
    expect(sorted(jobRequests.map((request) => request.path))).toEqual(
      sorted(ids.map((id) => `/api/v1/jobs/${id}`)),
    );
    for (const request of jobRequests)
      expect(request).toMatchObject({ method: 'GET', expand: ['brand'] });
    expect(gw.upstream.matching(/^\/api\/v1\/brands/)).toEqual([]);
  });
});
