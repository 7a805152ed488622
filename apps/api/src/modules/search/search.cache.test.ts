import type { SearchResult } from '@kb/search';
import { describe, expect, it } from 'vitest';
import { SearchCache } from './search.cache';

const answer = (total: number): SearchResult =>
  ({
    hits: [],
    total,
    facets: { offenseType: {}, consequence: {}, jurisdiction: {}, kind: {}, publisher: {} },
  }) as SearchResult;

describe('SearchCache', () => {
  it('answers a repeated key from memory while enabled, and always computes while disabled', async () => {
    const cache = new SearchCache();
    let computed = 0;
    const compute = async () => answer(++computed);
    expect((await cache.get('k', compute))?.total).toBe(1);
    expect((await cache.get('k', compute))?.total).toBe(2);
    cache.setEnabled(true);
    expect((await cache.get('k', compute))?.total).toBe(3);
    expect((await cache.get('k', compute))?.total).toBe(3);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
    cache.setEnabled(false);
    expect((await cache.get('k', compute))?.total).toBe(4);
  });

  it('serves an answer Meilisearch cut short under load once, and keeps the next whole one', async () => {
    const cache = new SearchCache();
    cache.setEnabled(true);
    expect((await cache.get('k', async () => ({ ...answer(1), cutShort: true })))?.total).toBe(1);
    expect((await cache.get('k', async () => answer(2)))?.total).toBe(2);
    expect((await cache.get('k', async () => answer(3)))?.total).toBe(2);
  });

  it('forgets everything on invalidation, and keeps no answer computed across one', async () => {
    const cache = new SearchCache();
    cache.setEnabled(true);
    await cache.get('a', async () => answer(1));
    cache.invalidate();
    expect((await cache.get('a', async () => answer(2)))?.total).toBe(2);
    // An invalidation while Meilisearch was answering: that answer may predate the change.
    await cache.get('b', async () => {
      cache.invalidate();
      return answer(3);
    });
    expect((await cache.get('b', async () => answer(4)))?.total).toBe(4);
    // Nothing is kept for a failed call (undefined: the fallback answers instead).
    await cache.get('c', async () => undefined);
    expect((await cache.get('c', async () => answer(5)))?.total).toBe(5);
  });

  it('evicts the least recently used beyond its bound, and expires old answers', async () => {
    let now = 0;
    const realNow = Date.now;
    Date.now = () => now;
    try {
      const cache = new SearchCache(2, 1_000);
      cache.setEnabled(true);
      await cache.get('a', async () => answer(1));
      await cache.get('b', async () => answer(2));
      await cache.get('a', async () => answer(0));
      await cache.get('c', async () => answer(3));
      expect(cache.size).toBe(2);
      expect((await cache.get('a', async () => answer(9)))?.total).toBe(1);
      expect((await cache.get('b', async () => answer(9)))?.total).toBe(9);
      now = 2_000;
      expect((await cache.get('a', async () => answer(7)))?.total).toBe(7);
    } finally {
      Date.now = realNow;
    }
  });
});
