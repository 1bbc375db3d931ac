import type { PiTimestamp } from '../../pi/index.js';
import { createUpstreamShapeError } from './upstream-shape-error.js';

const UNIX_SECONDS = /^-?\d+(\.\d+)?$/;

/**
 * Turns a Pi timestamp (unix seconds as a number or numeric string, or an ISO-8601 string) into an
 * ISO-8601 string in UTC with milliseconds. Throws `UPSTREAM_BAD_RESPONSE` for anything else.
 */
export function toDateTime(value: PiTimestamp): string {
  const date =
    typeof value === 'number' || UNIX_SECONDS.test(value)
      ? new Date(Number(value) * 1000)
      : new Date(value);
  if (!Number.isFinite(date.getTime())) throw createUpstreamShapeError('timestamp');
  return date.toISOString();
}

/** `toDateTime` for optional timestamps: null when Pi reported none. */
export function toNullableDateTime(value: PiTimestamp | null | undefined): string | null {
  return value === undefined || value === null ? null : toDateTime(value);
}
