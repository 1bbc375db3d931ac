import { badRequest } from './errors.js';

/**
 * Reads `expand` and `include` (aliases, OR-ed). Each takes at most one value from `allowed`:
 * a repeated parameter, a comma list, an empty or unknown value throws 400 `errorCode`.
 */
export function parseExpansions<T extends string>(
  query: URLSearchParams,
  allowed: readonly T[],
  errorCode: string,
): Set<T> {
  const expansions = new Set<T>();
  for (const name of ['expand', 'include'] as const) {
    const values = query.getAll(name);
    if (values.length === 0) continue;
    const value = values[0]!;
    if (values.length > 1 || !(allowed as readonly string[]).includes(value)) {
      throw badRequest(
        errorCode,
        `Invalid ${name} parameter. Supported values: ${allowed.join(', ')} (one value per parameter).`,
      );
    }
    expansions.add(value as T);
  }
  return expansions;
}

/**
 * Reads `fields` against an allow-list. Returns `undefined` for the whole object (no `fields`, or
 * none of the names allowed); throws 400 `errorCode` when `fields` is empty.
 */
export function parseFields<T extends string>(
  query: URLSearchParams,
  allowed: ReadonlySet<string>,
  errorCode: string,
): Set<T> | undefined {
  const raw = query.get('fields');
  if (raw === null) return undefined;
  if (raw.trim() === '')
    throw badRequest(errorCode, 'Invalid fields parameter: it must list at least one field.');
  const fields = new Set<T>();
  for (const name of raw.split(',')) {
    const field = name.trim();
    if (allowed.has(field)) fields.add(field as T);
  }
  return fields.size > 0 ? fields : undefined;
}

/**
 * Reads an optional integer query parameter within `[min, max]`; `fallback` when absent.
 * Throws 400 `errorCode` with `message` otherwise.
 */
export function parseIntegerParam(
  query: URLSearchParams,
  name: string,
  options: { min: number; max: number; fallback: number; errorCode: string; message: string },
): number {
  const raw = query.get(name);
  if (raw === null) return options.fallback;
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(value) || value < options.min || value > options.max) {
    throw badRequest(options.errorCode, options.message);
  }
  return value;
}

/** Keeps only `fields` of `row` (all of it when `fields` is undefined). */
export function pickFields(
  row: Record<string, unknown>,
  fields: ReadonlySet<string> | undefined,
): Record<string, unknown> {
  if (fields === undefined) return { ...row };
  const picked: Record<string, unknown> = {};
  for (const field of fields) if (field in row) picked[field] = row[field];
  return picked;
}
