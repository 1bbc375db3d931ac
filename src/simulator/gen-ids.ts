import { z } from 'zod';
import { badRequest } from './errors.js';
import { toIso } from './ids.js';
import type { PiApiError } from './errors.js';
import type { SimContext } from './types.js';

const idParamSchema = z.object({ id: z.guid() });

/**
 * The path `id` when it is a UUID; otherwise throws `invalidError(issues)` (so each route picks
 * its code: `invalid_id` with `param`/`issues`, `invalid_run_id` without).
 */
export function parseIdParam(
  params: Record<string, string>,
  invalidError: (issues: unknown[]) => PiApiError,
): string {
  const parsed = idParamSchema.safeParse({ id: params.id });
  if (!parsed.success) throw invalidError(parsed.error.issues);
  return parsed.data.id;
}

/** 400 `invalid_id` with `param: "id"` and the Zod issues (saved avatars, webhooks). */
export function invalidId(issues: unknown[]): PiApiError {
  return badRequest('invalid_id', 'id: Invalid UUID', 'id', issues);
}

/** The simulator's clock as an ISO-8601 string (avatars and webhooks keep ISO timestamps). */
export function isoNow(sim: SimContext): string {
  return toIso(sim.now());
}
