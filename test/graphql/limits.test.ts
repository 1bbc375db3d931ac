import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import type { GqlResponse, TestGateway } from '../helpers/start-test-gateway.js';
import { connectWebSocket } from '../subscriptions-e2e/helpers.js';
import type { Received } from '../subscriptions-e2e/helpers.js';

/** `latestJob { brand { latestJob ... { id } } }`, `levels` fields deep (the `id` leaf included), on a Brand. */
function chain(levels: number): string {
  let selection = 'id';
  for (let level = levels - 1; level >= 1; level -= 1) {
    selection = `${level % 2 === 1 ? 'latestJob' : 'brand'} { ${selection} }`;
  }
  return selection;
}

/** `brand(id:) { latestJob { brand { ... { id } } } }` nested `depth` fields deep (the `id` leaf included). */
function nested(depth: number): string {
  return `brand(id: "${randomUUID()}") { ${chain(depth - 1)} }`;
}

// 25 fields: each `jobs(ids:)` item costs 25, so two aliased lists of 100 ids cost 2 × 2,501.
const JOB_FIELDS = `id type rawType status phase progress createdAt updatedAt resultUrl payload
  brandId imageUrl diagnostics
  brand { id name domain primaryHex secondaryHex logoUrl dna { coreSlogan colorPalette source typographyRules } }`;
const TWO_JOB_LISTS = `query($ids: [ID!]!) {
  a: jobs(ids: $ids) { ${JOB_FIELDS} }
  b: jobs(ids: $ids) { ${JOB_FIELDS} }
}`;

// A page of 100 brands, each following its latest job back to its brand: 1 + 100 × 25 per list.
const BRAND_FAN_OUT = `nodes {
  id name domain
  latestJob {
    id status phase progress
    brand {
      id name
      dna { coreSlogan colorPalette assets { kind url } }
      latestJob { id status imageGeneration { id brand { id } } }
    }
  }
}`;

function ids(count: number): string[] {
  return Array.from({ length: count }, () => randomUUID());
}

function codesOf(response: GqlResponse): unknown[] {
  const errors: Array<{ extensions?: { code?: unknown } }> = response.body.errors ?? [];
  return errors.map((error) => error.extensions?.code);
}

/** Asserts a rejection: HTTP 400, one error with `code` and `message`, no data, no upstream call. */
function expectRejected(
  gateway: TestGateway,
  response: GqlResponse,
  code: string,
  message: string | RegExp,
): void {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors[0]).toMatchObject({ message, extensions: { code } });
  expect(gateway.upstream.requests).toHaveLength(0);
}

/** Asserts the operation passed the limits: no parse or validation error, and Pi was called. */
function expectAccepted(gateway: TestGateway, response: GqlResponse): void {
  expect(codesOf(response)).not.toContain('GRAPHQL_VALIDATION_FAILED');
  expect(codesOf(response)).not.toContain('GRAPHQL_PARSE_FAILED');
  expect(response.body.data).toBeDefined();
  expect(gateway.upstream.requests.length).toBeGreaterThan(0);
}

function errorsOf(
  received: Received,
): Array<{ message?: string; extensions?: { code?: unknown } }> {
  return Array.isArray(received.error) ? received.error : [];
}

describe('operation limits over HTTP', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });

  beforeEach(() => {
    gateway.upstream.clear();
  });

  it('should reject an operation nested 13 deep with GRAPHQL_VALIDATION_FAILED naming MAX_DEPTH', async () => {
    const response = await gateway.gql(`{ ${nested(13)} }`);

    expectRejected(
      gateway,
      response,
      'GRAPHQL_VALIDATION_FAILED',
      'Query depth 13 exceeds the limit of 12 (MAX_DEPTH).',
    );
  });

  it('should run an operation nested 12 deep', async () => {
    const response = await gateway.gql(`{ ${nested(12)} }`);

    expectAccepted(gateway, response);
  });

  it('should count depth through fragments', async () => {
    const response = await gateway.gql(`{ ...Deep } fragment Deep on Query { ${nested(13)} }`);

    expectRejected(gateway, response, 'GRAPHQL_VALIDATION_FAILED', /\(MAX_DEPTH\)\.$/);
  });

  it('should not count fragment spreads and inline fragments as levels of depth', async () => {
    const response = await gateway.gql(
      `{ ...Top } fragment Top on Query { ... on Query { brand(id: "${randomUUID()}") { ...Inner } } }
       fragment Inner on Brand { ... on Brand { ${chain(11)} } }`,
    );

    expectAccepted(gateway, response);
  });

  it('should reject circular fragments without looping', async () => {
    const response = await gateway.gql(
      '{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }',
    );

    expectRejected(gateway, response, 'GRAPHQL_VALIDATION_FAILED', /within itself/);
  });

  it('should reject deeply reused fragments over MAX_COST without expanding them', async () => {
    // Each level spreads the next twice: 2^29 fields if expanded, one pass when costed per fragment.
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, index) =>
      index === levels - 1
        ? `fragment F${index} on Query { __typename }`
        : `fragment F${index} on Query { ...F${index + 1} ... on Query { ...F${index + 1} } }`,
    ).join('\n');
    const started = performance.now();
    const response = await gateway.gql(`{ ...F0 } ${fragments}`);

    expectRejected(
      gateway,
      response,
      'GRAPHQL_VALIDATION_FAILED',
      `Query cost ${2 ** (levels - 1)} exceeds the limit of 5000 (MAX_COST).`,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('should reject 31 aliases of job(id:) naming MAX_ALIASES, and run 30', async () => {
    const aliases = (count: number) =>
      Array.from({ length: count }, (_, index) => `j${index}: job(id: "${randomUUID()}") { id }`);

    const rejected = await gateway.gql(`{ ${aliases(31).join(' ')} }`);
    expectRejected(
      gateway,
      rejected,
      'GRAPHQL_VALIDATION_FAILED',
      'Query has 31 aliases, more than the limit of 30 (MAX_ALIASES).',
    );

    const accepted = await gateway.gql(`{ ${aliases(30).join(' ')} }`);
    expectAccepted(gateway, accepted);
  });

  it('should reject 51 directives naming MAX_DIRECTIVES with a single error', async () => {
    const response = await gateway.gql(`{ ${'__typename @include(if: true) '.repeat(51)} }`);

    expectRejected(
      gateway,
      response,
      'GRAPHQL_VALIDATION_FAILED',
      'Query has 51 directives, more than the limit of 50 (MAX_DIRECTIVES).',
    );
    const fifty = await gateway.gql(`{ ${'__typename @include(if: true) '.repeat(50)} }`);
    expect(fifty.status).toBe(200);
    expect(fifty.body.errors).toBeUndefined();
    expect(fifty.body.data).toEqual({ __typename: 'Query' });
  });

  it('should reject { __typename } × 3,000 with GRAPHQL_PARSE_FAILED naming MAX_TOKENS, fast', async () => {
    const started = performance.now();
    const response = await gateway.gql('{ __typename } '.repeat(3000));
    const elapsedMs = performance.now() - started;

    expectRejected(
      gateway,
      response,
      'GRAPHQL_PARSE_FAILED',
      'Syntax Error: Document contains more than 5000 tokens (MAX_TOKENS). Parsing aborted.',
    );
    // Generous for a loaded CI machine; an unbounded parse and validation would be far slower.
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('should run jobs(ids:) with 100 literal ids and nested fields under MAX_COST', async () => {
    const list = JSON.stringify(ids(100));
    const response = await gateway.gql(
      `{ jobs(ids: ${list}) { id brand { id dna { coreSlogan colorPalette primaryAccentHex } } } }`,
    );

    expectAccepted(gateway, response);
  });

  it('should reject a fan-out of brands(first: 100) over MAX_COST', async () => {
    const response = await gateway.gql(`{
      a: brands(first: 100) { ${BRAND_FAN_OUT} }
      b: brands(first: 100) { ${BRAND_FAN_OUT} }
      c: brands(first: 100) { ${BRAND_FAN_OUT} }
    }`);

    expectRejected(
      gateway,
      response,
      'GRAPHQL_VALIDATION_FAILED',
      'Query cost 7503 exceeds the limit of 5000 (MAX_COST).',
    );
  });

  it('should count the default page of 20 when brands(first:) is omitted', async () => {
    const response = await gateway.gql(`{
      a: brands { ${BRAND_FAN_OUT} } b: brands { ${BRAND_FAN_OUT} } c: brands { ${BRAND_FAN_OUT} }
    }`);

    expectAccepted(gateway, response);
  });

  it('should size jobs(ids: $ids) by the variable: 99 ids pass and 100 are over MAX_COST', async () => {
    const over = await gateway.gql(TWO_JOB_LISTS, { ids: ids(100) });
    expectRejected(
      gateway,
      over,
      'GRAPHQL_VALIDATION_FAILED',
      'Query cost 5002 exceeds the limit of 5000 (MAX_COST).',
    );

    const under = await gateway.gql(TWO_JOB_LISTS, { ids: ids(99) });
    expectAccepted(gateway, under);
  });

  it('should leave out-of-range first to BAD_USER_INPUT rather than the cost limit', async () => {
    const response = await gateway.gql(`{ brands(first: 99999999) { ${BRAND_FAN_OUT} } }`);

    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(gateway.upstream.requests).toHaveLength(0);
  });
});

describe('operation limits over WebSocket', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });

  beforeEach(() => {
    gateway.upstream.clear();
  });

  it('should reject over-limit operations with the HTTP codes and keep the socket usable', async () => {
    const connection = connectWebSocket(gateway.url, gateway.as('alpha'));

    // jobUpdated, brand, then 11 levels: 13 deep.
    const deep = connection.subscribe(
      `subscription { jobUpdated(id: "${randomUUID()}") { brand { ${chain(11)} } } }`,
    );
    await deep.finished;
    expect(deep.state).toBe('error');
    expect(errorsOf(deep)).toEqual([
      expect.objectContaining({
        message: 'Query depth 13 exceeds the limit of 12 (MAX_DEPTH).',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);

    const bomb = connection.subscribe(
      `subscription { jobUpdated(id: "${randomUUID()}") { ${'__typename '.repeat(6000)} } }`,
    );
    await bomb.finished;
    expect(bomb.state).toBe('error');
    expect(errorsOf(bomb)).toEqual([
      expect.objectContaining({
        message:
          'Syntax Error: Document contains more than 5000 tokens (MAX_TOKENS). Parsing aborted.',
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ]);

    const costly = connection.subscribe(TWO_JOB_LISTS, { ids: ids(100) });
    await costly.finished;
    expect(errorsOf(costly)).toEqual([
      expect.objectContaining({
        message: 'Query cost 5002 exceeds the limit of 5000 (MAX_COST).',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
    expect(gateway.upstream.requests).toHaveLength(0);

    const after = connection.subscribe('{ __typename }');
    await after.finished;
    expect(after.state).toBe('complete');
    expect(after.results).toEqual([{ data: { __typename: 'Query' } }]);
  });
});
