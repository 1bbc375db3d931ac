import { ErrorCode, GatewayError } from '../errors/index.js';
import type { RunDto } from '../pi/dto.js';
import { isUuid } from '../pi/index.js';
import type { PiClient } from '../pi/index.js';
import type { FetchRun } from './run-types.js';

export interface RunFetcherOptions {
  /** Time allowed for headers on top of the long-poll wait. @default 15000 */
  headersTimeoutMs?: number;
}

const MAX_WAIT_SECONDS = 30;

/**
 * A `FetchRun` over the shared client, for run watchers (`Subscription.runUpdated`): reads whole
 * runs (`GET /api/v1/runs/:id`, long-polling with `wait_for_completion=true&timeout_seconds=<n>`
 * when `waitSeconds` > 0, clamped to 1–30), sharing identical requests in flight. Fails with
 * `NOT_FOUND` for a non-UUID id (before any call), `UPSTREAM_BAD_RESPONSE` for a run of the wrong
 * shape, and otherwise like every client call (`GatewayError`s, or the signal's reason).
 */
export function createRunFetcher(client: PiClient, options: RunFetcherOptions = {}): FetchRun {
  const headersTimeoutMs = options.headersTimeoutMs ?? 15_000;
  return async ({ credential, runId, waitSeconds, signal }) => {
    if (!isUuid(runId)) {
      throw new GatewayError('The run was not found.', { code: ErrorCode.NOT_FOUND });
    }
    const wait = Math.min(MAX_WAIT_SECONDS, Math.max(0, Math.round(waitSeconds)));
    const response = await client.request<RunDto>({
      method: 'GET',
      path: `/runs/${encodeURIComponent(runId)}`,
      query: wait > 0 ? { wait_for_completion: 'true', timeout_seconds: wait } : {},
      credential,
      signal,
      resource: { kind: 'run', id: runId },
      headersTimeoutMs: headersTimeoutMs + wait * 1000,
    });
    const run: unknown = response.data;
    if (!isRunShape(run)) {
      throw new GatewayError('Pi answered with a run of an unexpected shape.', {
        code: ErrorCode.UPSTREAM_BAD_RESPONSE,
      });
    }
    return run;
  };
}

function isRunShape(value: unknown): value is RunDto {
  if (typeof value !== 'object' || value === null) return false;
  const { id, status, steps } = value as Partial<Record<keyof RunDto, unknown>>;
  return typeof id === 'string' && typeof status === 'string' && Array.isArray(steps);
}
