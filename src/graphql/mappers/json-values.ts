import type { JsonObject } from '../../pi/index.js';

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `object[key]` when `object` is a JSON object, else undefined. */
export function readKey(object: unknown, key: string): unknown {
  return isJsonObject(object) ? object[key] : undefined;
}

/** `value` when it is a non-empty string, else null. */
export function toNonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** `value` when it is a finite number, else null. */
export function toFiniteNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
