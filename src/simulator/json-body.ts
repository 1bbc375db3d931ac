import { badRequest } from './errors.js';

/**
 * Parses a request body as JSON like Pi's `req.json()`: an empty or malformed body throws
 * 400 `invalid_json_body`.
 */
export function parseJsonBody(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw badRequest('invalid_json_body', 'Request body must be valid JSON.');
  }
}
