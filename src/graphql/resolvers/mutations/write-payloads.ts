import { GatewayError, isGatewayError } from '../../../errors/index.js';
import type { Resolvers } from '../../../generated/resolvers-types.js';
import type {
  AcceptedJobDto,
  AcceptedRunDto,
  JobDto,
  JobReadOptions,
  JobTypeDto,
  PiLoaders,
  PiWriteResult,
  RunDto,
} from '../../../pi/index.js';
import { collectSubfields, planImageGenerationRead, planJobRead } from '../../../planner/index.js';
import type { SelectionInfo } from '../../../planner/index.js';

/** `requestId` of a payload when Pi's answer carried no request id at all. */
export const UNKNOWN_REQUEST_ID = 'unknown';

/** The parent of `JobPayload` and `ImageGenerationPayload`: what the 202 told. */
export interface JobWritePayload {
  /** The job as far as the answer tells: `id`, `type`, and `status` unless it was a replay. */
  job: JobDto;
  imageGeneration: JobDto;
  idempotencyKey: string | null;
  replayed: boolean;
  requestId: string;
}

/** The parent of `StartRunPayload`: the run as the 202 described it. */
export interface StartRunPayload {
  run: RunDto;
  requestId: string;
}

/**
 * The payload of a write that queued a job of `type`. A fresh 202 means the job is `queued`; a
 * replayed one may describe a job that has moved on since, so its status is left unknown.
 */
export function toJobWritePayload(
  result: PiWriteResult<AcceptedJobDto>,
  type: JobTypeDto,
  idempotencyKey: string | null,
): JobWritePayload {
  const job: JobDto = {
    id: result.data.job_id,
    type,
    ...(result.replayed ? {} : { status: 'queued' as const }),
  };
  return {
    job,
    imageGeneration: job,
    idempotencyKey,
    replayed: result.replayed,
    requestId: result.requestId ?? UNKNOWN_REQUEST_ID,
  };
}

/** The payload of `startRun`: the run's id, status and steps from the 202. */
export function toStartRunPayload(result: PiWriteResult<AcceptedRunDto>): StartRunPayload {
  const { run_id: id, status, steps } = result.data;
  return {
    run: { id, status, steps: steps.map((step) => ({ id: step.id, status: step.status })) },
    requestId: result.requestId ?? UNKNOWN_REQUEST_ID,
  };
}

/**
 * The write's GatewayError again, carrying the idempotency key in `extensions.idempotencyKey`,
 * so a client whose write failed (perhaps with `outcome: 'unknown'`) can retry with the same key,
 * even one the gateway minted. Other errors are returned unchanged.
 */
export function withIdempotencyKey(error: unknown, idempotencyKey: string): unknown {
  if (!isGatewayError(error)) return error;
  const { code, ...extensions } = error.extensions;
  const cause = (error as { cause?: unknown }).cause;
  return new GatewayError(error.message, {
    code,
    ...extensions,
    idempotencyKey,
    ...(cause !== undefined ? { cause } : {}),
  });
}

/**
 * The accepted job for a selection planned as `plan`: `known` itself when every field the plan
 * needs is in it (e.g. `{ id status }` right after a 202: no call), else the job read through the
 * loaders like any query, with the same `expand`/`fields` planning.
 */
export function readAcceptedJob(
  known: JobDto,
  plan: JobReadOptions,
  loaders: PiLoaders,
): JobDto | Promise<JobDto> {
  const answered =
    (plan.expand?.length ?? 0) === 0 &&
    plan.fields !== undefined &&
    plan.fields.every((field) => field in known);
  return answered ? known : loaders.job.load({ id: known.id, options: plan });
}

const ACCEPTED_RUN_FIELDS = new Set(['id', 'status', 'steps']);
const ACCEPTED_STEP_FIELDS = new Set(['id', 'status']);

/** Whether the selection on `Run` needs only what the 202 of `POST /runs` told. */
function isAnsweredByAcceptedRun(info: SelectionInfo): boolean {
  const selected = collectSubfields(info, 'Run', info.fieldNodes);
  if (![...selected.keys()].every((name) => ACCEPTED_RUN_FIELDS.has(name))) return false;
  const steps = selected.get('steps');
  if (steps === undefined) return true;
  return [...collectSubfields(info, 'RunStep', steps).keys()].every((name) =>
    ACCEPTED_STEP_FIELDS.has(name),
  );
}

/** `job`/`imageGeneration` of the job payloads and `run` of `StartRunPayload`. */
export const writePayloadResolvers = {
  JobPayload: {
    job: (payload, _args, { loaders }, info) =>
      readAcceptedJob(payload.job, planJobRead(info), loaders),
  },
  ImageGenerationPayload: {
    job: (payload, _args, { loaders }, info) =>
      readAcceptedJob(payload.job, planJobRead(info), loaders),
    imageGeneration: (payload, _args, { loaders }, info) =>
      readAcceptedJob(payload.imageGeneration, planImageGenerationRead(info), loaders),
  },
  StartRunPayload: {
    run: (payload, _args, { loaders }, info) =>
      isAnsweredByAcceptedRun(info) ? payload.run : loaders.run.load(payload.run.id),
  },
} satisfies Resolvers;
