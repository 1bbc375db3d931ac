import { join } from 'node:path';
import type { TargetChild } from './bench-processes.js';
import { summarizeLatencies } from './latency-summary.js';
import type { LatencySummary } from './latency-summary.js';
import { cpuMicros, cpuPercent, gcPauseMs } from './process-usage.js';
import type { ProcessUsage } from './process-usage.js';
import { sumOf } from './sim-client.js';
import type { SimClient } from './sim-client.js';
import type { RunningChild } from './start-child.js';
import type { ProfileSummary } from './summarize-profile.js';
import type { FanOutResult, OpenResult } from './subscription-load-results.js';

export interface SubscriptionScenario {
  /** S: subscriptions in all. */
  subscribers: number;
  /** J: distinct jobs they watch (subscriber i watches job i mod J). */
  jobs: number;
  /** The gateway's Pi pool size for this scenario, when not the shared gateway's. */
  piConnections?: number;
}

export interface ScenarioResult extends SubscriptionScenario {
  open: OpenResult;
  steady: {
    seconds: number;
    /** `GET /jobs/:id` requests (long-polls and plain reads) per second the simulator served. */
    upstreamPerSecond: number;
    longPollsMax: number;
    longPollsMean: number;
    /** The gateway's CPU use over the window, % of one core. */
    gatewayCpuPercent: number;
    /** Q2 (`brands(first: 20)`), one at a time, at most 4 a second, during the window (ms). */
    queryLatency: LatencySummary;
  };
  /** Gateway memory per subscription, after full GCs, with vs before the subscriptions. */
  memory: {
    heapPerSubscription: number;
    rssPerSubscription: number;
    before: ProcessUsage;
    during: ProcessUsage;
  };
  fanOut: Omit<FanOutResult, 'terminalReceipts'> & {
    /** From the simulator applying `completed` to receipt by the client (ms). */
    latency: LatencySummary;
    gatewayCpuPercent: number;
    /** The gateway's garbage-collection pauses from the release to the last event (ms). */
    gatewayGcPauseMs: number;
    /** The gateway's CPU time from the release to the last event per terminal event (µs). */
    gatewayCpuMicrosPerEvent: number;
  };
  /** Long-polls still in flight 10 s after every subscription ended (should be 0). */
  longPollsAfter: number;
}

/** Profiles of a scenario's phases, from a profiled repeat. */
export interface ScenarioProfiles {
  /** Live heap by allocation site with the S subscriptions open. */
  heap: { summary: ProfileSummary; file: string };
  setupCpu: { summary: ProfileSummary; file: string };
  fanOutCpu: { summary: ProfileSummary; file: string };
}

export interface ScenarioRun {
  scenario: SubscriptionScenario;
  gateway: TargetChild;
  load: RunningChild<unknown>;
  simClient: SimClient;
  authorization: string;
  perSocket: number;
  steadySeconds: number;
  releaseSpreadMs: number;
  /** Profile the phases into this folder (a profiled run's figures are not comparable). */
  profileDir?: string;
}

/**
 * One scenario against a running gateway: J held jobs, S subscriptions over them (heap and RSS
 * per subscription after full GCs), a steady window (upstream rate, long-polls in flight, CPU,
 * query latency), then the jobs complete over `releaseSpreadMs` and the fan-out latency of the
 * terminal state is measured at the clients.
 */
export async function runScenario(
  run: ScenarioRun,
): Promise<{ result: ScenarioResult; profiles?: ScenarioProfiles }> {
  const { scenario, gateway, load, simClient, profileDir } = run;
  const profile = createPhaseProfiler(
    gateway,
    profileDir,
    `${scenario.subscribers}x${scenario.jobs}`,
  );
  const jobIds = await simClient.createHeldJobs(scenario.jobs);
  const before = await usage(gateway, true);
  await profile.start('heap', 'cpu');
  const open = await load.call<OpenResult>('subscriptions-open', {
    url: gateway.ready.url,
    authorization: run.authorization,
    jobIds,
    subscribers: scenario.subscribers,
    perSocket: run.perSocket,
  });
  const setupCpu = await profile.stop('cpu', 'setup');
  const during = await usage(gateway, true);
  const heap = await profile.stop('heap', 'heap');
  const steady = await watchSteadyState(run);

  await profile.start('cpu');
  const releaseStart = await usage(gateway, false);
  const releasedAt = Date.now();
  await simClient.releaseHeldJobs(jobIds, run.releaseSpreadMs);
  const { terminalReceipts, ...fanOut } = await load.call<FanOutResult>(
    'subscriptions-await-complete',
    { timeoutMs: 120_000 },
  );
  const releaseEnd = await usage(gateway, false);
  const fanOutCpu = await profile.stop('cpu', 'fan-out');
  const completedAt = await simClient.heldJobCompletions();
  const latencies: number[] = [];
  for (const [jobId, receipts] of Object.entries(terminalReceipts)) {
    const changedAt = completedAt[jobId];
    if (changedAt !== undefined)
      for (const receipt of receipts) latencies.push(receipt - changedAt);
  }
  await load.call('subscriptions-close');
  const longPollsAfter = await waitForNoLongPolls(simClient, 10_000);

  const result: ScenarioResult = {
    ...scenario,
    open,
    steady,
    memory: {
      heapPerSubscription: (during.heapUsed - before.heapUsed) / scenario.subscribers,
      rssPerSubscription: (during.rss - before.rss) / scenario.subscribers,
      before,
      during,
    },
    fanOut: {
      ...fanOut,
      latency: summarizeLatencies(latencies),
      gatewayCpuPercent: cpuPercent(releaseStart, releaseEnd, Date.now() - releasedAt),
      gatewayGcPauseMs: gcPauseMs(releaseStart, releaseEnd),
      gatewayCpuMicrosPerEvent: cpuMicros(releaseStart, releaseEnd) / Math.max(1, latencies.length),
    },
    longPollsAfter,
  };
  if (heap === undefined || setupCpu === undefined || fanOutCpu === undefined) return { result };
  return { result, profiles: { heap, setupCpu, fanOutCpu } };
}

async function watchSteadyState(run: ScenarioRun): Promise<ScenarioResult['steady']> {
  const { simClient, gateway } = run;
  await simClient.reset();
  const cpuBefore = await usage(gateway, false);
  const started = Date.now();
  const ends = started + run.steadySeconds * 1000;
  const inFlight: number[] = [];
  let jobReads = 0;
  // Sampled: the simulator's counters have no event to wait for.
  const sample = async () => {
    while (Date.now() < ends) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const stats = await simClient.stats();
      inFlight.push(sumOf(stats.longPollsInFlight));
      jobReads = stats.requests['GET /api/v1/jobs/:id'] ?? 0;
    }
  };
  const queryLatencies: number[] = [];
  const probe = async () => {
    while (Date.now() < ends) {
      const latency = await timeQuery(gateway.ready.url, run.authorization);
      queryLatencies.push(latency);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 250 - latency)));
    }
  };
  await Promise.all([sample(), probe()]);
  const elapsed = Date.now() - started;
  const cpuAfter = await usage(gateway, false);
  return {
    seconds: elapsed / 1000,
    upstreamPerSecond: jobReads / (elapsed / 1000),
    longPollsMax: Math.max(0, ...inFlight),
    longPollsMean:
      inFlight.length === 0 ? 0 : inFlight.reduce((sum, n) => sum + n, 0) / inFlight.length,
    gatewayCpuPercent: cpuPercent(cpuBefore, cpuAfter, elapsed),
    queryLatency: summarizeLatencies(queryLatencies),
  };
}

async function timeQuery(url: string, authorization: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ brands(first: 20) { nodes { name } } }' }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (response.status !== 200 || body.errors !== undefined) {
    throw new Error(`Q2 during the steady window answered ${response.status}`);
  }
  return performance.now() - started;
}

async function waitForNoLongPolls(simClient: SimClient, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const inFlight = sumOf((await simClient.stats()).longPollsInFlight);
    if (inFlight === 0 || Date.now() > deadline) return inFlight;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function usage(gateway: TargetChild, gc: boolean): Promise<ProcessUsage> {
  return gateway.call<ProcessUsage>('usage', { gc });
}

type Profiled = { summary: ProfileSummary; file: string } | undefined;

/** Starts and stops the gateway's profiles around phases; does nothing without a folder. */
function createPhaseProfiler(gateway: TargetChild, dir: string | undefined, label: string) {
  return {
    async start(...kinds: Array<'cpu' | 'heap'>): Promise<void> {
      if (dir === undefined) return;
      for (const kind of kinds) await gateway.call('profile-start', { kind });
    },
    async stop(kind: 'cpu' | 'heap', phase: string): Promise<Profiled> {
      if (dir === undefined) return undefined;
      const extension = kind === 'cpu' ? 'cpuprofile' : 'heapprofile';
      const file = join(dir, `subscriptions-${label}-${phase}.${extension}`);
      const summary = await gateway.call<ProfileSummary>('profile-stop', { kind, file });
      return { summary, file };
    },
  };
}
