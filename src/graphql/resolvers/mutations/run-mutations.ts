import type { Resolvers } from '../../../generated/resolvers-types.js';
import { startRunSchema } from './input-schemas.js';
import { parseInput } from './parse-input.js';
import { requirePiWrites } from './require-pi-writes.js';
import { toRunCreateBody } from './to-pi-bodies.js';
import { toStartRunPayload } from './write-payloads.js';

/** `startRun`: no idempotency upstream, never retried once sent. */
export const runMutationResolvers = {
  Mutation: {
    startRun: async (_root, { input }, context) =>
      toStartRunPayload(
        await requirePiWrites(context).startRun(toRunCreateBody(parseInput(startRunSchema, input))),
      ),
  },
} satisfies Resolvers;
