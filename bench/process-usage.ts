/** A target process's `usage` answer: `process.memoryUsage()` and `process.cpuUsage()`. */
export interface ProcessUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  cpu: { user: number; system: number };
  /** Whether a full GC could run first (the process has `--expose-gc`). */
  gc: boolean;
  /** Garbage-collection pauses since the process started (targets only). */
  gcPauses?: { totalMs: number; majorMs: number; major: number };
}

/** GC pause time between two usages (ms), all kinds; 0 when either has none. */
export function gcPauseMs(before: ProcessUsage, after: ProcessUsage): number {
  if (before.gcPauses === undefined || after.gcPauses === undefined) return 0;
  return after.gcPauses.totalMs - before.gcPauses.totalMs;
}

/** CPU time (user and system) between two usages, in µs. */
export function cpuMicros(before: ProcessUsage, after: ProcessUsage): number {
  return after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
}

/** CPU time between two usages as a share of one core, 0–100 (per core: 200 is two busy cores). */
export function cpuPercent(before: ProcessUsage, after: ProcessUsage, elapsedMs: number): number {
  return elapsedMs <= 0 ? 0 : cpuMicros(before, after) / 10 / elapsedMs;
}
