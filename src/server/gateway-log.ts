import type { ApolloServerOptions } from '@apollo/server';
import { pino } from 'pino';
import type { DestinationStream } from 'pino';
import type { LogLevel } from '../config/index.js';
import { sanitizeUpstreamMessage } from '../errors/index.js';
import { scrubLogFields, scrubSecrets } from './scrub-secrets.js';

export type LogSeverity = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where the gateway's modules send log lines. The entry point decides how they are written
 * (and filters by `LOG_LEVEL`); modules never write to the console themselves. Callers must not
 * put credentials or upstream bodies in `message` or `fields`.
 */
export type GatewayLog = (
  level: LogSeverity,
  message: string,
  fields?: Record<string, unknown>,
) => void;

/** A log that drops everything: the default when no log is given. */
export const silentLog: GatewayLog = () => {};

export interface PinoLogOptions {
  /** The least severe level written, in pino's names (`config.logLevel`); `silent` writes nothing. */
  level: LogLevel;
  /**
   * Where the JSON lines go (tests pass a stream they read).
   * @default stderr, written synchronously so that no line is lost when the process exits
   */
  destination?: DestinationStream;
}

// Known places of credentials and idempotency keys, censored by pino itself. `scrubLogFields`
// also censors fields named like these at any depth, and `scrubSecrets` key-shaped strings.
const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'headers["idempotency-key"]',
  'idempotencyKey',
  '*.idempotencyKey',
  'apiKey',
  '*.apiKey',
  'piApiKey',
  'piApiKeys',
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
];

/**
 * A `GatewayLog` backed by pino: one JSON line per entry with `level` (pino's label), `time`
 * (ISO 8601), `pid`, `hostname`, the fields merged in and the message as `msg`. Before writing,
 * fields named like credentials or idempotency keys are censored (`[redacted]`, also through
 * pino's `redact` paths) and key-, token- and JWT-shaped text in the message and in every string
 * field is replaced (`scrubSecrets`). Never throws while logging.
 */
export function createPinoLog(options: PinoLogOptions): GatewayLog {
  const logger = pino(
    {
      level: options.level,
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
  return (level, message, fields) => {
    if (!logger.isLevelEnabled(level)) return;
    logger[level](fields === undefined ? {} : scrubLogFields(fields), scrubSecrets(message));
  };
}

type ApolloLogger = NonNullable<ApolloServerOptions<object>['logger']>;

/** Routes Apollo Server's own log output through a `GatewayLog`, so it too obeys `LOG_LEVEL`. */
export function createApolloLogger(log: GatewayLog): ApolloLogger {
  // Apollo quotes unexpected errors verbatim (hosts, URLs, multi-line stacks): first line, redacted.
  const at = (level: LogSeverity) => (message?: unknown) =>
    log(level, sanitizeUpstreamMessage(String(message)) ?? '[redacted]', { source: 'apollo' });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * The parts of an error that are useful in a log line: name, first line of the message with
 * hosts, URLs and keys redacted, code, and the frame that threw. Never the whole stack
 * (RELIABILITY.md: no stack trace, upstream host or credential in a log line).
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: String(error) };
  const code = (error as { code?: unknown }).code;
  const at = error.stack
    ?.split('\n')
    .find((line) => line.trimStart().startsWith('at '))
    ?.trim()
    .slice('at '.length);
  return {
    name: error.name,
    // Unexpected errors may quote hosts, URLs or keys: logs must not carry them either.
    message: sanitizeUpstreamMessage(error.message) ?? '[redacted]',
    ...(code === undefined ? {} : { code }),
    ...(at === undefined ? {} : { at }),
  };
}
