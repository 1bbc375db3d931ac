import { ErrorCode, GatewayError } from '../errors/index.js';
import type { JobDto } from './dto.js';
import { isUuid } from './is-uuid.js';
import type { PiClient } from './pi-client.js';
import type { Credential } from './types.js';

/** One job read for a watcher: a plain GET (`waitSeconds` 0) or a long-poll of up to 30 s. */
export interface FetchJobRequest {
  credential: Credential;
  jobId: string;
  /** 0 = a plain GET; 1–30 = `wait_for_completion=true&timeout_seconds=<n>`. */
  waitSeconds: number;
  signal: AbortSignal;
}

export type FetchJob = (request: FetchJobRequest) => Promise<JobDto>;

export interface JobFetcherOptions {
  /** Time allowed for headers on top of the long-poll wait. @default 15000 */
  headersTimeoutMs?: number;
}

const MAX_WAIT_SECONDS = 30;

/**
 * A `FetchJob` over the shared client, for job watchers (subscriptions): reads whole jobs
 * (`GET /api/v1/jobs/:id`, long-polling when `waitSeconds` > 0, clamped to 1–30), sharing
 * identical requests in flight. Fails like `PiApi.getJob` (`NOT_FOUND` for a non-UUID id).
 */
export function createJobFetcher(client: PiClient, options: JobFetcherOptions = {}): FetchJob {
  const headersTimeoutMs = options.headersTimeoutMs ?? 15_000;
  return async ({ credential, jobId, waitSeconds, signal }) => {
    if (!isUuid(jobId)) {
      throw new GatewayError('The job was not found.', { code: ErrorCode.NOT_FOUND });
    }
    const wait = Math.min(MAX_WAIT_SECONDS, Math.max(0, Math.round(waitSeconds)));
    const response = await client.request<JobDto>({
      method: 'GET',
      path: `/jobs/${encodeURIComponent(jobId)}`,
      query: wait > 0 ? { wait_for_completion: 'true', timeout_seconds: wait } : {},
      credential,
      signal,
      resource: { kind: 'job', id: jobId },
      headersTimeoutMs: headersTimeoutMs + wait * 1000,
    });
    const job: unknown = response.data;
    if (
      typeof job !== 'object' ||
      job === null ||
      typeof (job as { id?: unknown }).id !== 'string'
    ) {
      throw new GatewayError('Pi answered with a job of an unexpected shape.', {
        code: ErrorCode.UPSTREAM_BAD_RESPONSE,
      });
    }
    return job as JobDto;
  };
}
