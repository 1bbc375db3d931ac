import type { Resolvers } from '../../../generated/resolvers-types.js';
import {
  editCampaignAdSchema,
  generateImageSchema,
  localizeCampaignAdSchema,
} from './input-schemas.js';
import { parseInput } from './parse-input.js';
import { requirePiWrites } from './require-pi-writes.js';
import {
  toCampaignEditBody,
  toCampaignLocalizationBody,
  toImageGenerationBody,
} from './to-pi-bodies.js';
import { writeIdempotentJob } from './write-idempotent-job.js';

/** `generateImage`, `generateCampaignAd`, `editCampaignAd`, `localizeCampaignAd`: idempotent upstream. */
export const imageMutationResolvers = {
  Mutation: {
    generateImage: (_root, { input, idempotencyKey }, context, info) => {
      const pi = requirePiWrites(context);
      const body = toImageGenerationBody(parseInput(generateImageSchema, input));
      return writeIdempotentJob(idempotencyKey, context, info, 'ad_generation', (key) =>
        pi.generateImage(body, { idempotencyKey: key }),
      );
    },
    generateCampaignAd: (_root, { input, idempotencyKey }, context, info) => {
      const pi = requirePiWrites(context);
      const body = toImageGenerationBody(parseInput(generateImageSchema, input));
      return writeIdempotentJob(idempotencyKey, context, info, 'campaign_ad_generation', (key) =>
        pi.generateCampaignAd(body, { idempotencyKey: key }),
      );
    },
    editCampaignAd: (_root, { input, idempotencyKey }, context, info) => {
      const pi = requirePiWrites(context);
      const body = toCampaignEditBody(parseInput(editCampaignAdSchema, input));
      return writeIdempotentJob(idempotencyKey, context, info, 'campaign_ad_edit', (key) =>
        pi.editCampaignAd(body, { idempotencyKey: key }),
      );
    },
    localizeCampaignAd: (_root, { input, idempotencyKey }, context, info) => {
      const pi = requirePiWrites(context);
      const body = toCampaignLocalizationBody(parseInput(localizeCampaignAdSchema, input));
      return writeIdempotentJob(idempotencyKey, context, info, 'campaign_ad_localization', (key) =>
        pi.localizeCampaignAd(body, { idempotencyKey: key }),
      );
    },
  },
} satisfies Resolvers;
