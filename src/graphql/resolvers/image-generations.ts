import type { Resolvers } from '../../generated/resolvers-types.js';
import { planBrandRead, planImageGenerationRead } from '../../planner/index.js';
import {
  required,
  toImageAspectRatio,
  toImageClientReferenceId,
  toImageEvaluation,
  toImageGenerationKind,
  toImageMetadata,
  toImagePrompt,
  toImageResolution,
  toImageSourceJobId,
  toJobBrandId,
  toJobImageUrl,
  toJobStatus,
} from '../mappers/index.js';
import { loadReference } from './load-reference.js';
import { validateId } from './validate-arguments.js';
import { validateReferenceId } from './validate-reference-id.js';

/** `Query.imageGeneration` and the `ImageGeneration` fields, over the `JobDto` of an image job. */
export const imageGenerationResolvers = {
  Query: {
    imageGeneration: async (_root, { id }, { loaders }, info) => {
      const job = await loaders.job.load({
        id: validateId(id),
        options: planImageGenerationRead(info),
      });
      return toImageGenerationKind(job.type) === null ? null : job;
    },
  },
  ImageGeneration: {
    // Federation's `_entities`, read like `Query.imageGeneration` (see `Job.__resolveReference`):
    // null also when the job makes no image.
    __resolveReference: async (reference, { loaders }, info) => {
      const job = await loadReference(
        loaders.job.load({
          id: validateReferenceId(reference),
          options: planImageGenerationRead(info),
        }),
      );
      return job !== null && toImageGenerationKind(job.type) !== null ? job : null;
    },
    kind: (job) => required(toImageGenerationKind(job.type), 'image generation kind'),
    status: (job) => toJobStatus(required(job.status, 'job status')),
    prompt: (job) => toImagePrompt(job),
    imageUrl: (job) => toJobImageUrl(job),
    aspectRatio: (job) => toImageAspectRatio(job),
    resolution: (job) => toImageResolution(job),
    brand: (job, _args, { loaders }, info) => {
      const brandId = toJobBrandId(job);
      if (brandId === null) return null;
      return loadReference(loaders.brand.load({ id: brandId, options: planBrandRead(info) }));
    },
    job: (job) => job,
    sourceGeneration: async (job, _args, { loaders }, info) => {
      const sourceId = toImageSourceJobId(job);
      if (sourceId === null) return null;
      const source = await loadReference(
        loaders.job.load({ id: sourceId, options: planImageGenerationRead(info) }),
      );
      return source !== null && toImageGenerationKind(source.type) !== null ? source : null;
    },
    clientReferenceId: (job) => toImageClientReferenceId(job),
    metadata: (job) => toImageMetadata(job),
    evaluator: (job) => toImageEvaluation(job),
  },
} satisfies Resolvers;
