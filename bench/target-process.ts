/**
 * Child process running one server under test of the benchmarks (see `startTarget`), driven over
 * IPC by the runner: `upstream` / `reset-upstream` (the counting pool's figures), `usage`
 * (memory and CPU time; `{ gc: true }` first runs a full GC when started with `--expose-gc`),
 * `profile-start` / `profile-stop` (`{ kind: 'cpu' | 'heap', file? }`, see `createProfiler`).
 *
 * Environment: `BENCH_TARGET` (`gateway` | `naive` | `rest`), `BENCH_PI_URL`, `BENCH_PI_CONNECTIONS`,
 * `BENCH_GATEWAY_ENV` (JSON of extra gateway settings, e.g. `{"SUBSCRIPTION_POLL_TIMEOUT_S":"5"}`).
 */
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { createProfiler } from './create-profiler.js';
import type { ProfileKind } from './create-profiler.js';
import { serveParent } from './serve-parent.js';
import { startTarget } from './start-target.js';
import type { TargetKind } from './start-target.js';

// Node prints a warning per occurrence; a target that warns per operation (e.g. a
// MaxListenersExceededWarning per request) would drown the bench's output. Each distinct warning is
// printed once here, and still costs the target whatever emitting it costs.
const warned = new Set<string>();
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  const key = `${warning.name}: ${warning.message}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.error(`[${process.env.BENCH_TARGET ?? 'target'}] ${key}\n${warning.stack ?? ''}`);
});

// Garbage-collection pauses so far, for the figures of a window (`usage` answers them).
const gcPauses = { totalMs: 0, majorMs: 0, major: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcPauses.totalMs += entry.duration;
    // GC entries carry `detail.kind`, which Node's types do not declare on `PerformanceEntry`.
    const { detail } = entry as { detail?: { kind?: number } };
    if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      gcPauses.majorMs += entry.duration;
      gcPauses.major += 1;
    }
  }
}).observe({ entryTypes: ['gc'] });

await serveParent(async () => {
  const target = await startTarget({
    kind: (process.env.BENCH_TARGET ?? 'gateway') as TargetKind,
    piBaseUrl: required('BENCH_PI_URL'),
    connections: Number(process.env.BENCH_PI_CONNECTIONS ?? '64'),
    gatewayEnv: JSON.parse(process.env.BENCH_GATEWAY_ENV ?? '{}') as Record<string, string>,
  });
  const profiler = createProfiler();
  return {
    ready: { url: target.url },
    handlers: {
      upstream: () => target.upstream.counts(),
      'reset-upstream': () => target.upstream.reset(),
      usage: (payload: { gc?: boolean }) => {
        if (payload?.gc === true) {
          // Twice: the first pass may only queue finalizers that free more on the second.
          globalThis.gc?.();
          globalThis.gc?.();
        }
        return {
          ...process.memoryUsage(),
          cpu: process.cpuUsage(),
          gc: globalThis.gc !== undefined,
          gcPauses: { ...gcPauses },
        };
      },
      'profile-start': (payload: { kind: ProfileKind }) => profiler.start(payload.kind),
      'profile-stop': (payload: { kind: ProfileKind; file?: string }) =>
        profiler.stop(payload.kind, payload.file),
    },
    stop: async () => {
      await profiler.close();
      await target.stop();
    },
  };
});

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}
