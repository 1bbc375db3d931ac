import { GraphQLError } from 'graphql';
import type { ErrorCode } from './error-code.js';

/** What Pi said about a failed call, as far as it said it (`extensions.pi`). */
export type PiErrorInfo = {
  /** Pi's `error.code`, e.g. `job_not_found`. */
  code?: string;
  /** Pi's `error.type`, e.g. `invalid_request_error`. */
  type?: string;
  /** Pi's `error.param`, e.g. `output.resolution` or `Idempotency-Key`. */
  param?: string;
  /** The upstream request id (`X-Request-Id`, else `error.request_id`). */
  requestId?: string;
  /** The upstream HTTP status. */
  status?: number;
};

/** The `extensions` of every `GatewayError`. Nothing else is ever put there (no stack, no `exception`). */
// A type alias, not an interface, so it is assignable to graphql-js' index-signature extensions.
export type GatewayErrorExtensions = {
  code: ErrorCode;
  pi?: PiErrorInfo;
  /** Seconds to wait before retrying (`RATE_LIMITED`), from Pi's `Retry-After`. */
  retryAfter?: number;
  /** `'unknown'` when a write failed after it may have reached Pi: it may or may not have happened. */
  outcome?: 'unknown';
  /** `BAD_USER_INPUT` from the gateway's own checks: the dotted path of the bad argument, e.g. `input.output.resolution`. */
  field?: string;
  /** A failed write's `Idempotency-Key`: retrying with it (e.g. after `outcome: 'unknown'`) cannot duplicate the write. */
  idempotencyKey?: string;
};

export interface GatewayErrorOptions extends Omit<GatewayErrorExtensions, 'code'> {
  code: ErrorCode;
  /** The underlying error, kept for logs; never serialized into a response. */
  cause?: unknown;
}

const GATEWAY_ERROR = Symbol.for('pi-graphql-gateway.GatewayError');

/**
 * An error of the closed vocabulary, safe to show to the client as is: its message is ours
 * (never an upstream body, host or credential) and its `extensions` follow `GatewayErrorExtensions`.
 */
export class GatewayError extends GraphQLError {
  declare readonly extensions: GatewayErrorExtensions;
  readonly [GATEWAY_ERROR] = true;

  constructor(message: string, options: GatewayErrorOptions) {
    const { cause, code, pi, retryAfter, outcome, field, idempotencyKey } = options;
    const extensions: GatewayErrorExtensions = {
      code,
      ...(pi !== undefined && Object.keys(pi).length > 0 ? { pi } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      ...(outcome !== undefined ? { outcome } : {}),
      ...(field !== undefined ? { field } : {}),
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    };
    // `originalError` is not set: graphql-js would copy its extensions and Apollo might log it as
    // the client-facing cause. The cause stays reachable for logs through `cause`.
    super(message, { extensions });
    this.name = 'GatewayError';
    if (cause !== undefined) {
      Object.defineProperty(this, 'cause', { value: cause, enumerable: false, configurable: true });
    }
  }

  /** The vocabulary code, shorthand for `extensions.code`. */
  get code(): ErrorCode {
    return this.extensions.code;
  }
}

/** Whether `error` is a `GatewayError` (also one from another copy of this module). */
export function isGatewayError(error: unknown): error is GatewayError {
  return (
    error instanceof GatewayError ||
    (typeof error === 'object' &&
      error !== null &&
      (error as { [GATEWAY_ERROR]?: unknown })[GATEWAY_ERROR] === true)
  );
}
