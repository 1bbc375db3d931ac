import type { ImageGeneration, Job } from '../generated/resolvers-types.js';
import type { JobExpansion } from '../pi/index.js';
import type { ReadRule } from './read-rule.js';

/** The job fields Pi's `fields=` accepts (contract §2.10); `org_id` is the client's business. */
export type JobField =
  'id' | 'type' | 'status' | 'payload' | 'result_url' | 'error_log' | 'created_at' | 'updated_at';

type JobRule = ReadRule<JobExpansion, JobField>;
type RulesFor<T> = Readonly<Record<Exclude<keyof T, '__typename'>, JobRule>>;

/** For each `Job` field, what the job read must include. */
export const JOB_READ_RULES: RulesFor<Job> = {
  id: { fields: ['id'] },
  type: { fields: ['type'] },
  rawType: { fields: ['type'] },
  status: { fields: ['status'] },
  phase: { fields: ['payload'] },
  progress: { fields: ['status', 'type', 'payload'] },
  createdAt: { fields: ['created_at'] },
  updatedAt: { fields: ['updated_at'] },
  resultUrl: { fields: ['result_url'] },
  error: { fields: ['status', 'payload', 'error_log'] },
  payload: { fields: ['payload'] },
  brandId: { fields: ['payload', 'result_url'] },
  // Pi forces `result_url,payload,type` with a brand expansion; asking for them keeps the brand id
  // derivable (the fallback load) whatever Pi does.
  brand: { fields: ['type', 'payload', 'result_url'], expand: ['brand'] },
  imageUrl: { fields: ['payload'] },
  imageGeneration: { fields: ['type'], sameObject: 'ImageGeneration' },
  diagnostics: { fields: ['payload'], expand: ['diagnostics'] },
  retrievalDiagnostics: { fields: ['payload'], expand: ['diagnostics'] },
};

/** For each `ImageGeneration` field, what the read of its job must include. */
export const IMAGE_GENERATION_READ_RULES: RulesFor<ImageGeneration> = {
  id: { fields: ['id'] },
  kind: { fields: ['type'] },
  status: { fields: ['status'] },
  prompt: { fields: ['payload'] },
  imageUrl: { fields: ['payload'] },
  aspectRatio: { fields: ['payload'] },
  resolution: { fields: ['payload'] },
  brand: { fields: ['payload', 'result_url'] },
  job: { sameObject: 'Job' },
  sourceGeneration: { fields: ['payload'] },
  clientReferenceId: { fields: ['payload'] },
  metadata: { fields: ['payload'] },
  evaluator: { fields: ['payload'] },
};
