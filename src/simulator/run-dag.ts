import { badRequest } from './errors.js';

/** The step actions a run may use (contract §3.12). */
export const RUN_ACTIONS = [
  'brands.extract',
  'campaigns.generate',
  'campaigns.edit',
  'campaigns.localize_ad',
] as const;

export type RunAction = (typeof RUN_ACTIONS)[number];

/** A validated step of `POST /runs`. */
export interface RunStepDefinition {
  id: string;
  action: RunAction;
  input: Record<string, unknown>;
  depends_on: string[];
  input_map?: Record<string, string>;
}

/**
 * Checks that the steps form a DAG, in Pi's order: duplicate ids, then unknown and self
 * dependencies, then cycles (depth-first). Throws 400 `invalid_run_dag` with the message
 * `duplicate_step_id:<id>`, `unknown_dependency:<id>`, `self_dependency:<id>` or `dependency_cycle:<id>`.
 */
export function assertRunDag(steps: Array<Pick<RunStepDefinition, 'id' | 'depends_on'>>): void {
  const dependencies = new Map<string, string[]>();
  for (const step of steps) {
    if (dependencies.has(step.id)) throw invalidDag(`duplicate_step_id:${step.id}`);
    dependencies.set(step.id, step.depends_on);
  }
  for (const step of steps) {
    for (const dependency of step.depends_on) {
      if (!dependencies.has(dependency)) throw invalidDag(`unknown_dependency:${dependency}`);
      if (dependency === step.id) throw invalidDag(`self_dependency:${dependency}`);
    }
  }
  const visiting = new Set<string>();
  const visited = new Set<string>();
  const visit = (id: string): void => {
    if (visiting.has(id)) throw invalidDag(`dependency_cycle:${id}`);
    if (visited.has(id)) return;
    visiting.add(id);
    for (const dependency of dependencies.get(id) ?? []) visit(dependency);
    visiting.delete(id);
    visited.add(id);
  };
  for (const id of dependencies.keys()) visit(id);
}

function invalidDag(message: string) {
  return badRequest('invalid_run_dag', message);
}

const INPUT_MAP_EXPRESSION = /^\$steps\.([^.]+)\.result(?:\.(.+))?$/;

/**
 * The step's `input` with every `input_map` field replaced by the value its expression
 * (`$steps.<step_id>.result.<path>`) points at in an earlier step's result. A path that does not
 * resolve gives `undefined`, as in Pi. Throws `Error('invalid_input_map_expression:<expr>')` or
 * `Error('missing_input_map_source:<step_id>')` (the run step then fails with that message).
 */
export function resolveStepInput(
  step: RunStepDefinition,
  resultOf: (stepId: string) => Record<string, unknown> | undefined,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = { ...step.input };
  for (const [field, expression] of Object.entries(step.input_map ?? {})) {
    const match = INPUT_MAP_EXPRESSION.exec(expression.trim());
    if (!match?.[1]) throw new Error(`invalid_input_map_expression:${expression}`);
    const result = resultOf(match[1]);
    if (!result) throw new Error(`missing_input_map_source:${match[1]}`);
    let cursor: unknown = result;
    for (const segment of match[2]?.split('.') ?? []) {
      cursor =
        cursor !== null && typeof cursor === 'object' && !Array.isArray(cursor)
          ? (cursor as Record<string, unknown>)[segment]
          : undefined;
    }
    resolved[field] = cursor;
  }
  return resolved;
}
