import type { Resolvers } from '../../generated/resolvers-types.js';
import { planJobRead } from '../../planner/index.js';
import {
  isJsonObject,
  required,
  toDateTime,
  toNullableDateTime,
  toRunStatus,
  toRunStepAction,
  toRunStepStatus,
} from '../mappers/index.js';
import { loadReference } from './load-reference.js';
import { validateId } from './validate-arguments.js';
import { validateReferenceId } from './validate-reference-id.js';

/** `Query.run` and the `Run` and `RunStep` fields. */
export const runResolvers = {
  Query: {
    run: (_root, { id }, { loaders }) => loaders.run.load(validateId(id)),
  },
  Run: {
    // Federation's `_entities`, read like `Query.run` (see `Job.__resolveReference`).
    __resolveReference: async (reference, { loaders }) =>
      loadReference(loaders.run.load(validateReferenceId(reference))),
    status: (run) => toRunStatus(run.status),
    steps: (run) => run.steps,
    metadata: (run) => (isJsonObject(run.metadata) ? run.metadata : null),
    createdAt: (run) => toDateTime(required(run.created_at, 'run timestamp')),
    updatedAt: (run) => toDateTime(required(run.updated_at, 'run timestamp')),
  },
  RunStep: {
    action: (step) => toRunStepAction(step.action),
    status: (step) => toRunStepStatus(step.status),
    dependsOn: (step) => step.depends_on ?? [],
    jobId: (step) => step.job_id ?? null,
    job: (step, _args, { loaders }, info) =>
      typeof step.job_id === 'string' && step.job_id.length > 0
        ? loadReference(loaders.job.load({ id: step.job_id, options: planJobRead(info) }))
        : null,
    result: (step) => step.result ?? null,
    error: (step) => step.error ?? null,
    startedAt: (step) => toNullableDateTime(step.started_at),
    completedAt: (step) => toNullableDateTime(step.completed_at),
  },
} satisfies Resolvers;
