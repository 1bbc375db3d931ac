import { afterAll, describe, expect, it } from 'vitest';
import { createPiClient } from '../../src/pi/index.js';
import { createContextFactory } from '../../src/server/index.js';

// Never called: building a context makes no upstream request.
const client = createPiClient({ baseUrl: 'http://127.0.0.1:9' });
afterAll(() => client.close());

const thrown = (fn: () => unknown): { message: string; extensions: Record<string, unknown> } => {
  try {
    fn();
  } catch (error) {
    return error as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected a throw');
};

describe('createContextFactory', () => {
  it('should build a fresh context per operation around the caller credential', () => {
    const createContext = createContextFactory({ client, operationDeadlineMs: 1000 });

    const a = createContext({ authorization: 'Bearer pi_test_alpha', requestId: 'r-1' });
    const b = createContext({ authorization: 'Bearer pi_test_alpha' });

    expect(a.requestId).toBe('r-1');
    expect(b.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.pi.credential.authorization()).toBe('Bearer pi_test_alpha');
    expect(a.pi.credential.fingerprint).toBe(b.pi.credential.fingerprint);
    expect(a.upstream).not.toBe(b.upstream);
    expect(a.loaders).not.toBe(b.loaders);
    expect(a.loaders.job).not.toBe(b.loaders.job);
  });

  it('should fall back to PI_API_KEY only when there is no Authorization header', () => {
    const createContext = createContextFactory({
      client,
      piApiKey: 'pi_server',
      operationDeadlineMs: 1000,
    });

    expect(createContext({ authorization: undefined }).pi.credential.authorization()).toBe(
      'Bearer pi_server',
    );
    expect(createContext({ authorization: 'Bearer pi_caller' }).pi.credential.authorization()).toBe(
      'Bearer pi_caller',
    );
    expect(thrown(() => createContext({ authorization: 'Basic abc' })).extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('should refuse a missing or malformed credential with UNAUTHENTICATED and HTTP 401', () => {
    const createContext = createContextFactory({ client, operationDeadlineMs: 1000 });

    for (const authorization of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'bearer pi_x',
      'Bearer a b',
      'pi_test_alpha',
    ]) {
      const error = thrown(() => createContext({ authorization }));
      expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
      if (authorization !== undefined && authorization.length > 'Bearer '.length) {
        expect(error.message).not.toContain(authorization);
      }
    }
  });
});
