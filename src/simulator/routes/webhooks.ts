import { z } from 'zod';
import { badRequest, notFound } from '../errors.js';
import { success } from '../envelope.js';
import { invalidId, isoNow, parseIdParam } from '../gen-ids.js';
import { createId } from '../ids.js';
import type { Route, RouteHandler } from '../types.js';
import { parseBody } from '../validation.js';
import { isDeliverableUrl, orgWebhooks } from '../webhook-rows.js';
import type { WebhookRow } from '../webhook-rows.js';

const createSchema = z.object({
  endpoint_url: z.url(),
  secret: z.string().trim().min(8).max(500),
});

const updateSchema = z.object({ is_active: z.boolean().optional() });

/** The public view of a row: never the secret. */
function toWebhookView(row: WebhookRow) {
  return {
    id: row.id,
    endpoint_url: row.endpoint_url,
    is_active: row.is_active,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** `GET /webhooks` (contract §3.11): the org's webhooks, newest first, no pagination. */
const listWebhooks: RouteHandler = (req, sim) => {
  const data = orgWebhooks(sim, req.org.id).map(toWebhookView);
  return success(req, sim, 'list', { object: 'list', data });
};

/** `POST /webhooks`: 200 (not 201); https only (400 `invalid_endpoint_url`), duplicates allowed. */
const createWebhook: RouteHandler = (req, sim) => {
  const input = parseBody(createSchema, req.body);
  if (!isDeliverableUrl(input.endpoint_url, sim.options.allowHttpWebhooks)) {
    throw badRequest('invalid_endpoint_url', 'Webhook endpoint_url must use HTTPS.');
  }
  const now = isoNow(sim);
  const row: WebhookRow = {
    id: createId(),
    org_id: req.org.id,
    endpoint_url: input.endpoint_url,
    secret: input.secret,
    is_active: true,
    created_at: now,
    updated_at: now,
  };
  sim.store.webhooks.set(row.id, row);
  return success(req, sim, 'webhook', { object: 'webhook', ...toWebhookView(row) });
};

/** `PATCH /webhooks/:id`: `{ is_active }`; nothing to change → 400 `no_changes`; foreign → 404. */
const updateWebhook: RouteHandler = (req, sim) => {
  const id = parseIdParam(req.params, invalidId);
  const input = parseBody(updateSchema, req.body);
  if (input.is_active === undefined)
    throw badRequest('no_changes', 'No updatable fields provided.');
  const row = sim.store.webhooks.get(id) as WebhookRow | undefined;
  if (!row || row.org_id !== req.org.id) throw notFound('not_found', 'Webhook not found.');
  row.is_active = input.is_active;
  row.updated_at = isoNow(sim);
  return success(req, sim, 'webhook', { object: 'webhook', ...toWebhookView(row) });
};

/** Webhook registration: list, create, activate/deactivate. Delivery is `startWebhookDelivery`. */
export const webhookRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/webhooks', handler: listWebhooks },
  { method: 'POST', pattern: '/api/v1/webhooks', handler: createWebhook },
  { method: 'PATCH', pattern: '/api/v1/webhooks/:id', handler: updateWebhook },
];
