import type { JobReadOptions } from '../pi/index.js';
import { IMAGE_GENERATION_READ_RULES, JOB_READ_RULES } from './job-read-rules.js';
import { planRead } from './plan-read.js';
import type { SelectionInfo } from './selection-info.js';

const JOB_RULES = { Job: JOB_READ_RULES, ImageGeneration: IMAGE_GENERATION_READ_RULES };

/**
 * The job read a field of type `Job` (or `[Job]`) needs for its selection: e.g.
 * `{ id status }` → `{ fields: ['id', 'status'] }`; `{ status brand { name } }` →
 * `{ expand: ['brand'], fields: ['id', 'payload', 'result_url', 'status', 'type'] }`.
 */
export function planJobRead(info: SelectionInfo): JobReadOptions {
  return planRead(info, JOB_RULES, 'Job', info.fieldNodes);
}

/**
 * The job read a field of type `ImageGeneration` needs. Always includes `type`, which decides
 * whether the job is an image generation at all.
 */
export function planImageGenerationRead(info: SelectionInfo): JobReadOptions {
  const plan = planRead(info, JOB_RULES, 'ImageGeneration', info.fieldNodes);
  if (plan.fields === undefined || plan.fields.includes('type')) return plan;
  return { ...plan, fields: [...plan.fields, 'type'].sort() };
}
