import type { JobDto } from '../pi/dto.js';
import { isPhasedJobType, jobPhaseIndex } from '../pi/job-phases.js';
import type { JobVersion, VersionedJob } from './types.js';

// Job types without a documented sequence (pi-contract §2.7): only `queued` → `processing` is known.
const GENERIC_SEQUENCE: ReadonlyMap<string, number> = new Map([
  ['queued', 0],
  ['processing', 1],
]);

const STATUS_RANK: Readonly<Record<string, number>> = {
  queued: 0,
  processing: 1,
  completed: 2,
  failed: 2,
};

/** Whether the job is in a terminal state (`completed` or `failed`). */
export function isTerminalJob(job: JobDto): boolean {
  return job.status === 'completed' || job.status === 'failed';
}

/** `payload.phase` when it is a string, else undefined. */
export function phaseOf(job: JobDto): string | undefined {
  const phase = job.payload?.phase;
  return typeof phase === 'string' ? phase : undefined;
}

/** Whether two states differ in what subscribers are told about: status or phase. */
export function isSameStep(a: JobDto, b: JobDto): boolean {
  return a.status === b.status && phaseOf(a) === phaseOf(b);
}

/** Lexicographic comparison of two versions: negative when `a` is older, 0 when equal. */
export function compareJobVersions(a: JobVersion, b: JobVersion): number {
  for (let i = 0; i < 4; i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Versions a freshly read state against the newest state known for the job. The base version is
 * `(status rank, updated_at, phase index)`; when the base equals `latest`'s but the step differs
 * (a phase Pi does not document, within the same second), the tiebreak moves one past `latest`'s,
 * since a single poller reads states in order.
 * Returns undefined when the state is the same step as `latest` or older than it: nothing to emit.
 */
export function toVersionedJob(
  job: JobDto,
  latest: VersionedJob | undefined,
): VersionedJob | undefined {
  const base: JobVersion = [statusRank(job), updatedAtMs(job), phaseIndex(job), 0];
  if (latest === undefined) return { version: base, job };
  if (isSameStep(job, latest.job)) return undefined;
  const order = compareJobVersions(base, [
    latest.version[0],
    latest.version[1],
    latest.version[2],
    0,
  ]);
  if (order < 0) return undefined;
  if (order > 0) return { version: base, job };
  return { version: [base[0], base[1], base[2], latest.version[3] + 1], job };
}

/**
 * A fixed-width string that sorts like the version (for comparisons inside Redis scripts).
 * Components are clamped to their widths, which no real job reaches.
 */
export function toVersionKey(version: JobVersion): string {
  const [rank, updatedAt, phase, tiebreak] = version;
  return [pad(rank, 1), pad(updatedAt, 15), pad(phase + 1, 4), pad(tiebreak, 6)].join('.');
}

/** Whether `value` has the shape of a `JobVersion` (for messages read from Redis). */
export function isJobVersion(value: unknown): value is JobVersion {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((part) => typeof part === 'number' && Number.isFinite(part))
  );
}

function statusRank(job: JobDto): number {
  return job.status === undefined ? 0 : (STATUS_RANK[job.status] ?? 0);
}

function updatedAtMs(job: JobDto): number {
  const value = job.updated_at;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 1000) : 0;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? 0 : parsed;
  }
  return 0;
}

function phaseIndex(job: JobDto): number {
  const phase = phaseOf(job);
  // Terminal phases need no index: the status rank already orders them last.
  if (phase === undefined || phase === 'completed') return -1;
  if (isPhasedJobType(job.type)) return jobPhaseIndex(job.type, phase);
  return GENERIC_SEQUENCE.get(phase) ?? -1;
}

function pad(value: number, width: number): string {
  const max = 10 ** width - 1;
  const clamped = Math.min(Math.max(Math.trunc(value), 0), max);
  return String(clamped).padStart(width, '0');
}
