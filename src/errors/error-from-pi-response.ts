import { ErrorCode } from './error-code.js';
import { GatewayError } from './gateway-error.js';
import type { PiErrorInfo } from './gateway-error.js';
import { describeResource } from './pi-resource.js';
import type { PiResourceRef } from './pi-resource.js';
import { sanitizeUpstreamMessage } from './sanitize-upstream-message.js';

/** A non-2xx answer from Pi, as the client read it. */
export interface PiErrorResponse {
  /** The HTTP status. */
  status: number;
  /** The parsed JSON body, or `undefined` when the body was empty or not JSON. */
  body: unknown;
  /** `X-Request-Id` (preferred over the body's `error.request_id`). */
  requestId?: string;
  /** Seconds from `Retry-After`, if present and valid. */
  retryAfter?: number;
  /** What the call was about, for messages. */
  resource?: PiResourceRef;
}

interface MessageContext {
  status: number;
  /** Pi's own message, already sanitized; only used where it helps the caller fix the request. */
  safeMessage: string | undefined;
  param: string | undefined;
  retryAfter: number | undefined;
  resource: PiResourceRef | undefined;
}

interface Row {
  /**
   * Whether the row is for answers with Pi's error envelope (`'required'`, the default), without
   * one (`'absent'`: a proxy's page, a wrong base URL) or both (`'any'`).
   */
  envelope?: 'required' | 'absent' | 'any';
  status: (status: number) => boolean;
  /** Pi `error.code`s this row is for; `undefined` matches any code (the row is the status's fallback). */
  piCodes?: readonly string[];
  code: ErrorCode;
  message: (context: MessageContext) => string;
}

const is =
  (...statuses: number[]) =>
  (status: number): boolean =>
    statuses.includes(status);

const retryHint = ({ retryAfter }: MessageContext): string =>
  retryAfter !== undefined
    ? `retry after ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`
    : 'retry later.';

const missing = (context: MessageContext, fallback: PiResourceRef['kind']): string =>
  `${describeResource(context.resource ?? { kind: fallback })} was not found.`;

/**
 * THE table from Pi's (status, `error.code`) to our vocabulary. The first matching row wins. It
 * knows both the documented codes and those of the reference implementation (contract §6, §9.6).
 */
const TABLE: readonly Row[] = [
  {
    // Pi puts its error envelope on every 4xx; without one, this is not Pi talking.
    envelope: 'absent',
    status: (status) => status < 500 && status !== 429,
    code: ErrorCode.UPSTREAM_BAD_RESPONSE,
    message: ({ status }) => `Pi answered HTTP ${status} without a Pi error body.`,
  },
  {
    status: is(401),
    piCodes: [
      'missing_authorization_header',
      'invalid_authorization_scheme',
      'missing_bearer_token',
    ],
    code: ErrorCode.UNAUTHENTICATED,
    message: () => 'Pi requires an API key: send "Authorization: Bearer <key>".',
  },
  {
    // Documented `invalid_api_key`; the implementation answers `unkey_not_found` and `unkey_<other>`.
    status: is(401),
    code: ErrorCode.UNAUTHENTICATED,
    message: () =>
      'Pi rejected the API key (unknown or revoked). Check the key in the Authorization header.',
  },
  {
    status: is(403),
    piCodes: ['missing_organization_context'],
    code: ErrorCode.FORBIDDEN,
    message: () => 'The API key is not linked to a Pi organization.',
  },
  {
    status: is(403),
    piCodes: ['unkey_disabled'],
    code: ErrorCode.FORBIDDEN,
    message: () => 'The API key is disabled.',
  },
  {
    status: is(403),
    piCodes: ['unkey_expired'],
    code: ErrorCode.FORBIDDEN,
    message: () => 'The API key has expired.',
  },
  {
    status: is(403),
    piCodes: ['unkey_usage_exceeded'],
    code: ErrorCode.FORBIDDEN,
    message: () => 'The API key has used up its quota.',
  },
  {
    // `unkey_forbidden`, `unkey_insufficient_permissions` and anything else.
    status: is(403),
    code: ErrorCode.FORBIDDEN,
    message: () => 'The API key is not allowed to do this.',
  },
  {
    status: is(404),
    piCodes: ['source_job_not_found'],
    code: ErrorCode.NOT_FOUND,
    message: () => 'The source job was not found.',
  },
  {
    status: is(404),
    piCodes: ['job_not_found'],
    code: ErrorCode.NOT_FOUND,
    message: (context) => missing(context, 'job'),
  },
  {
    status: is(404),
    piCodes: ['brand_not_found'],
    code: ErrorCode.NOT_FOUND,
    message: (context) => missing(context, 'brand'),
  },
  {
    status: is(404),
    piCodes: ['run_not_found'],
    code: ErrorCode.NOT_FOUND,
    message: (context) => missing(context, 'run'),
  },
  {
    // `not_found` (saved avatars, webhooks) and anything else: a foreign id looks like a missing one.
    status: is(404),
    code: ErrorCode.NOT_FOUND,
    message: ({ resource }) =>
      resource !== undefined
        ? `${describeResource(resource)} was not found.`
        : 'The requested object was not found.',
  },
  {
    // 422 is what the docs list for validation failures; the implementation uses 400 (§9.4).
    status: is(400, 413, 422),
    code: ErrorCode.BAD_USER_INPUT,
    message: ({ safeMessage, param }) => {
      const where = param !== undefined ? ` (${param})` : '';
      return safeMessage !== undefined
        ? `Pi rejected the request${where}: ${safeMessage}`
        : `Pi rejected the request as invalid${where}.`;
    },
  },
  {
    status: is(409),
    piCodes: ['idempotency_key_mismatch'],
    code: ErrorCode.IDEMPOTENCY_KEY_MISMATCH,
    message: () =>
      'This idempotency key was already used with a different request. Use a new key for a different request.',
  },
  {
    status: is(409),
    piCodes: ['job_not_complete'],
    code: ErrorCode.CONFLICT,
    message: () => 'The job is not completed yet; wait for it to complete and try again.',
  },
  {
    status: is(409),
    code: ErrorCode.CONFLICT,
    message: ({ safeMessage }) =>
      safeMessage !== undefined
        ? `The request conflicts with the current state: ${safeMessage}`
        : 'The request conflicts with the current state of the object.',
  },
  {
    status: is(429),
    piCodes: ['projection_abuse_threshold_exceeded'],
    code: ErrorCode.RATE_LIMITED,
    message: (context) => `Too many brand projection requests; ${retryHint(context)}`,
  },
  {
    // Documented `rate_limit_exceeded`; the implementation answers `unkey_rate_limited`.
    envelope: 'any',
    status: is(429),
    code: ErrorCode.RATE_LIMITED,
    message: (context) => `The Pi rate limit for this API key was exceeded; ${retryHint(context)}`,
  },
  {
    envelope: 'any',
    status: (status) => status >= 500 && status <= 599,
    code: ErrorCode.UPSTREAM_ERROR,
    message: ({ status }) => `Pi failed to process the request (HTTP ${status}); try again later.`,
  },
  {
    envelope: 'any',
    status: () => true,
    code: ErrorCode.UPSTREAM_ERROR,
    message: ({ status }) => `Pi answered with an unexpected status (HTTP ${status}).`,
  },
];

interface PiErrorBody {
  type?: string;
  code?: string;
  message?: string;
  request_id?: string;
  param?: string;
}

function readErrorBody(body: unknown): PiErrorBody | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;
  const fields = error as Record<string, unknown>;
  const parsed: PiErrorBody = {};
  const type = text(fields.type);
  const code = text(fields.code);
  const message = typeof fields.message === 'string' ? fields.message : undefined;
  const requestId = text(fields.request_id);
  const param = text(fields.param);
  if (type !== undefined) parsed.type = type;
  if (code !== undefined) parsed.code = code;
  if (message !== undefined) parsed.message = message;
  if (requestId !== undefined) parsed.request_id = requestId;
  if (param !== undefined) parsed.param = param;
  return code !== undefined || type !== undefined ? parsed : undefined;
}

// Pi's codes and params are short identifiers; anything else is not echoed.
const IDENTIFIER = /^[A-Za-z0-9_.:[\]-]{1,100}$/;
const identifier = (value: string | undefined): string | undefined =>
  value !== undefined && IDENTIFIER.test(value) ? value : undefined;

/**
 * THE function that turns a failed Pi response into a `GatewayError`, through one table of
 * (status, Pi `error.code`) rows. The message is ours; Pi's own text is only used, sanitized,
 * for 400/409 (where it tells the caller what to fix). `extensions.pi` carries Pi's code, type,
 * param, request id and the status; `retryAfter` is set for 429s that carry `Retry-After`.
 * A non-2xx without Pi's error envelope maps by status alone: 429 → `RATE_LIMITED`,
 * 5xx → `UPSTREAM_ERROR`, anything else → `UPSTREAM_BAD_RESPONSE`.
 */
export function errorFromPiResponse(response: PiErrorResponse): GatewayError {
  const body = readErrorBody(response.body);
  const code = identifier(body?.code);
  const type = identifier(body?.type);
  const param = sanitizeUpstreamMessage(body?.param);
  const requestId = response.requestId ?? identifier(body?.request_id);
  const pi: PiErrorInfo = {
    ...(code !== undefined ? { code } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(param !== undefined ? { param } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    status: response.status,
  };
  const hasEnvelope = body !== undefined;
  const row = TABLE.find(
    ({ envelope = 'required', status, piCodes }) =>
      (envelope === 'any' || (envelope === 'required') === hasEnvelope) &&
      status(response.status) &&
      (piCodes === undefined || (pi.code !== undefined && piCodes.includes(pi.code))),
  );
  // The last row matches every status, so `row` is always found.
  const chosen = row ?? TABLE[TABLE.length - 1]!;
  const retryAfter = chosen.code === ErrorCode.RATE_LIMITED ? response.retryAfter : undefined;
  const message = chosen.message({
    status: response.status,
    safeMessage: sanitizeUpstreamMessage(body?.message),
    param: pi.param,
    retryAfter,
    resource: response.resource,
  });
  return new GatewayError(message, {
    code: chosen.code,
    pi,
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}
