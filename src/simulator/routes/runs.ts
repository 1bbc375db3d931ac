import { z } from 'zod';
import { accepted, success } from '../envelope.js';
import { badRequest, notFound } from '../errors.js';
import { parseIdParam } from '../gen-ids.js';
import { createId } from '../ids.js';
import { RUN_ACTIONS, assertRunDag } from '../run-dag.js';
import type { RunAction } from '../run-dag.js';
import { executeRun, isTerminalRun, refreshRunSteps, runChangedEvent } from '../run-executor.js';
import type { RunRow, StartStepJob } from '../run-executor.js';
import type { Org, Route, RouteHandler, SimContext, SimRequest } from '../types.js';
import { parseBody } from '../validation.js';
import { brandRoutes } from './brands.js';
import { campaignRoutes } from './campaigns.js';

const stepSchema = z.object({
  id: z.string().trim().min(1).max(64),
  action: z.enum(RUN_ACTIONS),
  input: z.record(z.string(), z.unknown()).default({}),
  depends_on: z.array(z.string().trim().min(1).max(64)).default([]),
  input_map: z.record(z.string(), z.string()).optional(),
});

const createRunSchema = z.object({
  steps: z.array(stepSchema).min(1).max(10),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const runQuerySchema = z.object({
  wait_for_completion: z.string().optional(),
  timeout_seconds: z.coerce.number().int().min(1).max(30).optional(),
});

/** The endpoint whose logic each run action reuses. */
const ACTION_ENDPOINTS: Record<RunAction, { routes: () => Route[]; pattern: string }> = {
  'brands.extract': { routes: () => brandRoutes, pattern: '/api/v1/brands/extract' },
  'campaigns.generate': { routes: () => campaignRoutes, pattern: '/api/v1/campaigns/generate' },
  'campaigns.edit': { routes: () => campaignRoutes, pattern: '/api/v1/campaigns/edit' },
  'campaigns.localize_ad': {
    routes: () => campaignRoutes,
    pattern: '/api/v1/campaigns/localize-ad',
  },
};

/** `POST /runs` (contract §3.12): validates the DAG, answers 202 `pending`, executes in the background. */
const createRun: RouteHandler = (req, sim) => {
  const input = parseBody(createRunSchema, req.body);
  assertRunDag(input.steps);
  const now = Math.floor(sim.now());
  const run: RunRow = {
    id: createId(),
    org_id: req.org.id,
    status: 'pending',
    steps: input.steps.map((step) => ({
      id: step.id,
      action: step.action,
      status: 'pending',
      depends_on: step.depends_on,
      job_id: null,
      result: null,
      error: null,
      started_at: null,
      completed_at: null,
    })),
    metadata: input.metadata ?? null,
    created_at: now,
    updated_at: now,
  };
  sim.store.runs.set(run.id, run);
  const response = accepted(req, sim, 'run', {
    run_id: run.id,
    status: run.status,
    steps: run.steps.map((step) => ({ id: step.id, status: step.status })),
  });
  executeRun(sim, req.org, run, input.steps, stepJobStarter(sim, run.id));
  return response;
};

/**
 * `GET /runs/:id`: 400 `invalid_run_id`, 400 `invalid_query_params`, 404 `run_not_found` (foreign
 * too); with `wait_for_completion=true` waits (events, not polling) until the run is terminal or
 * `timeout_seconds` (1–30, default 20) pass, then answers the current state.
 */
const getRun: RouteHandler = async (req, sim) => {
  const id = parseIdParam(req.params, () =>
    badRequest('invalid_run_id', 'Run id must be a valid UUID.'),
  );
  const query = runQuerySchema.safeParse({
    wait_for_completion: req.query.get('wait_for_completion') ?? undefined,
    timeout_seconds: req.query.get('timeout_seconds') ?? undefined,
  });
  if (!query.success) throw badRequest('invalid_query_params', 'Invalid query parameters.');
  const run = sim.store.runs.get(id) as RunRow | undefined;
  if (!run || run.org_id !== req.org.id) throw notFound('run_not_found', 'Run not found.');
  if (query.data.wait_for_completion === 'true') {
    await waitForTerminalRun(sim, run, (query.data.timeout_seconds ?? 20) * 1000, req.signal);
  }
  refreshRunSteps(sim, run);
  return success(req, sim, 'run', structuredClone(run));
};

function waitForTerminalRun(
  sim: SimContext,
  run: RunRow,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  if (isTerminalRun(run) || signal.aborted) return Promise.resolve();
  const event = runChangedEvent(run.id);
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      sim.events.off(event, onChange);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const onChange = () => {
      if (isTerminalRun(run)) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    timer.unref();
    sim.events.on(event, onChange);
    signal.addEventListener('abort', finish, { once: true });
  });
}

/** Starts a step's job by calling the action's own endpoint handler with the step input as body. */
function stepJobStarter(sim: SimContext, runId: string): StartStepJob {
  return async (org, action, input) => {
    const endpoint = ACTION_ENDPOINTS[action];
    const route = endpoint
      .routes()
      .find((r) => r.method === 'POST' && r.pattern === endpoint.pattern);
    if (!route) throw new Error(`unsupported_action:${action}`);
    const response = await route.handler(internalRequest(org, endpoint.pattern, input, runId), sim);
    const jobId = (response.body as { data?: { job_id?: unknown } } | undefined)?.data?.job_id;
    if (response.status !== 202 || typeof jobId !== 'string')
      throw new Error('child_job_create_failed');
    return jobId;
  };
}

function internalRequest(
  org: Org,
  path: string,
  body: Record<string, unknown>,
  runId: string,
): SimRequest {
  return {
    method: 'POST',
    path,
    params: {},
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json' },
    rawBody: Buffer.from(JSON.stringify(body)),
    body,
    org,
    keyId: `run:${runId}`,
    requestId: `req_pi_${createId()}`,
    signal: new AbortController().signal,
  };
}

/** Multi-step pipelines over brand extraction and the campaign endpoints. */
export const runRoutes: Route[] = [
  { method: 'POST', pattern: '/api/v1/runs', handler: createRun },
  { method: 'GET', pattern: '/api/v1/runs/:id', handler: getRun },
];
