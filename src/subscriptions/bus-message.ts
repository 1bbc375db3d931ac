import { GatewayError, isErrorCode } from '../errors/index.js';
import { isJobVersion } from './job-version.js';
import type { VersionedJob } from './types.js';

/** A message on a Redis channel (or the stored state), as read back and checked. */
export type BusMessage =
  | { type: 'state'; state: VersionedJob }
  | { type: 'error'; error: GatewayError }
  | { type: 'released' }
  | { type: 'notify'; replicaId: string; jobId: string };

const JOB_STATUSES: ReadonlySet<unknown> = new Set(['queued', 'processing', 'completed', 'failed']);
const MAX_ERROR_MESSAGE = 500;

/**
 * Parses and checks a bus message. Returns undefined for anything malformed (never throws), so a
 * stray or corrupted message is dropped instead of reaching a subscriber.
 */
export function parseBusMessage(text: string): BusMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'state': {
      const { version, job } = value;
      if (
        !isJobVersion(version) ||
        !isRecord(job) ||
        typeof job.id !== 'string' ||
        !JOB_STATUSES.has(job.status)
      ) {
        return undefined;
      }
      return { type: 'state', state: { version, job: job as unknown as VersionedJob['job'] } };
    }
    case 'error': {
      const { code, message, retryAfter } = value;
      if (!isErrorCode(code) || typeof message !== 'string') return undefined;
      const seconds =
        typeof retryAfter === 'number' && Number.isFinite(retryAfter) ? retryAfter : undefined;
      const error = new GatewayError(message.slice(0, MAX_ERROR_MESSAGE), {
        code,
        ...(seconds === undefined ? {} : { retryAfter: seconds }),
      });
      return { type: 'error', error };
    }
    case 'released':
      return { type: 'released' };
    case 'notify': {
      const { replicaId, jobId } = value;
      if (typeof replicaId !== 'string' || typeof jobId !== 'string') return undefined;
      return { type: 'notify', replicaId, jobId };
    }
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
