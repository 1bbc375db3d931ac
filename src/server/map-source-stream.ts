export interface MappedStream<U> extends AsyncIterableIterator<U> {
  next(): Promise<IteratorResult<U, undefined>>;
  return(): Promise<IteratorResult<U, undefined>>;
  throw(error?: unknown): Promise<IteratorResult<U, undefined>>;
}

const DONE = { done: true, value: undefined } as const;

/**
 * Maps each value of a source stream with `map` (one at a time, in order). When the source
 * rejects, `onError` turns the error into one last value and the stream ends, so the consumer gets
 * a final result rather than an exception. `return()` (and `throw()`) release the source at once,
 * also while a `next()` is pending, which is what lets an unsubscribe or a closed socket stop the
 * upstream polling behind a subscription immediately.
 */
export function mapSourceStream<T, U>(
  source: AsyncIterator<T>,
  map: (value: T) => Promise<U> | U,
  onError: (error: unknown) => U,
): MappedStream<U> {
  let finished = false;
  const finish = async (): Promise<IteratorResult<U, undefined>> => {
    if (finished) return DONE;
    finished = true;
    await source.return?.();
    return DONE;
  };
  const stream: MappedStream<U> = {
    async next() {
      if (finished) return DONE;
      let result: IteratorResult<T>;
      try {
        result = await source.next();
      } catch (error) {
        if (finished) return DONE;
        finished = true;
        return { done: false, value: onError(error) };
      }
      if (finished || result.done === true) return finish();
      try {
        return { done: false, value: await map(result.value) };
      } catch (error) {
        await finish();
        throw error;
      }
    },
    return: finish,
    throw: finish,
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
