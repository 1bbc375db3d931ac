/**
 * RELIABILITY.md, HTTP rows not already covered by test/graphql/http.test.ts: H4 (mutation over
 * GET), H5 (form POSTs), H8 (operation selection) and H9 (persisted queries). Every rejection is
 * checked for "no upstream call" and for a response free of stacks, hosts and keys.
 */
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { expectNoLeak } from './expect-no-leak.js';

const gw = await startTestGateway();

// Tests assert on arbitrary shapes.
const json = (response: Response): Promise<any> => response.json() as Promise<any>;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const EXTRACT = 'mutation { extractBrand(input: { url: "https://h4.example" }) { job { id } } }';

beforeEach(() => gw.upstream.clear());

function get(params: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${gw.url}?${new URLSearchParams(params)}`, {
    headers: { ...gw.as('alpha'), 'apollo-require-preflight': 'true', ...headers },
  });
}

function post(body: string, contentType = 'application/json') {
  return fetch(gw.url, {
    method: 'POST',
    headers: { ...gw.as('alpha'), 'content-type': contentType },
    body,
  });
}

describe('H4: a mutation over GET', () => {
  it('should answer 405 and write nothing upstream', async () => {
    const response = await get({ query: EXTRACT });
    const body = await json(response);

    expect(response.status).toBe(405);
    expect(body.errors[0].message).toMatch(/only support query operations/);
    expect(body.data).toBeUndefined();
    expectNoLeak(gw, body);
    expect(gw.upstream.requests).toEqual([]);
  });
});

describe('H5: form POSTs without a preflight header (CSRF)', () => {
  it.each([
    ['application/x-www-form-urlencoded', `query=${encodeURIComponent(EXTRACT)}`],
    [
      'multipart/form-data; boundary=x',
      `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${EXTRACT}\r\n--x--\r\n`,
    ],
  ])('should answer a %s POST with 400 and not execute it', async (contentType, body) => {
    const response = await post(body, contentType);
    const parsed = await json(response);

    expect(response.status).toBe(400);
    expect(parsed.errors[0].message).toContain('Cross-Site Request Forgery');
    expectNoLeak(gw, parsed);
    expect(gw.upstream.requests).toEqual([]);
  });
});

describe('H8: choosing the operation', () => {
  const TWO = 'query A { brands { totalCount } } query B { webhooks { id } }';

  it.each([
    ['an unknown operationName', { query: TWO, operationName: 'C' }],
    ['several operations and none named', { query: TWO }],
    [
      'an operationName for a document with one anonymous operation',
      { query: '{ webhooks { id } }', operationName: 'A' },
    ],
  ])('should answer %s with 400 before any upstream call', async (_name, payload) => {
    const response = await post(JSON.stringify(payload));
    const body = await json(response);

    expect(response.status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expectNoLeak(gw, body);
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should run the named one of several operations', async () => {
    const response = await post(JSON.stringify({ query: TWO, operationName: 'B' }));

    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.errors).toBeUndefined();
    expect(body).toMatchObject({ data: { webhooks: expect.any(Array) } });
    expect(gw.upstream.requests.map((request) => request.path)).toEqual(['/api/v1/webhooks']);
  });
});

describe('H9: automatic persisted queries', () => {
  const QUERY = '{ webhooks { id } }';

  it('should answer an unknown hash with PERSISTED_QUERY_NOT_FOUND and no upstream call', async () => {
    const response = await post(
      JSON.stringify({
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ never sent }') } },
      }),
    );
    const body = await json(response);

    expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(body.data).toBeUndefined();
    expectNoLeak(gw, body);
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should refuse a hash that does not match the query with 400 and no upstream call', async () => {
    const response = await post(
      JSON.stringify({
        query: QUERY,
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } },
      }),
    );
    const body = await json(response);

    expect(response.status).toBe(400);
    // Apollo raises it without a code: it must read as the client's error, not a masked 500.
    expect(body.errors).toEqual([
      { message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } },
    ]);
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should refuse an unsupported persisted-query version with 400', async () => {
    const response = await post(
      JSON.stringify({
        query: QUERY,
        extensions: { persistedQuery: { version: 2, sha256Hash: sha256(QUERY) } },
      }),
    );

    expect(response.status).toBe(400);
    expect((await json(response)).errors).toEqual([
      { message: 'Unsupported persisted query version', extensions: { code: 'BAD_REQUEST' } },
    ]);
    expect(gw.upstream.requests).toEqual([]);
  });

  it('should register a query with its right hash and then run it by hash alone over GET', async () => {
    const persisted = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(QUERY) } });
    const registered = await post(
      JSON.stringify({ query: QUERY, extensions: JSON.parse(persisted) }),
    );
    expect(registered.status).toBe(200);

    const byHash = await get({ extensions: persisted });

    expect(byHash.status).toBe(200);
    const body = await json(byHash);
    expect(body.errors).toBeUndefined();
    expect(body).toMatchObject({ data: { webhooks: expect.any(Array) } });
    expect(gw.upstream.requests).toHaveLength(2);
  });
});
