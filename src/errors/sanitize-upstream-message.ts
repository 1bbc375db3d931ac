const MAX_MESSAGE_LENGTH = 300;
const REDACTED = '[redacted]';

// Order matters: whole URLs and credentials first, then bare hosts and addresses.
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, // URLs of any scheme
  /\b(?:bearer|basic)\s+\S+/gi, // "Bearer xyz"
  /\b(?:api[-_]?key|token|secret|password)\s*[:=]\s*\S+/gi, // "api_key=xyz"
  /\b(?:pi|sk|pk|rk)_[A-Za-z0-9_-]{4,}/g, // Pi and Stripe-style keys
  /\beyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]+){1,2}/g, // JWTs
  // Long opaque tokens (hex, base64) with at least one digit and one letter; snake_case error
  // codes and UUID segments stay readable.
  /\b(?=[A-Za-z0-9+/_]*\d)(?=[A-Za-z0-9+/_]*[A-Za-z])[A-Za-z0-9+/_]{24,}={0,2}/g,
  /[^\s@]+@[^\s@]+\.[^\s@]+/g, // e-mail addresses
  /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, // IPv4 (with port)
  /\[?\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b\]?(?::\d+)?/gi, // IPv6
  /\[::1?\](?::\d+)?|(?<![\w:])::1\b/g, // IPv6 loopback / unspecified
  /\blocalhost(?::\d+)?\b/gi,
  /\b(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*:\d+\b/gi, // host:port
  /\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|ai|dev|app|co|cloud|internal|local|lan|svc|cluster|xyz|me|so|sh|run|site|tech)\b/gi,
];

/**
 * Makes an upstream message safe to show to a client (RELIABILITY.md T6): keeps the first line,
 * replaces anything that looks like a URL, host, address, bearer token or key with `[redacted]`,
 * and caps the length. Returns `undefined` when nothing useful is left.
 */
export function sanitizeUpstreamMessage(message: unknown): string | undefined {
  if (typeof message !== 'string') return undefined;
  // Only the first line: Pi's error texts sometimes carry a stack trace after it.
  let text = message.split(/\r?\n/, 1)[0] ?? '';
  for (const pattern of SECRET_PATTERNS) text = text.replace(pattern, REDACTED);
  text = text
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > MAX_MESSAGE_LENGTH) text = `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
  if (text.replaceAll(REDACTED, '').replace(/[\s.,:;!?()-]/g, '') === '') return undefined;
  return text;
}
