import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Whether `header` (Pi's `X-Pi-Signature`, `sha256=<hex>`) is the HMAC-SHA256 of the raw `body`
 * keyed with `secret`. Compared in constant time; any other shape (missing, another algorithm,
 * wrong length) is simply invalid. Never throws.
 */
export function isValidPiSignature(
  body: Buffer,
  header: string | readonly string[] | undefined,
  secret: string,
): boolean {
  if (typeof header !== 'string') return false;
  const hex = SIGNATURE.exec(header.trim())?.[1];
  if (hex === undefined) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(hex, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
