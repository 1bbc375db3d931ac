/**
 * Child process running the benchmarks' Pi simulator (with `createHeldJobRoutes`), on 127.0.0.1
 * with a rate limit too high to matter. Reports `{ url, keys }` when ready; answers `usage`
 * (memory and CPU time, a `ProcessUsage`). Environment: `BENCH_SIM_STEP_MS` (default 20).
 */
import { startSimulator } from '../src/simulator/index.js';
import { createHeldJobRoutes } from './held-job-routes.js';
import { serveParent } from './serve-parent.js';

await serveParent(async () => {
  const sim = await startSimulator(
    {
      port: 0,
      host: '127.0.0.1',
      rateLimit: 1_000_000_000,
      stepMs: Number(process.env.BENCH_SIM_STEP_MS ?? '20'),
    },
    { routes: createHeldJobRoutes() },
  );
  return {
    ready: { url: sim.url, keys: sim.keys },
    handlers: {
      usage: () => ({ ...process.memoryUsage(), cpu: process.cpuUsage(), gc: false }),
    },
    stop: () => sim.stop(),
  };
});
