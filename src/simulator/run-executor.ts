import { PiApiError } from './errors.js';
import { resolveStepInput } from './run-dag.js';
import type { RunAction, RunStepDefinition } from './run-dag.js';
import type { JobRow, Org, SimContext } from './types.js';

export type RunStatus = 'pending' | 'in_progress' | 'completed' | 'failed' | 'cancelled';
export type RunStepStatus =
  'pending' | 'queued' | 'processing' | 'completed' | 'failed' | 'skipped';

/** A step as `GET /runs/:id` shows it. Timestamps are unix seconds or null. */
export type RunStepState = {
  id: string;
  action: RunAction;
  status: RunStepStatus;
  depends_on: string[];
  job_id: string | null;
  result: Record<string, unknown> | null;
  error: string | null;
  started_at: number | null;
  completed_at: number | null;
};

/** A stored run (`sim.store.runs`), exactly the `data` of `GET /runs/:id`. */
export type RunRow = {
  id: string;
  org_id: string;
  status: RunStatus;
  steps: RunStepState[];
  metadata: Record<string, unknown> | null;
  created_at: number;
  updated_at: number;
};

/**
 * Queues the job of one step through the same logic as the action's endpoint and returns its id.
 * Throws (a `PiApiError` for a rejected input) when the job cannot be created.
 */
export type StartStepJob = (
  org: Org,
  action: RunAction,
  input: Record<string, unknown>,
) => Promise<string>;

/** The `sim.events` event emitted with the run whenever it changes (long-polls listen to it). */
export function runChangedEvent(runId: string): string {
  return `run.changed:${runId}`;
}

/** Whether the run has ended (`completed`, `failed` or `cancelled`); long-polls stop there. */
export function isTerminalRun(run: RunRow): boolean {
  return run.status === 'completed' || run.status === 'failed' || run.status === 'cancelled';
}

/**
 * Executes a stored `pending` run in the background: marks it `in_progress`, starts every step
 * whose dependencies completed (input after `input_map`), follows the jobs through
 * `engine.onTerminal`, and ends the run `completed`, or `failed` as soon as a step failed and
 * nothing is still running (steps that never started are then `skipped`). Never throws.
 */
export function executeRun(
  sim: SimContext,
  org: Org,
  run: RunRow,
  definitions: RunStepDefinition[],
  startStepJob: StartStepJob,
): void {
  const definitionById = new Map(definitions.map((definition) => [definition.id, definition]));
  let running = 0;
  let finished = false;
  const unsubscribe = sim.engine.onTerminal((job) => {
    const step = run.steps.find((s) => s.job_id === job.id);
    if (step && (step.status === 'queued' || step.status === 'processing')) finishStep(step, job);
  });

  const changed = () => {
    run.updated_at = Math.floor(sim.now());
    sim.events.emit(runChangedEvent(run.id), run);
  };

  const finishStep = (step: RunStepState, job: JobRow) => {
    const now = Math.floor(sim.now());
    step.completed_at = now;
    if (job.status === 'completed') {
      step.status = 'completed';
      step.result = stepResult(step.action, job);
      step.error = null;
    } else {
      step.status = 'failed';
      step.result = { job_id: job.id, error_log: job.error_log };
      step.error = job.error_log ?? 'child_job_failed';
    }
    running -= 1;
    advance();
  };

  const failStep = (step: RunStepState, error: unknown) => {
    step.status = 'failed';
    step.error =
      error instanceof PiApiError
        ? `${error.shape.code}: ${error.shape.message}`
        : error instanceof Error
          ? error.message
          : 'step_failed';
    step.completed_at = Math.floor(sim.now());
    running -= 1;
    advance();
  };

  const startStep = async (step: RunStepState, definition: RunStepDefinition) => {
    running += 1;
    step.status = 'queued';
    step.started_at = Math.floor(sim.now());
    try {
      const input = resolveStepInput(definition, (id) => {
        const source = run.steps.find((s) => s.id === id);
        return source?.status === 'completed' ? (source.result ?? undefined) : undefined;
      });
      const jobId = await startStepJob(org, step.action, input);
      step.job_id = jobId;
      changed();
      const job = sim.engine.get(org.id, jobId);
      if (job && (job.status === 'completed' || job.status === 'failed')) finishStep(step, job);
    } catch (error) {
      failStep(step, error);
    }
  };

  // Re-entrant: a step that fails synchronously calls back into `advance` from inside the loop.
  const advance = () => {
    if (finished) return;
    const completed = new Set(run.steps.filter((s) => s.status === 'completed').map((s) => s.id));
    for (const step of run.steps) {
      if (run.steps.some((s) => s.status === 'failed')) break;
      const definition = definitionById.get(step.id);
      if (step.status !== 'pending' || !definition) continue;
      if (step.depends_on.every((id) => completed.has(id))) void startStep(step, definition);
    }
    if (!finished && running === 0) finish();
    changed();
  };

  const finish = () => {
    finished = true;
    unsubscribe();
    const now = Math.floor(sim.now());
    for (const step of run.steps) {
      if (step.status !== 'pending') continue;
      step.status = 'skipped';
      step.error = 'dependency_failed';
      step.completed_at = now;
    }
    run.status = run.steps.every((s) => s.status === 'completed') ? 'completed' : 'failed';
  };

  run.status = 'in_progress';
  advance();
}

/**
 * Brings `queued` steps whose job has started processing up to date (the engine reports only
 * terminal transitions, so this happens when the run is read).
 */
export function refreshRunSteps(sim: SimContext, run: RunRow): void {
  for (const step of run.steps) {
    if (step.status !== 'queued' || step.job_id === null) continue;
    if (sim.engine.get(run.org_id, step.job_id)?.status === 'processing')
      step.status = 'processing';
  }
}

function stepResult(action: RunAction, job: JobRow): Record<string, unknown> {
  if (action === 'brands.extract') {
    const brandId = /^brands\/([0-9a-fA-F-]{36})$/.exec(job.result_url ?? '')?.[1] ?? null;
    return { job_id: job.id, brand_id: brandId, result_url: job.result_url };
  }
  const imageUrl = typeof job.payload.image_url === 'string' ? job.payload.image_url : null;
  return { job_id: job.id, image_url: imageUrl, result_url: job.result_url };
}
