import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { sendJsonError } from '../send-json.js';

/** Where the gateway serves Prometheus metrics. */
export const METRICS_PATH = '/metrics';

/**
 * `GET`/`HEAD /metrics`: 200 with the registry's exposition text (`registry.contentType`), 405
 * for other methods. The returned promise never rejects: a failing collector becomes a JSON 500
 * (the error itself is not echoed).
 */
export function createMetricsHandler(
  registry: Registry,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJsonError(res, 405, 'METHOD_NOT_ALLOWED', `Use GET ${METRICS_PATH}.`, {
        allow: 'GET, HEAD',
      });
      return;
    }
    let text: string;
    try {
      text = await registry.metrics();
    } catch {
      if (!res.headersSent) {
        sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Collecting metrics failed.');
      }
      return;
    }
    res.writeHead(200, {
      'content-type': registry.contentType,
      'content-length': String(Buffer.byteLength(text)),
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
}
