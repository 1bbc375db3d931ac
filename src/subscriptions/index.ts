export { createWatcherRegistry } from './watcher-registry.js';
export { toCredentialId } from './credential-id.js';
export { createRunWatcherRegistry } from './run-watcher-registry.js';
export { isTerminalRun } from './run-state.js';
export type {
  FetchRun,
  FetchRunRequest,
  RunSubscription,
  RunWatcherRegistry,
  RunWatcherRegistryOptions,
  RunWatcherRegistryStats,
} from './run-types.js';
export { compareJobVersions, isTerminalJob, toVersionedJob } from './job-version.js';
export type {
  CloseOptions,
  FetchJob,
  FetchJobRequest,
  JobSubscription,
  JobVersion,
  SubscribeOptions,
  VersionedJob,
  WatcherBackoffOptions,
  WatcherEvent,
  WatcherRegistry,
  WatcherRegistryOptions,
  WatcherRegistryStats,
} from './types.js';
