import type { DocumentNode } from 'graphql';

/** A parsed and validated document, with an id that is the same for every use of its text. */
export interface CachedDocument {
  /** Equal for two operations exactly when they sent the same text (while it stays cached). */
  readonly id: number;
  readonly document: DocumentNode;
}

export interface DocumentCacheOptions {
  /** Most documents kept. @default 1000 */
  maxEntries?: number;
  /** Most characters of query text kept in all; a longer text is never kept. @default 262144 */
  maxChars?: number;
}

/** Valid documents by query text, least recently used first out. */
export interface DocumentCache {
  /** The document of `query` when it was parsed and validated before (and is still kept). */
  get(query: string): CachedDocument | undefined;
  /**
   * Keeps `document`, already parsed from `query` and found valid, and returns it with a fresh id.
   * Only valid documents belong here: an invalid one is parsed and validated again every time, so
   * its errors are exactly those of a first attempt.
   */
  add(query: string, document: DocumentNode): CachedDocument;
}

/**
 * Creates a bounded LRU of parsed, valid documents keyed by their exact text, so that thousands of
 * subscribers sending the same document share one `DocumentNode` (and skip parse and validation).
 * Bounded by entries and by characters of text (a document's AST is some tens of times its text).
 * Throws a `RangeError` when a bound is not a positive integer.
 */
export function createDocumentCache(options: DocumentCacheOptions = {}): DocumentCache {
  const maxEntries = options.maxEntries ?? 1000;
  const maxChars = options.maxChars ?? 262_144;
  if (
    !Number.isInteger(maxEntries) ||
    maxEntries < 1 ||
    !Number.isInteger(maxChars) ||
    maxChars < 1
  )
    throw new RangeError('Document cache bounds must be positive integers.');
  // A Map iterates in insertion order: re-inserting on every hit keeps the oldest use first.
  const entries = new Map<string, CachedDocument>();
  let chars = 0;
  let nextId = 1;

  return {
    get(query) {
      const entry = entries.get(query);
      if (entry === undefined) return undefined;
      entries.delete(query);
      entries.set(query, entry);
      return entry;
    },
    add(query, document) {
      const entry: CachedDocument = { id: nextId++, document };
      if (query.length > maxChars || entries.has(query)) return entry;
      entries.set(query, entry);
      chars += query.length;
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && chars <= maxChars) break;
        entries.delete(oldest);
        chars -= oldest.length;
      }
      return entry;
    },
  };
}
