const REDACTED = '[redacted]';

// Credentials only: unlike `sanitizeUpstreamMessage` (for clients), hosts, addresses and ids stay
// readable, since operators need them in logs. Each pattern keeps what names the secret.
const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // "Bearer xyz", "Basic xyz" (also inside a quoted header value).
  [/\b(bearer|basic)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`],
  // Pi keys: the documented `pi_live_…` (and `pi_test_…`), and Unkey's `pi_` + 16+ base58
  // characters; `pi_req_…` and `req_pi_…` request ids stay readable. Stripe-style `sk_live_…`.
  [/\b(?:pi|sk|rk|pk)_(?:live|test)_[A-Za-z0-9_-]+/g, REDACTED],
  [/\b(?:pi|sk|rk)_(?!req_)[A-Za-z0-9]{16,}\b/g, REDACTED],
  // OpenAI-style `sk-…` and Google `AIza…` keys (bring-your-own-key headers).
  [/\bsk-[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\bAIza[A-Za-z0-9_-]{30,}/g, REDACTED],
  // JWTs and JWSs: a base64url JSON header (`eyJ`) and two more dot-separated segments.
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  // "api_key=xyz", "token: xyz", "idempotency-key=xyz", in query strings and messages.
  [
    /\b((?:api[-_]?key|access[-_]?token|token|secret|password|idempotency[-_]?key)["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
    `$1${REDACTED}`,
  ],
  // Passwords in URLs: `redis://user:pass@host` keeps its scheme and host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, `$1${REDACTED}@`],
];

// Field names whose value is a credential or an idempotency key, after lower-casing and dropping
// `-` and `_` (so `Idempotency-Key`, `idempotency_key` and `idempotencyKey` all match).
const SECRET_NAME =
  /(?:authorization|cookie|apikeys?|apisecret|token|password|passwd|secret|idempotencykey)$/;

const MAX_DEPTH = 8;

/**
 * Replaces what looks like a credential in `text` with `[redacted]`: `Bearer`/`Basic` values,
 * Pi and `sk_`-style keys, JWTs, `key=value` pairs named like secrets, and URL passwords.
 * Everything else is left as is. Never throws.
 */
export function scrubSecrets(text: string): string {
  let scrubbed = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) {
    scrubbed = scrubbed.replace(pattern, replacement);
  }
  return scrubbed;
}

/** Whether a field named `name` holds a credential or an idempotency key (`authorization`, `apiKey`, ...). */
export function isSecretFieldName(name: string): boolean {
  return SECRET_NAME.test(name.toLowerCase().replace(/[-_]/g, ''));
}

/**
 * A copy of log `fields` safe to write: fields named like secrets (at any depth) become
 * `[redacted]`, every string goes through `scrubSecrets`, errors become their name and scrubbed
 * message, and nesting deeper than 8 levels or cycles become `[truncated]`. Never throws.
 */
export function scrubLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  return scrubObject(fields, 0, new WeakSet());
}

function scrubValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return '[truncated]';
  if (value instanceof Error) return { name: value.name, message: scrubSecrets(value.message) };
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((item) => scrubValue(item, depth + 1, seen));
  }
  if (!isPlainObject(value)) return value;
  return scrubObject(value, depth + 1, seen);
}

function scrubObject(
  value: Record<string, unknown>,
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  seen.add(value);
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    copy[name] =
      isSecretFieldName(name) && field !== undefined && field !== null
        ? REDACTED
        : scrubValue(field, depth, seen);
  }
  return copy;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
