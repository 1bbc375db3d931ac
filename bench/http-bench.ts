import { join } from 'node:path';
import type { BenchProcesses, TargetChild } from './bench-processes.js';
import type { UpstreamCounts } from './counting-dispatcher.js';
import { JOBS_PER_OPERATION, OPERATIONS, toOperationRequest } from './http-operations.js';
import type { OperationId, OperationRequest } from './http-operations.js';
import type { LoadResult } from './load-result.js';
import { createSimClient, sumOf } from './sim-client.js';
import type { SimClient } from './sim-client.js';
import type { RunningChild } from './start-child.js';
import type { TargetKind } from './start-target.js';
import type { ProfileSummary } from './summarize-profile.js';

export interface HttpBenchOptions {
  /** Autocannon connections of the loaded runs. */
  connections: number;
  /** Seconds of each loaded run. */
  durationSeconds: number;
  /** Seconds of load before each measured run (not measured); 0 for none. */
  warmupSeconds: number;
  /** Seconds of the one-connection run (latency without queueing); 0 for none. */
  unloadedSeconds: number;
  /** Disjoint sets of 20 completed jobs for Q1v (the first set is Q1's). */
  jobSets: number;
  /** Seconds of an extra, profiled Q1, Q1v and Q2 run of the gateway; 0 for none. */
  profileSeconds: number;
  /** Where raw `.cpuprofile` files go. */
  outDir: string;
  log(line: string): void;
}

/** Upstream traffic of one window, from the target's counting pool and the simulator's stats. */
export interface UpstreamFigures {
  requests: number;
  bytes: number;
  /** Requests the simulator counted in the same window (a cross-check of `requests`). */
  simRequests: number;
}

export interface OperationFigures {
  target: TargetKind;
  operation: OperationId;
  /** One operation on its own. */
  single: UpstreamFigures;
  /** `connections` connections for `durationSeconds`; `upstream` is per 2xx operation. */
  load: LoadResult & { upstream: UpstreamFigures };
  /** One connection: the latency an operation adds when nothing queues (absent when skipped). */
  unloaded?: LoadResult;
}

export interface HttpBenchResult {
  /** Completed brand jobs (and brands) in the simulator. */
  jobCount: number;
  figures: OperationFigures[];
  profiles: Array<{ operation: OperationId; summary: ProfileSummary; file: string }>;
  /** Broken expectations (wrong data, wrong upstream call counts, failed requests). */
  problems: string[];
}

/** Targets in the order they run: the REST baseline first, its answers are the reference data. */
const TARGETS: readonly TargetKind[] = ['rest', 'gateway', 'naive'];
const N = JOBS_PER_OPERATION;

/** Upstream calls of one operation on its own, by design. */
export const EXPECTED_SINGLE_CALLS: Record<TargetKind, Record<OperationId, number>> = {
  rest: { Q1: N, Q1v: N, Q2: 1, Q3: 0 },
  gateway: { Q1: N, Q1v: N, Q2: 1, Q3: 0 },
  naive: { Q1: 2 * N, Q1v: 2 * N, Q2: 1, Q3: 0 },
};

/**
 * Runs the HTTP section: `jobSets` × 20 completed brand jobs (as many brands) in the simulator,
 * then for each
 * target (direct REST, gateway, naive gateway), each in its own process, and each operation: one
 * operation alone (data checked against the REST answer, upstream calls and bytes), a warm-up, a
 * loaded run and a one-connection run from the load process. Never throws for a wrong figure: it
 * lists it in `problems`.
 */
export async function runHttpBench(
  options: HttpBenchOptions,
  processes: BenchProcesses,
): Promise<HttpBenchResult> {
  const sim = await processes.simulator();
  const load = await processes.load();
  const jobCount = options.jobSets * N;
  const result: HttpBenchResult = { jobCount, figures: [], profiles: [], problems: [] };
  const key = sim.ready.keys.alpha!;
  const simClient = createSimClient(sim.ready.url, key);
  const jobIds = await simClient.createCompletedBrandJobs(jobCount);
  const jobSets = Array.from({ length: options.jobSets }, (_, i) =>
    jobIds.slice(i * N, (i + 1) * N),
  );
  const expected = new Map<OperationId, string>();
  for (const target of TARGETS) {
    // The shared gateway stays up for the subscription section; the others stop here.
    const child =
      target === 'gateway' ? await processes.gateway() : await processes.startTarget(target);
    try {
      for (const { id: operation } of OPERATIONS) {
        const request = toOperationRequest(target, operation, jobSets, `Bearer ${key}`);
        const run = {
          target,
          operation,
          request,
          child,
          load,
          simClient,
          options,
          expected,
          result,
        };
        result.figures.push(await measureOperation(run));
      }
      if (target === 'gateway' && options.profileSeconds > 0) {
        for (const operation of ['Q1', 'Q1v', 'Q2'] as const) {
          const request = toOperationRequest(target, operation, jobSets, `Bearer ${key}`);
          result.profiles.push(await profileOperation(operation, request, child, load, options));
        }
      }
    } finally {
      if (target !== 'gateway') await child.stop();
    }
  }
  return result;
}

interface OperationRun {
  target: TargetKind;
  operation: OperationId;
  request: OperationRequest;
  child: TargetChild;
  load: RunningChild<unknown>;
  simClient: SimClient;
  options: HttpBenchOptions;
  expected: Map<OperationId, string>;
  result: HttpBenchResult;
}

async function measureOperation(run: OperationRun): Promise<OperationFigures> {
  const { target, operation, options, result } = run;
  const name = `${target} ${operation}`;
  options.log(`  ${name}`);

  const single = await countUpstream(run, async () => {
    const { method, headers, bodies } = run.request;
    const response = await fetch(`${run.child.ready.url}${run.request.path}`, {
      method,
      headers,
      body: bodies[0]!,
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    const data = JSON.stringify(body.data ?? null);
    if (response.status !== 200 || body.errors !== undefined) {
      result.problems.push(
        `${name}: answered ${response.status} ${JSON.stringify(body).slice(0, 300)}`,
      );
    }
    const reference = run.expected.get(operation);
    if (reference === undefined) run.expected.set(operation, data);
    else if (reference !== data)
      result.problems.push(`${name}: its data differs from direct REST's`);
  });
  const designed = EXPECTED_SINGLE_CALLS[target][operation];
  if (single.requests !== designed || single.simRequests !== designed) {
    result.problems.push(
      `${name}: ${single.requests} upstream calls for one operation (simulator: ${single.simRequests}), expected ${designed}`,
    );
  }

  if (options.warmupSeconds > 0) await runLoad(run, options.connections, options.warmupSeconds);
  let loaded: LoadResult | undefined;
  const upstream = await countUpstream(run, async () => {
    loaded = await runLoad(run, options.connections, options.durationSeconds);
  });
  const perOp = (value: number) => (loaded!.ok === 0 ? 0 : value / loaded!.ok);
  const unloaded =
    options.unloadedSeconds > 0 ? await runLoad(run, 1, options.unloadedSeconds) : undefined;
  const runs = { loaded: loaded!, 'one-connection': unloaded };
  for (const [label, figures] of Object.entries(runs)) {
    if (figures === undefined) continue;
    if (figures.non2xx + figures.errors + figures.timeouts > 0) {
      result.problems.push(
        `${name} ${label}: ${figures.ok} ok, ${figures.non2xx} non-2xx, ${figures.errors} errors, ${figures.timeouts} timeouts`,
      );
    }
  }
  return {
    target,
    operation,
    single,
    load: {
      ...loaded!,
      upstream: {
        requests: perOp(upstream.requests),
        bytes: perOp(upstream.bytes),
        simRequests: perOp(upstream.simRequests),
      },
    },
    ...(unloaded === undefined ? {} : { unloaded }),
  };
}

async function countUpstream(
  run: OperationRun,
  action: () => Promise<void>,
): Promise<UpstreamFigures> {
  await waitForQuiet(run);
  await Promise.all([run.child.call('reset-upstream'), run.simClient.reset()]);
  await action();
  const [counts, stats] = await Promise.all([
    run.child.call<UpstreamCounts>('upstream'),
    run.simClient.stats(),
  ]);
  return {
    requests: counts.requests,
    bytes: counts.responseBytes,
    simRequests: sumOf(stats.requests),
  };
}

/**
 * Waits until the target has sent nothing upstream for 150 ms: when a load run ends, the target
 * still works through the operations whose callers went away, and their calls must not be counted
 * against the next measurement. Sampled: there is no event for "nothing happened".
 */
async function waitForQuiet(run: OperationRun, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const [counts, stats] = await Promise.all([
      run.child.call<UpstreamCounts>('upstream'),
      run.simClient.stats(),
    ]);
    const seen = counts.requests + sumOf(stats.requests);
    if (seen === last) return;
    if (Date.now() > deadline)
      throw new Error(`${run.target} kept calling upstream for ${timeoutMs} ms`);
    last = seen;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

function runLoad(
  run: Pick<OperationRun, 'child' | 'request' | 'load'>,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  return run.load.call<LoadResult>('autocannon', {
    url: `${run.child.ready.url}${run.request.path}`,
    method: run.request.method,
    headers: run.request.headers,
    ...(run.request.bodies.length === 1
      ? { body: run.request.bodies[0] }
      : { bodies: run.request.bodies }),
    connections,
    duration: seconds,
    timeout: 30,
  });
}

async function profileOperation(
  operation: OperationId,
  request: OperationRequest,
  child: TargetChild,
  load: RunningChild<unknown>,
  options: HttpBenchOptions,
): Promise<{ operation: OperationId; summary: ProfileSummary; file: string }> {
  options.log(`  gateway ${operation} (profiled)`);
  const file = join(options.outDir, `gateway-${operation}.cpuprofile`);
  await child.call('profile-start', { kind: 'cpu' });
  await runLoad({ child, request, load }, options.connections, options.profileSeconds);
  const summary = await child.call<ProfileSummary>('profile-stop', { kind: 'cpu', file });
  return { operation, summary, file };
}
