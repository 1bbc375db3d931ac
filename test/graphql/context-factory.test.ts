import { afterAll, describe, expect, it } from 'vitest';
import { createPiClient } from '../../src/pi/index.js';
import { createContextFactory, createPassThroughAuthenticator } from '../../src/server/index.js';

// Never called: building a context makes no upstream request.
const client = createPiClient({ baseUrl: 'http://127.0.0.1:9' });
afterAll(() => client.close());

const rejection = async (
  promise: Promise<unknown>,
): Promise<{ message: string; extensions: Record<string, unknown> }> => {
  try {
    await promise;
  } catch (error) {
    return error as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
};

describe('createContextFactory', () => {
  it('should build a fresh context per operation around the caller credential', async () => {
    const createContext = createContextFactory({ client, operationDeadlineMs: 1000 });

    const a = await createContext({ authorization: 'Bearer pi_test_alpha', requestId: 'r-1' });
    const b = await createContext({ authorization: 'Bearer pi_test_alpha' });

    expect(a.requestId).toBe('r-1');
    expect(b.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.pi.credential.authorization()).toBe('Bearer pi_test_alpha');
    expect(a.pi.credential.fingerprint).toBe(b.pi.credential.fingerprint);
    expect(a.upstream).not.toBe(b.upstream);
    expect(a.loaders).not.toBe(b.loaders);
    expect(a.loaders.job).not.toBe(b.loaders.job);
  });

  it('should fall back to PI_API_KEY only when there is no Authorization header', async () => {
    const createContext = createContextFactory({
      client,
      authenticator: createPassThroughAuthenticator('pi_server'),
      operationDeadlineMs: 1000,
    });

    expect((await createContext({ authorization: undefined })).pi.credential.authorization()).toBe(
      'Bearer pi_server',
    );
    expect(
      (await createContext({ authorization: 'Bearer pi_caller' })).pi.credential.authorization(),
    ).toBe('Bearer pi_caller');
    expect((await rejection(createContext({ authorization: 'Basic abc' }))).extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('should refuse a missing or malformed credential with UNAUTHENTICATED and HTTP 401', async () => {
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
      const error = await rejection(createContext({ authorization }));
      expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
      if (authorization !== undefined && authorization.length > 'Bearer '.length) {
        expect(error.message).not.toContain(authorization);
      }
    }
  });

  it('should use the given authenticator, and build contexts synchronously for its principals', async () => {
    const createContext = createContextFactory({
      client,
      authenticator: createPassThroughAuthenticator('pi_from_authenticator'),
      operationDeadlineMs: 1000,
    });

    const principal = await createContext.authenticate(undefined);
    const context = createContext.forCredential(principal.credential, { requestId: 'ws-1' });

    expect(principal.credential.authorization()).toBe('Bearer pi_from_authenticator');
    expect(context.requestId).toBe('ws-1');
    expect(context.pi.credential).toBe(principal.credential);
    expect((await createContext({ authorization: undefined })).pi.credential).toBe(
      principal.credential,
    );
  });
});
