import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../errors/index.js';

/**
 * The error every refused caller gets: `UNAUTHENTICATED` with HTTP status 401. `message` must not
 * quote the caller's header or token.
 */
export function unauthenticatedError(message: string): GraphQLError {
  // Not a GatewayError: `formatError` echoes a GatewayError's own extensions, and `http` (which
  // Apollo turns into the 401 status and strips from the formatted copy) must stay out of the body.
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}
