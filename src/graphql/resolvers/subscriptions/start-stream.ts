/** A watcher's stream as the subscription resolvers use it (`JobSubscription`, `RunSubscription`). */
export interface WatchStream<T> extends AsyncIterableIterator<T> {
  next(): Promise<IteratorResult<T, undefined>>;
  return(): Promise<IteratorResult<T, undefined>>;
}

/**
 * Waits for a watcher stream's first state and returns the stream with that state put back in
 * front. Awaiting it here, in the field's `subscribe`, is what turns a job or run the caller cannot
 * see into an execution error (`NOT_FOUND` in the subscription's first payload) instead of a
 * stream that errors later. `return()` on the result releases the stream at once.
 *
 * @throws whatever the first `next()` rejects with (the stream is then already released).
 */
export async function startStream<T>(stream: WatchStream<T>): Promise<AsyncIterableIterator<T>> {
  const first = await stream.next();
  let pending: IteratorResult<T, undefined> | undefined = first;
  const started: AsyncIterableIterator<T> = {
    next() {
      if (pending === undefined) return stream.next();
      const result = pending;
      pending = undefined;
      return Promise.resolve(result);
    },
    return() {
      pending = undefined;
      return stream.return();
    },
    [Symbol.asyncIterator]() {
      return started;
    },
  };
  return started;
}
