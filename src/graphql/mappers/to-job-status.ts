import type { JobStatusDto } from '../../pi/index.js';
import type { JobStatus } from '../../generated/resolvers-types.js';
import { unexpectedValue } from './upstream-shape-error.js';

/** Maps Pi's job status (`data.status`) to `JobStatus`; an unknown value is `UPSTREAM_BAD_RESPONSE`. */
export function toJobStatus(status: JobStatusDto): JobStatus {
  switch (status) {
    case 'queued':
      return 'QUEUED';
    case 'processing':
      return 'PROCESSING';
    case 'completed':
      return 'COMPLETED';
    case 'failed':
      return 'FAILED';
    default:
      return unexpectedValue(status, 'job status');
  }
}
