import { formatProfile } from './http-report.js';
import type { TargetCheck } from './http-report.js';
import { formatMet, formatNumber, toTable } from './markdown.js';
import type {
  ScenarioResult,
  SubscriptionBenchOptions,
  SubscriptionBenchResult,
} from './subscription-bench.js';

const HEAP_TARGET_BYTES = 20 * 1000;
// The bench's shared gateway runs with the default `PI_CONNECTIONS`.
const DEFAULT_PI_CONNECTIONS = 64;
const FAN_OUT_P99_TARGET_MS = 100;

/**
 * The subscription targets (issue 8), checked on the largest scenario with at least 100 jobs on
 * the shared gateway (the median of its runs when it ran more than once: one major GC during a
 * fan-out moves its p99 by 100 ms and more), and "scales with J, not S" across scenarios; empty
 * when there is no such scenario.
 */
export function checkSubscriptionTargets(result: SubscriptionBenchResult): TargetCheck[] {
  const runs = mainRuns(result);
  const main = runs[0];
  if (main === undefined) return [];
  const name = `${formatNumber(main.subscribers)} subscriptions over ${main.jobs} jobs`;
  const each = (values: number[], digits: number) =>
    runs.length === 1 ? '' : ` (runs: ${values.map((v) => formatNumber(v, digits)).join(', ')})`;
  const longPolls = Math.max(...runs.map((run) => run.steady.longPollsMax));
  const heaps = runs.map((run) => run.memory.heapPerSubscription / 1000);
  const p99s = runs.map((run) => run.fanOut.latency.p99);
  const p50s = runs.map((run) => run.fanOut.latency.p50);
  const checks: TargetCheck[] = [
    {
      goal: `${name}: at most ${main.jobs} long-polls in flight`,
      measured:
        longPolls < main.jobs
          ? `${longPolls} at most: the other ${main.jobs - longPolls} watchers were waiting for a Pi connection (see the finding above)`
          : `${longPolls} at most`,
      met: longPolls <= main.jobs,
    },
    {
      goal: `${name}: under 20 KB of heap per subscription`,
      measured: `${formatNumber(median(heaps), 1)} KB${each(heaps, 1)}`,
      met: median(heaps) * 1000 < HEAP_TARGET_BYTES,
    },
    {
      goal: `${name}: fan-out p99 under ${FAN_OUT_P99_TARGET_MS} ms`,
      measured: `${formatNumber(median(p99s), 1)} ms${each(p99s, 1)}; p50 ${formatNumber(median(p50s), 1)} ms`,
      met: median(p99s) < FAN_OUT_P99_TARGET_MS,
    },
  ];
  // Same J with fewer subscribers: upstream traffic must not follow S.
  const fewer = result.scenarios.find(
    (scenario) =>
      scenario.jobs === main.jobs &&
      scenario.subscribers < main.subscribers &&
      scenario.piConnections === undefined,
  );
  if (fewer !== undefined) {
    const rate = median(runs.map((run) => run.steady.upstreamPerSecond));
    checks.push({
      goal: `Upstream traffic follows J, not S (${formatNumber(fewer.subscribers)} → ${formatNumber(main.subscribers)} subscriptions, ${main.jobs} jobs)`,
      measured: `${formatNumber(fewer.steady.upstreamPerSecond, 1)} → ${formatNumber(rate, 1)} req/s; long-polls ${fewer.steady.longPollsMax} → ${longPolls}`,
      met: rate < 1.5 * fewer.steady.upstreamPerSecond && longPolls <= main.jobs,
    });
  }
  return checks;
}

/** The runs of the largest scenario with at least 100 jobs on the shared gateway. */
function mainRuns(result: SubscriptionBenchResult): ScenarioResult[] {
  const shared = result.scenarios.filter(
    (scenario) => scenario.jobs >= 100 && scenario.piConnections === undefined,
  );
  const largest = Math.max(...shared.map((scenario) => scenario.subscribers));
  const jobs = shared.find((scenario) => scenario.subscribers === largest)?.jobs;
  return shared.filter((scenario) => scenario.subscribers === largest && scenario.jobs === jobs);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The subscription section's figures and targets as Markdown (without the run facts). */
export function formatSubscriptionFigures(
  result: SubscriptionBenchResult,
  options: SubscriptionBenchOptions,
): string {
  const parts: string[] = [];
  parts.push(
    toTable(
      [
        'S subs',
        'J jobs',
        'Pi conn.',
        'sockets',
        'set-up s',
        'upstream req/s (steady)',
        'long-polls in flight: max (mean)',
        'gateway CPU, steady',
        'Q2 during steady: p50 / max ms',
        'heap/sub',
        'RSS/sub',
        'fan-out p50 ms',
        'p99 ms',
        'max ms',
        'gateway CPU, fan-out',
        'CPU/event',
        'GC pauses, fan-out',
      ],
      result.scenarios.map((scenario) => formatScenario(scenario)),
    ),
  );
  parts.push(
    `Steady window ${formatNumber(options.steadySeconds)} s per scenario; the J jobs complete one after another over ${formatNumber(options.releaseSpreadMs)} ms; ${options.perSocket} subscriptions per socket. CPU is % of one core. **Pi conn.**: the gateway's Pi pool (\`PI_CONNECTIONS\`); 64 is the default, a row with another value ran on a gateway process of its own.`,
  );
  parts.push(...findings(result));
  const checks = checkSubscriptionTargets(result);
  if (checks.length > 0) {
    parts.push('### Targets');
    parts.push(
      toTable(
        ['Target', 'Measured', ''],
        checks.map((check) => [check.goal, check.measured, formatMet(check.met)]),
      ),
    );
  }
  if (result.profiles !== undefined) {
    const { scenario, heap, setupCpu, fanOutCpu } = result.profiles;
    const name = `${formatNumber(scenario.subscribers)} subscriptions over ${scenario.jobs} jobs`;
    parts.push(`### Where the memory and the time go: ${name} (profiled repeat)`);
    parts.push(
      formatProfile(
        heap.summary,
        'Live heap with the subscriptions open (sampling heap profile, after full GCs), by module, then by allocating function',
        heap.file,
      ),
    );
    parts.push(
      formatProfile(
        setupCpu.summary,
        'Gateway CPU while the subscriptions were set up (idle included)',
        setupCpu.file,
      ),
    );
    parts.push(
      formatProfile(
        fanOutCpu.summary,
        'Gateway CPU while the jobs completed and the events fanned out (idle included)',
        fanOutCpu.file,
      ),
    );
  }
  if (result.problems.length > 0) {
    parts.push('### Problems seen during the run');
    parts.push(result.problems.map((problem) => `- ${problem}`).join('\n'));
  }
  return parts.join('\n\n');
}

function formatScenario(scenario: ScenarioResult): string[] {
  const kb = (bytes: number) => `${formatNumber(bytes / 1000, 1)} KB`;
  return [
    formatNumber(scenario.subscribers),
    formatNumber(scenario.jobs),
    String(scenario.piConnections ?? DEFAULT_PI_CONNECTIONS),
    formatNumber(scenario.open.sockets),
    formatNumber(scenario.open.setupMs / 1000, 1),
    formatNumber(scenario.steady.upstreamPerSecond, 1),
    `${scenario.steady.longPollsMax} (${formatNumber(scenario.steady.longPollsMean, 1)})`,
    `${formatNumber(scenario.steady.gatewayCpuPercent, 1)} %`,
    `${formatNumber(scenario.steady.queryLatency.p50, 1)} / ${formatNumber(scenario.steady.queryLatency.max, 1)}`,
    kb(scenario.memory.heapPerSubscription),
    kb(scenario.memory.rssPerSubscription),
    formatNumber(scenario.fanOut.latency.p50, 1),
    formatNumber(scenario.fanOut.latency.p99, 1),
    formatNumber(scenario.fanOut.latency.max, 1),
    `${formatNumber(scenario.fanOut.gatewayCpuPercent, 1)} %`,
    `${formatNumber(scenario.fanOut.gatewayCpuMicrosPerEvent, 0)} µs`,
    `${formatNumber(scenario.fanOut.gatewayGcPauseMs, 0)} ms`,
  ];
}

/** What the figures show beyond the targets, in words (pool starvation). */
function findings(result: SubscriptionBenchResult): string[] {
  const starved = result.scenarios.filter(
    (scenario) =>
      scenario.piConnections === undefined && scenario.steady.longPollsMax < scenario.jobs,
  );
  if (starved.length === 0) return [];
  const worst = starved.sort((a, b) => b.steady.queryLatency.p50 - a.steady.queryLatency.p50)[0]!;
  return [
    `**Finding: long-polls starve the Pi pool.** With ${worst.jobs} watched jobs only ${worst.steady.longPollsMax} long-polls were in flight: the watchers' long-polls share the gateway's ${DEFAULT_PI_CONNECTIONS}-connection Pi pool and hold a connection for up to \`SUBSCRIPTION_POLL_TIMEOUT_S\` (5 s), so the other watchers queue for a connection (they see changes late), and so does every query: Q2 took ${formatNumber(worst.steady.queryLatency.p50, 0)} ms at the median (max ${formatNumber(worst.steady.queryLatency.max, 0)} ms) during the steady window. A row with a larger pool shows the same load without the cap.`,
  ];
}
