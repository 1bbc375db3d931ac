import type { Resolvers } from '../../../generated/resolvers-types.js';
import { createWebhookSchema, setWebhookActiveSchema } from './input-schemas.js';
import { parseInput } from './parse-input.js';
import { requirePiWrites } from './require-pi-writes.js';
import { toWebhookCreateBody } from './to-pi-bodies.js';
import { UNKNOWN_REQUEST_ID } from './write-payloads.js';

/** `createWebhook` and `setWebhookActive`: never retried once sent; the secret is never returned. */
export const webhookMutationResolvers = {
  Mutation: {
    createWebhook: async (_root, { input }, context) => {
      const pi = requirePiWrites(context);
      const result = await pi.createWebhook(
        toWebhookCreateBody(parseInput(createWebhookSchema, input)),
      );
      return { webhook: result.data, requestId: result.requestId ?? UNKNOWN_REQUEST_ID };
    },
    setWebhookActive: async (_root, { input }, context) => {
      const pi = requirePiWrites(context);
      const { id, isActive } = parseInput(setWebhookActiveSchema, input);
      const result = await pi.updateWebhook(id, { is_active: isActive });
      return { webhook: result.data, requestId: result.requestId ?? UNKNOWN_REQUEST_ID };
    },
  },
} satisfies Resolvers;
