import type { RunDto } from './dto.js';
import { longPollGet } from './long-poll.js';
import type { PiClient } from './pi-client.js';
import type { Credential } from './types.js';

/** One upstream read of a run, as a watcher asks for it. */
export interface FetchRunRequest {
  credential: Credential;
  runId: string;
  /** 0 = a plain `GET /runs/:id`; > 0 = `?wait_for_completion=true&timeout_seconds=<n>` (1–30). */
  waitSeconds: number;
  /** Aborted when the watcher no longer needs the answer (its last subscriber left). */
  signal: AbortSignal;
}

/**
 * Reads a run from Pi. Resolves with the run (`data` of the envelope); rejects with a
 * `GatewayError` (`NOT_FOUND`, `RATE_LIMITED`, `UPSTREAM_*`, ...) and with any error once
 * `signal` is aborted.
 */
export type FetchRun = (request: FetchRunRequest) => Promise<RunDto>;

export interface RunFetcherOptions {
  /** Time allowed for headers on top of the long-poll wait. @default 15000 */
  headersTimeoutMs?: number;
}

/**
 * A `FetchRun` over the shared client, for run watchers (`Subscription.runUpdated`): reads whole
 * runs (`GET /api/v1/runs/:id`, long-polling with `wait_for_completion=true&timeout_seconds=<n>`
 * when `waitSeconds` > 0, clamped to 1–30), sharing identical requests in flight. Fails with
 * `NOT_FOUND` for a non-UUID id (before any call), `UPSTREAM_BAD_RESPONSE` for a run of the wrong
 * shape, and otherwise like every client call (`GatewayError`s, or the signal's reason).
 */
export function createRunFetcher(client: PiClient, options: RunFetcherOptions = {}): FetchRun {
  const headersTimeoutMs = options.headersTimeoutMs ?? 15_000;
  return ({ credential, runId, waitSeconds, signal }) =>
    longPollGet(
      client,
      { kind: 'run', id: runId, credential, waitSeconds, signal, headersTimeoutMs },
      isRunShape,
    );
}

function isRunShape(value: unknown): value is RunDto {
  if (typeof value !== 'object' || value === null) return false;
  const { id, status, steps } = value as Partial<Record<keyof RunDto, unknown>>;
  return typeof id === 'string' && typeof status === 'string' && Array.isArray(steps);
}
