import { ErrorCode, GatewayError } from '../../errors/index.js';

/**
 * The error for a Pi answer that is valid JSON of the wrong shape (RELIABILITY.md U7): a field
 * error at the field that needed the value, never the value itself.
 */
export function createUpstreamShapeError(what: string): GatewayError {
  return new GatewayError(`Pi answered an unusable ${what}.`, {
    code: ErrorCode.UPSTREAM_BAD_RESPONSE,
  });
}

/**
 * For the `default` branch of a switch that handles every member of a closed union: compile-time
 * exhaustiveness (`value` is `never`), and at run time a Pi value outside the contract becomes an
 * `UPSTREAM_BAD_RESPONSE` field error.
 */
export function unexpectedValue(value: never, what: string): never {
  void value;
  throw createUpstreamShapeError(what);
}

/**
 * `value` when it is present, else an `UPSTREAM_BAD_RESPONSE` naming `what`: for non-null GraphQL
 * fields whose DTO property is optional (`fields=` may trim any of them).
 */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw createUpstreamShapeError(what);
  return value;
}
