import DataLoader from 'dataloader';
import { mergeReadOptions } from './read-options.js';
import type { ReadOptions } from './read-options.js';
import type { LoadKey, PiApi, PiLoaders } from './types.js';

/** `id|expansions|fields`, with both lists sorted (`*` = the whole object). */
export function readKey<E extends string>({ id, options }: LoadKey<ReadOptions<E>>): string {
  const expand = [...new Set(options.expand ?? [])].sort().join(',');
  const fields = options.fields === undefined ? '*' : [...new Set(options.fields)].sort().join(',');
  return `${id}|${expand}|${fields}`;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * A batch function for reads keyed by `{ id, options }`: keys of one id are merged with
 * `mergeReadOptions` into ONE read (made through `read`), all ids in parallel; every key gets its
 * id's DTO, or that id's `Error` (DataLoader's contract: same length, same order).
 */
function mergingBatch<O extends ReadOptions<string>, T>(
  read: (id: string, options: O) => Promise<T>,
): DataLoader.BatchLoadFn<LoadKey<O>, T> {
  return async (keys) => {
    const merged = new Map<string, O>();
    for (const { id, options } of keys) {
      const previous = merged.get(id);
      merged.set(id, previous === undefined ? options : (mergeReadOptions(previous, options) as O));
    }
    const results = new Map<string, Promise<T | Error>>();
    for (const [id, options] of merged) {
      results.set(
        id,
        read(id, options).catch((error: unknown) => asError(error)),
      );
    }
    return Promise.all(keys.map(({ id }) => results.get(id)!));
  };
}

function singleBatch<T>(read: (id: string) => Promise<T>): DataLoader.BatchLoadFn<string, T> {
  return (ids) => Promise.all(ids.map((id) => read(id).catch((error: unknown) => asError(error))));
}

/**
 * Per-operation DataLoaders over `api` (build them per request: there is no cross-request cache;
 * sharing across operations is the client's in-flight dedupe). `job` and `brand` merge same-id
 * keys of one tick into one read; `savedAvatar` and `run` load by id.
 */
export function createPiLoaders(api: PiApi): PiLoaders {
  return {
    job: new DataLoader(
      mergingBatch((id, options) => api.getJob(id, options)),
      { cacheKeyFn: readKey },
    ),
    brand: new DataLoader(
      mergingBatch((id, options) => api.getBrand(id, options)),
      { cacheKeyFn: readKey },
    ),
    savedAvatar: new DataLoader(singleBatch((id) => api.getSavedAvatar(id))),
    run: new DataLoader(singleBatch((id) => api.getRun(id))),
  };
}
