import type { BusMembership, WatcherBus } from './watcher-bus.js';

/**
 * The single-process bus: watchers are unique per key within the registry, so each one simply
 * polls, and there is nobody else to tell.
 */
export function createMemoryBus(): WatcherBus {
  const membership: BusMembership = {
    isPoller: true,
    holdsLease: false,
    ready: Promise.resolve(undefined),
    publish() {},
    publishError() {},
    leave: () => Promise.resolve(),
  };
  return {
    join: () => membership,
    broadcastNotify() {},
    close: () => Promise.resolve(),
  };
}
