import { createHmac, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { JobRow, QuirksMode, SimContext } from './types.js';
import { isDeliverableUrl, orgWebhooks } from './webhook-rows.js';
import type { WebhookRow } from './webhook-rows.js';

/** Attempts per event and endpoint, as Pi's delivery task (contract §3.11). */
const MAX_ATTEMPTS = 8;
/** Per-attempt deadline, so a hanging receiver cannot hold a delivery forever. */
const ATTEMPT_TIMEOUT_MS = 10_000;

type EventType = 'job.completed' | 'job.failed';

/**
 * Starts delivering signed `job.completed` / `job.failed` events to the active webhooks of the
 * job's org when a job reaches a terminal state. Each endpoint gets up to 8 attempts with a short
 * exponential backoff (25 ms doubling, capped at 1 s) on a non-2xx answer or a network error;
 * each attempt rebuilds the body, so the `evt_pi_` id changes between retries as in Pi.
 * Which job types emit: every type in `docs` mode; all but `brand_extraction` in `impl` mode
 * (contract §9.7). Returns a function that stops delivery and aborts in-flight requests.
 */
export function startWebhookDelivery(sim: SimContext): () => void {
  const stopping = new AbortController();
  const unsubscribe = sim.engine.onTerminal((job) => {
    if (!emitsEvents(sim.options.quirks, job.type)) return;
    const type: EventType = job.status === 'completed' ? 'job.completed' : 'job.failed';
    const eventJob = toEventJob(job);
    for (const hook of orgWebhooks(sim, job.org_id)) {
      if (!isTarget(sim, hook)) continue;
      void deliver(sim, hook.id, type, eventJob, stopping.signal);
    }
  });
  return () => {
    unsubscribe();
    stopping.abort();
  };
}

function emitsEvents(quirks: QuirksMode, jobType: string): boolean {
  return quirks === 'docs' || jobType !== 'brand_extraction';
}

function isTarget(sim: SimContext, hook: WebhookRow | undefined): hook is WebhookRow {
  return (
    hook !== undefined &&
    hook.is_active &&
    isDeliverableUrl(hook.endpoint_url, sim.options.allowHttpWebhooks)
  );
}

/** `data.job` of an event: the raw row, payload NOT stripped of diagnostics, ISO timestamps. */
function toEventJob(job: JobRow): Record<string, unknown> {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    result_url: job.result_url,
    error_log: job.error_log,
    payload: structuredClone(job.payload),
    created_at: new Date(job.created_at * 1000).toISOString(),
    updated_at: new Date(job.updated_at * 1000).toISOString(),
  };
}

async function deliver(
  sim: SimContext,
  hookId: string,
  type: EventType,
  job: Record<string, unknown>,
  signal: AbortSignal,
): Promise<void> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    // Re-read the row: a webhook deactivated between retries gets nothing more.
    const hook = sim.store.webhooks.get(hookId) as WebhookRow | undefined;
    if (signal.aborted || !isTarget(sim, hook)) return;
    const body = JSON.stringify({
      id: `evt_pi_${randomUUID()}`,
      object: 'event',
      type,
      created_at: Math.floor(sim.now()),
      data: { job },
    });
    if (await post(hook, type, body, signal)) return;
    if (attempt === MAX_ATTEMPTS) return;
    try {
      await delay(Math.min(25 * 2 ** (attempt - 1), 1000), undefined, { signal, ref: false });
    } catch {
      return;
    }
  }
}

/** One attempt; true on a 2xx answer. Redirects are not followed. */
async function post(
  hook: WebhookRow,
  type: EventType,
  body: string,
  signal: AbortSignal,
): Promise<boolean> {
  try {
    const res = await fetch(hook.endpoint_url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Pi-Event': type,
        'X-Pi-Signature': `sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}`,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
