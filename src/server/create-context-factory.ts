import { randomUUID } from 'node:crypto';
import type { GatewayContext } from '../graphql/context.js';
import {
  createPiApi,
  createPiLoaders,
  createUpstreamRecorder,
  FORWARDABLE_HEADERS,
} from '../pi/index.js';
import type { Credential, PiClient } from '../pi/index.js';
import { createPassThroughAuthenticator } from './auth/index.js';
import type { Authenticator, Principal } from './auth/index.js';

export interface ContextFactoryOptions {
  /** The process-wide Pi client (keep-alive pool, in-flight dedupe) every operation shares. */
  client: PiClient;
  /**
   * Who the caller is: pass-through (the caller's Pi key) or frontend mode (a JWT, see
   * `createAuthenticator`).
   * @default createPassThroughAuthenticator() (no server-side key)
   */
  authenticator?: Authenticator;
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
  /**
   * The caller's `Authorization` header, given to the authenticator: in pass-through mode it is
   * forwarded to Pi unchanged, in frontend mode it carries a JWT and never leaves the gateway.
   */
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

/** A `ContextRequest` whose caller is already authenticated (its `authorization` is not read). */
export type AuthenticatedContextRequest = Omit<ContextRequest, 'authorization'>;

/**
 * The one context factory of every transport.
 * - Called (HTTP): authenticates `request.authorization`, then builds the context.
 * - `authenticate` + `forCredential` (WebSocket): authenticate once per socket at
 *   `connection_init`, then build each operation's and each subscription event's context
 *   synchronously from the principal's credential.
 */
export interface ContextFactory {
  /**
   * @throws (rejects with) GraphQLError `UNAUTHENTICATED` (HTTP 401) when the authenticator refuses
   * the caller; nothing is sent upstream then, and the header's value is never echoed.
   */
  (request: ContextRequest): Promise<GatewayContext>;
  /** The authenticator's verdict on an `Authorization` value (see `Authenticator`). */
  authenticate(authorization: string | undefined): Promise<Principal>;
  /** A fresh context for an authenticated caller's credential. Never throws. */
  forCredential(credential: Credential, request?: AuthenticatedContextRequest): GatewayContext;
}

/**
 * Builds the one context factory used by every transport. Each context is fresh: the caller's
 * Pi credential (from the authenticator), a new upstream recorder, a `PiApi` (reads and writes)
 * bound to both with the operation deadline and the allow-listed request headers, new loaders,
 * and the request's `Idempotency-Key`. Contexts are keyed upstream by the Pi credential only, so
 * in frontend mode the callers of one organization share its reads (same tenant).
 */
export function createContextFactory(options: ContextFactoryOptions): ContextFactory {
  const { client, operationDeadlineMs } = options;
  const forwardHeaders = options.forwardHeaders ?? FORWARDABLE_HEADERS;
  const authenticator = options.authenticator ?? createPassThroughAuthenticator();

  function forCredential(
    credential: Credential,
    { requestId = randomUUID(), signal, headers = {} }: AuthenticatedContextRequest = {},
  ): GatewayContext {
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
  }

  const create = async ({ authorization, ...request }: ContextRequest): Promise<GatewayContext> => {
    const { credential } = await authenticator.authenticate(authorization);
    return forCredential(credential, request);
  };
  return Object.assign(create, {
    authenticate: (authorization: string | undefined) => authenticator.authenticate(authorization),
    forCredential,
  });
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
