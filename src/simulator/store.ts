import { createStableId } from './ids.js';
import type { Org, Store } from './types.js';

/**
 * Creates the in-memory data of one simulator: one org per distinct org name in `keys`
 * (with a stable id derived from the name), everything else empty.
 */
export function createStore(keys: Record<string, string>): Store {
  const orgs = new Map<string, Org>();
  for (const name of Object.values(keys)) {
    if (!orgs.has(name)) orgs.set(name, { name, id: createStableId(name) });
  }
  return {
    orgs,
    jobs: new Map(),
    brands: new Map(),
    savedAvatars: new Map(),
    webhooks: new Map(),
    runs: new Map(),
    idempotency: new Map(),
    projectionViolations: new Map(),
  };
}
