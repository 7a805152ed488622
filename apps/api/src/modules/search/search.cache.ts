import type { SearchResult } from '@kb/search';

/** Answers kept per process: the hot queries of a library fit many times over (~10–30 kB each). */
const MAX_ENTRIES = 1_000;
/** A bound in case an invalidation is ever missed while the connection looked healthy. */
const MAX_AGE_MS = 60_000;

/**
 * Meilisearch's answers to recent searches, keyed by what decides them (the normalized request,
 * see SearchIndex.searchKey), least recently used evicted first. Emptied whenever any replica
 * changed the indexes (the search index channel), and off while this process cannot hear those
 * notifications: a stale answer is worse than a slower one. Only Meilisearch's part is cached;
 * the user and the published state of each hit are still checked by every request.
 */
export class SearchCache {
  private readonly entries = new Map<string, { at: number; result: SearchResult }>();
  /** Bumped by every invalidation: an answer computed across one is not kept. */
  private generation = 0;
  private on = false;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = MAX_ENTRIES,
    private readonly maxAgeMs = MAX_AGE_MS,
  ) {}

  /** The cached answer for `key`, else `compute()`'s (kept unless undefined or invalidated meanwhile). */
  async get(key: string, compute: () => Promise<SearchResult | undefined>): Promise<SearchResult | undefined> {
    if (!this.on) return compute();
    const entry = this.entries.get(key);
    if (entry && Date.now() - entry.at < this.maxAgeMs) {
      this.hits++;
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.result;
    }
    this.misses++;
    const generation = this.generation;
    const result = await compute();
    // An answer Meilisearch cut short under load is served once, not kept for the next readers.
    if (result && !result.cutShort && this.on && generation === this.generation) {
      this.entries.delete(key);
      this.entries.set(key, { at: Date.now(), result });
      while (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest === undefined) break;
        this.entries.delete(oldest);
      }
    }
    return result;
  }

  /** The indexes changed: nothing cached is current any more. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  /** On while invalidations can be heard; turning it on or off starts empty. */
  setEnabled(enabled: boolean): void {
    this.invalidate();
    this.on = enabled;
  }

  get enabled(): boolean {
    return this.on;
  }

  get size(): number {
    return this.entries.size;
  }
}
