import { ErrorCode, GatewayError } from '../errors/index.js';
import type { JobDto } from '../pi/dto.js';
import type { Credential } from '../pi/types.js';
import { abortableDelay } from './backoff.js';
import type { JobStreamSink } from './job-stream.js';
import { compareJobVersions, isTerminalJob, toVersionedJob } from './job-version.js';
import { createFailureStreak, decideRetry } from './retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';
import type { FetchJob, VersionedJob, WatcherEvent } from './types.js';
import type { BusMembership, BusPeer, WatchKey, WatcherBus } from './watcher-bus.js';

export interface JobWatcherOptions {
  key: WatchKey;
  credential: Credential;
  fetchJob: FetchJob;
  bus: WatcherBus;
  pollTimeoutSeconds: number;
  retry: RetryPolicy;
  /** Counts upstream reads in flight (registry stats). */
  onRequest: (delta: 1 | -1) => void;
  onEvent: (event: WatcherEvent) => void;
  /** Called once when the watcher stops for good; the registry forgets it. */
  onFinished: () => void;
}

/** The shared poller of one (credential, job) in this process and its subscribers. */
export interface JobWatcher {
  readonly jobId: string;
  readonly subscriberCount: number;
  /** Whether it runs the upstream loop now. */
  readonly isPolling: boolean;
  readonly holdsLease: boolean;
  /** Adds a subscriber; it gets the latest state at once when there is one. */
  add(sink: JobStreamSink): void;
  /** Removes a subscriber; the last one leaving stops the watcher and its in-flight request at once. */
  remove(sink: JobStreamSink): void;
  /** Re-reads the job at once (a webhook said it changed). */
  refresh(): void;
  /** Completes every subscriber and stops (shutdown). */
  close(releaseLease: boolean): Promise<void>;
}

type ActivityKind = 'read' | 'poll' | 'idle' | 'backoff';

/**
 * Creates a watcher and starts its loop. One loop does every upstream read, so there is at most one
 * request in flight per watcher: a plain GET when the current state is needed now (first state,
 * webhook, reconnect, new poller), else — while the bus says this watcher polls — a long-poll of
 * `pollTimeoutSeconds`, else it idles and receives states from the bus. A state is fanned out when
 * its status or phase changed and it is newer than the latest; the terminal state ends the streams.
 */
export function createJobWatcher(options: JobWatcherOptions): JobWatcher {
  const { key, retry } = options;
  const sinks = new Set<JobStreamSink>();
  let latest: VersionedJob | undefined;
  let stopped = false;
  let needRead = true;
  let activity: { kind: ActivityKind; controller: AbortController } | undefined;

  const interrupt = (...kinds: ActivityKind[]): void => {
    if (activity !== undefined && kinds.includes(activity.kind)) activity.controller.abort();
  };

  const peer: BusPeer = {
    onState: (state) => accept(state),
    onError: (error) => giveUp(error, false),
    onRoleChange(isPoller) {
      if (isPoller) {
        // A new poller first catches up on what happened while nobody polled.
        needRead = true;
        interrupt('idle');
      } else {
        interrupt('poll');
      }
    },
    onReconnect() {
      needRead = true;
      interrupt('poll', 'idle');
    },
  };
  const membership: BusMembership = options.bus.join(key, peer);
  options.onEvent({ type: 'watcher-started', jobId: key.jobId });

  function accept(state: VersionedJob): void {
    if (stopped) return;
    if (latest !== undefined && compareJobVersions(state.version, latest.version) <= 0) return;
    latest = state;
    for (const sink of sinks) sink.push(state);
    if (isTerminalJob(state.job)) finish('terminal');
  }

  function finish(
    reason: 'idle' | 'terminal' | 'failed' | 'closed',
    releaseLease = true,
  ): Promise<void> {
    stopped = true;
    activity?.controller.abort();
    for (const sink of sinks) sink.end();
    sinks.clear();
    options.onEvent({ type: 'watcher-stopped', jobId: key.jobId, reason });
    options.onFinished();
    return membership.leave(releaseLease);
  }

  function giveUp(error: GatewayError, tellOthers: boolean): void {
    if (stopped) return;
    if (tellOthers) membership.publishError(error);
    for (const sink of sinks) sink.fail(error);
    void finish('failed');
  }

  async function read(waitSeconds: number, signal: AbortSignal): Promise<JobDto> {
    options.onRequest(1);
    try {
      return await options.fetchJob({
        credential: options.credential,
        jobId: key.jobId,
        waitSeconds,
        signal,
      });
    } finally {
      options.onRequest(-1);
    }
  }

  async function run(): Promise<void> {
    const stored = await membership.ready;
    if (stored !== undefined) accept(stored);
    if (latest !== undefined) needRead = false;
    const streak = createFailureStreak();
    while (!stopped) {
      const kind: ActivityKind = needRead ? 'read' : membership.isPoller ? 'poll' : 'idle';
      const controller = new AbortController();
      activity = { kind, controller };
      if (kind === 'idle') {
        await abortableDelay(Infinity, controller.signal);
        continue;
      }
      needRead = false;
      let job: JobDto;
      try {
        job = await read(kind === 'read' ? 0 : options.pollTimeoutSeconds, controller.signal);
      } catch (error) {
        if (stopped) return;
        // Interrupted on purpose (webhook, role change, reconnect): the flags say what comes next.
        if (controller.signal.aborted) continue;
        const decision = decideRetry(error, streak, retry);
        if (decision.kind === 'give-up') return giveUp(decision.error, membership.isPoller);
        options.onEvent({
          type: 'fetch-failed',
          jobId: key.jobId,
          code: decision.code,
          consecutiveFailures: streak.failures + streak.notFound,
          delayMs: decision.delayMs,
        });
        if (kind === 'read') needRead = true;
        const pause = new AbortController();
        activity = { kind: 'backoff', controller: pause };
        await abortableDelay(decision.delayMs, pause.signal);
        continue;
      }
      Object.assign(streak, createFailureStreak());
      if (stopped) return;
      const next = toVersionedJob(job, latest);
      if (next !== undefined) {
        membership.publish(next, true);
        accept(next);
      } else if (latest !== undefined) {
        membership.publish(latest, false);
      }
    }
  }

  run().catch((error: unknown) => {
    // A bug, not an upstream failure: tell the subscribers rather than leave them waiting.
    giveUp(
      new GatewayError('Internal server error', {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        cause: error,
      }),
      false,
    );
  });

  return {
    jobId: key.jobId,
    get subscriberCount() {
      return sinks.size;
    },
    get isPolling() {
      return !stopped && membership.isPoller;
    },
    get holdsLease() {
      return !stopped && membership.holdsLease;
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
      if (!sinks.delete(sink) || sinks.size > 0 || stopped) return;
      void finish('idle');
    },
    refresh() {
      if (stopped) return;
      needRead = true;
      // A plain GET in flight may predate the change: it is not aborted, the loop reads again after it.
      interrupt('poll', 'idle', 'backoff');
    },
    close(releaseLease) {
      if (stopped) return Promise.resolve();
      return finish('closed', releaseLease);
    },
  };
}
