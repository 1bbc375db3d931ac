import { relative } from 'node:path';
import type { HttpBenchOptions, HttpBenchResult, OperationFigures } from './http-bench.js';
import { OPERATIONS } from './http-operations.js';
import type { OperationId } from './http-operations.js';
import { formatKilobytes, formatMet, formatNumber, formatRatio, toTable } from './markdown.js';
import type { TargetKind } from './start-target.js';
import type { ProfileSummary } from './summarize-profile.js';

/** A target of the issue, checked against the figures. */
export interface TargetCheck {
  goal: string;
  measured: string;
  met: boolean;
}

const LABELS: Record<TargetKind, string> = {
  gateway: '(a) gateway',
  naive: '(b) naive gateway',
  rest: '(c) direct REST',
};

/** The HTTP section's targets (issue 8), evaluated; empty when a figure is missing. */
export function checkHttpTargets(result: HttpBenchResult): TargetCheck[] {
  const find = (target: TargetKind, operation: OperationId) =>
    result.figures.find((figure) => figure.target === target && figure.operation === operation);
  const q1 = {
    gateway: find('gateway', 'Q1'),
    naive: find('naive', 'Q1'),
    rest: find('rest', 'Q1'),
  };
  const q2 = { gateway: find('gateway', 'Q2'), rest: find('rest', 'Q2') };
  if (!q1.gateway || !q1.naive || !q1.rest || !q2.gateway || !q2.rest) return [];
  const rps = (figure: OperationFigures) => figure.load.requestsPerSecond;
  const checks: TargetCheck[] = [
    {
      goal: 'Q1 upstream calls, one operation alone: 20 (half the naive gateway’s 40)',
      measured: `${q1.gateway.single.requests} (naive ${q1.naive.single.requests})`,
      met: q1.gateway.single.requests === 20 && q1.naive.single.requests === 40,
    },
    {
      goal: 'Q2 upstream calls, one operation alone: 1',
      measured: String(q2.gateway.single.requests),
      met: q2.gateway.single.requests === 1,
    },
    {
      goal: 'Q1 upstream calls per operation under load: below 20 (in-flight dedupe)',
      measured: formatNumber(q1.gateway.load.upstream.requests, 2),
      met: q1.gateway.load.upstream.requests < 20,
    },
    {
      goal: 'Q1 throughput ≥ 2× the naive gateway',
      measured: `${formatRatio(rps(q1.gateway), rps(q1.naive))} (${formatNumber(rps(q1.gateway))} vs ${formatNumber(rps(q1.naive))} req/s)`,
      met: rps(q1.gateway) >= 2 * rps(q1.naive),
    },
    {
      goal: 'Q1 throughput ≥ 0.8× the direct REST client',
      measured: `${formatRatio(rps(q1.gateway), rps(q1.rest))} (${formatNumber(rps(q1.gateway))} vs ${formatNumber(rps(q1.rest))} req/s)`,
      met: rps(q1.gateway) >= 0.8 * rps(q1.rest),
    },
  ];
  const q1v = {
    gateway: find('gateway', 'Q1v'),
    naive: find('naive', 'Q1v'),
    rest: find('rest', 'Q1v'),
  };
  if (q1v.gateway && q1v.naive && q1v.rest) {
    checks.push(
      {
        goal: 'Q1v (Q1 without the dedupe’s best case; beyond the issue) throughput ≥ 2× the naive gateway',
        measured: `${formatRatio(rps(q1v.gateway), rps(q1v.naive))} (${formatNumber(rps(q1v.gateway))} vs ${formatNumber(rps(q1v.naive))} req/s)`,
        met: rps(q1v.gateway) >= 2 * rps(q1v.naive),
      },
      {
        goal: 'Q1v throughput ≥ 0.8× the direct REST client',
        measured: `${formatRatio(rps(q1v.gateway), rps(q1v.rest))} (${formatNumber(rps(q1v.gateway))} vs ${formatNumber(rps(q1v.rest))} req/s; ${formatNumber(q1v.gateway.load.upstream.requests, 1)} upstream calls per operation)`,
        met: rps(q1v.gateway) >= 0.8 * rps(q1v.rest),
      },
    );
  }
  if (q2.gateway.unloaded !== undefined && q2.rest.unloaded !== undefined) {
    const added = q2.gateway.unloaded.latency.p50 - q2.rest.unloaded.latency.p50;
    checks.push({
      goal: 'Q2 p50 latency the gateway adds over direct REST (one connection): < 2 ms',
      measured: `${formatNumber(added, 2)} ms (${formatNumber(q2.gateway.unloaded.latency.p50, 2)} vs ${formatNumber(q2.rest.unloaded.latency.p50, 2)} ms)`,
      met: added < 2,
    });
  }
  return checks;
}

/** The HTTP section's figures and targets as Markdown (without the run facts). */
export function formatHttpFigures(result: HttpBenchResult, options: HttpBenchOptions): string {
  const parts: string[] = [];
  for (const operation of OPERATIONS) {
    const rows = result.figures.filter((figure) => figure.operation === operation.id);
    const reference = rows.find((figure) => figure.target === 'rest');
    if (reference === undefined) continue;
    parts.push(`#### ${operation.id} \`${operation.title}\` (${operation.shape})`);
    parts.push(formatOperationTable(rows, reference, options));
  }
  const checks = checkHttpTargets(result);
  if (checks.length > 0) {
    parts.push('### Targets');
    parts.push(
      toTable(
        ['Target', 'Measured', ''],
        checks.map((check) => [check.goal, check.measured, formatMet(check.met)]),
      ),
    );
  }
  for (const profile of result.profiles) {
    parts.push(`### Where the gateway’s CPU goes: ${profile.operation} under load (CPU profile)`);
    parts.push(
      formatProfile(
        profile.summary,
        'Self time of the gateway process (idle included), by module, then by function',
        profile.file,
      ),
    );
  }
  if (result.problems.length > 0) {
    parts.push('### Problems seen during the run');
    parts.push(result.problems.map((problem) => `- ${problem}`).join('\n'));
  }
  return parts.join('\n\n');
}

function formatOperationTable(
  rows: readonly OperationFigures[],
  reference: OperationFigures,
  options: HttpBenchOptions,
): string {
  const order: TargetKind[] = ['gateway', 'naive', 'rest'];
  const withRatio = (value: number, base: number, text: string) =>
    `${text} (${formatRatio(value, base)})`;
  const hasUnloaded = rows.every((row) => row.unloaded !== undefined);
  const headers = [
    'Target',
    `req/s (${options.connections} conn.)`,
    'p50 ms',
    'p99 ms',
    ...(hasUnloaded ? ['p50 ms, 1 conn.', 'p99 ms, 1 conn.'] : []),
    'upstream calls/op: alone',
    'under load',
    'upstream bytes/op: alone',
    'under load',
  ];
  const sorted = [...rows].sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target));
  const body = sorted.map((row) => {
    const ms = (value: number, base: number) => withRatio(value, base, formatNumber(value, 2));
    const load = row.load;
    const base = reference.load;
    return [
      LABELS[row.target],
      withRatio(
        load.requestsPerSecond,
        base.requestsPerSecond,
        formatNumber(load.requestsPerSecond),
      ),
      ms(load.latency.p50, base.latency.p50),
      ms(load.latency.p99, base.latency.p99),
      ...(hasUnloaded
        ? [
            ms(row.unloaded!.latency.p50, reference.unloaded!.latency.p50),
            ms(row.unloaded!.latency.p99, reference.unloaded!.latency.p99),
          ]
        : []),
      withRatio(row.single.requests, reference.single.requests, String(row.single.requests)),
      withRatio(
        load.upstream.requests,
        base.upstream.requests,
        formatNumber(load.upstream.requests, 2),
      ),
      withRatio(row.single.bytes, reference.single.bytes, formatKilobytes(row.single.bytes)),
      withRatio(load.upstream.bytes, base.upstream.bytes, formatKilobytes(load.upstream.bytes)),
    ];
  });
  return toTable(headers, body);
}

/** A profile summary as two tables (by module, by function) under one line saying what it is. */
export function formatProfile(summary: ProfileSummary, what: string, file: string): string {
  const unit = summary.unit === 'ms' ? 'self ms' : 'live KB';
  const scale = summary.unit === 'ms' ? 1 : 1 / 1000;
  const rows = (shares: ProfileSummary['modules']) =>
    shares.map((share) => [
      share.name.replaceAll('|', '\\|'),
      formatNumber(share.value * scale, 0),
      `${share.percent.toFixed(1)} %`,
    ]);
  return [
    `${what}; total ${formatNumber(summary.total * scale, 0)} ${unit.split(' ')[1]}, raw profile \`${relative(process.cwd(), file)}\` (written by each run, not committed; opens in Chrome DevTools).`,
    toTable(['Module', unit, 'share'], rows(summary.modules.slice(0, 10))),
    toTable(['Function', unit, 'share'], rows(summary.functions.slice(0, 10))),
  ].join('\n\n');
}
