import type { GraphQLResolveInfo } from 'graphql';
import { ErrorCode, GatewayError, describeResource } from '../../../errors/index.js';
import type { PiResourceRef } from '../../../errors/index.js';
import type { Resolvers } from '../../../generated/resolvers-types.js';
import { isUuid } from '../../../pi/index.js';
import type { JobDto, RunDto } from '../../../pi/index.js';
import type { GatewayContext, LiveOperation } from '../../context.js';
import { validateId } from '../validate-arguments.js';
import { resolveJobEvent } from './resolve-job-event.js';
import { startStream } from './start-stream.js';

/**
 * `Subscription.jobUpdated` and `Subscription.runUpdated`. `subscribe` joins the shared watcher of
 * (the caller's credential, the id) and waits for the first state, so an object the caller cannot
 * see fails the operation with `NOT_FOUND` and leaves no watcher. `resolve` receives each event
 * (a whole `JobDto`/`RunDto`); the WebSocket transport executes every event with a fresh context
 * (new loaders, a new deadline), so field resolvers never serve a previous event's cached reads
 * (one execution per event for the subscriptions of the same document, variables and credential).
 */
export const subscriptionResolvers = {
  Subscription: {
    jobUpdated: {
      subscribe: async (_root, { id }, context) => {
        const live = requireLive(context);
        const stream = live.jobs.subscribe(live.credential, watchableId('job', id), {
          signal: live.signal,
        });
        return startStream(stream);
      },
      resolve: (job: unknown, _args: unknown, context: GatewayContext, info: GraphQLResolveInfo) =>
        resolveJobEvent(requireEvent<JobDto>(job), context, info),
    },
    runUpdated: {
      subscribe: async (_root, { id }, context) => {
        const live = requireLive(context);
        const stream = live.runs.subscribe(live.credential, watchableId('run', id), {
          signal: live.signal,
        });
        return startStream(stream);
      },
      resolve: (run: unknown) => requireEvent<RunDto>(run),
    },
  },
} satisfies Resolvers;

function notOverWebSocket(): GatewayError {
  return new GatewayError(
    'Subscriptions are served over WebSocket (graphql-transport-ws) on the GraphQL path.',
    { code: ErrorCode.BAD_REQUEST },
  );
}

// Pi ids are UUIDs: anything else cannot exist, so it fails at once without a watcher (and without
// the brief NOT_FOUND retries a watcher makes for a job that was just created).
function watchableId(kind: PiResourceRef['kind'], id: string): string {
  if (isUuid(validateId(id))) return id;
  throw new GatewayError(`${describeResource({ kind, id })} was not found.`, {
    code: ErrorCode.NOT_FOUND,
  });
}

function requireLive(context: GatewayContext): LiveOperation {
  if (context.live === undefined) throw notOverWebSocket();
  return context.live;
}

// Over HTTP, graphql-js runs a subscription operation like a query: `resolve` then gets no event.
function requireEvent<T extends { id: string }>(event: unknown): T {
  if (typeof event !== 'object' || event === null || typeof (event as T).id !== 'string') {
    throw notOverWebSocket();
  }
  return event as T;
}
