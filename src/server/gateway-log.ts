import type { ApolloServerOptions } from '@apollo/server';
import { sanitizeUpstreamMessage } from '../errors/index.js';

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

type ApolloLogger = NonNullable<ApolloServerOptions<object>['logger']>;

/** Routes Apollo Server's own log output through a `GatewayLog`, so it too obeys `LOG_LEVEL`. */
export function createApolloLogger(log: GatewayLog): ApolloLogger {
  const at = (level: LogSeverity) => (message?: unknown) =>
    log(level, String(message), { source: 'apollo' });
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
