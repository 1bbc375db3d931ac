import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { summarizeCpuProfile, summarizeHeapProfile } from './summarize-profile.js';
import type { CpuProfile, HeapProfileNode, ProfileSummary } from './summarize-profile.js';

export type ProfileKind = 'cpu' | 'heap';

/**
 * Profiles this process over `node:inspector` for exactly one window (unlike `--cpu-prof`, which
 * covers the whole process): `cpu` samples the CPU every 200 µs; `heap` samples allocations every
 * 16 KB and keeps those still alive when it stops (run a GC first for live objects only).
 */
export interface Profiler {
  /** Starts a profile of `kind` (a second start of the same kind is a no-op). */
  start(kind: ProfileKind): Promise<void>;
  /** Stops it, writes the raw profile to `file` when given, and returns its summary. */
  stop(kind: ProfileKind, file?: string): Promise<ProfileSummary>;
  close(): Promise<void>;
}

/** Creates the profiler; the inspector session opens with the first `start`. */
export function createProfiler(): Profiler {
  let session: Session | undefined;
  const running = new Set<ProfileKind>();
  const connect = (): Session => {
    if (session === undefined) {
      session = new Session();
      session.connect();
    }
    return session;
  };

  return {
    async start(kind) {
      if (running.has(kind)) return;
      const inspector = connect();
      if (kind === 'cpu') {
        await inspector.post('Profiler.enable');
        await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
        await inspector.post('Profiler.start');
      } else {
        await inspector.post('HeapProfiler.enable');
        await inspector.post('HeapProfiler.startSampling', { samplingInterval: 16_384 });
      }
      running.add(kind);
    },
    async stop(kind, file) {
      if (!running.has(kind) || session === undefined)
        throw new Error(`no ${kind} profile is running`);
      running.delete(kind);
      if (kind === 'cpu') {
        const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
        if (file !== undefined) await writeFile(file, JSON.stringify(profile));
        return summarizeCpuProfile(profile);
      }
      const { profile } = (await session.post('HeapProfiler.stopSampling')) as {
        profile: { head: HeapProfileNode };
      };
      if (file !== undefined) await writeFile(file, JSON.stringify(profile));
      return summarizeHeapProfile(profile.head);
    },
    async close() {
      session?.disconnect();
      session = undefined;
      running.clear();
    },
  };
}
