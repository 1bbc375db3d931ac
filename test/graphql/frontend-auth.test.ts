import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { afterAll, afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createBrandJob } from '../helpers/simulator-requests.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { connectWebSocket, jobEvents } from '../subscriptions-e2e/helpers.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const ISSUER = 'https://auth.example.test/';
const AUDIENCE = 'pi-gateway';
// The simulator's default keys: org `alpha` is `pi_test_alpha`, org `beta` is `pi_test_beta`.
const PI_API_KEYS = { acme: 'pi_test_alpha', globex: 'pi_test_beta' };
const JOB_QUERY = 'query ($id: ID!) { job(id: $id) { id status } }';
const JOB_UPDATED = 'subscription ($id: ID!) { jobUpdated(id: $id) { status } }';

const secretKey = new TextEncoder().encode(SECRET);
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An HS256 token for `org`, valid for 5 minutes, with the gateway's issuer and audience. */
async function hsToken(org: string | undefined, edit?: (jwt: SignJWT) => SignJWT): Promise<string> {
  const jwt = new SignJWT(org === undefined ? { sub: 'user-1' } : { sub: 'user-1', org })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(nowSeconds() + 300);
  return (edit ? edit(jwt) : jwt).sign(secretKey);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// Every token any test sends: none may show up in a response or a log line.
const sentTokens: string[] = [];
async function remember(token: Promise<string>): Promise<string> {
  const value = await token;
  sentTokens.push(value);
  return value;
}

function expectNoTokenIn(text: string): void {
  for (const token of sentTokens) {
    expect(text).not.toContain(token);
    // The signature alone identifies a token too.
    const signature = token.split('.')[2];
    if (signature !== undefined && signature.length > 8) expect(text).not.toContain(signature);
  }
}

const gw = await startTestGateway({
  defaultOrg: null,
  config: {
    authJwtSecret: SECRET,
    authJwtIssuer: ISSUER,
    authJwtAudience: AUDIENCE,
    piApiKeys: PI_API_KEYS,
  },
});
const alphaJob = await createBrandJob(gw.sim, 'alpha');

beforeEach(() => gw.upstream.clear());
afterAll(() => {
  expectNoTokenIn(JSON.stringify(gw.logs));
});

describe('frontend mode over HTTP (HS256)', () => {
  it("should read the organization's data with the organization's Pi key", async () => {
    const token = await remember(hsToken('acme'));

    const response = await gw.gql(JOB_QUERY, { id: alphaJob }, bearer(token));

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.job.id).toBe(alphaJob);
    expect(gw.upstream.requests).toHaveLength(1);
    expect(gw.upstream.requests[0]?.authorization).toBe('Bearer pi_test_alpha');
    expectNoTokenIn(JSON.stringify(gw.upstream.requests.map((request) => request.headers)));
  });

  it("should answer NOT_FOUND when another organization's token asks for the job", async () => {
    const token = await remember(hsToken('globex'));

    const response = await gw.gql(JOB_QUERY, { id: alphaJob }, bearer(token));

    expect(response.body.data).toEqual({ job: null });
    expect(response.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(gw.upstream.requests.map((request) => request.authorization)).toEqual([
      'Bearer pi_test_beta',
    ]);
  });

  it('should refuse every missing or invalid token with 401 UNAUTHENTICATED and no upstream call', async () => {
    const otherSecret = new TextEncoder().encode('another-secret-of-at-least-32-characters');
    const unsecured = new UnsecuredJWT({ org: 'acme' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime(nowSeconds() + 300)
      .encode();
    sentTokens.push(unsecured);
    const headers: Record<string, Record<string, string | null>> = {
      'no header': { authorization: null },
      'not Bearer': { authorization: 'Basic dXNlcjpwYXNz' },
      garbage: bearer('not-a-jwt'),
      'three garbage parts': bearer('abc.def.ghi'),
      'a raw Pi key': bearer('pi_test_alpha'),
      expired: bearer(
        await remember(hsToken('acme', (jwt) => jwt.setExpirationTime(nowSeconds() - 60))),
      ),
      'not yet valid': bearer(
        await remember(hsToken('acme', (jwt) => jwt.setNotBefore(nowSeconds() + 600))),
      ),
      'wrong signature': bearer(
        await remember(
          new SignJWT({ org: 'acme' })
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer(ISSUER)
            .setAudience(AUDIENCE)
            .setExpirationTime(nowSeconds() + 300)
            .sign(otherSecret),
        ),
      ),
      'wrong issuer': bearer(
        await remember(hsToken('acme', (jwt) => jwt.setIssuer('https://evil.test/'))),
      ),
      'wrong audience': bearer(
        await remember(hsToken('acme', (jwt) => jwt.setAudience('other-app'))),
      ),
      'alg none': bearer(unsecured),
      'no exp': bearer(
        await remember(
          new SignJWT({ org: 'acme' })
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer(ISSUER)
            .setAudience(AUDIENCE)
            .sign(secretKey),
        ),
      ),
      'a non-string org claim': bearer(
        await remember(
          new SignJWT({ org: ['acme'] })
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer(ISSUER)
            .setAudience(AUDIENCE)
            .setExpirationTime(nowSeconds() + 300)
            .sign(secretKey),
        ),
      ),
      'an org without a key (and no PI_API_KEY)': bearer(await remember(hsToken('initech'))),
    };

    const outcomes = await Promise.all(
      Object.entries(headers).map(async ([name, header]) => {
        const response = await gw.gql(JOB_QUERY, { id: alphaJob }, header);
        expectNoTokenIn(JSON.stringify(response.body));
        return [name, response.status, response.body.errors?.[0]?.extensions?.code] as const;
      }),
    );

    expect(outcomes).toEqual(
      Object.keys(headers).map((name) => [name, 401, 'UNAUTHENTICATED'] as const),
    );
    expect(gw.upstream.requests).toHaveLength(0);
  });

  it('should name the reason without quoting the token', async () => {
    const expired = await remember(
      hsToken('acme', (jwt) => jwt.setExpirationTime(nowSeconds() - 60)),
    );
    const orphan = await remember(hsToken('initech'));

    const [expiredResponse, orphanResponse, rawKeyResponse] = await Promise.all([
      gw.gql(JOB_QUERY, { id: alphaJob }, bearer(expired)),
      gw.gql(JOB_QUERY, { id: alphaJob }, bearer(orphan)),
      gw.gql(JOB_QUERY, { id: alphaJob }, bearer('pi_test_alpha')),
    ]);

    expect(expiredResponse.body.errors[0].message).toBe('The token has expired.');
    expect(orphanResponse.body.errors[0].message).toBe(
      'No Pi key is configured for this organization.',
    );
    expect(rawKeyResponse.body.errors[0].message).not.toContain('pi_test_alpha');
    expect(gw.upstream.requests).toHaveLength(0);
  });

  it('should use PI_API_KEY for organizations without their own key, and never without a token', async () => {
    const gateway = await startTestGateway({
      defaultOrg: null,
      config: {
        authJwtSecret: SECRET,
        piApiKey: 'pi_test_beta',
        piApiKeys: { acme: 'pi_test_alpha' },
      },
    });
    const betaJob = await createBrandJob(gateway.sim, 'beta');
    const unlisted = await remember(hsToken('initech'));
    const noOrg = await remember(hsToken(undefined));

    // One after the other: two reads of one Pi key in flight together would share one call.
    const listed = await gateway.gql(
      JOB_QUERY,
      { id: betaJob },
      bearer(await remember(hsToken('acme'))),
    );
    const fallback = await gateway.gql(JOB_QUERY, { id: betaJob }, bearer(unlisted));
    const withoutOrg = await gateway.gql(JOB_QUERY, { id: betaJob }, bearer(noOrg));
    const anonymous = await gateway.gql(JOB_QUERY, { id: betaJob });

    expect(listed.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(fallback.body.data.job.id).toBe(betaJob);
    expect(withoutOrg.body.data.job.id).toBe(betaJob);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(gateway.upstream.requests.map((request) => request.authorization)).toEqual([
      'Bearer pi_test_alpha',
      'Bearer pi_test_beta',
      'Bearer pi_test_beta',
    ]);
  });
});

describe('frontend mode with a JSON Web Key Set', () => {
  const rsa = generateKeyPair('RS256', { extractable: true });
  const ec = generateKeyPair('ES256', { extractable: true });
  const ed = generateKeyPair('EdDSA', { extractable: true });
  let tmp: string | undefined;

  afterEach(async () => {
    if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
    tmp = undefined;
  });

  async function publicJwk(
    pair: Promise<{ publicKey: CryptoKey }>,
    alg: string,
    kid: string,
  ): Promise<JWK> {
    return { ...(await exportJWK((await pair).publicKey)), alg, kid, use: 'sig' };
  }

  async function signed(
    pair: Promise<{ privateKey: CryptoKey }>,
    alg: string,
    kid: string,
    org = 'acme',
  ): Promise<string> {
    return remember(
      new SignJWT({ org })
        .setProtectedHeader({ alg, kid })
        .setExpirationTime(nowSeconds() + 300)
        .sign((await pair).privateKey),
    );
  }

  /** Serves `{ keys }` on 127.0.0.1 and counts the fetches; stopped when the test ends. */
  async function serveKeySet(
    keys: JWK[],
  ): Promise<{ url: string; fetches: () => number; stop: () => Promise<void> }> {
    let fetches = 0;
    const server = createServer((_req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }));
    onTestFinished(stop);
    return { url: `http://127.0.0.1:${port}/.well-known/jwks.json`, fetches: () => fetches, stop };
  }

  it('should verify RS256 tokens against a key set fetched from a URL', async () => {
    const keySet = await serveKeySet([await publicJwk(rsa, 'RS256', 'rsa-1')]);
    const gateway = await startTestGateway({
      defaultOrg: null,
      config: { authJwks: keySet.url, piApiKeys: PI_API_KEYS },
    });
    const jobId = await createBrandJob(gateway.sim, 'alpha');
    const otherPair = generateKeyPair('RS256');

    const ok = await gateway.gql(
      JOB_QUERY,
      { id: jobId },
      bearer(await signed(rsa, 'RS256', 'rsa-1')),
    );
    const again = await gateway.gql(
      JOB_QUERY,
      { id: jobId },
      bearer(await signed(rsa, 'RS256', 'rsa-1')),
    );
    const forged = await gateway.gql(
      JOB_QUERY,
      { id: jobId },
      bearer(await signed(otherPair, 'RS256', 'rsa-1')),
    );
    const symmetric = await gateway.gql(JOB_QUERY, { id: jobId }, bearer(await hsToken('acme')));

    expect(ok.body.data.job.id).toBe(jobId);
    expect(again.body.data.job.id).toBe(jobId);
    expect(keySet.fetches()).toBe(1);
    expect([forged.status, forged.body.errors[0].extensions.code]).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    expect([symmetric.status, symmetric.body.errors[0].extensions.code]).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    expect(gateway.upstream.requests).toHaveLength(2);
    expectNoTokenIn(JSON.stringify([forged.body, symmetric.body, gateway.logs]));
  });

  it('should refuse tokens with UNAUTHENTICATED and log a warning when the key set URL is down', async () => {
    const keySet = await serveKeySet([]);
    await keySet.stop();
    const gateway = await startTestGateway({
      defaultOrg: null,
      config: { authJwks: keySet.url, piApiKeys: PI_API_KEYS },
    });

    const token = await signed(rsa, 'RS256', 'rsa-1');
    const response = await gateway.gql(JOB_QUERY, { id: alphaJob }, bearer(token));

    expect(response.status).toBe(401);
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(gateway.upstream.requests).toHaveLength(0);
    expect(
      gateway.logs.some((entry) => entry.level === 'warn' && /Key Set/.test(entry.message)),
    ).toBe(true);
    expectNoTokenIn(JSON.stringify(gateway.logs));
  });

  it('should verify ES256 and EdDSA tokens against a key set file read at start-up', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'jwks-'));
    const file = join(tmp, 'jwks.json');
    await writeFile(
      file,
      JSON.stringify({
        keys: [await publicJwk(ec, 'ES256', 'ec-1'), await publicJwk(ed, 'EdDSA', 'ed-1')],
      }),
    );
    const gateway = await startTestGateway({
      defaultOrg: null,
      config: { authJwks: file, piApiKeys: PI_API_KEYS },
    });
    const jobId = await createBrandJob(gateway.sim, 'beta');

    const [es, eddsa, wrongOrg] = await Promise.all([
      gateway.gql(JOB_QUERY, { id: jobId }, bearer(await signed(ec, 'ES256', 'ec-1', 'globex'))),
      gateway.gql(JOB_QUERY, { id: jobId }, bearer(await signed(ed, 'EdDSA', 'ed-1', 'globex'))),
      gateway.gql(JOB_QUERY, { id: jobId }, bearer(await signed(ec, 'ES256', 'ec-1', 'acme'))),
    ]);

    expect(es.body.data.job.id).toBe(jobId);
    expect(eddsa.body.data.job.id).toBe(jobId);
    expect(wrongOrg.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('should stop start-up naming AUTH_JWKS, never quoting the file, when the key set file is bad', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'jwks-'));
    const notJson = join(tmp, 'not-json.json');
    const notKeySet = join(tmp, 'not-key-set.json');
    await writeFile(notJson, '{"keys": SECRET-PRIVATE-MATERIAL');
    await writeFile(notKeySet, '{"keys": "SECRET-PRIVATE-MATERIAL"}');

    const failures = await Promise.all(
      [notJson, notKeySet, join(tmp, 'missing.json')].map((file) =>
        startTestGateway({ config: { authJwks: file, piApiKeys: PI_API_KEYS } }).then(
          () => new Error('started'),
          (error: unknown) => error as Error,
        ),
      ),
    );

    for (const failure of failures) {
      expect(failure.name).toBe('ConfigError');
      expect(failure.message).toContain('AUTH_JWKS');
      expect(failure.message).not.toContain('SECRET-PRIVATE-MATERIAL');
    }
  });
});

describe('frontend mode over WebSocket', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should subscribe to jobUpdated with a valid token in connection_init', async () => {
    const jobId = await createBrandJob(gw.sim, 'alpha');
    const connection = connectWebSocket(gw.url, bearer(await remember(hsToken('acme'))));

    const received = connection.subscribe(JOB_UPDATED, { id: jobId });
    await received.finished;

    expect(received.state).toBe('complete');
    expect(jobEvents(received).at(-1)).toEqual({ status: 'COMPLETED' });
    expect(gw.upstream.requests.length).toBeGreaterThan(0);
    expect(
      gw.upstream.requests.every((request) => request.authorization === 'Bearer pi_test_alpha'),
    ).toBe(true);
  });

  it('should close the socket with 4403 for a missing or invalid token, before any upstream call', async () => {
    const expired = await remember(
      hsToken('acme', (jwt) => jwt.setExpirationTime(nowSeconds() - 60)),
    );
    const params = [
      undefined,
      { authorization: 'Bearer pi_test_alpha' },
      bearer(expired),
      bearer('not-a-jwt'),
      bearer(await remember(hsToken('initech'))),
    ];

    const codes = await Promise.all(
      params.map(async (connectionParams) => {
        const connection = connectWebSocket(gw.url, connectionParams);
        const received = connection.subscribe(JOB_UPDATED, { id: alphaJob });
        await received.finished;
        return connection.closed;
      }),
    );

    expect(codes).toEqual(params.map(() => 4403));
    expect(gw.upstream.requests).toHaveLength(0);
  });

  it('should fail operations started after the token expired with UNAUTHENTICATED', async () => {
    const connection = connectWebSocket(gw.url, bearer(await remember(hsToken('acme'))));
    const before = connection.subscribe(JOB_QUERY, { id: alphaJob });
    await before.finished;
    const requestsBefore = gw.upstream.requests.length;

    // Only `Date` is faked: the gateway runs in this process, so it sees the clock move too.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60 * 1000);
    const after = connection.subscribe(JOB_QUERY, { id: alphaJob });
    await after.finished;

    expect(before.results).toEqual([
      { data: { job: { id: alphaJob, status: expect.any(String) } } },
    ]);
    expect(after.state).toBe('error');
    expect((after.error as Array<{ extensions: { code: string } }>)[0]?.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(gw.upstream.requests).toHaveLength(requestsBefore);
  });
});
