import { badRequest } from '../errors.js';
import type { FaultRegistry } from '../faults.js';
import type { SimStatsRecorder } from '../stats.js';

/** A simulator control route under `/_sim/`: no auth, no rate limit, plain JSON (no envelope). */
export interface SimAdminRoute {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: string;
  handler(input: { body: unknown }): { status: number; body: unknown };
}

export interface SimAdminDeps {
  stats: SimStatsRecorder;
  /** Present only when faults are enabled; `/_sim/faults` exists only then. */
  faults: FaultRegistry | undefined;
  /** Names of the API routes a fault may be armed for. */
  routeNames: readonly string[];
}

/**
 * The `/_sim/*` routes: `GET /_sim/stats`, `POST /_sim/reset` (clears the counters, not the data)
 * and, with faults on, `GET|POST|DELETE /_sim/faults` to arm faults for the next N requests.
 */
export function createSimAdminRoutes(deps: SimAdminDeps): SimAdminRoute[] {
  const routes: SimAdminRoute[] = [
    {
      method: 'GET',
      pattern: '/_sim/stats',
      handler: () => ({ status: 200, body: deps.stats.snapshot() }),
    },
    {
      method: 'POST',
      pattern: '/_sim/reset',
      handler: () => {
        deps.stats.reset();
        return { status: 200, body: deps.stats.snapshot() };
      },
    },
  ];
  const faults = deps.faults;
  if (faults === undefined) return routes;
  const known = new Set(deps.routeNames);
  routes.push(
    {
      method: 'GET',
      pattern: '/_sim/faults',
      handler: () => ({ status: 200, body: { faults: faults.list() } }),
    },
    {
      method: 'POST',
      pattern: '/_sim/faults',
      handler: ({ body }) => {
        const input = (typeof body === 'object' && body !== null ? body : {}) as Record<
          string,
          unknown
        >;
        const { route, fault } = input;
        const times = input.times ?? 1;
        if (typeof route !== 'string' || (route !== '*' && !known.has(route))) {
          throw badRequest(
            'invalid_sim_fault',
            'route must be "*" or a route name such as "GET /api/v1/jobs/:id".',
            'route',
          );
        }
        if (typeof fault !== 'string' || fault.trim() === '') {
          throw badRequest(
            'invalid_sim_fault',
            'fault must be a non-empty directive string.',
            'fault',
          );
        }
        if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) {
          throw badRequest('invalid_sim_fault', 'times must be a positive integer.', 'times');
        }
        try {
          return { status: 200, body: { armed: faults.arm(route, fault, times) } };
        } catch (error) {
          throw badRequest('invalid_sim_fault', (error as Error).message, 'fault');
        }
      },
    },
    {
      method: 'DELETE',
      pattern: '/_sim/faults',
      handler: () => {
        faults.clear();
        return { status: 200, body: { faults: [] } };
      },
    },
  );
  return routes;
}
