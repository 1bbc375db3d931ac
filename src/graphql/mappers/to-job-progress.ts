import type { JobDto } from '../../pi/index.js';
import { isKnownJobType, type KnownJobType } from './known-job-type.js';
import { readKey } from './json-values.js';

/**
 * Each known job type's `payload.phase` values in the order its worker walks them (contract
 * §2.7), from `queued` to `completed`. `failed` is not a step: it ends the job at any point.
 */
export const JOB_PHASES: Readonly<Record<KnownJobType, readonly string[]>> = {
  brand_extraction: [
    'queued',
    'phase_a_normalization',
    'phase_b_gemini_manifesto',
    'phase_c_gemini_structuring',
    'phase_d_database_mutation',
    'completed',
  ],
  ad_generation: [
    'queued',
    'prompt_understanding',
    'reference_understanding',
    'creative_planner',
    'prompt_compilation',
    'completed',
  ],
  campaign_ad_generation: ['queued', 'mastra_workflow_start', 'completed'],
  campaign_ad_edit: ['queued', 'edit_processing', 'completed'],
  campaign_ad_localization: ['queued', 'mastra_workflow_start', 'completed'],
  avatar_generation: ['queued', 'processing', 'completed'],
};

// Older reference versions name the third extraction phase after another model.
const PHASE_ALIASES: Readonly<Record<string, string>> = {
  phase_c_claude_structuring: 'phase_c_gemini_structuring',
};

/** What progress needs: the job's state, type and phase (any may be missing from a trimmed DTO). */
export type JobProgressInput = Pick<JobDto, 'status' | 'type' | 'payload'>;

/**
 * A job's progress from 0 to 1: the position of its phase in its type's phase sequence; 1 once
 * the job is terminal, 0 while queued, and 0.5 while processing in a phase the table lacks.
 */
export function toJobProgress(job: JobProgressInput): number {
  if (job.status === 'completed' || job.status === 'failed') return 1;
  if (job.status === 'queued') return 0;
  const phase = readKey(job.payload, 'phase');
  if (!isKnownJobType(job.type) || typeof phase !== 'string') return 0.5;
  const phases = JOB_PHASES[job.type];
  const index = phases.indexOf(PHASE_ALIASES[phase] ?? phase);
  return index < 0 ? 0.5 : index / (phases.length - 1);
}
