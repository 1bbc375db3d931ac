import type { IncomingHttpHeaders } from 'node:http';
import type { RateLimitInfo } from './types.js';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** `X-Request-Id`, when it looks like an id (anything else is not worth recording or echoing). */
export function readRequestId(headers: IncomingHttpHeaders): string | undefined {
  const value = header(headers, 'x-request-id')?.trim();
  return value !== undefined && REQUEST_ID.test(value) ? value : undefined;
}

/** `X-RateLimit-Limit/-Remaining/-Reset` when all three are non-negative integers. */
export function readRateLimit(headers: IncomingHttpHeaders): RateLimitInfo | undefined {
  const number = (name: string): number | undefined => {
    const value = header(headers, name)?.trim();
    return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
  };
  const limit = number('x-ratelimit-limit');
  const remaining = number('x-ratelimit-remaining');
  const reset = number('x-ratelimit-reset');
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  return { limit, remaining, reset };
}

/** `Retry-After` in whole seconds (delta-seconds or an HTTP date), or `undefined`. */
export function readRetryAfter(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const value = header(headers, 'retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d{1,10}$/.test(value)) return Number(value);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** `X-Idempotency-Replayed: true`. */
export function readReplayed(headers: IncomingHttpHeaders): boolean {
  return header(headers, 'x-idempotency-replayed')?.trim().toLowerCase() === 'true';
}
