import type { ChildMessage, ParentMessage } from './ipc-messages.js';

/** A child's request handlers by message type; each gets the message's payload. */
export type ChildHandlers = Record<string, (payload: never) => unknown>;

/**
 * The child side of `startChild`: runs `start()`, reports its result as ready (or the failure,
 * then exits 1), and answers the runner's calls with `handlers`. `stop` (built in) runs the
 * returned `stop()` and exits; so does the runner going away, so no child outlives a bench.
 */
export async function serveParent<Ready>(
  start: () => Promise<{ ready: Ready; handlers: ChildHandlers; stop(): Promise<void> }>,
): Promise<void> {
  const send = (message: ChildMessage) => process.send?.(message);
  let started: Awaited<ReturnType<typeof start>>;
  try {
    started = await start();
  } catch (error) {
    send({ kind: 'failed', error: describe(error) });
    process.exit(1);
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= started.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    ));

  process.on('message', (message: ParentMessage) => {
    if (message.kind !== 'call') return;
    if (message.type === 'stop') {
      send({ kind: 'reply', id: message.id, ok: true, value: null });
      void stop();
      return;
    }
    const handler = started.handlers[message.type] as ((payload: unknown) => unknown) | undefined;
    Promise.resolve()
      .then(() => {
        if (handler === undefined) throw new Error(`no handler for ${message.type}`);
        return handler(message.payload);
      })
      .then(
        (value) => send({ kind: 'reply', id: message.id, ok: true, value: value ?? null }),
        (error: unknown) =>
          send({ kind: 'reply', id: message.id, ok: false, error: describe(error) }),
      );
  });
  process.on('disconnect', () => void stop());
  send({ kind: 'ready', value: started.ready });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
