/**
 * Load benchmark of the simulator's hot path: `GET /api/v1/jobs/:id` from one key over a fixed
 * number of keep-alive connections, after a short warm-up. Prints requests/s, latency p50/p99 and
 * the simulator's CPU time per request, then exits (1 if any request failed).
 *
 *   npx tsx bench/simulator.ts [--connections 50] [--duration 10] [--warmup 2] [--jobs 8]
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import { startSimulator } from '../src/simulator/index.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    jobs: { type: 'string', default: '8' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const jobCount = Number(values.jobs);

// The load generator runs in its own process, so the simulator's CPU time per request can be
// measured apart from it: on a shared machine that figure holds up better than requests/s.
const LOAD_SCRIPT = `
import autocannon from 'autocannon';
const result = await autocannon(JSON.parse(process.env.BENCH_OPTIONS));
process.stdout.write(JSON.stringify(result));
`;

function runLoad(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', LOAD_SCRIPT], {
      env: { ...process.env, BENCH_OPTIONS: JSON.stringify(options) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(output) as autocannon.Result);
      else reject(new Error(`load generator exited with ${code}`));
    });
  });
}

// A huge limit keeps the rate limiter out of the measurement; the default step time applies.
const sim = await startSimulator({ rateLimit: 1_000_000_000 });
const authorization = `Bearer ${sim.keys.alpha!}`;
const jobIds: string[] = [];
for (let i = 0; i < jobCount; i++) {
  const res = await fetch(`${sim.url}/api/v1/brands/extract`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `https://bench-${i}.example` }),
  });
  const body = (await res.json()) as { data: { job_id: string } };
  jobIds.push(body.data.job_id);
}
const load = (seconds: number): Promise<autocannon.Result> =>
  runLoad({
    url: sim.url,
    connections,
    duration: seconds,
    headers: { authorization },
    requests: jobIds.map((id) => ({ method: 'GET', path: `/api/v1/jobs/${id}` })),
  });

if (warmup > 0) await load(warmup);
const cpuBefore = process.cpuUsage();
const result = await load(duration);
const cpu = process.cpuUsage(cpuBefore);
await sim.stop();

const cpuMicros = (cpu.user + cpu.system) / Math.max(1, result.requests.total);
const failed = result.non2xx + result.errors + result.timeouts;
console.log(`GET /api/v1/jobs/:id — ${connections} connections, ${duration} s, ${jobCount} jobs`);
console.log(
  `  requests/s  avg ${Math.round(result.requests.average)}  (total ${result.requests.total})`,
);
console.log(
  `  latency ms  p50 ${result.latency.p50}  p99 ${result.latency.p99}  max ${result.latency.max}`,
);
console.log(
  `  simulator CPU ${cpuMicros.toFixed(1)} µs/request (≈ ${Math.round(1e6 / cpuMicros)} req/s per free core)`,
);
console.log(`  non-2xx/errors/timeouts ${failed}`);
process.exit(failed > 0 ? 1 : 0);
