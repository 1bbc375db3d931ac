import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../graphql/context.js';
import type { RateLimitInfo } from '../pi/index.js';

/** `extensions.pi` of every GraphQL response that reached execution (or parse/validation). */
export interface PiResponseExtensions {
  /** The `X-Request-Id` of every upstream response this operation used, in order. */
  requestIds: string[];
  /** The tightest upstream rate-limit figures seen (lowest `remaining`), or null if none. */
  rateLimit: RateLimitInfo | null;
}

/**
 * Adds `extensions.pi` (upstream request ids and rate-limit figures, from the operation's
 * recorder) to each response, and the same figures as `X-RateLimit-Limit`, `-Remaining` and
 * `-Reset` headers when known. Responses that fail before a context exists (CSRF, malformed
 * request, missing credential) carry neither: no upstream call was made for them.
 */
export function createPiExtensionsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const { requestIds, rateLimit } = contextValue.upstream;
          const pi: PiResponseExtensions = {
            requestIds: [...requestIds],
            rateLimit: rateLimit === undefined ? null : { ...rateLimit },
          };
          const result =
            response.body.kind === 'single'
              ? response.body.singleResult
              : response.body.initialResult;
          result.extensions = { ...result.extensions, pi };
          if (rateLimit !== undefined) {
            response.http.headers.set('x-ratelimit-limit', String(rateLimit.limit));
            response.http.headers.set('x-ratelimit-remaining', String(rateLimit.remaining));
            response.http.headers.set('x-ratelimit-reset', String(rateLimit.reset));
          }
        },
      };
    },
  };
}
