import { JOB_PHASES, jobPhaseIndex } from '../../pi/index.js';
import type { JobDto } from '../../pi/index.js';
import { readKey } from './json-values.js';
import { isKnownJobType } from './known-job-type.js';

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
  const index = jobPhaseIndex(job.type, phase);
  // Indexing with a `KnownJobType` keeps the compiler checking that every known type has phases.
  return index < 0 ? 0.5 : index / (JOB_PHASES[job.type].length - 1);
}
