import type { JobDto } from '../pi/dto.js';
import { compareJobVersions, isTerminalJob } from './job-version.js';
import { createStateStream } from './state-stream.js';
import type { StateStreamSink, StreamOptions } from './state-stream.js';
import type { JobSubscription, VersionedJob } from './types.js';

/** The watcher's side of one job subscriber. */
export type JobStreamSink = StateStreamSink<VersionedJob>;

export type JobStreamOptions = StreamOptions;

/**
 * Creates one job subscriber's stream (see `createStateStream`). Versions only move forward: a
 * state not newer than the last one accepted is dropped, so the consumer never sees an older state
 * after a newer one, whatever order the watcher got them in (duplicates, stale bus messages).
 */
export function createJobStream(options: JobStreamOptions): {
  subscription: JobSubscription;
  sink: JobStreamSink;
} {
  return createStateStream<VersionedJob, JobDto>({ ...options, valueOf, isTerminal, follows });
}

// Shared by every stream rather than three closures per subscriber.
const valueOf = (state: VersionedJob): JobDto => state.job;
const isTerminal = (state: VersionedJob): boolean => isTerminalJob(state.job);
const follows = (state: VersionedJob, last: VersionedJob): boolean =>
  compareJobVersions(state.version, last.version) > 0;
