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
  return new MappedSourceStream(source, map, onError);
}

// Methods on the prototype: one object per subscription rather than five closures.
class MappedSourceStream<T, U> implements MappedStream<U> {
  readonly #source: AsyncIterator<T>;
  readonly #map: (value: T) => Promise<U> | U;
  readonly #onError: (error: unknown) => U;
  #finished = false;

  constructor(
    source: AsyncIterator<T>,
    map: (value: T) => Promise<U> | U,
    onError: (error: unknown) => U,
  ) {
    this.#source = source;
    this.#map = map;
    this.#onError = onError;
  }

  async next(): Promise<IteratorResult<U, undefined>> {
    if (this.#finished) return DONE;
    let result: IteratorResult<T>;
    try {
      result = await this.#source.next();
    } catch (error) {
      if (this.#finished) return DONE;
      this.#finished = true;
      return { done: false, value: this.#onError(error) };
    }
    if (this.#finished || result.done === true) return this.#finish();
    try {
      return { done: false, value: await this.#map(result.value) };
    } catch (error) {
      await this.#finish();
      throw error;
    }
  }

  return(): Promise<IteratorResult<U, undefined>> {
    return this.#finish();
  }

  throw(): Promise<IteratorResult<U, undefined>> {
    return this.#finish();
  }

  [Symbol.asyncIterator](): MappedStream<U> {
    return this;
  }

  async #finish(): Promise<IteratorResult<U, undefined>> {
    if (this.#finished) return DONE;
    this.#finished = true;
    await this.#source.return?.();
    return DONE;
  }
}
