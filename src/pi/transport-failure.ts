import { ErrorCode, GatewayError } from '../errors/index.js';

/** Why an attempt's exchange with Pi broke down (no usable HTTP response). */
export interface TransportFailure {
  error: GatewayError;
  /** Certainly nothing reached Pi (the connection was never established): always safe to retry. */
  notSent: boolean;
  /** Worth another attempt under a retrying policy. */
  retryable: boolean;
}

/** The abort reason of a flight no caller waits for any more. */
export const CALL_ABANDONED = Symbol('call abandoned');

// Errors raised while connecting: the request was never written.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

export interface ClassifyInput {
  error: unknown;
  /** The reason the attempt's own signal was aborted with, if it was. */
  abortReason: unknown;
  /** Whether response headers had arrived (the failure happened while reading the body). */
  inBody: boolean;
  /** Writes whose fate is unknown get `outcome: 'unknown'`. */
  isWrite: boolean;
}

/**
 * Maps a transport-level failure to the vocabulary: refused/reset/closed → `UPSTREAM_UNAVAILABLE`,
 * headers/body timeouts → `UPSTREAM_TIMEOUT`, a body cut off mid-way →
 * `UPSTREAM_BAD_RESPONSE`. Messages never name the host, the URL or the key.
 */
export function classifyTransportFailure({
  error,
  abortReason,
  inBody,
  isWrite,
}: ClassifyInput): TransportFailure {
  const code = errorCode(error);
  const notSent = code !== undefined && NOT_SENT_CODES.has(code);
  const unknownOutcome = isWrite && !notSent ? ({ outcome: 'unknown' } as const) : {};
  const afterSend = isWrite && !notSent ? ' The write may or may not have been carried out.' : '';

  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return {
      error: new GatewayError(`Pi did not answer in time.${afterSend}`, {
        code: ErrorCode.UPSTREAM_TIMEOUT,
        ...unknownOutcome,
        cause: error,
      }),
      notSent: false,
      retryable: true,
    };
  }
  if (abortReason !== undefined) {
    return {
      error: new GatewayError(`The call to Pi was cancelled.${afterSend}`, {
        code: ErrorCode.UPSTREAM_UNAVAILABLE,
        ...unknownOutcome,
        cause: error,
      }),
      notSent: false,
      retryable: false,
    };
  }
  if (inBody || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return {
      error: new GatewayError(`Pi's response was cut off.${afterSend}`, {
        code: ErrorCode.UPSTREAM_BAD_RESPONSE,
        ...unknownOutcome,
        cause: error,
      }),
      notSent: false,
      retryable: true,
    };
  }
  return {
    error: new GatewayError(
      notSent
        ? 'Pi could not be reached; try again later.'
        : `The connection to Pi failed.${afterSend}`,
      { code: ErrorCode.UPSTREAM_UNAVAILABLE, ...unknownOutcome, cause: error },
    ),
    notSent,
    retryable: true,
  };
}
