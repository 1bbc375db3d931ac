import type { RunDto } from '../pi/dto.js';

const TERMINAL_RUN_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

/** Whether the run is in a terminal state (`completed`, `failed` or `cancelled`). */
export function isTerminalRun(run: RunDto): boolean {
  return TERMINAL_RUN_STATUSES.has(run.status);
}

/**
 * What run subscribers are told about, as a comparable string: the run's status and each step's
 * id, status and job. Two reads with the same step are the same event; timestamps alone are not.
 */
export function runStepOf(run: RunDto): string {
  const steps = run.steps.map((step) => [step.id, step.status, step.job_id ?? null]);
  return JSON.stringify([run.status, steps]);
}
