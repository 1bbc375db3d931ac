/**
 * The closed vocabulary of `extensions.code` values the gateway answers with (DESIGN.md, "Error
 * vocabulary"). Our own codes come first; Apollo Server's own codes are listed so they pass
 * through `formatError` unchanged.
 */
export const ErrorCode = {
  /** 401 from Pi, or a missing/malformed `Authorization` header. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** 403 from Pi: the key is disabled, expired, out of quota or lacks permission. */
  FORBIDDEN: 'FORBIDDEN',
  /** 404 from Pi (a missing object and another organization's object look the same). */
  NOT_FOUND: 'NOT_FOUND',
  /** 400/422 from Pi, or input the gateway rejects before any upstream call. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** 409 `idempotency_key_mismatch`: the key was used with another body. Never retried. */
  IDEMPOTENCY_KEY_MISMATCH: 'IDEMPOTENCY_KEY_MISMATCH',
  /** Any other 409. */
  CONFLICT: 'CONFLICT',
  /** 429 from Pi; `extensions.retryAfter` carries the seconds to wait when known. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** 5xx from Pi (after the retries the call allows). */
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  /** Pi could not be reached: refused, reset, closed socket, open circuit. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** Pi did not answer in time (headers, body or the operation deadline). */
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  /** Pi answered something unusable: malformed or truncated JSON, HTML, no envelope, too large, a redirect. */
  UPSTREAM_BAD_RESPONSE: 'UPSTREAM_BAD_RESPONSE',
  /** Anything unexpected; the message is always masked. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  // Apollo Server's own codes (`ApolloServerErrorCode`, `ApolloServerValidationErrorCode`), passed through.
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  INTROSPECTION_DISABLED: 'INTROSPECTION_DISABLED',
  MAX_RECURSIVE_SELECTIONS_EXCEEDED: 'MAX_RECURSIVE_SELECTIONS_EXCEEDED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** Whether `value` is one of the codes of the vocabulary. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && ERROR_CODES.has(value);
}
