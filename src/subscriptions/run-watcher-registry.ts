import { ErrorCode, GatewayError } from '../errors/index.js';
import type { Credential } from '../pi/types.js';
import { toCredentialId } from './credential-id.js';
import type { RetryPolicy } from './retry-policy.js';
import { createRunStream } from './run-stream.js';
import type { RunStreamSink } from './run-stream.js';
import type {
  RunSubscription,
  RunWatcherRegistry,
  RunWatcherRegistryOptions,
  RunWatcherRegistryStats,
} from './run-types.js';
import { createRunWatcher } from './run-watcher.js';
import type { RunWatcher } from './run-watcher.js';
import type { SubscribeOptions } from './types.js';

const MAX_RUN_ID_LENGTH = 128;

interface Settings {
  pollTimeoutSeconds: number;
  maxQueuedEvents: number;
  retry: RetryPolicy;
}

/**
 * Creates the registry of run watchers: one watcher per (credential, run) in this process, shared
 * by all its subscribers. Runs are watched per process only: with several replicas each one that
 * has subscribers of a run polls it itself (jobs, the common case, share one poller through Redis).
 * Fails with a `RangeError` listing every invalid option.
 */
export function createRunWatcherRegistry(options: RunWatcherRegistryOptions): RunWatcherRegistry {
  const settings = resolveSettings(options);
  const watchers = new Map<string, RunWatcher>();
  let requestsInFlight = 0;
  let closed = false;

  function watcherFor(credential: Credential, runId: string): RunWatcher {
    const id = `${toCredentialId(credential)}:${runId}`;
    const existing = watchers.get(id);
    if (existing !== undefined) return existing;
    const watcher = createRunWatcher({
      runId,
      credential,
      fetchRun: options.fetchRun,
      pollTimeoutSeconds: settings.pollTimeoutSeconds,
      retry: settings.retry,
      onRequest: (delta) => {
        requestsInFlight += delta;
      },
      onFinished: () => {
        if (watchers.get(id) === watcher) watchers.delete(id);
      },
    });
    watchers.set(id, watcher);
    return watcher;
  }

  function ended(error?: GatewayError): RunSubscription {
    const { subscription, sink } = createRunStream({ maxQueued: 1, onRelease: () => {} });
    if (error === undefined) sink.end();
    else sink.fail(error);
    return subscription;
  }

  return {
    subscribe(credential, runId, subscribeOptions: SubscribeOptions = {}): RunSubscription {
      const { signal } = subscribeOptions;
      if (closed || signal?.aborted === true) return ended();
      if (runId.length === 0 || runId.length > MAX_RUN_ID_LENGTH) {
        return ended(new GatewayError('The run was not found.', { code: ErrorCode.NOT_FOUND }));
      }
      const watcher = watcherFor(credential, runId);
      let sink: RunStreamSink | undefined;
      const stream = createRunStream({
        maxQueued: settings.maxQueuedEvents,
        signal,
        onRelease: () => {
          if (sink !== undefined) watcher.remove(sink);
        },
      });
      sink = stream.sink;
      watcher.add(sink);
      return stream.subscription;
    },
    stats(): RunWatcherRegistryStats {
      const all = [...watchers.values()];
      return {
        watchers: all.length,
        subscribers: all.reduce((sum, watcher) => sum + watcher.subscriberCount, 0),
        requestsInFlight,
      };
    },
    close() {
      closed = true;
      const all = [...watchers.values()];
      watchers.clear();
      for (const watcher of all) watcher.close();
      return Promise.resolve();
    },
  };
}

function resolveSettings(options: RunWatcherRegistryOptions): Settings {
  const backoff = options.backoff ?? {};
  const settings: Settings = {
    pollTimeoutSeconds: options.pollTimeoutSeconds ?? 5,
    maxQueuedEvents: options.maxQueuedEvents ?? 16,
    retry: {
      baseMs: backoff.baseMs ?? 250,
      maxMs: backoff.maxMs ?? 10_000,
      maxFailures: backoff.maxFailures ?? 8,
      failureBudgetMs: backoff.failureBudgetMs ?? 60_000,
      notFoundRetries: backoff.notFoundRetries ?? 2,
      notFoundDelayMs: backoff.notFoundDelayMs ?? 300,
    },
  };
  const problems: string[] = [];
  const check = (name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void => {
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push(`${name} must be an integer from ${min} to ${max}`);
  };
  check('pollTimeoutSeconds', settings.pollTimeoutSeconds, 1, 30);
  check('maxQueuedEvents', settings.maxQueuedEvents, 1);
  check('backoff.baseMs', settings.retry.baseMs, 0);
  check('backoff.maxMs', settings.retry.maxMs, 0);
  check('backoff.maxFailures', settings.retry.maxFailures, 1);
  check('backoff.failureBudgetMs', settings.retry.failureBudgetMs, 0);
  check('backoff.notFoundRetries', settings.retry.notFoundRetries, 0);
  check('backoff.notFoundDelayMs', settings.retry.notFoundDelayMs, 0);
  if (problems.length > 0)
    throw new RangeError(`Invalid run watcher registry options: ${problems.join('; ')}.`);
  return settings;
}
