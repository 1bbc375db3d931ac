import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import {
  ErrorCode,
  GatewayError,
  createFormatError,
  errorFromPiResponse,
  formatError,
  isErrorCode,
  isGatewayError,
  sanitizeUpstreamMessage,
} from '../../src/errors/index.js';

const JOB_ID = '7b8c9f2f-8d7a-4a39-8d8d-1cd4d11f8a7a';

const piBody = (code: string, message = `Pi says ${code}`, extra: object = {}): object => ({
  error: { type: 'invalid_request_error', code, message, request_id: 'req_pi_body', ...extra },
});

describe('errorFromPiResponse', () => {
  it.each([
    // Documented codes.
    [401, 'invalid_api_key', ErrorCode.UNAUTHENTICATED],
    [401, 'missing_authorization_header', ErrorCode.UNAUTHENTICATED],
    [429, 'rate_limit_exceeded', ErrorCode.RATE_LIMITED],
    [409, 'idempotency_key_mismatch', ErrorCode.IDEMPOTENCY_KEY_MISMATCH],
    [422, 'invalid_request_body', ErrorCode.BAD_USER_INPUT],
    [404, 'job_not_found', ErrorCode.NOT_FOUND],
    [404, 'brand_not_found', ErrorCode.NOT_FOUND],
    [429, 'projection_abuse_threshold_exceeded', ErrorCode.RATE_LIMITED],
    // The reference implementation's codes.
    [401, 'unkey_not_found', ErrorCode.UNAUTHENTICATED],
    [401, 'unkey_something_new', ErrorCode.UNAUTHENTICATED],
    [401, 'invalid_authorization_scheme', ErrorCode.UNAUTHENTICATED],
    [401, 'missing_bearer_token', ErrorCode.UNAUTHENTICATED],
    [403, 'unkey_disabled', ErrorCode.FORBIDDEN],
    [403, 'unkey_expired', ErrorCode.FORBIDDEN],
    [403, 'unkey_usage_exceeded', ErrorCode.FORBIDDEN],
    [403, 'unkey_forbidden', ErrorCode.FORBIDDEN],
    [403, 'unkey_insufficient_permissions', ErrorCode.FORBIDDEN],
    [403, 'missing_organization_context', ErrorCode.FORBIDDEN],
    [429, 'unkey_rate_limited', ErrorCode.RATE_LIMITED],
    [404, 'not_found', ErrorCode.NOT_FOUND],
    [404, 'run_not_found', ErrorCode.NOT_FOUND],
    [404, 'source_job_not_found', ErrorCode.NOT_FOUND],
    [400, 'invalid_request_body', ErrorCode.BAD_USER_INPUT],
    [400, 'invalid_job_id', ErrorCode.BAD_USER_INPUT],
    [400, 'invalid_expand_param', ErrorCode.BAD_USER_INPUT],
    [409, 'job_not_complete', ErrorCode.CONFLICT],
    [409, 'something_else', ErrorCode.CONFLICT],
    [500, 'auth_internal_error', ErrorCode.UPSTREAM_ERROR],
    [500, 'job_lookup_failed', ErrorCode.UPSTREAM_ERROR],
    [502, 'job_trigger_failed', ErrorCode.UPSTREAM_ERROR],
    [502, 'projection_generation_failed', ErrorCode.UPSTREAM_ERROR],
    [418, 'teapot', ErrorCode.UPSTREAM_ERROR],
  ])('should map %i %s to %s', (status, code, expected) => {
    const error = errorFromPiResponse({ status, body: piBody(code) });
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.extensions.code).toBe(expected);
    expect(error.extensions.pi).toMatchObject({
      code,
      type: 'invalid_request_error',
      status,
      requestId: 'req_pi_body',
    });
  });

  it('should prefer the X-Request-Id header over the body request id', () => {
    const error = errorFromPiResponse({
      status: 404,
      body: piBody('job_not_found'),
      requestId: 'req_pi_header',
    });
    expect(error.extensions.pi?.requestId).toBe('req_pi_header');
  });

  it('should name the object in a not-found message', () => {
    const error = errorFromPiResponse({
      status: 404,
      body: piBody('job_not_found'),
      resource: { kind: 'job', id: JOB_ID },
    });
    expect(error.message).toBe(`Job ${JOB_ID} was not found.`);
  });

  it('should not echo an id that is not short and plain', () => {
    const error = errorFromPiResponse({
      status: 404,
      body: piBody('not_found'),
      resource: { kind: 'savedAvatar', id: '<script>alert(1)</script>' },
    });
    expect(error.message).toBe('The saved avatar was not found.');
  });

  it('should carry retryAfter on RATE_LIMITED and say when to retry', () => {
    const error = errorFromPiResponse({
      status: 429,
      body: piBody('unkey_rate_limited'),
      retryAfter: 30,
    });
    expect(error.extensions.retryAfter).toBe(30);
    expect(error.message).toContain('retry after 30 seconds');
  });

  it('should keep a safe validation message and the param for BAD_USER_INPUT', () => {
    const error = errorFromPiResponse({
      status: 400,
      body: piBody('invalid_request_body', 'Invalid enum value. Expected 1K | 2K', {
        param: 'output.resolution',
      }),
    });
    expect(error.message).toBe(
      'Pi rejected the request (output.resolution): Invalid enum value. Expected 1K | 2K',
    );
    expect(error.extensions.pi?.param).toBe('output.resolution');
  });

  it('should never show the message of a 5xx or of an authentication error', () => {
    const secret =
      'Unkey at https://api.unkey.internal failed: connection to db-7.internal:5432 refused';
    for (const status of [401, 500, 502]) {
      const error = errorFromPiResponse({ status, body: piBody('whatever', secret) });
      expect(error.message).not.toContain('unkey');
      expect(error.message).not.toContain('5432');
    }
  });

  it('should mask URLs, hosts, bearer tokens and keys in a message it shows', () => {
    const error = errorFromPiResponse({
      status: 400,
      body: piBody(
        'invalid_request_body',
        'Fetch of https://internal.pi.example/x?token=abc failed for Bearer pi_live_abcdefghijklmnop on 10.0.0.5:8080 and db.internal',
      ),
    });
    expect(error.message).not.toMatch(
      /https?:|internal\.pi|token=abc|pi_live_|10\.0\.0\.5|8080|db\.internal/,
    );
    expect(error.message).toContain('[redacted]');
  });

  it('should map a 5xx HTML page to UPSTREAM_ERROR and a 4xx without an envelope to UPSTREAM_BAD_RESPONSE', () => {
    expect(errorFromPiResponse({ status: 502, body: undefined }).extensions.code).toBe(
      ErrorCode.UPSTREAM_ERROR,
    );
    expect(errorFromPiResponse({ status: 404, body: undefined }).extensions.code).toBe(
      ErrorCode.UPSTREAM_BAD_RESPONSE,
    );
    expect(
      errorFromPiResponse({ status: 400, body: { message: 'no envelope' } }).extensions.code,
    ).toBe(ErrorCode.UPSTREAM_BAD_RESPONSE);
  });

  it('should map a 429 without an envelope to RATE_LIMITED with retryAfter', () => {
    const error = errorFromPiResponse({ status: 429, body: undefined, retryAfter: 3 });
    expect(error.extensions).toMatchObject({
      code: ErrorCode.RATE_LIMITED,
      retryAfter: 3,
      pi: { status: 429 },
    });
  });

  it('should not echo a Pi code or type that is not an identifier', () => {
    const error = errorFromPiResponse({
      status: 400,
      body: { error: { code: 'see https://evil.example', type: 'x y', message: 'bad' } },
    });
    expect(error.extensions.pi).toEqual({ status: 400 });
  });
});

describe('sanitizeUpstreamMessage', () => {
  it('should keep only the first line, so a stack trace never shows', () => {
    expect(
      sanitizeUpstreamMessage(
        'policy_conflict: brand not found\n    at worker (/srv/app/index.js:1:1)',
      ),
    ).toBe('policy_conflict: brand not found');
  });

  it('should keep ordinary validation text, field paths and snake_case codes readable', () => {
    const text =
      'projection_abuse_threshold_exceeded: use_case must be at most 700 characters (brand_dna.color_palette)';
    expect(sanitizeUpstreamMessage(text)).toBe(text);
  });

  it('should redact JWTs, long tokens, e-mails and localhost', () => {
    const result = sanitizeUpstreamMessage(
      'Rejected eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl and a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6 for ops@pi.example at localhost:4010',
    );
    expect(result).toMatch(/^Rejected \[redacted\] and/);
    expect(result).not.toMatch(/eyJ|a1b2c3|ops@|localhost/);
  });

  it('should answer undefined when nothing useful is left', () => {
    expect(sanitizeUpstreamMessage('https://internal.example/x')).toBeUndefined();
    expect(sanitizeUpstreamMessage(42)).toBeUndefined();
  });

  it('should cap the length', () => {
    expect(sanitizeUpstreamMessage('word '.repeat(500))?.length).toBeLessThanOrEqual(300);
  });
});

describe('GatewayError', () => {
  it('should put only the vocabulary fields in extensions and keep the cause out of JSON', () => {
    const error = new GatewayError('Pi could not be reached.', {
      code: ErrorCode.UPSTREAM_UNAVAILABLE,
      outcome: 'unknown',
      cause: new Error('connect ECONNREFUSED 10.1.2.3:443'),
    });
    expect(error.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', outcome: 'unknown' });
    expect(JSON.stringify(error)).not.toContain('10.1.2.3');
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
  });

  it('should be recognised by isGatewayError, and other errors not', () => {
    expect(isGatewayError(new GatewayError('x', { code: ErrorCode.NOT_FOUND }))).toBe(true);
    expect(isGatewayError(new GraphQLError('x', { extensions: { code: 'NOT_FOUND' } }))).toBe(
      false,
    );
    expect(isGatewayError(new Error('x'))).toBe(false);
    expect(isGatewayError(null)).toBe(false);
  });

  it('should know its vocabulary', () => {
    expect(isErrorCode('RATE_LIMITED')).toBe(true);
    expect(isErrorCode('GRAPHQL_VALIDATION_FAILED')).toBe(true);
    expect(isErrorCode('SOMETHING_ELSE')).toBe(false);
  });
});

describe('formatError', () => {
  const located = (original: Error): GraphQLError =>
    new GraphQLError(original.message, { path: ['job'], originalError: original });
  const formatted = (
    error: GraphQLError,
    extensions: Record<string, unknown> = {},
  ): GraphQLFormattedError => ({
    ...error.toJSON(),
    extensions: { ...error.extensions, ...extensions },
  });

  it('should pass a GatewayError through with its message and extensions, without a stack trace', () => {
    const original = new GatewayError('Job 1 was not found.', {
      code: ErrorCode.NOT_FOUND,
      pi: { code: 'job_not_found', status: 404 },
    });
    const error = located(original);
    const result = formatError(formatted(error, { stacktrace: ['at x'] }), error);
    expect(result).toEqual({
      message: 'Job 1 was not found.',
      path: ['job'],
      extensions: { code: 'NOT_FOUND', pi: { code: 'job_not_found', status: 404 } },
    });
  });

  it("should pass Apollo's own coded errors through", () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(formatError(formatted(error), error)).toMatchObject({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('should mask an unexpected error as INTERNAL_SERVER_ERROR and report it', () => {
    const onMaskedError = vi.fn();
    const original = new Error('connect ECONNREFUSED 10.0.0.1:5432 with pi_live_secret');
    const error = located(original);
    const result = createFormatError({ onMaskedError })(
      formatted(error, {
        code: 'INTERNAL_SERVER_ERROR',
        stacktrace: ['Error: connect ...'],
        exception: {},
      }),
      error,
    );
    expect(result).toEqual({
      message: 'Internal server error',
      path: ['job'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(onMaskedError).toHaveBeenCalledWith(original);
  });

  it('should mask a GraphQLError with an unknown code or with INTERNAL_SERVER_ERROR', () => {
    for (const code of ['MY_LIBRARY_CODE', 'INTERNAL_SERVER_ERROR', undefined]) {
      const error = new GraphQLError('details of a bug', { extensions: code ? { code } : {} });
      expect(formatError(formatted(error), error).message).toBe('Internal server error');
    }
  });

  it('should survive a throwing onMaskedError', () => {
    const error = located(new Error('boom'));
    const format = createFormatError({
      onMaskedError: () => {
        throw new Error('logger down');
      },
    });
    expect(format(formatted(error), error).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
