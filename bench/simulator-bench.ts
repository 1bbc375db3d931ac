import type { BenchProcesses } from './bench-processes.js';
import type { LoadResult } from './load-result.js';
import { cpuPercent } from './process-usage.js';
import type { ProcessUsage } from './process-usage.js';

export interface SimulatorBenchOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Distinct jobs the requests cycle through. */
  jobs: number;
  log(line: string): void;
}

export interface SimulatorBenchResult {
  load: LoadResult;
  /** The simulator's CPU time per request (µs). */
  cpuMicrosPerRequest: number;
  /** The simulator's CPU use during the run, % of one core. */
  cpuPercent: number;
  problems: string[];
}

/**
 * The simulator's hot path alone: `GET /api/v1/jobs/:id` from one key over `connections`
 * keep-alive connections after a warm-up, with the simulator's CPU time per request (a figure that
 * holds up better than requests/s on a shared machine). Failed requests go into `problems`.
 */
export async function runSimulatorBench(
  options: SimulatorBenchOptions,
  processes: BenchProcesses,
): Promise<SimulatorBenchResult> {
  const sim = await processes.simulator();
  const load = await processes.load();
  const authorization = `Bearer ${sim.ready.keys.alpha!}`;
  const jobIds: string[] = [];
  for (let i = 0; i < options.jobs; i++) {
    const response = await fetch(`${sim.ready.url}/api/v1/brands/extract`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `https://sim-bench-${i}.example` }),
    });
    jobIds.push(((await response.json()) as { data: { job_id: string } }).data.job_id);
  }
  const run = (seconds: number) =>
    load.call<LoadResult>('autocannon', {
      url: sim.ready.url,
      connections: options.connections,
      duration: seconds,
      headers: { authorization },
      requests: jobIds.map((id) => ({ method: 'GET', path: `/api/v1/jobs/${id}` })),
    });

  if (options.warmupSeconds > 0) await run(options.warmupSeconds);
  const before = await sim.call<ProcessUsage>('usage');
  const started = Date.now();
  const result = await run(options.durationSeconds);
  const after = await sim.call<ProcessUsage>('usage');
  const cpuMicros = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
  const failed = result.non2xx + result.errors + result.timeouts;
  return {
    load: result,
    cpuMicrosPerRequest: cpuMicros / Math.max(1, result.ok),
    cpuPercent: cpuPercent(before, after, Date.now() - started),
    problems: failed > 0 || result.ok === 0 ? [`simulator: ${result.ok} ok, ${failed} failed`] : [],
  };
}
