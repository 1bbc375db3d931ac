import type { SimContext, SimRequest, SimResponse } from './types.js';

/**
 * A 200 success envelope `{ id, object, status, created_at, data }` (contract §2.3).
 * `status` defaults to `completed`, `httpStatus` to 200; `created_at` is now, in unix seconds.
 */
export function success(
  req: SimRequest,
  sim: SimContext,
  object: string,
  data: unknown,
  options: { status?: string; httpStatus?: number; headers?: Record<string, string> } = {},
): SimResponse {
  return {
    status: options.httpStatus ?? 200,
    headers: options.headers,
    body: {
      id: req.requestId,
      object,
      status: options.status ?? 'completed',
      created_at: Math.floor(sim.now()),
      data,
    },
  };
}

/** A 202 `queued` envelope for an async create, e.g. `accepted(req, sim, 'job', { job_id })`. */
export function accepted(
  req: SimRequest,
  sim: SimContext,
  object: string,
  data: unknown,
): SimResponse {
  return success(req, sim, object, data, { status: 'queued', httpStatus: 202 });
}
