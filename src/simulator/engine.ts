import type { EventEmitter } from 'node:events';
import { createId } from './ids.js';
import type { SimStatsRecorder } from './stats.js';
import type { JobEngine, JobRow, JobStatus, JobStep, Org, Store } from './types.js';

export interface JobEngineOptions {
  store: Store;
  stats: SimStatsRecorder;
  /** Simulator events: the engine emits `job.changed` (with the row) after every step. */
  events: EventEmitter;
  /** Milliseconds between steps. */
  stepMs: number;
  /** Current time in unix seconds. */
  now(): number;
}

/** The event name emitted on `events` after a job is created or changes. */
export const JOB_CHANGED_EVENT = 'job.changed';

/** Whether a job status is terminal (`completed` or `failed`). */
export function isTerminalStatus(status: JobStatus): boolean {
  return status === 'completed' || status === 'failed';
}

/**
 * Creates the job engine: each job walks its script one step per `stepMs` on an unref'd timer,
 * bumping `version` and `updated_at`. A step's `onApply` runs after the step's fields are set and
 * before anyone is told, so it may adjust the row (e.g. the brand id an upsert reused). Terminal
 * transitions wake long-polls and call `onTerminal` listeners; a throwing listener is ignored.
 */
export function createJobEngine(options: JobEngineOptions): JobEngine {
  const { store, stats, events, stepMs, now } = options;
  const timers = new Set<NodeJS.Timeout>();
  const waiters = new Map<string, Set<() => void>>();
  const terminalListeners = new Set<(job: JobRow) => void>();
  let stopped = false;

  const wake = (jobId: string): void => {
    const set = waiters.get(jobId);
    if (set === undefined) return;
    waiters.delete(jobId);
    for (const resolve of set) resolve();
  };

  const apply = (job: JobRow, step: JobStep): void => {
    job.status = step.status;
    job.payload = step.payload;
    job.result_url = step.result_url ?? null;
    job.error_log = step.error_log ?? null;
    job.updated_at = Math.max(now(), job.updated_at);
    job.version += 1;
    step.onApply?.(job);
    events.emit(JOB_CHANGED_EVENT, job);
    if (!isTerminalStatus(job.status)) return;
    wake(job.id);
    for (const listener of terminalListeners) {
      try {
        listener(job);
      } catch {
        // A listener's failure (e.g. a webhook bug) must not stop the job or other listeners.
      }
    }
  };

  const schedule = (job: JobRow, steps: JobStep[], index: number): void => {
    if (stopped || index >= steps.length) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopped) return;
      try {
        apply(job, steps[index]!);
      } catch {
        // A failing side effect (onApply) fails the job instead of leaving it stuck.
        apply(job, {
          status: 'failed',
          payload: { phase: 'failed', failed_at: new Date().toISOString() },
          error_log: 'internal_step_failed: the simulator could not apply a job step.',
        });
        return;
      }
      if (!isTerminalStatus(job.status)) schedule(job, steps, index + 1);
    }, stepMs);
    timer.unref();
    timers.add(timer);
  };

  return {
    create(org: Org, type, queuedPayload, steps) {
      const createdAt = now();
      const job: JobRow = {
        id: createId(),
        org_id: org.id,
        type,
        status: 'queued',
        payload: queuedPayload,
        result_url: null,
        error_log: null,
        created_at: createdAt,
        updated_at: createdAt,
        version: 1,
      };
      store.jobs.set(job.id, job);
      stats.countJob(org.name);
      events.emit(JOB_CHANGED_EVENT, job);
      schedule(job, typeof steps === 'function' ? steps(job) : steps, 0);
      return job;
    },

    get(orgId, id) {
      const job = store.jobs.get(id);
      return job !== undefined && job.org_id === orgId ? job : undefined;
    },

    waitForTerminal(job, timeoutMs, signal) {
      if (isTerminalStatus(job.status) || stopped || signal.aborted || timeoutMs <= 0) {
        return Promise.resolve(store.jobs.get(job.id) ?? job);
      }
      return new Promise<JobRow>((resolve) => {
        stats.trackLongPoll(job.id, 1);
        let set = waiters.get(job.id);
        if (set === undefined) {
          set = new Set();
          waiters.set(job.id, set);
        }
        const finish = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', finish);
          const current = waiters.get(job.id);
          current?.delete(finish);
          if (current?.size === 0) waiters.delete(job.id);
          stats.trackLongPoll(job.id, -1);
          resolve(store.jobs.get(job.id) ?? job);
        };
        const timer = setTimeout(finish, timeoutMs);
        signal.addEventListener('abort', finish, { once: true });
        set.add(finish);
      });
    },

    onTerminal(listener) {
      terminalListeners.add(listener);
      return () => {
        terminalListeners.delete(listener);
      };
    },

    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const jobId of [...waiters.keys()]) wake(jobId);
    },
  };
}
