import { randomUUID } from 'node:crypto';
import { ErrorCode, GatewayError } from '../../../errors/index.js';

/** Longest idempotency key accepted from a client (argument or header). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

// Printable ASCII without leading or trailing spaces: the key travels as an HTTP header value.
const KEY_SHAPE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** Where a mutation field's idempotency key came from. */
export type IdempotencyKeySource = 'argument' | 'header' | 'derived' | 'minted';

export interface IdempotencyKey {
  /** The `Idempotency-Key` sent to Pi on every attempt of the field. */
  value: string;
  source: IdempotencyKeySource;
}

export interface IdempotencyKeyRequest {
  /** The field's `idempotencyKey` argument (null or absent: none). */
  argument: string | null | undefined;
  /** The request's `Idempotency-Key` header (absent or blank: none). */
  header: string | undefined;
  /** The field's response key (its alias, else its name). */
  responseKey: string;
  /** How many root fields the operation executes (see `rootResponseKeys`). */
  rootFieldCount: number;
  /** Makes a fresh key. @default mintIdempotencyKey */
  mint?: () => string;
}

/** A fresh key for a field the client gave none: `gw_` and a random UUID. */
export function mintIdempotencyKey(): string {
  return `gw_${randomUUID()}`;
}

function invalidKey(message: string, field: string): GatewayError {
  return new GatewayError(message, { code: ErrorCode.BAD_USER_INPUT, field });
}

function checkKey(value: string, what: string, field: string): string {
  if (value.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw invalidKey(
      `${what} must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`,
      field,
    );
  }
  if (!KEY_SHAPE.test(value)) {
    throw invalidKey(
      `${what} must be printable ASCII characters, without leading or trailing spaces.`,
      field,
    );
  }
  return value;
}

/**
 * The idempotency key of one mutation field: the `idempotencyKey` argument; else the request's
 * `Idempotency-Key` header, as is when the operation has one root field, `<header>:<response key>`
 * when it has several (deterministic, so a retried operation maps each field to the same key
 * again; response keys cannot contain `:`, so two fields never share a key); else a minted key.
 *
 * @throws GatewayError `BAD_USER_INPUT` (`extensions.field` = `idempotencyKey` or
 * `Idempotency-Key`) for an empty argument, or a key longer than `MAX_IDEMPOTENCY_KEY_LENGTH` or
 * not printable ASCII. A blank header counts as none, as Pi treats it.
 */
export function resolveIdempotencyKey(request: IdempotencyKeyRequest): IdempotencyKey {
  const { argument, responseKey, rootFieldCount } = request;
  if (argument !== null && argument !== undefined) {
    if (argument.length === 0) {
      throw invalidKey(
        'Argument "idempotencyKey" must not be empty; omit it to use the header or a minted key.',
        'idempotencyKey',
      );
    }
    return {
      value: checkKey(argument, 'Argument "idempotencyKey"', 'idempotencyKey'),
      source: 'argument',
    };
  }
  const header = request.header?.trim();
  if (header !== undefined && header !== '') {
    const key = checkKey(header, 'The Idempotency-Key header', 'Idempotency-Key');
    return rootFieldCount > 1
      ? { value: `${key}:${responseKey}`, source: 'derived' }
      : { value: key, source: 'header' };
  }
  return { value: (request.mint ?? mintIdempotencyKey)(), source: 'minted' };
}
