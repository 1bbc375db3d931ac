import type { JobDto } from './dto.js';
import { longPollGet } from './long-poll.js';
import type { PiClient } from './pi-client.js';
import type { Credential } from './types.js';

/** One upstream read of a job, as a watcher asks for it: a plain GET or a long-poll of up to 30 s. */
export interface FetchJobRequest {
  credential: Credential;
  jobId: string;
  /** 0 = a plain `GET /jobs/:id`; > 0 = `?wait_for_completion=true&timeout_seconds=<n>` (1–30). */
  waitSeconds: number;
  /** Aborted when the watcher no longer needs the answer (last subscriber left, webhook, role change). */
  signal: AbortSignal;
}

/**
 * Reads a job from Pi. Resolves with the job record (`data` of the envelope); rejects with a
 * `GatewayError` (`NOT_FOUND`, `RATE_LIMITED` with `retryAfter`, `UPSTREAM_*`, ...) and with any
 * error once `signal` is aborted.
 */
export type FetchJob = (request: FetchJobRequest) => Promise<JobDto>;

export interface JobFetcherOptions {
  /** Time allowed for headers on top of the long-poll wait. @default 15000 */
  headersTimeoutMs?: number;
}

/**
 * A `FetchJob` over the shared client, for job watchers (subscriptions): reads whole jobs
 * (`GET /api/v1/jobs/:id`, long-polling when `waitSeconds` > 0, clamped to 1–30), sharing
 * identical requests in flight. Fails like `PiApi.getJob` (`NOT_FOUND` for a non-UUID id),
 * with `UPSTREAM_BAD_RESPONSE` for a job of the wrong shape.
 */
export function createJobFetcher(client: PiClient, options: JobFetcherOptions = {}): FetchJob {
  const headersTimeoutMs = options.headersTimeoutMs ?? 15_000;
  return ({ credential, jobId, waitSeconds, signal }) =>
    longPollGet(
      client,
      { kind: 'job', id: jobId, credential, waitSeconds, signal, headersTimeoutMs },
      isJobShape,
    );
}

function isJobShape(value: unknown): value is JobDto {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string'
  );
}
