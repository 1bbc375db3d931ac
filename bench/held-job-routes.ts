import type { JobStep, Route, SimContext } from '../src/simulator/index.js';
import { wallClockMs } from './wall-clock.js';

/** A held job's script: this many steps of `processing` before it gives up waiting for a release. */
const HOLD_STEPS = 20_000;

/**
 * Simulator routes (passed as `startSimulator` extras) for the subscription bench, whose jobs must
 * stay running while thousands of subscriptions are set up and then finish when the bench says:
 *
 * - `POST /api/v1/_bench/held-jobs` `{ count }` → `{ ids }`: jobs of type `bench_hold` that go
 *   `queued` → `processing` (phase `holding`) and stay there (for up to 20,000 steps);
 * - `POST /api/v1/_bench/held-jobs/release` `{ ids, spreadMs }` → `{ released }`: completes them,
 *   one after another, evenly over `spreadMs`;
 * - `GET /api/v1/_bench/held-jobs/completions` → `{ completedAt: { [id]: ms } }`: when each released
 *   job became `completed` (`wallClockMs()`; Pi's timestamps have whole seconds only, too coarse
 *   for fan-out latency).
 *
 * A held job's script is an array the engine reads one step at a time; releasing overwrites its
 * remaining steps with the terminal one, so the engine applies `completed` at the next step
 * (within `stepMs`) like any job: `updated_at`, waking long-polls and webhooks included.
 */
export function createHeldJobRoutes(): Route[] {
  const scripts = new Map<string, JobStep[]>();
  const completedAt = new Map<string, number>();
  const processing: JobStep = { status: 'processing', payload: { phase: 'holding' } };
  const completed: JobStep = {
    status: 'completed',
    payload: { phase: 'completed' },
    onApply: (job) => completedAt.set(job.id, wallClockMs()),
  };

  return [
    {
      method: 'POST',
      pattern: '/api/v1/_bench/held-jobs',
      handler: (req, sim: SimContext) => {
        const count = Number((req.body as { count?: unknown }).count ?? 1);
        const ids: string[] = [];
        for (let i = 0; i < count; i++) {
          const script: JobStep[] = new Array<JobStep>(HOLD_STEPS).fill(processing);
          const job = sim.engine.create(req.org, 'bench_hold', { phase: 'queued' }, script);
          scripts.set(job.id, script);
          ids.push(job.id);
        }
        return { status: 201, body: { ids } };
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/_bench/held-jobs/release',
      handler: (req) => {
        const { ids = [], spreadMs = 0 } = req.body as { ids?: string[]; spreadMs?: number };
        const held = ids.map((id) => scripts.get(id)).filter((script) => script !== undefined);
        held.forEach((script, index) => {
          const timer = setTimeout(
            () => script.fill(completed),
            held.length <= 1 ? 0 : (spreadMs * index) / (held.length - 1),
          );
          timer.unref();
        });
        for (const id of ids) scripts.delete(id);
        return { status: 200, body: { released: held.length } };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/_bench/held-jobs/completions',
      handler: () => ({ status: 200, body: { completedAt: Object.fromEntries(completedAt) } }),
    },
  ];
}
