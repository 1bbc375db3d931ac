import type { ServerResponse } from 'node:http';

/** Writes `body` as a JSON response with `status` (and any extra headers), ending the response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/**
 * Answers a request that never reached GraphQL execution with a GraphQL-shaped error body
 * (`{ errors: [{ message, extensions: { code } }] }`), so clients parse every error alike.
 */
export function sendJsonError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] }, headers);
}
