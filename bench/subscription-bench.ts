import type { BenchProcesses, TargetChild } from './bench-processes.js';
import { createSimClient } from './sim-client.js';
import { runScenario } from './subscription-scenario.js';
import type {
  ScenarioProfiles,
  ScenarioResult,
  ScenarioRun,
  SubscriptionScenario,
} from './subscription-scenario.js';

export type { ScenarioResult, SubscriptionScenario } from './subscription-scenario.js';

export interface SubscriptionBenchOptions {
  scenarios: SubscriptionScenario[];
  /** Subscriptions per WebSocket (at most the gateway's `MAX_SUBSCRIPTIONS_PER_SOCKET`). */
  perSocket: number;
  /** How long upstream traffic and long-polls are watched while every subscription is idle. */
  steadySeconds: number;
  /** The jobs complete one after another, evenly over this window. */
  releaseSpreadMs: number;
  /** Run a small unreported round on each gateway first (needed for meaningful heap figures). */
  warmUp: boolean;
  /** Repeat the first scenario with CPU and heap profiles written here; unset for none. */
  profileDir?: string;
  log(line: string): void;
}

export interface SubscriptionBenchResult {
  scenarios: ScenarioResult[];
  /** Profiles of a repeat of the first scenario (absent without `profileDir`). */
  profiles?: ScenarioProfiles & { scenario: SubscriptionScenario };
  problems: string[];
}

/**
 * Runs the subscription section against the shared simulator, gateway (with `--expose-gc`) and
 * load processes; a scenario with its own `piConnections` gets a gateway process of its own. Each
 * gateway first runs a small unreported round, so first-use costs (compiled code, caches) are not
 * counted per subscription. Wrong figures (missing events, more long-polls than jobs, ...) go into
 * `problems`.
 */
export async function runSubscriptionBench(
  options: SubscriptionBenchOptions,
  processes: BenchProcesses,
): Promise<SubscriptionBenchResult> {
  const sim = await processes.simulator();
  const shared = await processes.gateway();
  const load = await processes.load();
  const result: SubscriptionBenchResult = { scenarios: [], problems: [] };
  const key = sim.ready.keys.alpha!;
  const base = {
    load,
    simClient: createSimClient(sim.ready.url, key),
    authorization: `Bearer ${key}`,
    perSocket: options.perSocket,
    releaseSpreadMs: options.releaseSpreadMs,
  };
  const warmUp = async (gateway: TargetChild) => {
    const scenario = { subscribers: Math.min(options.perSocket, 100), jobs: 2 };
    const run = { ...base, gateway, scenario, steadySeconds: 0.5 };
    result.problems.push(...checkScenario((await runScenario(run)).result));
  };

  if (options.warmUp) {
    options.log('  warm-up');
    await warmUp(shared);
  }
  for (const scenario of options.scenarios) {
    const pool =
      scenario.piConnections === undefined ? '' : `, ${scenario.piConnections} Pi connections`;
    options.log(`  ${scenario.subscribers} subscriptions over ${scenario.jobs} jobs${pool}`);
    const own =
      scenario.piConnections === undefined
        ? undefined
        : await processes.startTarget('gateway', scenario.piConnections);
    try {
      if (own !== undefined && options.warmUp) await warmUp(own);
      const run: ScenarioRun = {
        ...base,
        gateway: own ?? shared,
        scenario,
        steadySeconds: options.steadySeconds,
      };
      const { result: measured } = await runScenario(run);
      result.scenarios.push(measured);
      result.problems.push(...checkScenario(measured));
    } finally {
      await own?.stop();
    }
  }

  const first = options.scenarios[0];
  if (
    options.profileDir !== undefined &&
    first !== undefined &&
    first.piConnections === undefined
  ) {
    options.log(`  ${first.subscribers} subscriptions over ${first.jobs} jobs (profiled)`);
    const run: ScenarioRun = {
      ...base,
      gateway: shared,
      scenario: first,
      steadySeconds: 1,
      profileDir: options.profileDir,
    };
    const { profiles } = await runScenario(run);
    if (profiles !== undefined) result.profiles = { ...profiles, scenario: first };
  }
  return result;
}

function checkScenario(result: ScenarioResult): string[] {
  const name = `${result.subscribers} subscriptions over ${result.jobs} jobs`;
  const problems: string[] = [];
  if (!result.open.settled || result.open.withFirstEvent !== result.subscribers) {
    problems.push(`${name}: ${result.open.withFirstEvent} subscriptions got their first event`);
  }
  if (result.steady.longPollsMax > result.jobs) {
    problems.push(
      `${name}: ${result.steady.longPollsMax} long-polls in flight (at most ${result.jobs})`,
    );
  }
  if (result.steady.longPollsMax === 0)
    problems.push(`${name}: no long-poll in flight while watching`);
  if (
    result.fanOut.withTerminalEvent !== result.subscribers ||
    result.fanOut.completed !== result.subscribers ||
    result.fanOut.latency.count !== result.subscribers
  ) {
    problems.push(
      `${name}: ${result.fanOut.withTerminalEvent} received COMPLETED, ${result.fanOut.completed} completed`,
    );
  }
  if (result.longPollsAfter !== 0) {
    problems.push(
      `${name}: ${result.longPollsAfter} long-polls still in flight after the jobs ended`,
    );
  }
  if (!result.memory.before.gc) problems.push(`${name}: the gateway ran without --expose-gc`);
  problems.push(...result.open.failures, ...result.fanOut.failures);
  return problems;
}
