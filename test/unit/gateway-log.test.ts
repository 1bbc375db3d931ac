import { describe, expect, it } from 'vitest';
import type { LogLevel } from '../../src/config/index.js';
import { createPinoLog, scrubLogFields, scrubSecrets } from '../../src/server/index.js';
import type { GatewayLog } from '../../src/server/index.js';

const PI_KEY = 'pi_live_9f8e7d6c5b4a39281706';
const TEST_KEY = 'pi_test_alpha';
const STRIPE_KEY = 'sk_live_51HxYzAbCdEf0123';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJvcmciOiJhY21lIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
const OPAQUE_BEARER = 'opaque-session-4a7b9c';
const IDEMPOTENCY_KEY = 'order-7731-retry-safe';
const SECRETS = [PI_KEY, TEST_KEY, STRIPE_KEY, JWT, OPAQUE_BEARER, IDEMPOTENCY_KEY, 'hunter2'];

/** A pino log at `level` writing into an array of parsed lines. */
function capture(level: LogLevel = 'debug'): { log: GatewayLog; lines: Record<string, any>[] } {
  const lines: Record<string, any>[] = [];
  const log = createPinoLog({
    level,
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { log, lines };
}

describe('createPinoLog', () => {
  it('should write one JSON line with the level label, an ISO time, msg and the fields merged in', () => {
    const { log, lines } = capture('info');

    log('info', 'Gateway started', { port: 4000, upstreamRequestIds: ['req_pi_1'] });

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'Gateway started',
      port: 4000,
      upstreamRequestIds: ['req_pi_1'],
    });
    expect(new Date(lines[0]?.time).toISOString()).toBe(lines[0]?.time);
  });

  it('should drop entries below the configured level and write nothing when silent', () => {
    const info = capture('warn');
    info.log('debug', 'noise');
    info.log('info', 'still noise');
    info.log('warn', 'kept');
    info.log('error', 'kept too');
    expect(info.lines.map((line) => [line.level, line.msg])).toEqual([
      ['warn', 'kept'],
      ['error', 'kept too'],
    ]);

    const silent = capture('silent');
    silent.log('error', 'dropped');
    expect(silent.lines).toEqual([]);
  });

  it('should keep keys, Bearer tokens, JWTs, idempotency keys and passwords out of the line, in fields and in the message', () => {
    const { log, lines } = capture();

    log('warn', `Pi refused Bearer ${OPAQUE_BEARER} (key ${PI_KEY}, token ${JWT})`, {
      authorization: `Bearer ${TEST_KEY}`,
      apiKey: STRIPE_KEY,
      idempotencyKey: IDEMPOTENCY_KEY,
      headers: {
        authorization: `Bearer ${JWT}`,
        'idempotency-key': IDEMPOTENCY_KEY,
        'x-gemini-api-key': 'AIzaSyD-0123456789abcdef',
      },
      request: { body: { idempotency_key: IDEMPOTENCY_KEY, password: 'hunter2' } },
      note: `retrying with ${PI_KEY} after api_key=${STRIPE_KEY}`,
      redis: 'redis://gateway:hunter2@127.0.0.1:6379/0',
      attempts: [{ credential: `Bearer ${TEST_KEY}` }],
      error: new Error(`401 for ${TEST_KEY}`),
    });

    expect(lines).toHaveLength(1);
    const text = JSON.stringify(lines[0]);
    for (const secret of [...SECRETS, 'AIzaSyD-0123456789abcdef'])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      msg: 'Pi refused Bearer [redacted] (key [redacted], token [redacted])',
      authorization: '[redacted]',
      apiKey: '[redacted]',
      idempotencyKey: '[redacted]',
      headers: {
        authorization: '[redacted]',
        'idempotency-key': '[redacted]',
        'x-gemini-api-key': '[redacted]',
      },
      request: { body: { idempotency_key: '[redacted]', password: '[redacted]' } },
      note: 'retrying with [redacted] after api_key=[redacted]',
      redis: 'redis://[redacted]@127.0.0.1:6379/0',
      attempts: [{ credential: 'Bearer [redacted]' }],
      error: { name: 'Error', message: '401 for [redacted]' },
    });
  });

  it('should leave request ids, job ids, hosts and ordinary words readable', () => {
    const { log, lines } = capture();
    const fields = {
      requestId: '0b7c4a52-3f9e-4c1d-9a1e-5d2f8b6c7e10',
      upstreamRequestIds: ['req_pi_6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c'],
      jobId: '7b8c9f2f-8d7a-4a39-8d8d-1cd4d11f8a7a',
      piBaseUrl: 'http://127.0.0.1:4010',
      operationName: 'WatchJob',
      maxTokens: 5000,
      errorCodes: ['UPSTREAM_TIMEOUT'],
    };

    const message = 'The token limit is 5000; see pi_requests and pi_req_3f2a1b at api.example.com';

    log('info', message, fields);

    expect(lines[0]).toMatchObject({ ...fields, msg: message });
  });

  it('should not throw on cyclic or deeply nested fields', () => {
    const { log, lines } = capture();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { token: 'deepest-secret' };
    for (let i = 0; i < 20; i += 1) deep = { deep };

    log('info', 'odd shapes', { cyclic, deep });

    expect(lines).toHaveLength(1);
    expect(lines[0]?.cyclic).toEqual({ name: 'loop', self: '[truncated]' });
    expect(JSON.stringify(lines[0])).not.toContain('deepest-secret');
  });
});

describe('scrubSecrets', () => {
  it.each([
    [`Authorization: Bearer ${PI_KEY}`, 'Authorization: Bearer [redacted]'],
    [`basic ${OPAQUE_BEARER}`, 'basic [redacted]'],
    [`key ${TEST_KEY} was revoked`, 'key [redacted] was revoked'],
    [`stripe ${STRIPE_KEY}`, 'stripe [redacted]'],
    ['minted pi_3XhR7kq9PzW2mLb8VnT4cYd', 'minted [redacted]'],
    ['openai sk-proj-AbCdEf0123456789xyz', 'openai [redacted]'],
    [`jwt ${JWT} expired`, 'jwt [redacted] expired'],
    [`Idempotency-Key: ${IDEMPOTENCY_KEY}`, 'Idempotency-Key: [redacted]'],
    ['GET /x?token=abc123&page=2', 'GET /x?token=[redacted]&page=2'],
    ['rediss://:p4ss@redis.internal:6380', 'rediss://[redacted]@redis.internal:6380'],
    ['job req_pi_1234abcd failed', 'job req_pi_1234abcd failed'],
  ])('should turn %j into %j', (input, expected) => {
    expect(scrubSecrets(input)).toBe(expected);
  });

  it('should leave the caller’s fields object untouched', () => {
    const fields = { authorization: `Bearer ${PI_KEY}`, nested: { note: PI_KEY } };

    const scrubbed = scrubLogFields(fields);

    expect(scrubbed).toEqual({ authorization: '[redacted]', nested: { note: '[redacted]' } });
    expect(fields).toEqual({ authorization: `Bearer ${PI_KEY}`, nested: { note: PI_KEY } });
  });
});
