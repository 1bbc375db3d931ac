import { randomUUID } from 'node:crypto';
import { ErrorCode, GatewayError, describeResource } from '../errors/index.js';
import type { Credential } from '../pi/types.js';
import { toCredentialId } from './credential-id.js';
import { createJobStream } from './job-stream.js';
import type { JobStreamSink } from './job-stream.js';
import { createJobWatcher } from './job-watcher.js';
import type { JobWatcher } from './job-watcher.js';
import { createMemoryBus } from './memory-bus.js';
import { createRedisBus } from './redis-bus.js';
import type { RetryPolicy } from './retry-policy.js';
import type {
  JobSubscription,
  SubscribeOptions,
  WatcherEvent,
  WatcherRegistry,
  WatcherRegistryOptions,
  WatcherRegistryStats,
} from './types.js';
import type { WatcherBus } from './watcher-bus.js';

// Pi ids are UUIDs; anything much longer is not worth a Redis key or an upstream call.
const MAX_JOB_ID_LENGTH = 128;
const TERMINAL_STATE_TTL_MS = 60_000;

interface Settings {
  pollTimeoutSeconds: number;
  leaseMs: number;
  maxQueuedEvents: number;
  retry: RetryPolicy;
}

/**
 * Creates the registry of job watchers: one watcher per (credential, job) in this process, shared
 * by all its subscribers; with `bus: { redisUrl }` one poller per (credential, job) across replicas.
 * Fails with a `RangeError` listing every invalid option. Connecting to Redis happens in the
 * background: an unreachable Redis never fails a subscription (see `createRedisBus`).
 */
export function createWatcherRegistry(options: WatcherRegistryOptions): WatcherRegistry {
  const settings = resolveSettings(options);
  const onEvent = (event: WatcherEvent): void => options.onEvent?.(event);
  const watchers = new Map<string, JobWatcher>();
  let requestsInFlight = 0;
  let closing: Promise<void> | undefined;

  const notifyLocal = (jobId: string): void => {
    for (const watcher of watchers.values()) if (watcher.jobId === jobId) watcher.refresh();
  };

  const bus: WatcherBus =
    options.bus === undefined || options.bus === 'memory'
      ? createMemoryBus()
      : createRedisBus({
          redisUrl: options.bus.redisUrl,
          replicaId: options.replicaId ?? randomUUID(),
          leaseMs: settings.leaseMs,
          stateTtlMs: settings.pollTimeoutSeconds * 2000 + settings.leaseMs,
          terminalStateTtlMs: TERMINAL_STATE_TTL_MS,
          onNotify: notifyLocal,
          onEvent,
        });

  function watcherFor(credential: Credential, jobId: string): JobWatcher {
    const credentialId = toCredentialId(credential);
    const id = `${credentialId}:${jobId}`;
    const existing = watchers.get(id);
    if (existing !== undefined) return existing;
    const watcher = createJobWatcher({
      key: { credentialId, jobId },
      credential,
      fetchJob: options.fetchJob,
      bus,
      pollTimeoutSeconds: settings.pollTimeoutSeconds,
      retry: settings.retry,
      onRequest: (delta) => {
        requestsInFlight += delta;
      },
      onEvent,
      onFinished: () => {
        if (watchers.get(id) === watcher) watchers.delete(id);
      },
    });
    watchers.set(id, watcher);
    return watcher;
  }

  return {
    subscribe(credential, jobId, subscribeOptions: SubscribeOptions = {}): JobSubscription {
      const { signal } = subscribeOptions;
      if (closing !== undefined || signal?.aborted === true) return endedSubscription(settings);
      if (jobId.length === 0 || jobId.length > MAX_JOB_ID_LENGTH) {
        const error = new GatewayError(
          `${describeResource({ kind: 'job', id: jobId })} was not found.`,
          {
            code: ErrorCode.NOT_FOUND,
          },
        );
        return endedSubscription(settings, error);
      }
      const watcher = watcherFor(credential, jobId);
      let sink: JobStreamSink | undefined;
      const stream = createJobStream({
        maxQueued: settings.maxQueuedEvents,
        signal,
        onRelease: () => {
          if (sink !== undefined) watcher.remove(sink);
        },
        onOverflow: () => onEvent({ type: 'subscriber-overflow', jobId }),
      });
      sink = stream.sink;
      watcher.add(sink);
      return stream.subscription;
    },
    notify(jobId) {
      if (closing !== undefined) return;
      notifyLocal(jobId);
      bus.broadcastNotify(jobId);
    },
    stats(): WatcherRegistryStats {
      const all = [...watchers.values()];
      return {
        watchers: all.length,
        subscribers: all.reduce((sum, watcher) => sum + watcher.subscriberCount, 0),
        requestsInFlight,
        pollers: all.filter((watcher) => watcher.isPolling).length,
        leasesHeld: all.filter((watcher) => watcher.holdsLease).length,
      };
    },
    close(closeOptions = {}) {
      const release = closeOptions.releaseLeases ?? true;
      closing ??= (async () => {
        const all = [...watchers.values()];
        watchers.clear();
        await Promise.all(all.map((watcher) => watcher.close(release)));
        await bus.close(release);
      })();
      return closing;
    },
  };
}

function endedSubscription(settings: Settings, error?: GatewayError): JobSubscription {
  const { subscription, sink } = createJobStream({
    maxQueued: settings.maxQueuedEvents,
    onRelease: () => {},
  });
  if (error === undefined) sink.end();
  else sink.fail(error);
  return subscription;
}

function resolveSettings(options: WatcherRegistryOptions): Settings {
  const backoff = options.backoff ?? {};
  const settings: Settings = {
    pollTimeoutSeconds: options.pollTimeoutSeconds ?? 5,
    leaseMs: options.leaseMs ?? 5000,
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
  check('leaseMs', settings.leaseMs, 50);
  check('maxQueuedEvents', settings.maxQueuedEvents, 1);
  check('backoff.baseMs', settings.retry.baseMs, 0);
  check('backoff.maxMs', settings.retry.maxMs, 0);
  check('backoff.maxFailures', settings.retry.maxFailures, 1);
  check('backoff.failureBudgetMs', settings.retry.failureBudgetMs, 0);
  check('backoff.notFoundRetries', settings.retry.notFoundRetries, 0);
  check('backoff.notFoundDelayMs', settings.retry.notFoundDelayMs, 0);
  if (problems.length > 0)
    throw new RangeError(`Invalid watcher registry options: ${problems.join('; ')}.`);
  return settings;
}
