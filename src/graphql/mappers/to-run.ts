import type { RunStatus, RunStepAction, RunStepStatus } from '../../generated/resolvers-types.js';
import type { RunStatusDto, RunStepDto, RunStepStatusDto } from '../../pi/index.js';
import { unexpectedValue } from './upstream-shape-error.js';

/** Maps Pi's run status to `RunStatus`; an unknown value is `UPSTREAM_BAD_RESPONSE`. */
export function toRunStatus(status: RunStatusDto): RunStatus {
  switch (status) {
    case 'pending':
      return 'PENDING';
    case 'in_progress':
      return 'IN_PROGRESS';
    case 'completed':
      return 'COMPLETED';
    case 'failed':
      return 'FAILED';
    case 'cancelled':
      return 'CANCELLED';
    default:
      return unexpectedValue(status, 'run status');
  }
}

/** Maps Pi's run step status to `RunStepStatus`; an unknown value is `UPSTREAM_BAD_RESPONSE`. */
export function toRunStepStatus(status: RunStepStatusDto): RunStepStatus {
  switch (status) {
    case 'pending':
      return 'PENDING';
    case 'queued':
      return 'QUEUED';
    case 'processing':
      return 'PROCESSING';
    case 'completed':
      return 'COMPLETED';
    case 'failed':
      return 'FAILED';
    case 'skipped':
      return 'SKIPPED';
    default:
      return unexpectedValue(status, 'run step status');
  }
}

/** Maps a run step's `action` to `RunStepAction`; null when Pi did not report one. */
export function toRunStepAction(action: RunStepDto['action']): RunStepAction | null {
  switch (action) {
    case undefined:
      return null;
    case 'brands.extract':
      return 'BRANDS_EXTRACT';
    case 'campaigns.generate':
      return 'CAMPAIGNS_GENERATE';
    case 'campaigns.edit':
      return 'CAMPAIGNS_EDIT';
    case 'campaigns.localize_ad':
      return 'CAMPAIGNS_LOCALIZE_AD';
    default:
      return unexpectedValue(action, 'run step action');
  }
}
