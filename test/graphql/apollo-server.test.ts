import { createServer } from 'node:http';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '../../src/errors/index.js';
import type { GatewayContext } from '../../src/graphql/index.js';
import { createUpstreamRecorder } from '../../src/pi/index.js';
import type { PiApi, PiLoaders } from '../../src/pi/index.js';
import { createApolloServer } from '../../src/server/index.js';
import type { GatewayLog } from '../../src/server/index.js';

type LogCall = Parameters<GatewayLog>;

const schema = makeExecutableSchema({
  typeDefs: 'type Query { broken: String, refused: String, fine: String }',
  resolvers: {
    Query: {
      broken: () => {
        throw new Error('database at http://10.0.0.7:5432 said no');
      },
      refused: () => {
        throw new GatewayError('Job 42 was not found.', { code: ErrorCode.NOT_FOUND });
      },
      fine: (_source: unknown, _args: unknown, context: GatewayContext) => {
        context.upstream.recordRequestId('req_pi_1');
        context.upstream.recordRateLimit({ limit: 10, remaining: 7, reset: 1_700_000_000 });
        context.upstream.recordRateLimit({ limit: 10, remaining: 3, reset: 1_700_000_001 });
        context.upstream.recordRequestId('req_pi_2');
        return 'ok';
      },
    },
  },
});

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function startApollo() {
  const calls: LogCall[] = [];
  const apollo = createApolloServer({
    schema,
    httpServer: createServer(),
    log: (...args) => calls.push(args),
    nodeEnv: 'test',
  });
  await apollo.start();
  stops.push(() => apollo.stop());
  const run = (query: string) =>
    apollo.executeOperation(
      { query },
      {
        contextValue: {
          requestId: 'gateway-request-1',
          upstream: createUpstreamRecorder(),
          // Never called by this schema.
          pi: {} as PiApi,
          loaders: {} as PiLoaders,
        },
      },
    );
  return { calls, run };
}

function singleResult(
  response: Awaited<ReturnType<Awaited<ReturnType<typeof startApollo>>['run']>>,
) {
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('the Apollo server', () => {
  it('should mask an unexpected error and log it with the request id, redacting hosts', async () => {
    const { calls, run } = await startApollo();

    const result = singleResult(await run('{ broken fine }'));

    expect(result.data).toEqual({ broken: null, fine: 'ok' });
    expect(result.errors).toEqual([
      {
        message: 'Internal server error',
        locations: [{ line: 1, column: 3 }],
        path: ['broken'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    const errors = calls.filter(([level]) => level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.[2]).toMatchObject({
      requestId: 'gateway-request-1',
      path: ['broken'],
      error: { name: 'Error', message: 'database at [redacted] said no' },
    });
    expect(JSON.stringify(calls)).not.toContain('10.0.0.7');
  });

  it('should pass errors of the vocabulary through without logging them', async () => {
    const { calls, run } = await startApollo();

    const result = singleResult(await run('{ refused }'));

    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'Job 42 was not found.',
        extensions: { code: 'NOT_FOUND' },
      }),
    ]);
    expect(calls.filter(([level]) => level === 'error')).toEqual([]);
  });

  it("should add the operation's upstream request ids and tightest rate limit to extensions.pi and the headers", async () => {
    const { run } = await startApollo();

    const response = await run('{ fine }');

    expect(singleResult(response).extensions).toEqual({
      pi: {
        requestIds: ['req_pi_1', 'req_pi_2'],
        rateLimit: { limit: 10, remaining: 3, reset: 1_700_000_001 },
      },
    });
    expect(Object.fromEntries(response.http.headers)).toMatchObject({
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '3',
      'x-ratelimit-reset': '1700000001',
    });
  });

  it('should report no upstream calls as empty request ids, a null rate limit and no headers', async () => {
    const { run } = await startApollo();

    const response = await run('{ __typename }');

    expect(singleResult(response).extensions).toEqual({ pi: { requestIds: [], rateLimit: null } });
    expect(response.http.headers.has('x-ratelimit-limit')).toBe(false);
  });
});
