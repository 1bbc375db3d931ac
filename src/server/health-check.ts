import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendJsonError } from './send-json.js';

/**
 * `GET /healthz`: 200 `{ status: 'ok' }` while the process serves HTTP. It checks nothing
 * upstream on purpose: a liveness probe must not fail (and restart the gateway) because Pi is down.
 */
export function handleHealthCheck(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJsonError(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET /healthz.', { allow: 'GET, HEAD' });
    return;
  }
  sendJson(res, 200, { status: 'ok' }, { 'cache-control': 'no-store' });
}
