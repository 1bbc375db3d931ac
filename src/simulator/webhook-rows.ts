import type { SimContext } from './types.js';

/** A stored webhook (`sim.store.webhooks`). ISO timestamps; the secret never leaves the simulator. */
export type WebhookRow = {
  id: string;
  org_id: string;
  endpoint_url: string;
  secret: string;
  is_active: boolean;
  created_at: string;
  updated_at: string;
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether Pi may call `endpointUrl`: https always; `http://` only to a loopback host and only when
 * `allowHttp` (the simulator's `allowHttpWebhooks`, for tests and local development).
 */
export function isDeliverableUrl(endpointUrl: string, allowHttp: boolean): boolean {
  if (/^https:\/\//i.test(endpointUrl)) return true;
  if (!allowHttp || !/^http:\/\//i.test(endpointUrl)) return false;
  try {
    return LOOPBACK_HOSTS.has(new URL(endpointUrl).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** The org's webhooks, newest first (rows created in the same millisecond: last created first). */
export function orgWebhooks(sim: SimContext, orgId: string): WebhookRow[] {
  return ([...sim.store.webhooks.values()] as WebhookRow[])
    .filter((row) => row.org_id === orgId)
    .reverse()
    .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
}
