import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createCompletedBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';

// A supergraph run in process: the gateway as the `pi` subgraph (a real HTTP server over the
// simulator), a `campaigns` subgraph defined here that extends `Brand` and points at `Job`, and
// `@apollo/gateway` as the router, forwarding the client's `Authorization` to the subgraphs.

interface Campaign {
  id: string;
  title: string;
  brandId: string;
  jobId: string;
}

interface RouterContext {
  authorization?: string;
}

const CAMPAIGNS_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.4", import: ["@key"])

  type Query {
    campaigns: [Campaign!]!
  }

  type Campaign {
    id: ID!
    title: String!
    brand: Brand!
    job: Job
  }

  type Brand @key(fields: "id") {
    id: ID!
    campaigns: [Campaign!]!
  }

  type Job @key(fields: "id", resolvable: false) {
    id: ID!
  }
`);

const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

const pi = await startTestGateway();
const acme = await createCompletedBrandJob(pi.sim, 'alpha', 'https://acme.example');
const globex = await createCompletedBrandJob(pi.sim, 'alpha', 'https://globex.example');

const campaigns: Campaign[] = [
  { id: 'c1', title: 'Spring launch', brandId: acme.brandId, jobId: acme.jobId },
  { id: 'c2', title: 'Summer sale', brandId: acme.brandId, jobId: globex.jobId },
  { id: 'c3', title: 'Globex week', brandId: globex.brandId, jobId: globex.jobId },
];

const campaignsUrl = await startCampaignsSubgraph();
const piSdl = await fetchServiceSdl(pi.url, pi.as('alpha').authorization);
const routerUrl = await startRouter([
  { name: 'pi', url: pi.url, typeDefs: parse(piSdl) },
  { name: 'campaigns', url: campaignsUrl, typeDefs: CAMPAIGNS_SDL },
]);

async function startCampaignsSubgraph(): Promise<string> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: CAMPAIGNS_SDL,
      resolvers: {
        Query: { campaigns: () => campaigns },
        Campaign: {
          brand: (campaign: Campaign) => ({ __typename: 'Brand', id: campaign.brandId }),
          job: (campaign: Campaign) => ({ __typename: 'Job', id: campaign.jobId }),
        },
        Brand: {
          campaigns: (brand: { id: string }) =>
            campaigns.filter((campaign) => campaign.brandId === brand.id),
        },
      },
    }),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  stops.push(() => server.stop());
  return url;
}

/** What a router's composition step reads from a subgraph: `_service { sdl }`. */
async function fetchServiceSdl(url: string, authorization: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json()) as { data: { _service: { sdl: string } } };
  return body.data._service.sdl;
}

async function startRouter(services: Parameters<typeof composeServices>[0]): Promise<string> {
  const composition = composeServices(services);
  if (composition.errors !== undefined) {
    throw new Error(`composition failed: ${composition.errors.map((e) => e.message).join('; ')}`);
  }
  const gateway = new ApolloGateway({
    supergraphSdl: composition.supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<RouterContext>({
        url,
        fetcher: fetch,
        // What `headers: all: request: - propagate: named: authorization` does in Apollo Router.
        willSendRequest({ request, context }) {
          if (context.authorization !== undefined) {
            request.http?.headers.set('authorization', context.authorization);
          }
        },
      }),
  });
  const router = new ApolloServer<RouterContext>({
    gateway,
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  const { url } = await startStandaloneServer(router, {
    listen: { host: '127.0.0.1', port: 0 },
    context: async ({ req }) =>
      req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization },
  });
  stops.push(() => router.stop());
  return url;
}

/** POSTs an operation to the router as org alpha (or with the given headers). */
async function routerQuery(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = pi.as('alpha'),
  // Tests assert on arbitrary shapes.
): Promise<any> {
  const response = await fetch(routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

const sorted = (values: readonly string[] | undefined) => [...(values ?? [])].sort();

beforeEach(() => pi.upstream.clear());

describe('the gateway in a supergraph', () => {
  it('should answer a query that starts in the gateway and crosses into the campaigns subgraph and back', async () => {
    const body = await routerQuery(
      'query ($id: ID!) { brand(id: $id) { name campaigns { title job { status } } } }',
      { id: acme.brandId },
    );

    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      brand: {
        name: 'acme.example',
        campaigns: [
          { title: 'Spring launch', job: { status: 'COMPLETED' } },
          { title: 'Summer sale', job: { status: 'COMPLETED' } },
        ],
      },
    });

    // One brand read for `brand(id)`, then one job read per referenced job: all with the fields
    // the selection needs, no expansion, and the client's own key.
    const requests = pi.upstream.requests;
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request).toMatchObject({
        method: 'GET',
        expand: [],
        include: [],
        authorization: `Bearer ${pi.sim.keys.alpha}`,
        status: 200,
      });
    }
    const [brandRead] = pi.upstream.matching(`/api/v1/brands/${acme.brandId}`);
    expect(sorted(brandRead?.fields)).toEqual(['id', 'name', 'org_id']);
    const jobReads = pi.upstream.matching(/^\/api\/v1\/jobs\//);
    expect(sorted(jobReads.map((request) => request.path))).toEqual(
      sorted([`/api/v1/jobs/${acme.jobId}`, `/api/v1/jobs/${globex.jobId}`]),
    );
    for (const request of jobReads) {
      expect(sorted(request.fields)).toEqual(['id', 'org_id', 'status']);
    }
  });

  it("should resolve the campaigns subgraph's Brand and Job references with one read per distinct id, brands inside the job reads", async () => {
    const body = await routerQuery(
      '{ campaigns { title brand { name } job { status brand { domain } } } }',
    );

    expect(body.errors).toBeUndefined();
    expect(body.data.campaigns).toEqual([
      {
        title: 'Spring launch',
        brand: { name: 'acme.example' },
        job: { status: 'COMPLETED', brand: { domain: 'acme.example' } },
      },
      {
        title: 'Summer sale',
        brand: { name: 'acme.example' },
        job: { status: 'COMPLETED', brand: { domain: 'globex.example' } },
      },
      {
        title: 'Globex week',
        brand: { name: 'globex.example' },
        job: { status: 'COMPLETED', brand: { domain: 'globex.example' } },
      },
    ]);

    // Three campaigns reference two brands and two jobs: two brand reads (for `Campaign.brand`)
    // and two job reads with expand=brand (the jobs' brands come inside them).
    const brandReads = pi.upstream.matching(/^\/api\/v1\/brands\//);
    expect(sorted(brandReads.map((request) => request.path))).toEqual(
      sorted([`/api/v1/brands/${acme.brandId}`, `/api/v1/brands/${globex.brandId}`]),
    );
    for (const request of brandReads) {
      expect(request.expand).toEqual([]);
      expect(sorted(request.fields)).toEqual(['id', 'name', 'org_id']);
    }
    const jobReads = pi.upstream.matching(/^\/api\/v1\/jobs\//);
    expect(sorted(jobReads.map((request) => request.path))).toEqual(
      sorted([`/api/v1/jobs/${acme.jobId}`, `/api/v1/jobs/${globex.jobId}`]),
    );
    for (const request of jobReads) {
      expect(request.expand).toEqual(['brand']);
      expect(sorted(request.fields)).toEqual([
        'id',
        'org_id',
        'payload',
        'result_url',
        'status',
        'type',
      ]);
    }
    expect(pi.upstream.requests).toHaveLength(4);
    for (const request of pi.upstream.requests) {
      expect(request.authorization).toBe(`Bearer ${pi.sim.keys.alpha}`);
    }
  });

  it("should read Pi with the key of the router's caller, so another organization's brand stays out of reach", async () => {
    const body = await routerQuery(
      'query ($id: ID!) { brand(id: $id) { name campaigns { title } } }',
      { id: acme.brandId },
      pi.as('beta'),
    );

    expect(body.data).toEqual({ brand: null });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(pi.upstream.requests).toHaveLength(1);
    expect(pi.upstream.requests[0]).toMatchObject({
      path: `/api/v1/brands/${acme.brandId}`,
      authorization: `Bearer ${pi.sim.keys.beta}`,
      status: 404,
    });
  });

  it('should make no upstream call when the router forwards no Authorization header', async () => {
    const body = await routerQuery(
      'query ($id: ID!) { brand(id: $id) { name } }',
      { id: acme.brandId },
      {},
    );

    expect(body.data?.brand ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(pi.upstream.requests).toEqual([]);
  });
});
