import type { SimContext } from './types.js';

/**
 * Starts delivering signed `job.completed` / `job.failed` events to the org's active webhooks.
 * Returns a function that stops delivery. Placeholder until webhook delivery lands.
 */
export function startWebhookDelivery(_sim: SimContext): () => void {
  return () => {};
}
