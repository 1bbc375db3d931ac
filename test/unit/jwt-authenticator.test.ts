import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createAuthenticator,
  createJwtAuthenticator,
  createPassThroughAuthenticator,
} from '../../src/server/index.js';
import type { Authenticator } from '../../src/server/index.js';

const SECRET = 'a-unit-test-secret-of-at-least-32-chars';
const secret = new TextEncoder().encode(SECRET);
const nowSeconds = () => Math.floor(Date.now() / 1000);

function token(claims: Record<string, unknown>, exp = nowSeconds() + 300): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(exp)
    .sign(secret);
}

async function refusal(
  authenticator: Authenticator,
  authorization: string | undefined,
): Promise<{ message: string; extensions: Record<string, unknown> }> {
  try {
    await authenticator.authenticate(authorization);
  } catch (error) {
    return error as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
}

const frontend = createJwtAuthenticator({
  keys: { kind: 'secret', secret },
  piApiKeys: { acme: 'pi_acme', globex: 'pi_globex' },
});

describe('createJwtAuthenticator', () => {
  it("should give every user of one organization the organization's one credential", async () => {
    const alice = await frontend.authenticate(
      `Bearer ${await token({ org: 'acme', sub: 'alice' })}`,
    );
    const bob = await frontend.authenticate(`Bearer ${await token({ org: 'acme', sub: 'bob' })}`);
    const carol = await frontend.authenticate(`Bearer ${await token({ org: 'globex', sub: 'c' })}`);

    expect(alice.credential).toBe(bob.credential);
    expect(alice.credential.authorization()).toBe('Bearer pi_acme');
    expect(carol.credential.authorization()).toBe('Bearer pi_globex');
    expect(carol.credential.fingerprint).not.toBe(alice.credential.fingerprint);
  });

  it('should report when the token stops being accepted: its exp plus the 5 s tolerance', async () => {
    const exp = nowSeconds() + 60;

    const principal = await frontend.authenticate(`Bearer ${await token({ org: 'acme' }, exp)}`);

    expect(principal.expiresAt).toBe((exp + 5) * 1000);
  });

  it('should accept a token expired within the clock tolerance and refuse one beyond it', async () => {
    const recent = await token({ org: 'acme' }, nowSeconds() - 2);
    const old = await token({ org: 'acme' }, nowSeconds() - 30);

    await expect(frontend.authenticate(`Bearer ${recent}`)).resolves.toMatchObject({});
    expect((await refusal(frontend, `Bearer ${old}`)).message).toBe('The token has expired.');
  });

  it('should find no key for organizations named like Object.prototype members', async () => {
    for (const org of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const error = await refusal(frontend, `Bearer ${await token({ org })}`);
      expect(error.message).toBe('No Pi key is configured for this organization.');
    }
  });

  it('should refuse with 401 UNAUTHENTICATED and never quote what it was given', async () => {
    const huge = `Bearer ${'a'.repeat(5000)}.${'b'.repeat(5000)}.c`;
    const valid = await token({ org: 'acme' });
    const inputs = [
      undefined,
      'Bearer pi_live_abcdef',
      `bearer ${valid}`,
      `Bearer ${valid} `,
      `Bearer ${valid.slice(0, -2)}xx`,
      huge,
      `Bearer ${await token({ org: 42 })}`,
      `Bearer ${await token({ org: '' })}`,
    ];

    for (const input of inputs) {
      const error = await refusal(frontend, input);
      expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
      if (input !== undefined) expect(error.message).not.toContain(input.slice('Bearer '.length));
    }
  });
});

describe('createAuthenticator', () => {
  it('should pick pass-through without a JWT setting and frontend mode with one', async () => {
    const base = {
      piApiKey: 'pi_server',
      authJwtSecret: undefined,
      authJwks: undefined,
      authJwtIssuer: undefined,
      authJwtAudience: undefined,
      authOrgClaim: 'tenant',
      piApiKeys: undefined,
    };

    const passThrough = await createAuthenticator(base);
    const withSecret = await createAuthenticator({ ...base, authJwtSecret: SECRET });
    const principal = await withSecret.authenticate(`Bearer ${await token({ tenant: 'x' })}`);

    expect(passThrough.mode).toBe('pass-through');
    expect((await passThrough.authenticate(undefined)).credential.authorization()).toBe(
      'Bearer pi_server',
    );
    expect(withSecret.mode).toBe('frontend');
    expect(principal.credential.authorization()).toBe('Bearer pi_server');
    expect((await refusal(withSecret, undefined)).extensions.code).toBe('UNAUTHENTICATED');
  });

  it('should keep pass-through refusing a malformed header even with PI_API_KEY', async () => {
    const error = await refusal(createPassThroughAuthenticator('pi_server'), 'Basic abc');

    expect(error.extensions.code).toBe('UNAUTHENTICATED');
  });
});
