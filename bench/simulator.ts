/**
 * Load benchmark of the simulator's hot path alone: `GET /api/v1/jobs/:id` from one key over a
 * fixed number of keep-alive connections, after a short warm-up. Prints requests/s, latency
 * p50/p99 and the simulator's CPU time per request, then exits (1 if any request failed).
 * The same measurement is the `simulator` section of `npm run bench`.
 *
 *   npx tsx bench/simulator.ts [--connections 50] [--duration 10] [--warmup 2] [--jobs 8]
 */
import { parseArgs } from 'node:util';
import { createBenchProcesses } from './bench-processes.js';
import { runSimulatorBench } from './simulator-bench.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    jobs: { type: 'string', default: '8' },
  },
});
const options = {
  connections: Number(values.connections),
  durationSeconds: Number(values.duration),
  warmupSeconds: Number(values.warmup),
  jobs: Number(values.jobs),
  log: (line: string) => console.log(line),
};

// The default step time applies, as in `npm run simulator`.
const processes = createBenchProcesses({ piConnections: 64, simStepMs: 400, gatewayEnv: {} });
let failed = true;
try {
  const { load, cpuMicrosPerRequest, problems } = await runSimulatorBench(options, processes);
  console.log(
    `GET /api/v1/jobs/:id — ${options.connections} connections, ${options.durationSeconds} s, ${options.jobs} jobs`,
  );
  console.log(`  requests/s  avg ${Math.round(load.requestsPerSecond)}  (total ${load.ok})`);
  console.log(
    `  latency ms  p50 ${load.latency.p50.toFixed(2)}  p99 ${load.latency.p99.toFixed(2)}  max ${load.latency.max.toFixed(2)}`,
  );
  console.log(
    `  simulator CPU ${cpuMicrosPerRequest.toFixed(1)} µs/request (≈ ${Math.round(1e6 / cpuMicrosPerRequest)} req/s per free core)`,
  );
  console.log(`  non-2xx/errors/timeouts ${load.non2xx + load.errors + load.timeouts}`);
  failed = problems.length > 0;
} finally {
  await processes.close();
}
process.exit(failed ? 1 : 0);
