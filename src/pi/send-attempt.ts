import type { Dispatcher } from 'undici';
import { ErrorCode, GatewayError, errorFromPiResponse } from '../errors/index.js';
import type { PiResourceRef } from '../errors/index.js';
import type { PiEnvelope } from './dto.js';
import { readRateLimit, readReplayed, readRequestId, readRetryAfter } from './response-headers.js';
import { classifyTransportFailure } from './transport-failure.js';
import type { RateLimitInfo } from './types.js';

/** A successful Pi call. */
export interface PiResponse<T = unknown> {
  /** The HTTP status (200, 202). */
  status: number;
  /** The envelope's `data`. */
  data: T;
  /** The whole success envelope. */
  envelope: PiEnvelope<T>;
  /** `X-Request-Id`, else the envelope's `id`. */
  requestId?: string;
  rateLimit?: RateLimitInfo;
  /** `X-Idempotency-Replayed: true`: Pi replayed a stored response for this idempotency key. */
  replayed: boolean;
}

/** One attempt's result. Never thrown: the retry loop decides what to do with a failure. */
export type AttemptResult =
  | { ok: true; response: PiResponse; requestId?: string; rateLimit?: RateLimitInfo }
  | {
      ok: false;
      error: GatewayError;
      /** The HTTP status when Pi answered, for the retry decision. */
      status?: number;
      retryAfter?: number;
      /** Transport failures: whether it is worth retrying, and whether nothing was sent. */
      transport?: { retryable: boolean; notSent: boolean };
      requestId?: string;
      rateLimit?: RateLimitInfo;
    };

export interface AttemptRequest {
  dispatcher: Dispatcher;
  origin: string;
  path: string;
  method: Dispatcher.HttpMethod;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxResponseBytes: number;
  resource: PiResourceRef | undefined;
}

const badResponse = (message: string, status?: number, requestId?: string): GatewayError =>
  new GatewayError(message, {
    code: ErrorCode.UPSTREAM_BAD_RESPONSE,
    pi: {
      ...(requestId !== undefined ? { requestId } : {}),
      ...(status !== undefined ? { status } : {}),
    },
  });

class ResponseTooLarge extends Error {}

async function readBody(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new ResponseTooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isEnvelope(value: unknown): value is PiEnvelope<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (value as { data?: unknown }).data !== undefined
  );
}

/**
 * Sends one request and reads the whole answer, within the size cap. Redirects are never
 * followed (undici 7's `request` does not follow them; a 3xx here is an error, and nothing is
 * re-sent anywhere with the `Authorization` header: RELIABILITY.md T5).
 */
export async function sendAttempt(
  request: AttemptRequest,
  isWrite: boolean,
): Promise<AttemptResult> {
  let inBody = false;
  try {
    const response = await request.dispatcher.request({
      origin: request.origin,
      path: request.path,
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal: request.signal,
      headersTimeout: request.headersTimeoutMs,
      bodyTimeout: request.bodyTimeoutMs,
    });
    inBody = true;
    const { statusCode: status, headers } = response;
    const headerRequestId = readRequestId(headers);
    const rateLimit = readRateLimit(headers);
    const meta = {
      ...(headerRequestId !== undefined ? { requestId: headerRequestId } : {}),
      ...(rateLimit !== undefined ? { rateLimit } : {}),
    };

    const fail = (message: string): AttemptResult => ({
      ok: false,
      error: badResponse(message, status, headerRequestId),
      status,
      ...meta,
    });
    const tooLarge = "Pi's response is larger than the gateway accepts.";

    if (status >= 300 && status < 400) {
      response.body.destroy();
      return fail(
        `Pi answered with a redirect (HTTP ${status}), which the gateway does not follow.`,
      );
    }
    const declaredLength = Number(headers['content-length']);
    if (Number.isFinite(declaredLength) && declaredLength > request.maxResponseBytes) {
      response.body.destroy();
      return fail(tooLarge);
    }
    let text: string;
    try {
      text = await readBody(response.body, request.maxResponseBytes);
    } catch (error) {
      if (error instanceof ResponseTooLarge) return fail(tooLarge);
      throw error;
    }
    const parsed = parseJson(text);

    if (status < 200 || status >= 300) {
      const retryAfter = readRetryAfter(headers);
      const error = errorFromPiResponse({
        status,
        body: parsed,
        ...(headerRequestId !== undefined ? { requestId: headerRequestId } : {}),
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        ...(request.resource !== undefined ? { resource: request.resource } : {}),
      });
      const requestId = headerRequestId ?? error.extensions.pi?.requestId;
      return {
        ok: false,
        error,
        status,
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        ...meta,
        ...(requestId !== undefined ? { requestId } : {}),
      };
    }
    if (!isEnvelope(parsed)) {
      if (parsed !== undefined)
        return fail(`Pi answered HTTP ${status} with JSON without a data envelope.`);
      const what = text.trim() === '' ? 'an empty body' : 'a body that is not JSON';
      return fail(`Pi answered HTTP ${status} with ${what}.`);
    }
    const envelopeId =
      typeof parsed.id === 'string' && /^[A-Za-z0-9_.:-]{1,128}$/.test(parsed.id)
        ? parsed.id
        : undefined;
    const requestId = headerRequestId ?? envelopeId;
    const piResponse: PiResponse = {
      status,
      data: parsed.data,
      envelope: parsed,
      ...(requestId !== undefined ? { requestId } : {}),
      ...(rateLimit !== undefined ? { rateLimit } : {}),
      replayed: readReplayed(headers),
    };
    return {
      ok: true,
      response: piResponse,
      ...meta,
      ...(requestId !== undefined ? { requestId } : {}),
    };
  } catch (error) {
    const failure = classifyTransportFailure({
      error,
      abortReason: request.signal.aborted ? (request.signal.reason as unknown) : undefined,
      inBody,
      isWrite,
    });
    return {
      ok: false,
      error: failure.error,
      transport: { retryable: failure.retryable, notSent: failure.notSent },
    };
  }
}
