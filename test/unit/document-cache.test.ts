import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createDocumentCache } from '../../src/server/create-document-cache.js';

const texts = ['{ a }', '{ b }', '{ c }'];

describe('createDocumentCache', () => {
  it('should give back the same document and id for the same text, and nothing for an unknown text', () => {
    const cache = createDocumentCache();
    const added = cache.add(texts[0]!, parse(texts[0]!));
    expect(cache.get(texts[0]!)).toBe(added);
    expect(cache.get(texts[1]!)).toBeUndefined();
  });

  it('should give distinct ids to distinct texts, also to a text it does not keep', () => {
    const cache = createDocumentCache({ maxChars: 5 });
    const kept = cache.add(texts[0]!, parse(texts[0]!));
    const tooLong = cache.add('{ long }', parse('{ long }'));
    expect(tooLong.id).not.toBe(kept.id);
    expect(cache.get('{ long }')).toBeUndefined();
  });

  it('should drop the least recently used document first when over maxEntries', () => {
    const cache = createDocumentCache({ maxEntries: 2 });
    cache.add(texts[0]!, parse(texts[0]!));
    cache.add(texts[1]!, parse(texts[1]!));
    cache.get(texts[0]!);
    cache.add(texts[2]!, parse(texts[2]!));
    expect(cache.get(texts[1]!)).toBeUndefined();
    expect(cache.get(texts[0]!)).toBeDefined();
    expect(cache.get(texts[2]!)).toBeDefined();
  });

  it('should drop documents until the kept text fits in maxChars', () => {
    const cache = createDocumentCache({ maxChars: 10 });
    cache.add(texts[0]!, parse(texts[0]!));
    cache.add(texts[1]!, parse(texts[1]!));
    cache.add(texts[2]!, parse(texts[2]!));
    expect(cache.get(texts[0]!)).toBeUndefined();
    expect(cache.get(texts[1]!)).toBeDefined();
    expect(cache.get(texts[2]!)).toBeDefined();
  });

  it('should refuse bounds that are not positive integers', () => {
    expect(() => createDocumentCache({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => createDocumentCache({ maxChars: 1.5 })).toThrow(RangeError);
  });
});
