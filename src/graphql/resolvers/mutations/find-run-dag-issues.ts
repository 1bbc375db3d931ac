/** A problem of a run's step graph, at a path under the run's input. */
export interface RunDagIssue {
  path: Array<string | number>;
  message: string;
}

/**
 * The checks behind Pi's 400 `invalid_run_dag`, in Pi's order: unique step ids, dependencies that
 * name another step of the run, no cycle. Returns the first problem found (or none).
 */
export function findRunDagIssues(
  steps: ReadonlyArray<{ id: string; dependsOn?: readonly string[] | null }>,
): RunDagIssue[] {
  const seen = new Set<string>();
  for (const [index, step] of steps.entries()) {
    if (seen.has(step.id)) {
      return [{ path: ['steps', index, 'id'], message: 'is the id of an earlier step' }];
    }
    seen.add(step.id);
  }
  for (const [index, step] of steps.entries()) {
    for (const [position, dependency] of (step.dependsOn ?? []).entries()) {
      const path = ['steps', index, 'dependsOn', position];
      if (dependency === step.id) return [{ path, message: 'names the step itself' }];
      if (!seen.has(dependency)) return [{ path, message: 'names no step of the run' }];
    }
  }
  const cyclic = findCycleStep(steps);
  return cyclic === undefined
    ? []
    : [{ path: ['steps', cyclic, 'dependsOn'], message: 'makes a dependency cycle' }];
}

/** The index of a step on a dependency cycle (depth-first search), if there is one. */
function findCycleStep(
  steps: ReadonlyArray<{ id: string; dependsOn?: readonly string[] | null }>,
): number | undefined {
  const indexOf = new Map(steps.map((step, index) => [step.id, index]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): string | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return id;
    state.set(id, 'visiting');
    const step = steps[indexOf.get(id) ?? -1];
    for (const dependency of step?.dependsOn ?? []) {
      const found = visit(dependency);
      if (found !== undefined) return found;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const step of steps) {
    const found = visit(step.id);
    if (found !== undefined) return indexOf.get(found);
  }
  return undefined;
}
