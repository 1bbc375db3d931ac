import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, isErrorCode } from './error-code.js';
import { isGatewayError } from './gateway-error.js';

export interface FormatErrorOptions {
  /**
   * Called with the original error whenever one is masked, so the server can log it (with its
   * request id). Exceptions it throws are swallowed.
   */
  onMaskedError?: (error: unknown) => void;
}

/** The signature of Apollo Server's `formatError` option. */
export type FormatError = (
  formattedError: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

const MASKED_MESSAGE = 'Internal server error';

// Never serialized, whatever put them there (Apollo's dev stack traces, graphql-js' old `exception`).
const FORBIDDEN_EXTENSIONS = new Set(['stacktrace', 'exception']);

// Duck-typed rather than `instanceof`: graphql ships both CJS and ESM builds, and a process (or a
// test runner) can load both, so an error may come from the other copy's class.
function isGraphQLError(
  error: unknown,
): error is Error & { originalError?: unknown; path?: unknown } {
  return Object.prototype.toString.call(error) === '[object GraphQLError]';
}

/** Like Apollo's `unwrapResolverError`: the error a resolver threw, not graphql-js' located wrapper. */
function unwrapResolverError(error: unknown): unknown {
  if (isGraphQLError(error) && Array.isArray(error.path) && error.originalError !== undefined) {
    return error.originalError;
  }
  return error;
}

function cleanExtensions(extensions: GraphQLFormattedError['extensions']): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(extensions ?? {}).filter(([key]) => !FORBIDDEN_EXTENSIONS.has(key)),
  );
}

function masked(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return {
    message: MASKED_MESSAGE,
    ...(formatted.locations !== undefined ? { locations: formatted.locations } : {}),
    ...(formatted.path !== undefined ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * Apollo's own request-level refusals that it raises without a code but with a 4xx HTTP status
 * (an APQ hash that does not match its query, an unsupported APQ version): client errors with
 * fixed text, so they are `BAD_REQUEST`, not masked as `INTERNAL_SERVER_ERROR` (RELIABILITY.md H9).
 * A resolver's error has a `path` and never counts.
 */
function isUncodedClientError(error: unknown): boolean {
  if (!isGraphQLError(error) || error.path !== undefined) return false;
  const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
  const status = (extensions?.http as { status?: unknown } | undefined)?.status;
  return (
    extensions?.code === undefined && typeof status === 'number' && status >= 400 && status < 500
  );
}

function passThrough(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return { ...formatted, extensions: cleanExtensions(formatted.extensions) };
}

/**
 * Builds Apollo Server's `formatError`: `GatewayError`s and GraphQL errors carrying a code of the
 * vocabulary (Apollo's parse, validation, bad-request and variable errors) pass through, and so
 * do Apollo's uncoded request-level 4xx refusals, as `BAD_REQUEST`;
 * everything else (plain `Error`s from resolvers, uncoded `GraphQLError`s, any
 * `INTERNAL_SERVER_ERROR`) becomes `INTERNAL_SERVER_ERROR` "Internal server error", keeping only
 * `locations` and `path`. `stacktrace` and `exception` never survive. It never throws: a failure
 * inside it masks the error too (RELIABILITY.md L3).
 */
export function createFormatError(options: FormatErrorOptions = {}): FormatError {
  const report = (error: unknown): void => {
    try {
      options.onMaskedError?.(error);
    } catch {
      // Logging must not turn one error into a failed response.
    }
  };
  return (formatted, error) => {
    try {
      const original = unwrapResolverError(error);
      if (isGatewayError(original)) {
        return passThrough({
          ...formatted,
          message: original.message,
          extensions: original.extensions,
        });
      }
      const code = formatted.extensions?.code;
      // An uncoded or INTERNAL_SERVER_ERROR message may come from anywhere (a bug, a library): mask it.
      if (
        isGraphQLError(original) &&
        isErrorCode(code) &&
        code !== ErrorCode.INTERNAL_SERVER_ERROR
      ) {
        return passThrough(formatted);
      }
      if (isUncodedClientError(original)) {
        return passThrough({
          ...formatted,
          extensions: { ...formatted.extensions, code: ErrorCode.BAD_REQUEST },
        });
      }
      report(original);
      return masked(formatted);
    } catch (failure) {
      report(failure);
      return masked(formatted);
    }
  };
}

/** `createFormatError()` without a masked-error callback. */
export const formatError: FormatError = createFormatError();
