import { toIso } from './ids.js';
import type { JobRow } from './types.js';

/** A job as `GET /jobs/:id` shows it: the stored columns, timestamps in whole unix seconds. */
export function toJobRecord(job: JobRow): Record<string, unknown> {
  return {
    id: job.id,
    org_id: job.org_id,
    type: job.type,
    status: job.status,
    payload: job.payload,
    result_url: job.result_url,
    error_log: job.error_log,
    created_at: Math.floor(job.created_at),
    updated_at: Math.floor(job.updated_at),
  };
}

/**
 * A job as a raw database row (`expanded.latest_job`, webhook `data.job`): the same columns with
 * ISO-8601 timestamps.
 */
export function toRawJobRow(job: JobRow): Record<string, unknown> {
  return {
    ...toJobRecord(job),
    created_at: toIso(job.created_at),
    updated_at: toIso(job.updated_at),
  };
}
