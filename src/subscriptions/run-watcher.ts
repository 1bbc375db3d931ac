import type { GatewayError } from '../errors/index.js';
import type { RunDto } from '../pi/dto.js';
import type { Credential } from '../pi/types.js';
import { abortableDelay } from './backoff.js';
import { createFailureStreak, decideRetry } from './retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';
import { isTerminalRun, runStepOf } from './run-state.js';
import type { RunStreamSink } from './run-stream.js';
import type { FetchRun } from './run-types.js';

export interface RunWatcherOptions {
  runId: string;
  credential: Credential;
  fetchRun: FetchRun;
  pollTimeoutSeconds: number;
  retry: RetryPolicy;
  /** Counts upstream reads in flight (registry stats). */
  onRequest: (delta: 1 | -1) => void;
  /** Called once when the watcher stops for good; the registry forgets it. */
  onFinished: () => void;
}

/** The shared poller of one (credential, run) in this process and its subscribers. */
export interface RunWatcher {
  readonly subscriberCount: number;
  /** Adds a subscriber; it gets the latest state at once when there is one. */
  add(sink: RunStreamSink): void;
  /** Removes a subscriber; the last one leaving stops the watcher and its in-flight read at once. */
  remove(sink: RunStreamSink): void;
  /** Completes every subscriber and stops (shutdown). */
  close(): void;
}

/**
 * Creates a run watcher and starts its loop: a plain GET for the current state, then long-polls of
 * `pollTimeoutSeconds` until the run is terminal, one request in flight at a time. A read whose
 * run status or step statuses differ from the latest is fanned out; the terminal state ends the
 * streams. Failures back off like job watchers (`decideRetry`: `NOT_FOUND` retried briefly then
 * final, 429 after `Retry-After`, the rest with jittered exponential delays until the budget is
 * spent), and giving up fails every subscriber with the error.
 */
export function createRunWatcher(options: RunWatcherOptions): RunWatcher {
  const sinks = new Set<RunStreamSink>();
  let latest: RunDto | undefined;
  let latestStep: string | undefined;
  let stopped = false;
  let current: AbortController | undefined;

  function finish(): void {
    if (stopped) return;
    stopped = true;
    current?.abort();
    for (const sink of sinks) sink.end();
    sinks.clear();
    options.onFinished();
  }

  function giveUp(error: GatewayError): void {
    if (stopped) return;
    for (const sink of sinks) sink.fail(error);
    finish();
  }

  function accept(run: RunDto): void {
    const step = runStepOf(run);
    if (step === latestStep) return;
    latest = run;
    latestStep = step;
    for (const sink of sinks) sink.push(run);
    if (isTerminalRun(run)) finish();
  }

  async function read(signal: AbortSignal): Promise<RunDto> {
    options.onRequest(1);
    try {
      return await options.fetchRun({
        credential: options.credential,
        runId: options.runId,
        waitSeconds: latest === undefined ? 0 : options.pollTimeoutSeconds,
        signal,
      });
    } finally {
      options.onRequest(-1);
    }
  }

  async function run(): Promise<void> {
    const streak = createFailureStreak();
    while (!stopped) {
      const controller = new AbortController();
      current = controller;
      let state: RunDto;
      try {
        state = await read(controller.signal);
      } catch (error) {
        if (stopped) return;
        const decision = decideRetry(error, streak, options.retry);
        if (decision.kind === 'give-up') return giveUp(decision.error);
        await abortableDelay(decision.delayMs, controller.signal);
        continue;
      }
      Object.assign(streak, createFailureStreak());
      if (stopped) return;
      accept(state);
    }
  }

  run().catch((error: unknown) => {
    // A bug, not an upstream failure: end the subscribers rather than leave them waiting.
    for (const sink of sinks) sink.fail(error);
    finish();
  });

  return {
    get subscriberCount() {
      return sinks.size;
    },
    add(sink) {
      if (stopped) {
        sink.end();
        return;
      }
      sinks.add(sink);
      if (latest !== undefined) sink.push(latest);
    },
    remove(sink) {
      if (!sinks.delete(sink) || sinks.size > 0) return;
      finish();
    },
    close: finish,
  };
}
