import type { Resolvers } from '../../generated/resolvers-types.js';
import type { JobDto } from '../../pi/index.js';
import { planBrandRead, planJobRead } from '../../planner/index.js';
import {
  required,
  toDateTime,
  toImageGenerationKind,
  toJobBrandId,
  toJobDiagnostics,
  toJobError,
  toJobImageUrl,
  toJobPayload,
  toJobPhase,
  toJobProgress,
  toJobRetrievalDiagnostics,
  toJobStatus,
  toJobType,
} from '../mappers/index.js';
import { loadReference } from './load-reference.js';
import { validateId, validateIds } from './validate-arguments.js';
import { validateReferenceId } from './validate-reference-id.js';

/** `Query.job`, `Query.jobs` and the `Job` fields, over `JobDto` (also raw `latest_job` rows). */
export const jobResolvers = {
  Query: {
    job: (_root, { id }, { loaders }, info) =>
      loaders.job.load({ id: validateId(id), options: planJobRead(info) }),
    jobs: async (_root, { ids }, { loaders }, info) => {
      const options = planJobRead(info);
      const results = await loaders.job.loadMany(validateIds(ids).map((id) => ({ id, options })));
      // graphql-js completes an `Error` item as a field error at `[jobs, i]` (null there), keeping
      // the other items; the generated type has no room for that, hence the cast.
      return results as Array<JobDto | null>;
    },
  },
  Job: {
    // Federation's `_entities` (a router resolving `Job` references): the same loader and plan as
    // `Query.job`, planned from the selection on `Job`. Null when Pi answers 404, like a reference
    // inside the gateway. `async` so a bad representation fails only its own entity: a synchronous
    // throw would fail the whole `_entities` list.
    __resolveReference: async (reference, { loaders }, info) =>
      loadReference(
        loaders.job.load({ id: validateReferenceId(reference), options: planJobRead(info) }),
      ),
    type: (job) => toJobType(required(job.type, 'job type')),
    rawType: (job) => required(job.type, 'job type'),
    status: (job) => toJobStatus(required(job.status, 'job status')),
    phase: (job) => toJobPhase(job),
    progress: (job) => toJobProgress(job),
    createdAt: (job) => toDateTime(required(job.created_at, 'job timestamp')),
    updatedAt: (job) => toDateTime(required(job.updated_at, 'job timestamp')),
    resultUrl: (job) => job.result_url ?? null,
    error: (job) => toJobError(job),
    payload: (job) => toJobPayload(job),
    brandId: (job) => toJobBrandId(job),
    brand: (job, _args, { loaders }, info) => {
      if (job.expanded?.brand !== undefined) return job.expanded.brand;
      // No expansion (an image job, a raw `latest_job` row, or Pi left it out): load by id.
      const brandId = toJobBrandId(job);
      if (brandId === null) return null;
      return loadReference(loaders.brand.load({ id: brandId, options: planBrandRead(info) }));
    },
    imageUrl: (job) => toJobImageUrl(job),
    imageGeneration: (job) => (toImageGenerationKind(job.type) === null ? null : job),
    diagnostics: (job) => toJobDiagnostics(job),
    retrievalDiagnostics: (job) => toJobRetrievalDiagnostics(job),
  },
} satisfies Resolvers;
