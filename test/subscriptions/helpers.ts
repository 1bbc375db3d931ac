/**
 * Helpers for the watcher suites: a scripted in-memory Pi behind a `FetchJob` (jobs advance only
 * when the test says so; long-polls answer at a terminal state or when the test expires them),
 * fake credentials, `waitFor` and a consumer that records what a subscription yields.
 */
import { ErrorCode, GatewayError } from '../../src/errors/index.js';
import type { JobDto } from '../../src/pi/dto.js';
import type { Credential } from '../../src/pi/types.js';
import type { FetchJob, JobSubscription } from '../../src/subscriptions/index.js';

export { waitFor } from '../helpers/wait-for.js';

/** A credential for `key` (its Authorization is `Bearer <key>`). */
export function fakeCredential(key: string): Credential {
  return { fingerprint: `fp-${key}`, authorization: () => `Bearer ${key}` };
}

/** Lets pending promise callbacks and I/O callbacks run (a few event-loop turns, no timers). */
export async function flush(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** A job's scripted states: `[status, phase]` pairs, `updated_at` one second apart from 1000. */
export function jobStates(
  id: string,
  type: string,
  steps: Array<[JobDto['status'], string]>,
): JobDto[] {
  return steps.map(([status, phase], index) => ({
    id,
    org_id: 'org-1',
    type,
    status,
    payload: { phase },
    result_url: null,
    error_log: status === 'failed' ? 'internal_step_failed: boom' : null,
    created_at: 1000,
    updated_at: 1000 + index,
  }));
}

/** The usual brand extraction script: queued, two phases, completed. */
export function brandJob(id: string): JobDto[] {
  return jobStates(id, 'brand_extraction', [
    ['queued', 'queued'],
    ['processing', 'phase_a_normalization'],
    ['processing', 'phase_b_gemini_manifesto'],
    ['completed', 'completed'],
  ]);
}

export interface FetchCall {
  jobId: string;
  authorization: string;
  waitSeconds: number;
  /** Who made it (the `tag` given to `fetchJobFor`). */
  tag: string;
  aborted: boolean;
  settled: boolean;
}

interface ScriptedJob {
  states: JobDto[];
  index: number;
  /** Authorizations allowed to see it; undefined = everyone. */
  visibleTo: Set<string> | undefined;
  /** Answers queued by the test, used before the script (stale states, errors). */
  overrides: Array<JobDto | Error>;
  /** Reads that answer 404 before the job "exists" (U9). */
  missingReads: number;
}

interface PendingPoll {
  jobId: string;
  resolve(job: JobDto): void;
}

/**
 * A scripted Pi. `fetchJob` honours `signal` (rejects at once when aborted) and records every call
 * with its concurrency per (authorization, job).
 */
export function createFakePi() {
  const jobs = new Map<string, ScriptedJob>();
  const pending = new Set<PendingPoll>();
  const calls: FetchCall[] = [];
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const maxPolls = new Map<string, number>();

  const current = (job: ScriptedJob): JobDto => structuredClone(job.states[job.index] as JobDto);
  const isTerminal = (job: JobDto): boolean =>
    job.status === 'completed' || job.status === 'failed';
  const notFound = (jobId: string): GatewayError =>
    new GatewayError(`Job ${jobId} was not found.`, {
      code: ErrorCode.NOT_FOUND,
      pi: { status: 404, code: 'job_not_found' },
    });

  function fetchJobFor(tag: string): FetchJob {
    return ({ credential, jobId, waitSeconds, signal }) => {
      const authorization = credential.authorization();
      const call: FetchCall = {
        jobId,
        authorization,
        waitSeconds,
        tag,
        aborted: false,
        settled: false,
      };
      calls.push(call);
      const slot = `${authorization}|${jobId}`;
      inFlight.set(slot, (inFlight.get(slot) ?? 0) + 1);
      maxInFlight.set(slot, Math.max(maxInFlight.get(slot) ?? 0, inFlight.get(slot) ?? 0));
      return new Promise<JobDto>((resolve, reject) => {
        let poll: PendingPoll | undefined;
        const settle = (outcome: () => void): void => {
          if (call.settled) return;
          call.settled = true;
          inFlight.set(slot, (inFlight.get(slot) ?? 1) - 1);
          if (poll !== undefined) pending.delete(poll);
          signal.removeEventListener('abort', onAbort);
          outcome();
        };
        const onAbort = (): void => {
          call.aborted = true;
          settle(() => reject(new DOMException('The operation was aborted.', 'AbortError')));
        };
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort);
        const job = jobs.get(jobId);
        if (
          job === undefined ||
          (job.visibleTo !== undefined && !job.visibleTo.has(authorization))
        ) {
          return settle(() => reject(notFound(jobId)));
        }
        if (job.missingReads > 0) {
          job.missingReads -= 1;
          return settle(() => reject(notFound(jobId)));
        }
        const override = job.overrides.shift();
        if (override instanceof Error) return settle(() => reject(override));
        if (override !== undefined) return settle(() => resolve(structuredClone(override)));
        const state = current(job);
        if (waitSeconds === 0 || isTerminal(state)) return settle(() => resolve(state));
        poll = { jobId, resolve: (value) => settle(() => resolve(value)) };
        pending.add(poll);
        maxPolls.set(
          jobId,
          Math.max(
            maxPolls.get(jobId) ?? 0,
            [...pending].filter((item) => item.jobId === jobId).length,
          ),
        );
      });
    };
  }

  const answerPolls = (jobId: string): void => {
    const job = jobs.get(jobId);
    if (job === undefined) return;
    for (const poll of [...pending]) if (poll.jobId === jobId) poll.resolve(current(job));
  };

  return {
    calls,
    fetchJob: fetchJobFor('main'),
    fetchJobFor,
    /** Adds a job with its script; `visibleTo` lists the keys that may see it (default: all). */
    addJob(
      states: JobDto[],
      options: { visibleTo?: string[]; missingReads?: number } = {},
    ): string {
      const id = states[0]?.id ?? '';
      jobs.set(id, {
        states,
        index: 0,
        visibleTo:
          options.visibleTo === undefined
            ? undefined
            : new Set(options.visibleTo.map((key) => `Bearer ${key}`)),
        overrides: [],
        missingReads: options.missingReads ?? 0,
      });
      return id;
    },
    /** Moves the job one step; long-polls answer at once when the new state is terminal (like Pi). */
    advance(jobId: string): void {
      const job = jobs.get(jobId);
      if (job === undefined || job.index >= job.states.length - 1)
        throw new Error(`No next state for ${jobId}`);
      job.index += 1;
      if (isTerminal(job.states[job.index] as JobDto)) answerPolls(jobId);
    },
    /** Ends the pending long-polls of the job with its current (non-terminal) state: their timeout. */
    expirePolls: answerPolls,
    /** The next read of the job answers `answer` (a state, e.g. a stale one, or an error). */
    answerNext(jobId: string, answer: JobDto | Error): void {
      jobs.get(jobId)?.overrides.push(answer);
    },
    pendingPolls(jobId: string): number {
      return [...pending].filter((poll) => poll.jobId === jobId).length;
    },
    /** Highest number of simultaneous requests seen for (key, job). */
    maxInFlight(key: string, jobId: string): number {
      return maxInFlight.get(`Bearer ${key}|${jobId}`) ?? 0;
    },
    /** Highest number of simultaneous long-polls seen for the job, whatever the key or replica. */
    maxLongPolls(jobId: string): number {
      return maxPolls.get(jobId) ?? 0;
    },
    /** The job's long-poll waiting now (the latest one, if several). */
    pendingPoll(jobId: string): FetchCall | undefined {
      return calls
        .filter((call) => call.jobId === jobId && call.waitSeconds > 0 && !call.settled)
        .at(-1);
    },
    inFlight(jobId: string): number {
      return calls.filter((call) => call.jobId === jobId && !call.settled).length;
    },
    callsFor(jobId: string): FetchCall[] {
      return calls.filter((call) => call.jobId === jobId);
    },
  };
}

export type FakePi = ReturnType<typeof createFakePi>;

/** Reads a subscription in the background, recording each job and how it ended. */
export function consume(subscription: JobSubscription) {
  const seen: JobDto[] = [];
  let error: unknown;
  let done = false;
  const finished = (async () => {
    try {
      for await (const job of subscription) seen.push(job);
    } catch (caught) {
      error = caught;
    } finally {
      done = true;
    }
  })();
  return {
    seen,
    finished,
    get done() {
      return done;
    },
    get error() {
      return error;
    },
    /** `status/phase` of each job seen, for compact assertions. */
    steps(): string[] {
      return seen.map((job) => `${job.status}/${String(job.payload?.phase)}`);
    },
  };
}
