import { describe, expect, it } from 'vitest';
import type { GatewayContext, LiveOperation } from '../../src/graphql/context.js';
import { createLazyContext } from '../../src/server/create-lazy-context.js';

function fakeContext(requestId: string): GatewayContext {
  return {
    pi: { credential: { fingerprint: 'f' } },
    loaders: {},
    upstream: {},
    requestId,
  } as unknown as GatewayContext;
}

describe('createLazyContext', () => {
  it('should build nothing until a Pi member is read, then build once with its own request id', () => {
    const builds: string[] = [];
    const live = { signal: new AbortController().signal } as LiveOperation;
    const context = createLazyContext((requestId) => {
      builds.push(requestId);
      return fakeContext(requestId);
    }, live);

    expect(context.live).toBe(live);
    expect(builds).toEqual([]);
    const { pi, loaders } = context;
    expect(context.pi).toBe(pi);
    expect(context.loaders).toBe(loaders);
    expect(builds).toEqual([context.requestId]);
    expect(context.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
