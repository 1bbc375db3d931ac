import { ErrorCode, GatewayError } from '../../errors/index.js';

/** Longest id accepted before any upstream call (Pi ids are 36-character UUIDs). */
export const MAX_ID_LENGTH = 128;
/** Most ids `jobs(ids:)` takes in one query. */
export const MAX_IDS = 100;
/** Longest `brands(query:)` accepted. */
export const MAX_QUERY_LENGTH = 200;
/** Largest page (`first`); Pi's own limit. */
export const MAX_PAGE_SIZE = 100;

function badInput(message: string): GatewayError {
  return new GatewayError(message, { code: ErrorCode.BAD_USER_INPUT });
}

/** `value` if it is a usable id (non-empty, at most `MAX_ID_LENGTH` characters); else `BAD_USER_INPUT` naming `argument`. */
export function validateId(value: string, argument = 'id'): string {
  if (value.length === 0) throw badInput(`Argument "${argument}" must not be empty.`);
  if (value.length > MAX_ID_LENGTH) {
    throw badInput(`Argument "${argument}" must be at most ${MAX_ID_LENGTH} characters long.`);
  }
  return value;
}

/** `ids` if there are at most `MAX_IDS` and each is a usable id; else `BAD_USER_INPUT` naming `ids`. */
export function validateIds(ids: readonly string[]): readonly string[] {
  if (ids.length > MAX_IDS) {
    throw badInput(`Argument "ids" takes at most ${MAX_IDS} ids (got ${ids.length}).`);
  }
  ids.forEach((id, index) => validateId(id, `ids[${index}]`));
  return ids;
}

/** Pi's `limit`/`offset` from `first`/`offset`, each left out when not given; `BAD_USER_INPUT` when out of range. */
export function validatePage(
  first: number | null | undefined,
  offset: number | null | undefined,
): { limit?: number; offset?: number } {
  if (first !== null && first !== undefined && (first < 1 || first > MAX_PAGE_SIZE)) {
    throw badInput(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE} (got ${first}).`);
  }
  if (offset !== null && offset !== undefined && offset < 0) {
    throw badInput(`Argument "offset" must be 0 or more (got ${offset}).`);
  }
  return {
    ...(first !== null && first !== undefined ? { limit: first } : {}),
    ...(offset !== null && offset !== undefined ? { offset } : {}),
  };
}

/** `query` when given and usable (not blank, at most `MAX_QUERY_LENGTH` characters); else `BAD_USER_INPUT` naming `query`. */
export function validateSearchQuery(query: string | null | undefined): string | undefined {
  if (query === null || query === undefined) return undefined;
  if (query.trim().length === 0) {
    throw badInput('Argument "query" must not be empty; omit it to list every brand.');
  }
  if (query.length > MAX_QUERY_LENGTH) {
    throw badInput(`Argument "query" must be at most ${MAX_QUERY_LENGTH} characters long.`);
  }
  return query;
}
