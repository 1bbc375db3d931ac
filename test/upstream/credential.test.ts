import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createCredential,
  createUpstreamRecorder,
  isWellFormedAuthorization,
} from '../../src/pi/index.js';

const KEY = 'pi_live_0123456789abcdefghijklmnop';

describe('createCredential', () => {
  it('should give a 32-hex-character fingerprint, equal for equal keys and different otherwise', () => {
    const a = createCredential(`Bearer ${KEY}`);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(createCredential(`Bearer ${KEY}`).fingerprint).toBe(a.fingerprint);
    expect(createCredential('Bearer pi_live_other').fingerprint).not.toBe(a.fingerprint);
  });

  it('should hand out the header value to send upstream', () => {
    expect(createCredential(`Bearer ${KEY}`).authorization()).toBe(`Bearer ${KEY}`);
  });

  it('should never reveal the key when printed, serialized, inspected or spread', () => {
    const credential = createCredential(`Bearer ${KEY}`);
    const shown = [
      JSON.stringify(credential),
      JSON.stringify({ credential }),
      String(credential),
      `${credential}`,
      inspect(credential),
      inspect({ nested: { credential } }, { depth: 5, showHidden: true }),
      JSON.stringify({ ...credential }),
    ];
    for (const text of shown) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain('0123456789');
    }
    expect(JSON.stringify(credential)).toBe(
      JSON.stringify({ fingerprint: credential.fingerprint }),
    );
  });

  it('should not be a plain hash of the key (the fingerprint is keyed)', async () => {
    const { createHash } = await import('node:crypto');
    const credential = createCredential(`Bearer ${KEY}`);
    const plain = createHash('sha256').update(`Bearer ${KEY}`).digest('hex');
    expect(plain.startsWith(credential.fingerprint)).toBe(false);
  });
});

describe('isWellFormedAuthorization', () => {
  it.each([`Bearer ${KEY}`, 'Bearer pi_test_alpha', 'Bearer abc.def-ghi_jkl~mno+pq/rs=='])(
    'should accept %s',
    (value) => {
      expect(isWellFormedAuthorization(value)).toBe(true);
    },
  );

  it.each([
    ['no value', undefined],
    ['an empty string', ''],
    ['an empty token', 'Bearer '],
    ['another scheme', `Basic ${KEY}`],
    ['no scheme', KEY],
    ['a token with spaces', 'Bearer a b'],
    ['a control character', 'Bearer a\nb'],
    ['a lowercase scheme Pi rejects', `bearer ${KEY}`],
    ['a huge token', `Bearer ${'a'.repeat(2_000)}`],
  ])('should reject %s', (_name, value) => {
    expect(isWellFormedAuthorization(value)).toBe(false);
  });
});

describe('createUpstreamRecorder', () => {
  it('should keep each request id once, in order', () => {
    const recorder = createUpstreamRecorder();
    for (const id of ['req_1', 'req_2', 'req_1', 'req_3']) recorder.recordRequestId(id);
    expect(recorder.requestIds).toEqual(['req_1', 'req_2', 'req_3']);
  });

  it('should keep the tightest rate limit (the lowest remaining)', () => {
    const recorder = createUpstreamRecorder();
    expect(recorder.rateLimit).toBeUndefined();
    recorder.recordRateLimit({ limit: 1000, remaining: 500, reset: 10 });
    recorder.recordRateLimit({ limit: 50, remaining: 3, reset: 20 });
    recorder.recordRateLimit({ limit: 1000, remaining: 499, reset: 10 });
    expect(recorder.rateLimit).toEqual({ limit: 50, remaining: 3, reset: 20 });
  });

  it('should bound the number of request ids', () => {
    const recorder = createUpstreamRecorder();
    for (let index = 0; index < 1_000; index += 1) recorder.recordRequestId(`req_${index}`);
    expect(recorder.requestIds).toHaveLength(100);
  });
});
