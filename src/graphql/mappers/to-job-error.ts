import type { JobError } from '../../generated/resolvers-types.js';
import type { JobDto } from '../../pi/index.js';
import { readKey, toNonEmptyString } from './json-values.js';

const CODE_PREFIX = /^([a-z][a-z0-9_]*): (.+)$/;
const MAX_MESSAGE_LENGTH = 500;

/** What the error needs from a job (any may be missing from a trimmed DTO). */
export type JobErrorInput = Pick<JobDto, 'status' | 'payload' | 'error_log'>;

/**
 * Why a failed job failed: the code from `payload.failure_code`, else the `<code>:` prefix of
 * `error_log`; the message from `payload.message`, else the first line of `error_log` (never the
 * stack trace that follows). Null unless the job failed.
 */
export function toJobError(job: JobErrorInput): JobError | null {
  if (job.status !== 'failed') return null;
  const firstLine = (job.error_log ?? '').split('\n', 1)[0]?.trim() ?? '';
  const prefixed = CODE_PREFIX.exec(firstLine);
  const code = toNonEmptyString(readKey(job.payload, 'failure_code')) ?? prefixed?.[1] ?? null;
  const message = toNonEmptyString(readKey(job.payload, 'message')) ?? prefixed?.[2] ?? firstLine;
  return {
    code,
    message: message.length > 0 ? truncate(message) : defaultMessage(code),
  };
}

function truncate(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH
    ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…`
    : message;
}

function defaultMessage(code: string | null): string {
  return code === null ? 'The job failed; Pi gave no reason.' : `The job failed (${code}).`;
}
