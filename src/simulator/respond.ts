import type { ServerResponse } from 'node:http';
import type { FaultPlan } from './faults.js';
import type { PiErrorShape } from './types.js';

/** Extra behaviour of one answer: the response-side fault directives. */
export type ResponseFaults = Pick<FaultPlan, 'resetAfter' | 'malformed' | 'slowBodyMs'> | undefined;

/** Tracks slow-body answers in progress so `stop()` can cut them (each entry destroys one). */
export interface ResponseTracker {
  pending: Set<() => void>;
  /** Set when the simulator stops: answers then close their connection instead of keeping it. */
  stopping: boolean;
}

/** Pi's error envelope: only `error` with `type, code, message, request_id` (+ `param`, `issues`). */
export function toErrorBody(
  shape: PiErrorShape,
  requestId: string,
): { error: Record<string, unknown> } {
  const error: Record<string, unknown> = {
    type: shape.type,
    code: shape.code,
    message: shape.message,
    request_id: requestId,
  };
  if (shape.param !== undefined) error.param = shape.param;
  if (shape.issues !== undefined) error.issues = shape.issues;
  return { error };
}

/**
 * Writes a JSON answer, applying response faults: `reset-after` destroys the socket instead,
 * `malformed` truncates the JSON (a proper prefix of an object is never valid JSON), `slow-body`
 * sends the headers at once and trickles the body over the given time.
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> | undefined,
  faults: ResponseFaults,
  tracker: ResponseTracker,
): void {
  if (res.destroyed || res.headersSent) return;
  if (faults?.resetAfter) {
    res.socket?.destroy();
    return;
  }
  let text = JSON.stringify(body);
  if (faults?.malformed) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  if (headers !== undefined) for (const name in headers) res.setHeader(name, headers[name]!);
  if (tracker.stopping) res.setHeader('connection', 'close');
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.statusCode = status;
  const slowMs = faults?.slowBodyMs;
  if (slowMs === undefined || slowMs <= 0 || text.length < 2) {
    // A string body goes out with the headers in one write; a Buffer would take a writev.
    res.end(text);
    return;
  }
  trickle(res, Buffer.from(text), slowMs, tracker);
}

function trickle(
  res: ServerResponse,
  payload: Buffer,
  totalMs: number,
  tracker: ResponseTracker,
): void {
  const chunks = Math.min(20, payload.length);
  const chunkSize = Math.ceil(payload.length / chunks);
  const interval = totalMs / chunks;
  res.flushHeaders();
  let offset = 0;
  let timer: NodeJS.Timeout | undefined;
  const cancel = (): void => {
    clearTimeout(timer);
    tracker.pending.delete(cancel);
    res.destroy();
  };
  const next = (): void => {
    if (res.destroyed) return;
    const chunk = payload.subarray(offset, offset + chunkSize);
    offset += chunk.length;
    if (offset >= payload.length) {
      tracker.pending.delete(cancel);
      res.end(chunk);
      return;
    }
    res.write(chunk);
    timer = setTimeout(next, interval);
  };
  res.once('close', () => {
    clearTimeout(timer);
    tracker.pending.delete(cancel);
  });
  tracker.pending.add(cancel);
  timer = setTimeout(next, interval);
}
