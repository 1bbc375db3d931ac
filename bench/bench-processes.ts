import { startChild } from './start-child.js';
import type { RunningChild } from './start-child.js';
import type { TargetKind } from './start-target.js';

/** What the simulator process reports when ready. */
export interface SimulatorReady {
  url: string;
  /** Demo keys by org name. */
  keys: Record<string, string>;
}

export type TargetChild = RunningChild<{ url: string }>;

export interface BenchProcessOptions {
  /** Keep-alive connections to Pi of every target. */
  piConnections: number;
  /** Milliseconds per simulated job step. */
  simStepMs: number;
  /** Extra gateway settings by environment variable name. */
  gatewayEnv: Record<string, string>;
}

/**
 * The benchmark's child processes, each started on first use and shared by the sections: the
 * simulator, the gateway (with `--expose-gc`, for heap figures), and the load generator. Other
 * targets (`rest`, `naive`) are started per use and stopped by the caller.
 */
export interface BenchProcesses {
  simulator(): Promise<RunningChild<SimulatorReady>>;
  gateway(): Promise<TargetChild>;
  load(): Promise<RunningChild<unknown>>;
  /**
   * Starts a server under test of its own (not the shared gateway; the gateway with
   * `--expose-gc`), optionally with another Pi pool size; the caller stops it.
   */
  startTarget(kind: TargetKind, piConnections?: number): Promise<TargetChild>;
  /** Stops every process started here, the simulator last. */
  close(): Promise<void>;
}

/** Creates the (not yet started) set of processes. */
export function createBenchProcesses(options: BenchProcessOptions): BenchProcesses {
  const started: Array<Promise<RunningChild<unknown>>> = [];
  const once = <T>(start: () => Promise<T>): (() => Promise<T>) => {
    let running: Promise<T> | undefined;
    return () => {
      if (running === undefined) {
        running = start();
        started.push(running as Promise<RunningChild<unknown>>);
      }
      return running;
    };
  };

  const simulator = once(() =>
    startChild<SimulatorReady>(new URL('./sim-process.ts', import.meta.url), {
      name: 'simulator',
      env: { BENCH_SIM_STEP_MS: String(options.simStepMs) },
    }),
  );
  const startTargetChild = async (kind: TargetKind, piConnections = options.piConnections) =>
    startChild<{ url: string }>(new URL('./target-process.ts', import.meta.url), {
      name: kind,
      nodeFlags: kind === 'gateway' ? ['--expose-gc'] : [],
      env: {
        // As in a production deployment: graphql-js and Apollo read it from the environment.
        NODE_ENV: 'production',
        BENCH_TARGET: kind,
        BENCH_PI_URL: (await simulator()).ready.url,
        BENCH_PI_CONNECTIONS: String(piConnections),
        BENCH_GATEWAY_ENV: JSON.stringify(options.gatewayEnv),
      },
    });

  return {
    simulator,
    gateway: once(() => startTargetChild('gateway')),
    load: once(() =>
      startChild(new URL('./load-process.ts', import.meta.url), { name: 'load generator' }),
    ),
    startTarget: (kind, piConnections) => startTargetChild(kind, piConnections),
    async close() {
      const children = await Promise.allSettled(started);
      const stopped = children.flatMap((child) =>
        child.status === 'fulfilled' ? [child.value] : [],
      );
      // The simulator last: the others may still have requests to it in flight.
      await Promise.all(
        stopped.filter((child) => child.name !== 'simulator').map((child) => child.stop()),
      );
      await Promise.all(
        stopped.filter((child) => child.name === 'simulator').map((child) => child.stop()),
      );
    },
  };
}
