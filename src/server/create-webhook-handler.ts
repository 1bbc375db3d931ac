import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUuid } from '../pi/index.js';
import type { HttpHandler } from './create-http-handler.js';
import { describeError, silentLog } from './gateway-log.js';
import type { GatewayLog } from './gateway-log.js';
import { isValidPiSignature } from './is-valid-pi-signature.js';
import { BodyError, DEFAULT_MAX_BODY_BYTES, readAll } from './read-graphql-body.js';
import { sendJsonError } from './send-json.js';

/** Where Pi delivers webhook events to the gateway. */
export const WEBHOOK_PATH = '/webhooks/pi';

export interface WebhookHandlerOptions {
  /** `PI_WEBHOOK_SECRET`, the secret the Pi webhook was registered with. Unset: every request gets 404. */
  secret: string | undefined;
  /** Called with the job id of every verified `job.completed` / `job.failed` delivery. */
  onJobEvent: (jobId: string) => void;
  /** Largest accepted body (Pi sends the whole job payload). @default 2 MiB */
  maxBodyBytes?: number;
  /** @default silentLog */
  log?: GatewayLog;
}

const JOB_EVENTS: ReadonlySet<string> = new Set(['job.completed', 'job.failed']);

/**
 * The receiver of Pi's signed webhook deliveries (`POST /webhooks/pi`). It answers:
 * 404 when no secret is configured; 405 for other methods; 413/415 for an oversized or compressed
 * body; 401 when `X-Pi-Signature` is missing or is not the HMAC-SHA256 of the raw body with the
 * secret; 400 for a verified body that is not a Pi event (or a job event without a job id);
 * otherwise 204. A `job.completed` / `job.failed` event calls `onJobEvent(data.job.id)`, which
 * makes that job's watchers re-read it with their own credentials: the body itself never reaches a
 * subscriber, so a forged or replayed event can at most cause a re-read. Other event types are
 * acknowledged and ignored (Pi would otherwise retry them). Never throws.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): HttpHandler {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.log ?? silentLog;

  async function handle(req: IncomingMessage, res: ServerResponse, secret: string): Promise<void> {
    const encoding = req.headers['content-encoding']?.trim().toLowerCase();
    if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
      sendJsonError(res, 415, 'BAD_REQUEST', 'Compressed bodies are not supported.', {
        connection: 'close',
      });
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      sendJsonError(res, 413, 'BAD_REQUEST', 'The body is too large.', { connection: 'close' });
      return;
    }
    let body: Buffer;
    try {
      body = await readAll(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      sendJsonError(res, error.status, 'BAD_REQUEST', error.message, { connection: 'close' });
      return;
    }
    if (!isValidPiSignature(body, req.headers['x-pi-signature'], secret)) {
      log('warn', 'Rejected a webhook delivery with a missing or invalid signature');
      sendJsonError(res, 401, 'UNAUTHENTICATED', 'Missing or invalid X-Pi-Signature.');
      return;
    }
    const event = parseEvent(body);
    if (event === undefined) {
      sendJsonError(res, 400, 'BAD_REQUEST', 'The body is not a Pi webhook event.');
      return;
    }
    if (event.jobId !== undefined) {
      log('debug', 'Webhook delivery received', { type: event.type, jobId: event.jobId });
      options.onJobEvent(event.jobId);
    }
    res.writeHead(204).end();
  }

  return (req, res) => {
    if (options.secret === undefined) {
      sendJsonError(res, 404, 'NOT_FOUND', 'Webhooks are not configured on this gateway.');
      return;
    }
    if (req.method !== 'POST') {
      sendJsonError(res, 405, 'METHOD_NOT_ALLOWED', `Use POST ${WEBHOOK_PATH}.`, { allow: 'POST' });
      return;
    }
    handle(req, res, options.secret).catch((error: unknown) => {
      if (req.destroyed || res.destroyed || res.headersSent) {
        res.destroy();
        return;
      }
      log('error', 'Unexpected failure in the webhooks receiver', { error: describeError(error) });
      sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    });
  };
}

/** `{ type, data.job.id }` of a Pi event; undefined when the body is not one. */
function parseEvent(body: Buffer): { type: string; jobId?: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  if (!JOB_EVENTS.has(value.type)) return { type: value.type };
  const job = isRecord(value.data) ? value.data.job : undefined;
  const jobId = isRecord(job) ? job.id : undefined;
  if (typeof jobId !== 'string' || !isUuid(jobId)) return undefined;
  return { type: value.type, jobId };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
