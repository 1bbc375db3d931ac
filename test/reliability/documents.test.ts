/**
 * RELIABILITY.md, GraphQL document rows not already covered by test/graphql/limits.test.ts and
 * test/unit/schema.test.ts: G2 at scale and per alias, G4 at scale, G6 end to end over both
 * transports, G7 over HTTP, G8 over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import type { GqlResponse } from '../helpers/start-test-gateway.js';
import { toWebSocketUrl } from '../subscriptions-e2e/helpers.js';
import { expectNoLeak } from './expect-no-leak.js';

const gw = await startTestGateway();
const production = await startTestGateway({ config: { nodeEnv: 'production' } });
const betaJobs = await Promise.all(
  Array.from({ length: 5 }, (_, index) =>
    createBrandJob(gw.sim, 'beta', `https://g2-${index}.example`),
  ),
);

beforeEach(() => {
  gw.upstream.clear();
  production.upstream.clear();
});

function codesOf(response: GqlResponse): unknown[] {
  return (response.body.errors ?? []).map(
    (error: { extensions?: { code?: unknown } }) => error.extensions?.code,
  );
}

describe('G2: aliases', () => {
  it('should reject 1,000 aliases of job(id:) with one error naming MAX_ALIASES, before any upstream call', async () => {
    const aliases = Array.from(
      { length: 1000 },
      (_, i) => `j${i}: job(id: "${randomUUID()}") { id }`,
    );

    const response = await gw.gql(`{ ${aliases.join(' ')} }`);

    expect(response.status).toBe(400);
    // The token cap or the alias cap: either refuses it with one error and nothing upstream.
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].message).toMatch(/MAX_ALIASES|MAX_TOKENS/);
    expect(gw.upstream.requests).toEqual([]);
  });

  it("should access-check every allowed alias: another organization's jobs answer NOT_FOUND each, exactly like missing ids", async () => {
    const missing = Array.from({ length: 5 }, () => randomUUID());
    const ids = [...betaJobs, ...missing];
    const query = `{ ${ids.map((id, i) => `j${i}: job(id: "${id}") { id status }`).join(' ')} }`;

    const response = await gw.gql(query, undefined, gw.as('alpha'));

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual(Object.fromEntries(ids.map((_, i) => [`j${i}`, null])));
    const errors: Array<{ path: string[]; message: string; extensions: { code: string } }> =
      response.body.errors;
    expect(errors).toHaveLength(ids.length);
    const byAlias = new Map(errors.map((error) => [error.path[0], error]));
    const shape = (i: number) => {
      const error = byAlias.get(`j${i}`);
      return { code: error?.extensions.code, message: error?.message.replace(ids[i]!, '<id>') };
    };
    for (let i = 0; i < ids.length; i += 1) {
      expect(shape(i)).toEqual({ code: 'NOT_FOUND', message: shape(ids.length - 1).message });
    }
    // Each alias was read with the caller's own key; nothing of beta's answer came back.
    const reads = gw.upstream.matching(/^\/api\/v1\/jobs\//);
    expect(reads).toHaveLength(ids.length);
    expect(new Set(reads.map((read) => read.authorization))).toEqual(
      new Set([gw.as('alpha').authorization]),
    );
    expectNoLeak(gw, response.body, ['beta', 'g2-0.example']);
  });
});

describe('G4: directives', () => {
  it('should reject 10,000 directives quickly with a bounded error list and no upstream call', async () => {
    const started = performance.now();
    const response = await gw.gql(`{ __typename ${'@include(if: true) '.repeat(10_000)} }`);

    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveLength(1);
    expect(codesOf(response)[0]).toMatch(/GRAPHQL_(PARSE|VALIDATION)_FAILED/);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(gw.upstream.requests).toEqual([]);
  });
});

describe('G6: out-of-range and oversized input', () => {
  it('should answer a negative offset and a huge first with BAD_USER_INPUT before any upstream call', async () => {
    const offset = await gw.gql('{ brands(offset: -1) { totalCount } }');
    const first = await gw.gql('{ savedAvatars(first: 99999999) { totalCount } }');

    expect(codesOf(offset)).toEqual(['BAD_USER_INPUT']);
    expect(offset.body.errors[0].message).toContain('"offset"');
    expect(codesOf(first)).toEqual(['BAD_USER_INPUT']);
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should answer 100,000 ids with BAD_USER_INPUT naming ids, before any upstream call', async () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `j${i}`);

    const response = await gw.gql('query ($ids: [ID!]!) { jobs(ids: $ids) { id } }', { ids });

    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors[0].message).toContain('"ids"');
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should refuse a 10 MB string variable with 413 before any upstream call', async () => {
    const response = await gw.gql('query ($q: String) { brands(query: $q) { totalCount } }', {
      q: 'x'.repeat(10 * 1024 * 1024),
    });

    expect(response.status).toBe(413);
    expect(codesOf(response)).toEqual(['BAD_REQUEST']);
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should answer a string argument just under the body limit with BAD_USER_INPUT, never sending it upstream', async () => {
    const response = await gw.gql('query ($q: String) { brands(query: $q) { totalCount } }', {
      q: 'x'.repeat(900_000),
    });

    expect(response.status).toBe(200);
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(response.body).length).toBeLessThan(10_000);
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should close a WebSocket that sends a 10 MB subscribe frame with 1009, before any upstream call', async () => {
    const socket = new WebSocket(toWebSocketUrl(gw.url), 'graphql-transport-ws');
    await once(socket, 'open');
    const closed = once(socket, 'close') as Promise<[number, Buffer]>;
    socket.send(JSON.stringify({ type: 'connection_init', payload: gw.as('alpha') }));
    await once(socket, 'message');

    socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: {
          query: 'query ($q: String) { brands(query: $q) { totalCount } }',
          variables: { q: 'x'.repeat(10 * 1024 * 1024) },
        },
      }),
    );

    expect((await closed)[0]).toBe(1009);
    expect(gw.upstream.requests).toEqual([]);
  });
});

describe('G7: introspection in production over HTTP', () => {
  it.each([
    ['__schema', '{ __schema { queryType { name } } }'],
    ['__type', '{ __type(name: "Job") { fields { name } } }'],
  ])('should refuse %s with GRAPHQL_VALIDATION_FAILED', async (_name, query) => {
    const response = await production.gql(query);

    expect(response.status).toBe(400);
    expect(codesOf(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.body.data).toBeUndefined();
    expect(production.upstream.requests).toEqual([]);
  });

  it('should still answer __typename in production', async () => {
    const response = await production.gql('{ __typename }');

    expect(response.body).toMatchObject({ data: { __typename: 'Query' } });
  });
});

describe('G8: variables', () => {
  const QUERY =
    'query ($id: ID!, $first: Int) { job(id: $id) { id } brands(first: $first) { totalCount } }';

  it.each([
    ['a missing required variable', { first: 1 }],
    ['an object for an ID', { id: { not: 'an id' } }],
    ['a string for an Int', { id: randomUUID(), first: 'ten' }],
    ['a float for an Int', { id: randomUUID(), first: 1.5 }],
    ['null for a required variable', { id: null }],
  ])(
    'should answer %s with 400 BAD_USER_INPUT before any upstream call',
    async (_name, variables) => {
      const response = await gw.gql(QUERY, variables);

      expect(response.status).toBe(400);
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.data).toBeUndefined();
      expectNoLeak(gw, response.body);
      expect(gw.upstream.requests).toEqual([]);
    },
  );
});
