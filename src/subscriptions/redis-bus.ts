import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { sanitizeUpstreamMessage } from '../errors/index.js';
import { abortableDelay } from './backoff.js';
import { isTerminalJob, toVersionKey } from './job-version.js';
import { parseBusMessage } from './bus-message.js';
import { CLAIM_SCRIPT, RELEASE_SCRIPT, STORE_SCRIPT } from './redis-scripts.js';
import type { BusMessage } from './bus-message.js';
import type { VersionedJob, WatcherEvent } from './types.js';
import type { BusMembership, BusPeer, WatchKey, WatcherBus } from './watcher-bus.js';

export interface RedisBusOptions {
  redisUrl: string;
  /** Written into lease values (diagnostics). */
  replicaId: string;
  /** Lease lifetime; holders renew every third of it, others try to take it every half. */
  leaseMs: number;
  /** TTL of a stored non-terminal state (refreshed by every poll). */
  stateTtlMs: number;
  /** TTL of a stored terminal state. */
  terminalStateTtlMs: number;
  /** Another replica received a webhook for `jobId`. */
  onNotify: (jobId: string) => void;
  onEvent: (event: WatcherEvent) => void;
}

const PREFIX = 'pi-gw';
const NOTIFY_CHANNEL = `${PREFIX}:notify`;

/**
 * Creates the Redis bus (ioredis, one connection for commands and one in subscriber mode).
 * Per (credential id, job): a lease `pi-gw:lease:<cred>:<job>` decides which replica polls; states
 * go as JSON `{ type: 'state', version, job }` on `pi-gw:job:<cred>:<job>` and into the hash
 * `pi-gw:state:<cred>:<job>` (TTL) so a replica that joins later starts from it without an
 * upstream call. Webhook notifications go on `pi-gw:notify`.
 * Redis being down never fails a watcher: the lease holder keeps polling and serving its own
 * subscribers, and a replica that cannot reach Redis for a whole lease time polls on its own until
 * it can again. After a reconnect (ioredis resubscribes the channels) every watcher re-reads its job.
 */
export function createRedisBus(options: RedisBusOptions): WatcherBus {
  const { leaseMs, onEvent } = options;
  const report = (error: unknown): void => {
    const message = error instanceof Error ? sanitizeUpstreamMessage(error.message) : undefined;
    onEvent({ type: 'redis-error', message: message ?? 'Redis command failed' });
  };
  // Commands fail fast while Redis is away (the loops retry on their own); subscriptions wait for it.
  const commands = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  const subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  commands.on('error', report);
  subscriber.on('error', report);

  const members = new Map<string, RedisMember>();
  let connectionLost = false;
  subscriber.on('close', () => {
    connectionLost = true;
  });
  subscriber.on('ready', () => {
    if (!connectionLost) return;
    connectionLost = false;
    onEvent({ type: 'redis-reconnected' });
    for (const member of members.values()) member.reconnected();
  });
  subscriber.on('message', (channel: string, text: string) => {
    if (channel === NOTIFY_CHANNEL) return onNotifyMessage(text);
    const member = members.get(channel);
    if (member === undefined) return;
    const message = parseBusMessage(text);
    if (message === undefined) return onEvent({ type: 'bad-message', channel: 'job' });
    member.received(message);
  });
  subscriber.subscribe(NOTIFY_CHANNEL).catch(report);

  function onNotifyMessage(text: string): void {
    const message = parseBusMessage(text);
    if (message?.type !== 'notify') return onEvent({ type: 'bad-message', channel: 'notify' });
    if (message.replicaId !== options.replicaId) options.onNotify(message.jobId);
  }

  interface RedisMember {
    received(message: BusMessage): void;
    reconnected(): void;
    leave(release: boolean): Promise<void>;
  }

  function join(key: WatchKey, peer: BusPeer): BusMembership {
    const suffix = `${key.credentialId}:${key.jobId}`;
    const channel = `${PREFIX}:job:${suffix}`;
    const leaseKey = `${PREFIX}:lease:${suffix}`;
    const stateKey = `${PREFIX}:state:${suffix}`;
    const token = `${options.replicaId}:${randomUUID()}`;
    let isPoller = false;
    let holdsLease = false;
    let left = false;
    let lastAnswerAt = Date.now();
    let timer: NodeJS.Timeout | undefined;
    let claiming: Promise<void> | undefined;
    let claimAgain = false;

    const setRole = (poller: boolean, lease: boolean): void => {
      if (lease && !holdsLease) onEvent({ type: 'lease-acquired', jobId: key.jobId });
      if (!lease && holdsLease) onEvent({ type: 'lease-lost', jobId: key.jobId });
      holdsLease = lease;
      if (poller === isPoller) return;
      isPoller = poller;
      peer.onRoleChange(poller);
    };

    const schedule = (): void => {
      if (left) return;
      clearTimeout(timer);
      timer = setTimeout(claimNow, Math.max(1, Math.round(isPoller ? leaseMs / 3 : leaseMs / 2)));
      timer.unref();
    };

    function claimNow(): void {
      if (left) return;
      // A claim in flight may have been answered before a release it now races with: claim again.
      if (claiming !== undefined) {
        claimAgain = true;
        return;
      }
      claiming = claim().finally(() => {
        claiming = undefined;
        if (!claimAgain) return schedule();
        claimAgain = false;
        claimNow();
      });
    }

    async function claim(): Promise<void> {
      try {
        const result = await commands.eval(CLAIM_SCRIPT, 1, leaseKey, token, String(leaseMs));
        lastAnswerAt = Date.now();
        if (left) return;
        setRole(result === 1, result === 1);
      } catch (error) {
        report(error);
        // Unreachable for a whole lease: nobody can be coordinating, so poll rather than stall.
        if (!left && !isPoller && Date.now() - lastAnswerAt >= leaseMs) setRole(true, false);
      }
    }

    const member: RedisMember = {
      received(message) {
        if (message.type === 'state') peer.onState(message.state);
        else if (message.type === 'error') peer.onError(message.error);
        else if (message.type === 'released' && !holdsLease) claimNow();
      },
      reconnected() {
        peer.onReconnect();
        claimNow();
      },
      leave: (release) => membership.leave(release),
    };
    members.set(channel, member);

    const ready = (async (): Promise<VersionedJob | undefined> => {
      // Subscribe before reading the stored state, so no state published in between is missed.
      await withTimeout(subscriber.subscribe(channel), Math.min(leaseMs, 2000)).catch(report);
      claimNow();
      await claiming;
      if (left) return undefined;
      try {
        const stored = await commands.hget(stateKey, 'j');
        const message = stored === null ? undefined : parseBusMessage(stored);
        return message?.type === 'state' ? message.state : undefined;
      } catch (error) {
        report(error);
        return undefined;
      }
    })();

    const membership: BusMembership = {
      get isPoller() {
        return isPoller;
      },
      get holdsLease() {
        return holdsLease;
      },
      ready,
      publish(state, changed) {
        if (left) return;
        const ttl = isTerminalJob(state.job) ? options.terminalStateTtlMs : options.stateTtlMs;
        const text = JSON.stringify({ type: 'state', version: state.version, job: state.job });
        commands
          .eval(
            STORE_SCRIPT,
            1,
            stateKey,
            toVersionKey(state.version),
            text,
            String(ttl),
            changed ? channel : '',
          )
          .catch(report);
      },
      publishError(error) {
        if (left) return;
        const { code, retryAfter } = error.extensions;
        const text = JSON.stringify({ type: 'error', code, message: error.message, retryAfter });
        commands.publish(channel, text).catch(report);
      },
      async leave(release) {
        if (left) return;
        left = true;
        clearTimeout(timer);
        if (members.get(channel) === member) members.delete(channel);
        subscriber.unsubscribe(channel).catch(report);
        const mayHold = holdsLease || claiming !== undefined;
        if (!release || !mayHold) return;
        await claiming;
        try {
          const released = await withTimeout(
            commands.eval(RELEASE_SCRIPT, 1, leaseKey, token, channel),
            leaseMs,
          );
          if (released === 1) onEvent({ type: 'lease-released', jobId: key.jobId });
        } catch (error) {
          report(error);
        }
        holdsLease = false;
      },
    };
    return membership;
  }

  return {
    join,
    broadcastNotify(jobId) {
      const text = JSON.stringify({ type: 'notify', replicaId: options.replicaId, jobId });
      commands.publish(NOTIFY_CHANNEL, text).catch(report);
    },
    async close(release) {
      await Promise.all([...members.values()].map((member) => member.leave(release)));
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  const timeout = new AbortController();
  try {
    return await Promise.race([
      promise,
      abortableDelay(ms, timeout.signal).then(() =>
        Promise.reject(new Error('Redis did not answer in time')),
      ),
    ]);
  } finally {
    timeout.abort();
  }
}
