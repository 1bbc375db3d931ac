import { createHash, randomUUID } from 'node:crypto';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A fresh request id, `req_pi_<uuid v4>`, as Pi puts in `X-Request-Id` and the envelope `id`. */
export function createRequestId(): string {
  return `req_pi_${randomUUID()}`;
}

/** A fresh random (v4) UUID for a new resource. */
export function createId(): string {
  return randomUUID();
}

/**
 * A stable, name-based UUID (version 5 layout over SHA-1) so an org keeps the same id on every
 * start. `namespace` separates unrelated kinds of names.
 */
export function createStableId(name: string, namespace = 'pi-sim:org'): string {
  const hash = createHash('sha1').update(`${namespace}:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Whether `value` is a UUID in the 8-4-4-4-12 hex layout (any version, as Zod's check). */
export function isUuid(value: string): boolean {
  return value.length === 36 && UUID_PATTERN.test(value);
}

/** Current time in unix seconds, fractional. */
export function nowSeconds(): number {
  return Date.now() / 1000;
}

/** Unix seconds (possibly fractional) as an ISO-8601 string. */
export function toIso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}
