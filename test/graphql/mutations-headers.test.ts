import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';

// Header propagation: only the allow-list (`PI_FORWARD_HEADERS`, default Pi's BYOK headers) of the
// client's headers reaches Pi; `Authorization` and `Idempotency-Key` keep their own handling.
const EXTRACT =
  'mutation { extractBrand(input: { url: "https://headers.example" }) { job { id } } }';

const clientHeaders = {
  'x-gemini-api-key': 'gemini-byok',
  'x-firecrawl-api-key': 'firecrawl-byok',
  'x-tenant-id': 'tenant-7',
  cookie: 'session=abc',
  'x-forwarded-for': '10.0.0.1',
};

describe('forwarded headers with the default allow-list', async () => {
  const gw = await startTestGateway();
  beforeEach(() => gw.upstream.clear());

  it("should forward only Pi's bring-your-own-key headers on a mutation", async () => {
    const response = await gw.gql(EXTRACT, undefined, clientHeaders);

    expect(response.body.errors).toBeUndefined();
    const sent = gw.upstream.requests[0]?.headers ?? {};
    expect(sent['x-gemini-api-key']).toBe('gemini-byok');
    expect(sent['x-firecrawl-api-key']).toBe('firecrawl-byok');
    expect(sent['x-tenant-id']).toBeUndefined();
    expect(sent.cookie).toBeUndefined();
    expect(sent['x-forwarded-for']).toBeUndefined();
    expect(sent.authorization).toBe(`Bearer ${gw.sim.keys.alpha}`);
  });

  it('should forward them on the reads a mutation makes and on queries too', async () => {
    const created = await gw.gql(
      'mutation { generateImage(input: { prompt: "x" }) { job { id phase } } }',
      undefined,
      clientHeaders,
    );
    const jobId = created.body.data.generateImage.job.id as string;
    await gw.gql('query ($id: ID!) { job(id: $id) { status } }', { id: jobId }, clientHeaders);

    expect(gw.upstream.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'GET']);
    for (const request of gw.upstream.requests) {
      expect(request.headers['x-gemini-api-key']).toBe('gemini-byok');
      expect(request.headers['x-tenant-id']).toBeUndefined();
    }
  });
});

describe('forwarded headers with PI_FORWARD_HEADERS', async () => {
  const gw = await startTestGateway({
    config: {
      piForwardHeaders: loadConfig({ PI_FORWARD_HEADERS: 'X-Tenant-Id' }).piForwardHeaders,
    },
  });
  beforeEach(() => gw.upstream.clear());

  it('should forward exactly the configured headers', async () => {
    await gw.gql(EXTRACT, undefined, clientHeaders);

    const sent = gw.upstream.requests[0]?.headers ?? {};
    expect(sent['x-tenant-id']).toBe('tenant-7');
    expect(sent['x-gemini-api-key']).toBeUndefined();
    expect(sent.cookie).toBeUndefined();
  });
});

describe('PI_FORWARD_HEADERS', () => {
  it('should read a comma-separated, case-insensitive list of header names', () => {
    expect(
      loadConfig({ PI_FORWARD_HEADERS: 'X-Tenant-Id, x-gemini-api-key,X-Tenant-Id' })
        .piForwardHeaders,
    ).toEqual(['x-tenant-id', 'x-gemini-api-key']);
    expect(loadConfig({ PI_FORWARD_HEADERS: 'none' }).piForwardHeaders).toEqual([]);
    expect(loadConfig({}).piForwardHeaders).toBeUndefined();
  });

  it('should refuse headers the gateway sets itself and names that are not header names', () => {
    for (const value of ['Authorization', 'x-a,Idempotency-Key', 'x a', 'x-a,,x-b']) {
      const error = (() => {
        try {
          loadConfig({ PI_FORWARD_HEADERS: value });
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems[0]).toMatch(/^PI_FORWARD_HEADERS: /);
    }
  });
});
