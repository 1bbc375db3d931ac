import type { RunDto } from '../pi/dto.js';
import { isTerminalRun } from './run-state.js';
import type { RunSubscription } from './run-types.js';
import { createStateStream } from './state-stream.js';
import type { StateStreamSink, StreamOptions } from './state-stream.js';

/** The watcher's side of one run subscriber (the watcher only pushes changes, in order). */
export type RunStreamSink = StateStreamSink<RunDto>;

export type RunStreamOptions = StreamOptions;

/**
 * Creates one run subscriber's stream (see `createStateStream`): states are whole runs, so a slow
 * consumer skipping one loses nothing the next does not say.
 */
export function createRunStream(options: RunStreamOptions): {
  subscription: RunSubscription;
  sink: RunStreamSink;
} {
  return createStateStream<RunDto, RunDto>({
    ...options,
    valueOf: (run) => run,
    isTerminal: isTerminalRun,
  });
}
