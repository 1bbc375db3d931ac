import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/index.js';
import type { GatewayContext } from '../graphql/context.js';
import {
  createCredential,
  createPiApi,
  createPiLoaders,
  createUpstreamRecorder,
  FORWARDABLE_HEADERS,
  isWellFormedAuthorization,
} from '../pi/index.js';
import type { Credential, PiClient } from '../pi/index.js';

export interface ContextFactoryOptions {
  /** The process-wide Pi client (keep-alive pool, in-flight dedupe) every operation shares. */
  client: PiClient;
  /** `PI_API_KEY`: used as `Bearer <key>` when an operation carries no `Authorization` header. */
  piApiKey?: string | undefined;
  /** Time budget of one operation from the moment its context is built. */
  operationDeadlineMs: number;
  /**
   * `PI_FORWARD_HEADERS`: names (lowercase) of the request headers forwarded to Pi; the Pi client
   * must allow the same list.
   * @default FORWARDABLE_HEADERS (Pi's bring-your-own-key headers)
   */
  forwardHeaders?: readonly string[] | undefined;
}

/** Request headers as node reports them (lowercase names). */
export type ContextRequestHeaders = Readonly<
  Record<string, string | readonly string[] | undefined>
>;

/** What a transport (HTTP now, WebSocket later) knows about the operation it is about to run. */
export interface ContextRequest {
  /** The caller's `Authorization` header, forwarded to Pi unchanged. */
  authorization: string | undefined;
  /** The gateway's id for this operation; a fresh UUID when the transport has none. */
  requestId?: string;
  /** Aborted when the caller goes away: pending upstream calls are abandoned. */
  signal?: AbortSignal;
  /**
   * The request's headers: those of the forward allow-list go to Pi, and `Idempotency-Key`
   * becomes the context's `idempotencyKey`. Nothing else is read from them.
   */
  headers?: ContextRequestHeaders;
}

export type ContextFactory = (request: ContextRequest) => GatewayContext;

/**
 * Builds the one context factory used by every transport. Each call returns a fresh context:
 * a credential from the caller's `Authorization` header (else `PI_API_KEY`), a new upstream
 * recorder, a `PiApi` (reads and writes) bound to both with the operation deadline and the
 * allow-listed request headers, new loaders, and the request's `Idempotency-Key`.
 *
 * @throws GraphQLError `UNAUTHENTICATED` (HTTP 401) when there is no credential or the header is
 * not `Bearer <token>`; nothing is sent upstream then. The header's value is never echoed.
 */
export function createContextFactory(options: ContextFactoryOptions): ContextFactory {
  const { client, operationDeadlineMs } = options;
  const forwardHeaders = options.forwardHeaders ?? FORWARDABLE_HEADERS;
  const serverCredential =
    options.piApiKey === undefined ? undefined : createCredential(`Bearer ${options.piApiKey}`);

  function credentialFor(authorization: string | undefined): Credential {
    if (authorization === undefined) {
      if (serverCredential !== undefined) return serverCredential;
      throw unauthenticated(
        'Missing Authorization header: send "Authorization: Bearer <Pi API key>".',
      );
    }
    // A malformed header never falls back to PI_API_KEY: the caller meant to use their own key.
    if (!isWellFormedAuthorization(authorization)) {
      throw unauthenticated('Malformed Authorization header: expected "Bearer <Pi API key>".');
    }
    return createCredential(authorization);
  }

  return ({ authorization, requestId = randomUUID(), signal, headers = {} }) => {
    const credential = credentialFor(authorization);
    const upstream = createUpstreamRecorder();
    const forwarded = pickHeaders(headers, forwardHeaders);
    const idempotencyKey = headerValue(headers['idempotency-key']);
    const pi = createPiApi(client, credential, upstream, {
      deadline: Date.now() + operationDeadlineMs,
      ...(signal === undefined ? {} : { signal }),
      ...(Object.keys(forwarded).length === 0 ? {} : { headers: forwarded }),
    });
    return {
      pi,
      piWrites: pi,
      loaders: createPiLoaders(pi),
      upstream,
      requestId,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    };
  };
}

function headerValue(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.join(', ');
}

function pickHeaders(
  headers: ContextRequestHeaders,
  names: readonly string[],
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headerValue(headers[name]);
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

function unauthenticated(message: string): GraphQLError {
  // Not a GatewayError: `formatError` echoes a GatewayError's own extensions, and `http` (which
  // Apollo turns into the 401 status and strips from the formatted copy) must stay out of the body.
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}
