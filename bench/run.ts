/**
 * `npm run bench`: the gateway's benchmarks in one run, written into `BENCHMARKS.md`.
 *
 *   npm run bench [-- --quick] [--only http,subscriptions,simulator] [--dry-run | --write]
 *                 [--connections 20] [--duration 10] [--warmup 3] [--unloaded 3]
 *                 [--subscribers 10000] [--jobs 100]
 *
 * Sections: `http` (gateway vs naive gateway vs direct REST on Q1–Q3), `subscriptions` (S
 * subscriptions over J jobs), `simulator` (the simulator alone). `--quick` runs a short version
 * that checks upstream call counts and the long-poll bound, not speed, and writes nothing unless
 * `--write`. Exits 1 when a check fails (wrong data or call counts, failed requests, more
 * long-polls than jobs); a missed speed target is reported, not a failure.
 */
import os from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBenchProcesses } from './bench-processes.js';
import { runHttpBench } from './http-bench.js';
import { checkHttpTargets, formatHttpFigures } from './http-report.js';
import type { TargetCheck } from './http-report.js';
import { readMachineInfo } from './machine-info.js';
import { formatNumber, formatMet, toTable } from './markdown.js';
import { writeReport } from './report.js';
import type { ReportSection } from './report.js';
import { HTTP_NOTES, REPORT_HEADER, SIMULATOR_NOTES, SUBSCRIPTION_NOTES } from './report-notes.js';
import { formatRunInfo } from './run-info.js';
import { runSimulatorBench } from './simulator-bench.js';
import { runSubscriptionBench } from './subscription-bench.js';
import type { SubscriptionScenario } from './subscription-bench.js';
import { checkSubscriptionTargets, formatSubscriptionFigures } from './subscription-report.js';

const SECTIONS = ['http', 'subscriptions', 'simulator'] as const;
type SectionId = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: SECTIONS.join(',') },
    'dry-run': { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    connections: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    unloaded: { type: 'string' },
    subscribers: { type: 'string' },
    jobs: { type: 'string' },
  },
});
const quick = values.quick;
const number = (value: string | undefined, full: number, short: number) =>
  value === undefined ? (quick ? short : full) : Number(value);
const only = values.only.split(',').map((name) => name.trim()) as SectionId[];
const unknown = only.filter((name) => !SECTIONS.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
  process.exit(2);
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const command = [
  'npm run bench',
  ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
].join(' ');
const machine = readMachineInfo();
const began = Date.now();
// Progress lines carry the time since the start; the summary at the end is printed as is.
const log = (line: string) =>
  console.log(`${line.padEnd(60)} ${((Date.now() - began) / 1000).toFixed(1)} s`);
const print = (line: string) => console.log(line);
const subscribers = number(values.subscribers, 10_000, 200);
const jobs = number(values.jobs, 100, 10);

const processes = createBenchProcesses({
  piConnections: 64,
  simStepMs: 50,
  gatewayEnv: { SUBSCRIPTION_POLL_TIMEOUT_S: '5', MAX_SUBSCRIPTIONS_PER_SOCKET: '100' },
});
const stopOnSignal = () => void processes.close().finally(() => process.exit(130));
process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);

const sections: ReportSection[] = [];
const problems: string[] = [];
const checks: TargetCheck[] = [];
const raw: Record<string, unknown> = { command, machine };

async function section(
  id: SectionId,
  title: string,
  run: () => Promise<{ settings: string; figures: string; notes: string }>,
): Promise<void> {
  if (!only.includes(id)) return;
  log(`${title}`);
  const loadBefore = os.loadavg();
  const startedAt = new Date();
  const { settings, figures, notes } = await run();
  const info = {
    machine,
    command,
    startedAt,
    finishedAt: new Date(),
    loadBefore,
    loadAfter: os.loadavg(),
    settings,
  };
  sections.push({
    id,
    markdown: [`## ${title}`, formatRunInfo(info), figures, notes.trim()].join('\n\n'),
  });
}

try {
  await section('http', 'HTTP: gateway vs naive gateway vs direct REST', async () => {
    const options = {
      connections: number(values.connections, 20, 10),
      durationSeconds: number(values.duration, 10, 0.5),
      warmupSeconds: number(values.warmup, 3, 0),
      unloadedSeconds: number(values.unloaded, 3, 0),
      jobSets: quick ? 2 : 50,
      profileSeconds: quick ? 0 : 5,
      outDir,
      log,
    };
    const result = await runHttpBench(options, processes);
    raw.http = result;
    problems.push(...result.problems);
    checks.push(...checkHttpTargets(result));
    return {
      settings: `${options.connections} connections for ${options.durationSeconds} s per run after ${options.warmupSeconds} s of warm-up; one-connection runs of ${options.unloadedSeconds} s; 64 keep-alive connections to Pi per target; ${result.jobCount} completed brand jobs (Q1v: ${options.jobSets} sets of 20)`,
      figures: formatHttpFigures(result, options),
      notes: HTTP_NOTES,
    };
  });

  await section('subscriptions', 'Subscriptions: S subscribers over J jobs', async () => {
    // The main scenario three times (its fan-out p99 moves with where the major GCs fall), then
    // fewer S over the same J and the same S over fewer J (what upstream traffic follows).
    const main: SubscriptionScenario = { subscribers, jobs };
    const scenarios: SubscriptionScenario[] = quick
      ? [main]
      : [
          main,
          main,
          main,
          { subscribers: Math.max(1, Math.round(subscribers / 10)), jobs },
          { subscribers, jobs: Math.max(1, Math.round(jobs / 10)) },
        ];
    const options = {
      scenarios,
      perSocket: 100,
      // Three long-poll periods: the watchers poll in step, so a window of whole periods counts
      // each of them the same number of times.
      steadySeconds: quick ? 1.5 : 15,
      releaseSpreadMs: quick ? 200 : 2000,
      warmUp: !quick,
      ...(quick ? {} : { profileDir: outDir }),
      log,
    };
    const result = await runSubscriptionBench(options, processes);
    raw.subscriptions = result;
    problems.push(...result.problems);
    checks.push(...checkSubscriptionTargets(result));
    return {
      settings: `scenarios ${scenarios.map((s) => `${formatNumber(s.subscribers)}×${s.jobs}${s.piConnections === undefined ? '' : ` (${s.piConnections} Pi conn.)`}`).join(', ')} (subscriptions × jobs); SUBSCRIPTION_POLL_TIMEOUT_S=5, MAX_SUBSCRIPTIONS_PER_SOCKET=100, PI_CONNECTIONS=64 unless the row says otherwise (queries), PI_LONG_POLL_CONNECTIONS=256 (the watchers' own pool); simulator step 50 ms`,
      figures: formatSubscriptionFigures(result, options),
      notes: SUBSCRIPTION_NOTES,
    };
  });

  await section('simulator', 'Simulator alone', async () => {
    const options = {
      connections: 50,
      durationSeconds: quick ? 0.5 : 10,
      warmupSeconds: quick ? 0 : 2,
      jobs: 8,
      log,
    };
    const result = await runSimulatorBench(options, processes);
    raw.simulator = result;
    problems.push(...result.problems);
    const { load } = result;
    return {
      settings: `GET /api/v1/jobs/:id over 8 jobs, ${options.connections} connections for ${options.durationSeconds} s after ${options.warmupSeconds} s of warm-up`,
      figures: toTable(
        ['req/s', 'p50 ms', 'p99 ms', 'max ms', 'simulator CPU/request', 'simulator CPU', 'failed'],
        [
          [
            formatNumber(load.requestsPerSecond),
            formatNumber(load.latency.p50, 2),
            formatNumber(load.latency.p99, 2),
            formatNumber(load.latency.max, 2),
            `${formatNumber(result.cpuMicrosPerRequest, 1)} µs`,
            `${formatNumber(result.cpuPercent, 0)} %`,
            String(load.non2xx + load.errors + load.timeouts),
          ],
        ],
      ),
      notes: SIMULATOR_NOTES,
    };
  });
} finally {
  await processes.close();
}

writeFileSync(`${outDir}results.json`, JSON.stringify(raw, null, 2));
// What this run would write, for quick and dry runs too.
writeFileSync(`${outDir}report-preview.md`, sections.map((s) => s.markdown).join('\n\n'));
// A quick run is too short for speed figures to mean anything: its checks are the problems below.
if (checks.length > 0 && !quick) {
  print('\nTargets');
  for (const check of checks) print(`  ${formatMet(check.met)}  ${check.goal}: ${check.measured}`);
}
if ((!quick || values.write) && !values['dry-run'] && sections.length > 0) {
  const file = `${repoRoot}BENCHMARKS.md`;
  await writeReport(file, REPORT_HEADER, sections);
  print(
    `\nWrote ${sections.map((s) => s.id).join(', ')} into BENCHMARKS.md (raw figures: bench/out/results.json)`,
  );
}
if (problems.length > 0) {
  print('\nProblems');
  for (const problem of problems) print(`  - ${problem}`);
}
print(
  `\nLoad average now: ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')}`,
);
process.exit(problems.length > 0 ? 1 : 0);
