import type { IncomingMessage, ServerResponse } from 'node:http';
import { FORWARDABLE_HEADERS } from '../pi/index.js';

export interface CorsPolicyOptions {
  /**
   * Browser origins allowed to call cross-origin, compared exactly with the `Origin` header
   * (`config.corsOrigins`, already normalized to `scheme://host[:port]`). Empty: no CORS headers.
   */
  origins: readonly string[];
  /**
   * Client headers forwarded to Pi (`config.piForwardHeaders`), which a browser must be allowed to
   * send. @default Pi's bring-your-own-key headers (`FORWARDABLE_HEADERS`)
   */
  forwardHeaders?: readonly string[];
}

/**
 * Applies the CORS headers of one request on the GraphQL path; returns `true` when it answered the
 * request itself (a preflight), `false` when the request goes on to GraphQL.
 */
export type CorsPolicy = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Headers a browser client of the gateway sends besides the CORS-safelisted ones. */
const BASE_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'idempotency-key',
  'apollo-require-preflight',
  'x-apollo-operation-name',
];

/** Response headers a cross-origin script may read. */
const EXPOSED_HEADERS = 'X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset';

/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * The gateway's CORS policy for an allowlist of exact origins. For an allowed `Origin` it sets
 * `Access-Control-Allow-Origin: <origin>` and `Access-Control-Expose-Headers` (the request id and
 * rate-limit headers); a preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered
 * 204 with the allowed methods (`GET, POST, OPTIONS`), headers and a 10-minute max age. An origin
 * not on the list gets no `Access-Control-*` header (a preflight is still answered 204, so the
 * browser blocks the call) and its non-preflight requests are served as usual: only browsers
 * enforce CORS, and Apollo's CSRF prevention still guards simple requests. With a non-empty list,
 * every response says `Vary: Origin` so a shared cache never serves one origin's answer to another.
 * An empty list sets no header at all and leaves `OPTIONS` to Apollo (no 2xx, no CORS header).
 *
 * `Access-Control-Allow-Credentials` is never sent: callers authenticate with an explicit
 * `Authorization` header, which needs no credentials mode, so cookies are never honoured
 * cross-origin.
 */
export function createCorsPolicy(options: CorsPolicyOptions): CorsPolicy {
  const origins = new Set(options.origins);
  const allowHeaders = [
    ...new Set([
      ...BASE_ALLOWED_HEADERS,
      ...(options.forwardHeaders ?? FORWARDABLE_HEADERS).map((name) => name.toLowerCase()),
    ]),
  ].join(', ');

  return (req, res) => {
    if (origins.size === 0) return false;
    res.setHeader('vary', 'Origin');
    const origin = req.headers.origin;
    const allowed = origin !== undefined && origins.has(origin);
    if (allowed) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
    if (!isPreflight(req)) return false;
    if (allowed) {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-allow-headers', allowHeaders);
      res.setHeader('access-control-max-age', PREFLIGHT_MAX_AGE_SECONDS);
    }
    res.writeHead(204, { 'content-length': '0' });
    res.end();
    return true;
  };
}

function isPreflight(req: IncomingMessage): boolean {
  return (
    req.method === 'OPTIONS' &&
    req.headers.origin !== undefined &&
    req.headers['access-control-request-method'] !== undefined
  );
}
