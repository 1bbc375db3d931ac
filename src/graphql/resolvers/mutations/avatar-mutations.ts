import type { Resolvers } from '../../../generated/resolvers-types.js';
import { generateAvatarSchema, saveAvatarSchema } from './input-schemas.js';
import { parseInput } from './parse-input.js';
import { requirePiWrites } from './require-pi-writes.js';
import { toAvatarGenerationBody, toAvatarSaveBody } from './to-pi-bodies.js';
import { writeIdempotentJob } from './write-idempotent-job.js';
import { UNKNOWN_REQUEST_ID } from './write-payloads.js';

/** `generateAvatar` (idempotent upstream) and `saveAvatar` (not: never retried once sent). */
export const avatarMutationResolvers = {
  Mutation: {
    generateAvatar: (_root, { input, idempotencyKey }, context, info) => {
      const pi = requirePiWrites(context);
      const body = toAvatarGenerationBody(parseInput(generateAvatarSchema, input));
      return writeIdempotentJob(idempotencyKey, context, info, 'avatar_generation', (key) =>
        pi.generateAvatar(body, { idempotencyKey: key }),
      );
    },
    saveAvatar: async (_root, { input }, context) => {
      const pi = requirePiWrites(context);
      const result = await pi.saveAvatar(toAvatarSaveBody(parseInput(saveAvatarSchema, input)));
      return { savedAvatar: result.data, requestId: result.requestId ?? UNKNOWN_REQUEST_ID };
    },
  },
} satisfies Resolvers;
